#include "faultrulemodel.h"

#include "guistyle.h"

using namespace Qt::StringLiterals;

FaultRuleModel::FaultRuleModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int FaultRuleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int FaultRuleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FaultRuleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FaultRule &rule = m_rules.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case MethodColumn:
            return methodText(rule.method);
        case PathColumn:
            return rule.path;
        case ActionColumn:
            return describe(rule.action);
        case TriggerColumn:
            return describe(rule.trigger);
        default:
            return {};
        }
    case Qt::CheckStateRole:
        if (index.column() == OnColumn)
            return rule.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        return describe(rule);
    case Qt::ForegroundRole:
        // A rule that is off stays in the list, but reads as out of play.
        if (!rule.enabled)
            return GuiStyle::inactiveColor();
        return {};
    default:
        return {};
    }
}

QVariant FaultRuleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OnColumn:
        return tr("On");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case ActionColumn:
        return tr("Action");
    case TriggerColumn:
        return tr("Trigger");
    default:
        return {};
    }
}

Qt::ItemFlags FaultRuleModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == OnColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

bool FaultRuleModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        index.column() != OnColumn || role != Qt::CheckStateRole)
        return false;
    const bool enabled = value.toInt() == Qt::Checked;
    FaultRule &rule = m_rules[index.row()];
    if (rule.enabled == enabled)
        return true;
    rule.enabled = enabled;
    // The whole row changes colour.
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    emit rulesEdited();
    return true;
}

void FaultRuleModel::setRules(const QList<FaultRule> &rules)
{
    if (rules.size() != m_rules.size()) {
        beginResetModel();
        m_rules = rules;
        endResetModel();
        return;
    }
    if (rules == m_rules)
        return;
    m_rules = rules;
    if (!m_rules.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int FaultRuleModel::addRule(const FaultRule &rule)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_rules.append(rule);
    endInsertRows();
    return row;
}

void FaultRuleModel::replaceRule(int row, const FaultRule &rule)
{
    if (!isValidRow(row))
        return;
    m_rules[row] = rule;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void FaultRuleModel::removeRule(int row)
{
    if (!isValidRow(row))
        return;
    beginRemoveRows({}, row, row);
    m_rules.removeAt(row);
    endRemoveRows();
}

bool FaultRuleModel::moveRuleUp(int row)
{
    if (!isValidRow(row) || row == 0)
        return false;
    // Qt's destination is the row the moved one goes before.
    beginMoveRows({}, row, row, {}, row - 1);
    m_rules.move(row, row - 1);
    endMoveRows();
    return true;
}

bool FaultRuleModel::moveRuleDown(int row)
{
    if (!isValidRow(row) || row == m_rules.size() - 1)
        return false;
    beginMoveRows({}, row, row, {}, row + 2);
    m_rules.move(row, row + 1);
    endMoveRows();
    return true;
}

QString FaultRuleModel::methodText(const QByteArray &method)
{
    return method.isEmpty() ? tr("Any") : QString::fromLatin1(method);
}
