#include "usertablemodel.h"

#include "clock.h"

#include <QJsonValue>

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

} // namespace

UserTableModel::UserTableModel(QObject *parent)
    : LiveRecordModel(parent)
{}

UserTableModel::Columns UserTableModel::changedColumns(const User &before, const User &after) const
{
    Columns changed = 0;
    for (int column = 0; column < ColumnCount; ++column) {
        if (typedValue(before, column) != typedValue(after, column))
            changed |= 1u << column;
    }
    return changed;
}

int UserTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const User &user = userAt(index.row());
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
    case Qt::BackgroundRole:
        return highlightBackground(user, column);
    case HighlightRole:
        return highlightStrength(user, column);
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
    const User &user = userAt(index.row());
    // Sent as the editor gave it: the API, not the view, decides whether it is valid.
    const QJsonValue edited = QJsonValue::fromVariant(value);
    if (edited == user.toJson().value(field))
        return false;
    emit editRequested(user.id, QJsonObject{{field, edited}});
    return true;
}
