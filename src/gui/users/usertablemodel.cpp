#include "usertablemodel.h"

#include "clock.h"
#include "guistyle.h"

#include <QJsonValue>
#include <QTimerEvent>
#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

static_assert(UserTableModel::ColumnCount <= CellHighlights::MaxColumns);

namespace {

// The value of a cell as its own type: what sorting compares and what tells a change.
QVariant typedValue(const User &user, int column)
{
    switch (column) {
    case UserTableModel::IdColumn:
        return user.id;
    case UserTableModel::NameColumn:
        return user.name;
    case UserTableModel::EmailColumn:
        return user.email;
    case UserTableModel::AgeColumn:
        return user.age ? QVariant(*user.age) : QVariant();
    case UserTableModel::RoleColumn:
        return roleName(user.role);
    case UserTableModel::CreatedColumn:
        return user.createdAt;
    case UserTableModel::UpdatedColumn:
        return user.updatedAt;
    }
    return {};
}

bool isTimeColumn(int column)
{
    return column == UserTableModel::CreatedColumn || column == UserTableModel::UpdatedColumn;
}

QString localTimeText(const QDateTime &time)
{
    return time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

CellHighlights::Columns changedColumns(const User &before, const User &after)
{
    CellHighlights::Columns changed = 0;
    for (int column = 0; column < UserTableModel::ColumnCount; ++column) {
        if (typedValue(before, column) != typedValue(after, column))
            changed |= 1u << column;
    }
    return changed;
}

bool isReset(const UserChange &change)
{
    return change.kind == UserChange::Kind::Reset;
}

bool hasLowerId(const User &a, const User &b)
{
    return a.id < b.id;
}

} // namespace

UserTableModel::UserTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_clock.start();
    m_highlights.setDuration(DefaultHighlightMs);
    m_highlights.setMaxRows(MaxHighlightedRows);
}

int UserTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int UserTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const User &user = m_users[index.row()];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return isTimeColumn(column) ? QVariant(localTimeText(typedValue(user, column).toDateTime()))
                                    : typedValue(user, column);
    case SortRole:
        return typedValue(user, column);
    case Qt::ToolTipRole:
        // The value as the API writes it, to compare with a response body.
        if (isTimeColumn(column))
            return QString(formatTimestamp(typedValue(user, column).toDateTime()) + u" UTC"_s);
        return {};
    case Qt::TextAlignmentRole:
        if (column == IdColumn || column == AgeColumn)
            return (Qt::AlignRight | Qt::AlignVCenter).toInt();
        return {};
    case Qt::BackgroundRole: {
        const qreal strength = m_highlights.strength(user.id, column, now());
        if (strength <= 0)
            return {};
        QColor color = GuiStyle::highlightColor();
        color.setAlphaF(float(strength));
        return color;
    }
    case HighlightRole:
        return m_highlights.strength(user.id, column, now());
    }
    return {};
}

QVariant UserTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("ID");
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("Email");
    case AgeColumn:
        return tr("Age");
    case RoleColumn:
        return tr("Role");
    case CreatedColumn:
        return tr("Created");
    case UpdatedColumn:
        return tr("Updated");
    }
    return {};
}

Qt::ItemFlags UserTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && !fieldName(index.column()).isEmpty())
        flags |= Qt::ItemIsEditable;
    return flags;
}

QString UserTableModel::fieldName(int column)
{
    switch (column) {
    case NameColumn:
        return u"name"_s;
    case EmailColumn:
        return u"email"_s;
    case AgeColumn:
        return u"age"_s;
    case RoleColumn:
        return u"role"_s;
    }
    return {};
}

bool UserTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return false;
    }
    const QString field = fieldName(index.column());
    if (field.isEmpty())
        return false;
    const User &user = m_users[index.row()];
    // Sent as the editor gave it: the API, not the view, decides whether it is valid.
    const QJsonValue edited = QJsonValue::fromVariant(value);
    if (edited == user.toJson().value(field))
        return false;
    emit editRequested(user.id, QJsonObject{{field, edited}});
    return true;
}

const User &UserTableModel::userAt(int row) const
{
    Q_ASSERT(row >= 0 && size_t(row) < m_users.size());
    return m_users[row];
}

int UserTableModel::rowOf(qint64 userId) const
{
    const int row = lowerBoundRow(userId);
    return size_t(row) < m_users.size() && m_users[row].id == userId ? row : -1;
}

// The first row whose id is not below userId: where that user is, or would go.
int UserTableModel::lowerBoundRow(qint64 userId) const
{
    const auto it = std::lower_bound(m_users.cbegin(), m_users.cend(), userId,
                                     [](const User &user, qint64 id) { return user.id < id; });
    return int(it - m_users.cbegin());
}

void UserTableModel::applyChanges(const QList<UserChange> &changes)
{
    // Whatever came before the last reset of the batch is moot.
    const auto lastReset = std::find_if(changes.crbegin(), changes.crend(), isReset);
    qsizetype next = lastReset == changes.crend() ? 0 : changes.crend() - lastReset - 1;
    while (next < changes.size()) {
        const UserChange &change = changes[next];
        switch (change.kind) {
        case UserChange::Kind::Reset:
            resetTo(change.records);
            ++next;
            break;
        case UserChange::Kind::Added:
            next = appendAddedRun(changes, next);
            break;
        case UserChange::Kind::Updated:
            insertOrUpdate(change.record);
            ++next;
            break;
        case UserChange::Kind::Removed:
            next = removeRemovedRun(changes, next);
            break;
        }
    }
}

void UserTableModel::resetTo(const QList<User> &users)
{
    beginResetModel();
    m_users.assign(users.cbegin(), users.cend());
    if (!std::is_sorted(m_users.cbegin(), m_users.cend(), hasLowerId))
        std::sort(m_users.begin(), m_users.end(), hasLowerId);
    m_highlights.clear();
    m_fadeTimer.stop();
    endResetModel();
}

// The store gives new users ids above all others, so a run of additions is one insertion at the
// end: one rowsInserted for a whole batch, however many requests made it.
qsizetype UserTableModel::appendAddedRun(const QList<UserChange> &changes, qsizetype first)
{
    qint64 lastId = m_users.empty() ? std::numeric_limits<qint64>::min() : m_users.back().id;
    qsizetype end = first;
    while (end < changes.size() && changes[end].kind == UserChange::Kind::Added &&
           changes[end].record.id > lastId) {
        lastId = changes[end].record.id;
        ++end;
    }
    if (end == first) { // an id already shown, or below the last one
        insertOrUpdate(changes[first].record);
        return first + 1;
    }
    const int firstRow = int(m_users.size());
    beginInsertRows({}, firstRow, firstRow + int(end - first) - 1);
    for (qsizetype i = first; i < end; ++i)
        m_users.push_back(changes[i].record);
    endInsertRows();
    for (qsizetype i = first; i < end; ++i)
        highlight(changes[i].record.id, AllColumns);
    return end;
}

// Removals of neighbouring rows in order (a test suite deleting what it made) go as one.
qsizetype UserTableModel::removeRemovedRun(const QList<UserChange> &changes, qsizetype first)
{
    const int firstRow = rowOf(changes[first].record.id);
    if (firstRow < 0)
        return first + 1;
    qsizetype end = first + 1;
    while (end < changes.size() && changes[end].kind == UserChange::Kind::Removed) {
        const int row = firstRow + int(end - first);
        if (size_t(row) >= m_users.size() || m_users[row].id != changes[end].record.id)
            break;
        ++end;
    }
    const int count = int(end - first);
    beginRemoveRows({}, firstRow, firstRow + count - 1);
    for (int row = firstRow; row < firstRow + count; ++row)
        m_highlights.forget(m_users[row].id);
    m_users.erase(m_users.begin() + firstRow, m_users.begin() + firstRow + count);
    endRemoveRows();
    return end;
}

void UserTableModel::insertOrUpdate(const User &user)
{
    if (const int row = rowOf(user.id); row >= 0)
        update(row, user);
    else
        insertAt(lowerBoundRow(user.id), user);
}

void UserTableModel::insertAt(int row, const User &user)
{
    beginInsertRows({}, row, row);
    m_users.insert(m_users.begin() + row, user);
    endInsertRows();
    highlight(user.id, AllColumns);
}

void UserTableModel::update(int row, const User &user)
{
    const Columns changed = changedColumns(m_users[row], user);
    m_users[row] = user;
    if (!changed)
        return;
    emitCellsChanged(row, row, changed, {});
    highlight(user.id, changed);
}

void UserTableModel::setHighlightDuration(int ms)
{
    m_highlights.setDuration(ms);
}

void UserTableModel::highlight(qint64 userId, Columns columns)
{
    m_highlights.touch(userId, columns, now());
    if (!m_fadeTimer.isActive())
        m_fadeTimer.start(FadeFrameMs, this);
}

void UserTableModel::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_fadeTimer.timerId()) {
        QAbstractTableModel::timerEvent(event);
        return;
    }
    repaintHighlights(m_highlights.advance(now()));
    if (m_highlights.isEmpty())
        m_fadeTimer.stop();
}

// One dataChanged per block of neighbouring rows with the same highlighted columns: a batch of
// added rows fades with one signal, not one per cell.
void UserTableModel::repaintHighlights(const std::vector<CellHighlights::Cells> &cells)
{
    static const QList<int> roles{Qt::BackgroundRole, HighlightRole};
    int blockFirst = -1;
    int blockLast = -1;
    Columns blockColumns = 0;
    int row = -1;
    for (const CellHighlights::Cells &highlighted : cells) {
        // Ids ascend like the rows, so the next highlighted user is often on the next row.
        const bool onNextRow =
            size_t(row + 1) < m_users.size() && m_users[row + 1].id == highlighted.id;
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

void UserTableModel::emitCellsChanged(int firstRow, int lastRow, Columns columns,
                                      const QList<int> &roles)
{
    int column = 0;
    while (column < ColumnCount) {
        if (!(columns & (1u << column))) {
            ++column;
            continue;
        }
        const int firstColumn = column;
        while (column + 1 < ColumnCount && (columns & (1u << (column + 1))))
            ++column;
        emit dataChanged(index(firstRow, firstColumn), index(lastRow, column), roles);
        ++column;
    }
}
