#pragma once

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <optional>

// What every in-memory table of the API keeps besides its records' own rules: the records by
// id, in id order; each record's contract JSON, ready for the many responses that carry it; ids
// that count up from 1 again after clear(); and a revision that grows with every change, so
// that readers can cache what they derive. Record needs `qint64 id` and `QJsonObject toJson()`.
template<typename Record>
class RecordTable
{
public:
    // A copy of every record: for announcements, not for the paths a request takes.
    QList<Record> records() const { return m_records.values(); }
    // Calls visit(const Record &) for every record in id order, without copying them.
    template<typename Visit>
    void forEach(Visit visit) const
    {
        for (const Record &record : m_records)
            visit(record);
    }
    std::optional<Record> find(qint64 id) const
    {
        const auto it = m_records.constFind(id);
        return it == m_records.cend() ? std::nullopt : std::optional<Record>(*it);
    }
    QJsonObject json(qint64 id) const { return m_json.value(id); }
    // The same serialised compactly, as it goes into a response body.
    QByteArray jsonBytes(qint64 id) const { return m_jsonBytes.value(id); }
    int count() const { return int(m_records.size()); }
    quint64 revision() const { return m_revision; }

    // Stores the record under the next id, which it returns with.
    Record insert(Record record)
    {
        record.id = m_nextId++;
        m_records.insert(record.id, record);
        changed(record);
        return record;
    }

    // Lets `change` edit the stored record in place; the record as changed, or nullopt when
    // there is none with this id.
    template<typename Change>
    std::optional<Record> modify(qint64 id, Change change)
    {
        const auto it = m_records.find(id);
        if (it == m_records.end())
            return std::nullopt;
        change(*it);
        changed(*it);
        return *it;
    }

    std::optional<Record> take(qint64 id)
    {
        const auto it = m_records.constFind(id);
        if (it == m_records.cend())
            return std::nullopt;
        const Record removed = *it;
        m_records.erase(it);
        m_json.remove(id);
        m_jsonBytes.remove(id);
        ++m_revision;
        return removed;
    }

    void clear()
    {
        m_records.clear();
        m_json.clear();
        m_jsonBytes.clear();
        m_nextId = 1;
        ++m_revision;
    }

private:
    void changed(const Record &record)
    {
        const QJsonObject json = record.toJson();
        m_json.insert(record.id, json);
        m_jsonBytes.insert(record.id, QJsonDocument(json).toJson(QJsonDocument::Compact));
        ++m_revision;
    }

    QMap<qint64, Record> m_records;
    QHash<qint64, QJsonObject> m_json;
    QHash<qint64, QByteArray> m_jsonBytes;
    qint64 m_nextId = 1;
    quint64 m_revision = 0;
};
