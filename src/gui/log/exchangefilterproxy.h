#pragma once

#include "exchangefilter.h"

#include <QSortFilterProxyModel>

class ExchangeLogModel;

// The request log as the filter lets it through, in the log's order (it never sorts).
class ExchangeFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExchangeFilterProxy)

public:
    explicit ExchangeFilterProxy(QObject *parent = nullptr);

    // Only an ExchangeLogModel (or nothing) can be the source.
    void setSourceModel(QAbstractItemModel *sourceModel) override;
    ExchangeLogModel *logModel() const { return m_log; }

    const ExchangeFilter &filter() const { return m_filter; }
    void setFilter(const ExchangeFilter &filter);
    void setMethodFilter(const QByteArray &method);
    void setStatusFilter(ExchangeFilter::StatusClass statusClass);
    void setPathFilter(const QString &text);

    const Exchange &exchangeAt(int row) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ExchangeLogModel *m_log = nullptr;
    ExchangeFilter m_filter;
};
