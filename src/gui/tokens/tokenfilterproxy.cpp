#include "tokenfilterproxy.h"

#include "tokentablemodel.h"

TokenFilterProxy::TokenFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TokenTableModel::SortRole);
    // A token expiring or being revoked leaves the active-only view at once.
    setFilterRole(TokenTableModel::StateRole);
}

void TokenFilterProxy::setSandbox(const QString &sandbox)
{
    if (sandbox == m_sandbox)
        return;
    m_sandbox = sandbox;
    invalidateFilter();
}

void TokenFilterProxy::setActiveOnly(bool activeOnly)
{
    if (activeOnly == m_activeOnly)
        return;
    m_activeOnly = activeOnly;
    invalidateFilter();
}

bool TokenFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    if (row.data(TokenTableModel::SandboxRole).toString() != m_sandbox)
        return false;
    return !m_activeOnly ||
           row.data(TokenTableModel::StateRole).toInt() == int(TokenTableModel::State::Active);
}
