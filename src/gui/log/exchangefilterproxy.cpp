#include "exchangefilterproxy.h"

#include "exchangelogmodel.h"

ExchangeFilterProxy::ExchangeFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

void ExchangeFilterProxy::setSourceModel(QAbstractItemModel *sourceModel)
{
    m_log = qobject_cast<ExchangeLogModel *>(sourceModel);
    Q_ASSERT_X(m_log || !sourceModel, "ExchangeFilterProxy", "the source must be a request log");
    QSortFilterProxyModel::setSourceModel(m_log);
}

void ExchangeFilterProxy::setFilter(const ExchangeFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    // Not invalidateFilter(): it removes and inserts every run of rows that changed on its own,
    // rebuilding the whole mapping (and the views' headers) for each run: with a method filter
    // over a busy log that is thousands of runs, tens of milliseconds. invalidate() maps the rows
    // again in one pass and views see one layout change; persistent indexes (the selection) of
    // rows that stay are kept.
    invalidate();
}

void ExchangeFilterProxy::setMethodFilter(const QByteArray &method)
{
    ExchangeFilter changed = m_filter;
    changed.method = method;
    setFilter(changed);
}

void ExchangeFilterProxy::setStatusFilter(ExchangeFilter::StatusClass statusClass)
{
    ExchangeFilter changed = m_filter;
    changed.statusClass = statusClass;
    setFilter(changed);
}

void ExchangeFilterProxy::setPathFilter(const QString &text)
{
    ExchangeFilter changed = m_filter;
    changed.pathText = text;
    setFilter(changed);
}

const Exchange &ExchangeFilterProxy::exchangeAt(int row) const
{
    return m_log->exchangeAt(mapToSource(index(row, 0)).row());
}

bool ExchangeFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return !sourceParent.isValid() && m_filter.accepts(m_log->exchangeAt(sourceRow));
}
