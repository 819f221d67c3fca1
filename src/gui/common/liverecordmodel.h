#pragma once

#include "cellhighlights.h"
#include "guistyle.h"
#include "recordchange.h"

#include <QAbstractTableModel>
#include <QBasicTimer>
#include <QColor>
#include <QElapsedTimer>
#include <QTimerEvent>
#include <algorithm>
#include <deque>
#include <limits>

// A table of a store's records (users, products), one row per record in ascending id order, as
// the store's change batches describe it: what the Users and Products tabs share. A batch is
// applied in order, a run of additions as one insertion and a run of neighbouring removals as one
// removal; cells a change touched light up and fade out. The derived model says what its
// columns show and which of them a change touched.
//
// Not a Q_OBJECT (a template cannot be): the derived models are, for their own tr() and signals.
template<typename Record>
class LiveRecordModel : public QAbstractTableModel
{
public:
    using Columns = CellHighlights::Columns; // bit n: model column n
    using Change = RecordChange<Record>;

    enum Role {
        HighlightRole = Qt::UserRole + 1, // qreal: 1 just changed, fading to 0
        SortRole,                         // the typed value: numbers and times sort as such
        FirstOwnRole,                     // where a derived model's roles start
    };

    static constexpr int DefaultHighlightMs = 2000;
    static constexpr int FadeFrameMs = 50;
    static constexpr int MaxHighlightedRows = 1000;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_records.size());
    }

    const Record &recordAt(int row) const
    {
        Q_ASSERT(row >= 0 && size_t(row) < m_records.size());
        return m_records[size_t(row)];
    }

    int rowOf(qint64 id) const // -1 if there is no such record
    {
        const int row = lowerBoundRow(id);
        return size_t(row) < m_records.size() && m_records[size_t(row)].id == id ? row : -1;
    }

    void applyChanges(const QList<Change> &changes)
    {
        // Whatever came before the last reset of the batch is moot.
        const auto lastReset =
            std::find_if(changes.crbegin(), changes.crend(),
                         [](const Change &c) { return c.kind == Change::Kind::Reset; });
        qsizetype next = lastReset == changes.crend() ? 0 : changes.crend() - lastReset - 1;
        while (next < changes.size()) {
            const Change &change = changes[next];
            switch (change.kind) {
            case Change::Kind::Reset:
                resetTo(change.records);
                ++next;
                break;
            case Change::Kind::Added:
                next = appendAddedRun(changes, next);
                break;
            case Change::Kind::Updated:
                insertOrUpdate(change.record);
                ++next;
                break;
            case Change::Kind::Removed:
                next = removeRemovedRun(changes, next);
                break;
            }
        }
    }

    void setHighlightDuration(int ms) { m_highlights.setDuration(ms); }
    int highlightDuration() const { return int(m_highlights.duration()); }
    int highlightedCellCount() const { return m_highlights.cellCount(); }
    bool isFading() const { return m_fadeTimer.isActive(); }

protected:
    explicit LiveRecordModel(QObject *parent)
        : QAbstractTableModel(parent)
    {
        m_clock.start();
        m_highlights.setDuration(DefaultHighlightMs);
        m_highlights.setMaxRows(MaxHighlightedRows);
    }

    // The columns whose value differs between two states of a record.
    virtual Columns changedColumns(const Record &before, const Record &after) const = 0;
    // The columns to repaint for an update: by default those that changed (a record whose look
    // depends on a value, such as an out-of-stock product, repaints more).
    virtual Columns columnsToRepaint(const Record &before, const Record &after,
                                     Columns changed) const
    {
        Q_UNUSED(before)
        Q_UNUSED(after)
        return changed;
    }

    // How strongly a cell is highlighted now, and its background for Qt::BackgroundRole.
    qreal highlightStrength(const Record &record, int column) const
    {
        return m_highlights.strength(record.id, column, now());
    }
    QVariant highlightBackground(const Record &record, int column) const
    {
        return GuiStyle::highlightBackground(highlightStrength(record, column));
    }

    void timerEvent(QTimerEvent *event) override
    {
        if (event->timerId() != m_fadeTimer.timerId()) {
            QAbstractTableModel::timerEvent(event);
            return;
        }
        repaintHighlights(m_highlights.advance(now()));
        if (m_highlights.isEmpty())
            m_fadeTimer.stop();
    }

private:
    Columns allColumns() const { return (1u << columnCount()) - 1; }
    qint64 now() const { return m_clock.elapsed(); }

    // The first row whose id is not below id: where that record is, or would go.
    int lowerBoundRow(qint64 id) const
    {
        const auto it = std::lower_bound(
            m_records.cbegin(), m_records.cend(), id,
            [](const Record &record, qint64 wanted) { return record.id < wanted; });
        return int(it - m_records.cbegin());
    }

    void resetTo(const QList<Record> &records)
    {
        const auto hasLowerId = [](const Record &a, const Record &b) {
            return a.id < b.id;
        };
        beginResetModel();
        m_records.assign(records.cbegin(), records.cend());
        if (!std::is_sorted(m_records.cbegin(), m_records.cend(), hasLowerId))
            std::sort(m_records.begin(), m_records.end(), hasLowerId);
        m_highlights.clear();
        m_fadeTimer.stop();
        endResetModel();
    }

    // Stores give new records ids above all others, so a run of additions is one insertion at
    // the end: one rowsInserted for a whole batch, however many requests made it.
    qsizetype appendAddedRun(const QList<Change> &changes, qsizetype first)
    {
        qint64 lastId =
            m_records.empty() ? std::numeric_limits<qint64>::min() : m_records.back().id;
        qsizetype end = first;
        while (end < changes.size() && changes[end].kind == Change::Kind::Added &&
               changes[end].record.id > lastId) {
            lastId = changes[end].record.id;
            ++end;
        }
        if (end == first) { // an id already shown, or below the last one
            insertOrUpdate(changes[first].record);
            return first + 1;
        }
        const int firstRow = int(m_records.size());
        beginInsertRows({}, firstRow, firstRow + int(end - first) - 1);
        for (qsizetype i = first; i < end; ++i)
            m_records.push_back(changes[i].record);
        endInsertRows();
        for (qsizetype i = first; i < end; ++i)
            highlight(changes[i].record.id, allColumns());
        return end;
    }

    // Removals of neighbouring rows in order (a test suite deleting what it made) go as one.
    qsizetype removeRemovedRun(const QList<Change> &changes, qsizetype first)
    {
        const int firstRow = rowOf(changes[first].record.id);
        if (firstRow < 0)
            return first + 1;
        qsizetype end = first + 1;
        while (end < changes.size() && changes[end].kind == Change::Kind::Removed) {
            const size_t row = size_t(firstRow) + size_t(end - first);
            if (row >= m_records.size() || m_records[row].id != changes[end].record.id)
                break;
            ++end;
        }
        const int count = int(end - first);
        beginRemoveRows({}, firstRow, firstRow + count - 1);
        for (int row = firstRow; row < firstRow + count; ++row)
            m_highlights.forget(m_records[size_t(row)].id);
        m_records.erase(m_records.begin() + firstRow, m_records.begin() + firstRow + count);
        endRemoveRows();
        return end;
    }

    void insertOrUpdate(const Record &record)
    {
        if (const int row = rowOf(record.id); row >= 0) {
            Record &stored = m_records[size_t(row)];
            const Columns changed = changedColumns(stored, record);
            const Columns repaint = columnsToRepaint(stored, record, changed);
            stored = record;
            if (repaint)
                emitCellsChanged(row, row, repaint, {});
            if (changed)
                highlight(record.id, changed);
            return;
        }
        const int row = lowerBoundRow(record.id);
        beginInsertRows({}, row, row);
        m_records.insert(m_records.begin() + row, record);
        endInsertRows();
        highlight(record.id, allColumns());
    }

    void highlight(qint64 id, Columns columns)
    {
        m_highlights.touch(id, columns, now());
        if (!m_fadeTimer.isActive())
            m_fadeTimer.start(FadeFrameMs, this);
    }

    // One dataChanged per block of neighbouring rows with the same highlighted columns: a batch
    // of added rows fades with one signal, not one per cell.
    void repaintHighlights(const std::vector<CellHighlights::Cells> &cells)
    {
        static const QList<int> roles{Qt::BackgroundRole, HighlightRole};
        int blockFirst = -1;
        int blockLast = -1;
        Columns blockColumns = 0;
        int row = -1;
        for (const CellHighlights::Cells &highlighted : cells) {
            // Ids ascend like the rows, so the next highlighted record is often on the next row.
            const bool onNextRow = size_t(row + 1) < m_records.size() &&
                                   m_records[size_t(row + 1)].id == highlighted.id;
            row = onNextRow ? row + 1 : rowOf(highlighted.id);
            if (row < 0)
                continue;
            if (blockFirst >= 0 && row == blockLast + 1 && highlighted.columns == blockColumns) {
                blockLast = row;
                continue;
            }
            if (blockFirst >= 0)
                emitCellsChanged(blockFirst, blockLast, blockColumns, roles);
            blockFirst = blockLast = row;
            blockColumns = highlighted.columns;
        }
        if (blockFirst >= 0)
            emitCellsChanged(blockFirst, blockLast, blockColumns, roles);
    }

    // One dataChanged per run of neighbouring columns.
    void emitCellsChanged(int firstRow, int lastRow, Columns columns, const QList<int> &roles)
    {
        const int count = columnCount();
        int column = 0;
        while (column < count) {
            if (!(columns & (1u << column))) {
                ++column;
                continue;
            }
            const int firstColumn = column;
            while (column + 1 < count && (columns & (1u << (column + 1))))
                ++column;
            emit dataChanged(index(firstRow, firstColumn), index(lastRow, column), roles);
            ++column;
        }
    }

    // Ascending by id, as the stores keep them. A deque grows without moving what it holds: no
    // pause to copy a table of a million records when it outgrows its memory.
    std::deque<Record> m_records;
    CellHighlights m_highlights;
    QBasicTimer m_fadeTimer; // runs only while something is highlighted
    QElapsedTimer m_clock;
};
