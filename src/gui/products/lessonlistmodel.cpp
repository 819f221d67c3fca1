#include "lessonlistmodel.h"

#include "guistyle.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QTimerEvent>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// Bit n: column n; columns beyond what CellHighlights keeps are not highlighted.
CellHighlights::Columns allColumns(int count)
{
    const int highlighted = qMin(count, CellHighlights::MaxColumns);
    return highlighted >= 32 ? ~0u : (1u << highlighted) - 1;
}

// The fields that name a nested object best, most telling first.
const QStringList &labelFields()
{
    static const QStringList fields{u"email"_s, u"username"_s, u"name"_s,
                                    u"title"_s, u"code"_s,     u"id"_s};
    return fields;
}

} // namespace

LessonListModel::LessonListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_clock.start();
    m_highlights.setDuration(DefaultHighlightMs);
}

int LessonListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LessonListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString LessonListModel::displayText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::trunc(number) == number && std::abs(number) < 1e15)
            return QString::number(qint64(number));
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        const QJsonArray items = value.toArray();
        if (items.isEmpty())
            return u"[]"_s;
        QStringList texts;
        for (const QJsonValue &item : items)
            texts.append(displayText(item));
        return texts.join(u", "_s);
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        for (const QString &field : labelFields()) {
            const QJsonValue label = object.value(field);
            if (!label.isObject() && !label.isArray() && !label.isUndefined() && !label.isNull())
                return displayText(label);
        }
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    }
    return {};
}

QVariant LessonListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const QJsonValue value = row.record.value(m_columns.at(index.column()));
    switch (role) {
    case Qt::DisplayRole:
        return displayText(value);
    case Qt::ToolTipRole:
        if (value.isObject() || value.isArray()) {
            const QJsonDocument document =
                value.isObject() ? QJsonDocument(value.toObject()) : QJsonDocument(value.toArray());
            return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
        }
        return value.isString() ? value.toString() : QVariant();
    case Qt::TextAlignmentRole:
        if (value.isDouble())
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        return value.isNull() ? QVariant(GuiStyle::inactiveColor()) : QVariant();
    case Qt::BackgroundRole:
        return GuiStyle::highlightBackground(
            m_highlights.strength(row.id, index.column(), m_clock.elapsed()));
    case HighlightRole:
        return m_highlights.strength(row.id, index.column(), m_clock.elapsed());
    case SortRole:
        if (value.isDouble())
            return value.toDouble();
        return displayText(value);
    default:
        return {};
    }
}

QVariant LessonListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < m_columns.size() ? m_columns.at(section) : QVariant();
    return section + 1;
}

int LessonListModel::rowOfKey(const QString &key) const
{
    const auto it = std::find_if(m_rows.cbegin(), m_rows.cend(),
                                 [&key](const Row &row) { return row.key == key; });
    return it == m_rows.cend() ? -1 : int(it - m_rows.cbegin());
}

void LessonListModel::clear()
{
    beginResetModel();
    m_title.clear();
    m_columns.clear();
    m_rows.clear();
    m_idOfKey.clear();
    m_highlights.clear();
    m_fadeTimer.stop();
    m_hasList = false;
    endResetModel();
}

void LessonListModel::setList(const LessonList &list)
{
    if (!m_hasList || list.columns != m_columns) {
        replaceRows(list);
        return;
    }
    m_title = list.title;
    const std::vector<Row> rows = rowsOf(list);
    QHash<QString, int> newRowOfKey;
    newRowOfKey.reserve(qsizetype(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i)
        newRowOfKey.insert(rows[i].key, int(i));
    removeGoneRows(newRowOfKey);
    reorderAs(newRowOfKey);
    insertNewRows(rows);
    updateChangedCells(rows);
}

QString LessonListModel::keyOf(const QJsonObject &record) const
{
    return m_columns.isEmpty() ? QString() : displayText(record.value(m_columns.first()));
}

// The records with their keys; a key seen twice (a list whose first column is not unique) is
// told apart by its occurrence, so that no row is lost.
std::vector<LessonListModel::Row> LessonListModel::rowsOf(const LessonList &list)
{
    std::vector<Row> rows;
    rows.reserve(size_t(list.records.size()));
    QHash<QString, int> seen;
    for (const QJsonValue &value : list.records) {
        Row row;
        row.record = value.toObject();
        row.key = keyOf(row.record);
        if (const int occurrence = seen[row.key]++; occurrence > 0)
            row.key += u'\x1f' + QString::number(occurrence);
        auto id = m_idOfKey.find(row.key);
        if (id == m_idOfKey.end())
            id = m_idOfKey.insert(row.key, ++m_lastId);
        row.id = *id;
        rows.push_back(std::move(row));
    }
    return rows;
}

void LessonListModel::replaceRows(const LessonList &list)
{
    beginResetModel();
    m_title = list.title;
    m_columns = list.columns;
    m_idOfKey.clear();
    m_highlights.clear();
    m_fadeTimer.stop();
    m_rows = rowsOf(list);
    m_hasList = true;
    endResetModel();
}

// Bottom up, one removal per run of neighbouring rows.
void LessonListModel::removeGoneRows(const QHash<QString, int> &newRowOfKey)
{
    int row = int(m_rows.size()) - 1;
    while (row >= 0) {
        if (newRowOfKey.contains(m_rows[size_t(row)].key)) {
            --row;
            continue;
        }
        const int last = row;
        while (row > 0 && !newRowOfKey.contains(m_rows[size_t(row - 1)].key))
            --row;
        beginRemoveRows({}, row, last);
        for (int gone = row; gone <= last; ++gone) {
            m_highlights.forget(m_rows[size_t(gone)].id);
            m_idOfKey.remove(m_rows[size_t(gone)].key);
        }
        m_rows.erase(m_rows.begin() + row, m_rows.begin() + last + 1);
        endRemoveRows();
        --row;
    }
}

// The rows that stayed, in the list's new order (rare: most lists only grow and shrink), with
// the selection moved along.
void LessonListModel::reorderAs(const QHash<QString, int> &newOrder)
{
    const auto before = [&newOrder](const Row &a, const Row &b) {
        return newOrder.value(a.key) < newOrder.value(b.key);
    };
    if (std::is_sorted(m_rows.cbegin(), m_rows.cend(), before))
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QHash<QString, int> oldRowOfKey;
    for (size_t i = 0; i < m_rows.size(); ++i)
        oldRowOfKey.insert(m_rows[i].key, int(i));
    std::stable_sort(m_rows.begin(), m_rows.end(), before);
    std::vector<int> newRowOfOld(m_rows.size());
    for (size_t i = 0; i < m_rows.size(); ++i)
        newRowOfOld[size_t(oldRowOfKey.value(m_rows[i].key))] = int(i);
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &index : from)
        to.append(this->index(newRowOfOld[size_t(index.row())], index.column()));
    changePersistentIndexList(from, to);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

// One insertion per run of new neighbouring records.
void LessonListModel::insertNewRows(const std::vector<Row> &rows)
{
    size_t at = 0;
    size_t next = 0;
    while (next < rows.size()) {
        if (at < m_rows.size() && m_rows[at].key == rows[next].key) {
            ++at;
            ++next;
            continue;
        }
        size_t end = next + 1;
        while (end < rows.size() && (at >= m_rows.size() || m_rows[at].key != rows[end].key))
            ++end;
        const int count = int(end - next);
        beginInsertRows({}, int(at), int(at) + count - 1);
        m_rows.insert(m_rows.begin() + qsizetype(at), rows.begin() + qsizetype(next),
                      rows.begin() + qsizetype(end));
        endInsertRows();
        for (size_t i = next; i < end; ++i)
            highlight(rows[i].id, allColumns(columnCount()));
        at += size_t(count);
        next = end;
    }
}

void LessonListModel::updateChangedCells(const std::vector<Row> &rows)
{
    for (size_t i = 0; i < rows.size(); ++i) {
        Row &stored = m_rows[i];
        if (stored.record == rows[i].record)
            continue;
        int first = -1;
        int last = -1;
        CellHighlights::Columns changed = 0;
        for (int column = 0; column < m_columns.size(); ++column) {
            const QString &field = m_columns.at(column);
            if (stored.record.value(field) == rows[i].record.value(field))
                continue;
            first = first < 0 ? column : first;
            last = column;
            if (column < CellHighlights::MaxColumns)
                changed |= 1u << column;
        }
        stored.record = rows[i].record;
        if (first < 0)
            continue; // only fields the table does not show
        emit dataChanged(index(int(i), first), index(int(i), last));
        if (changed)
            highlight(stored.id, changed);
    }
}

void LessonListModel::highlight(qint64 id, CellHighlights::Columns columns)
{
    m_highlights.touch(id, columns, m_clock.elapsed());
    if (!m_fadeTimer.isActive())
        m_fadeTimer.start(FadeFrameMs, this);
}

void LessonListModel::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_fadeTimer.timerId()) {
        QAbstractTableModel::timerEvent(event);
        return;
    }
    repaintHighlights(m_highlights.advance(m_clock.elapsed()));
    if (m_highlights.isEmpty())
        m_fadeTimer.stop();
}

// One dataChanged over the rows that were highlighted: lists are short (a thousand records).
void LessonListModel::repaintHighlights(const std::vector<CellHighlights::Cells> &cells)
{
    if (cells.empty() || m_columns.isEmpty())
        return;
    QSet<qint64> ids;
    for (const CellHighlights::Cells &highlighted : cells)
        ids.insert(highlighted.id);
    int first = -1;
    int last = -1;
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (!ids.contains(m_rows[row].id))
            continue;
        first = first < 0 ? int(row) : first;
        last = int(row);
    }
    if (first >= 0)
        emit dataChanged(index(first, 0), index(last, columnCount() - 1),
                         {Qt::BackgroundRole, HighlightRole});
}
