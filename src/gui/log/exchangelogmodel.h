#pragma once

#include "exchange.h"
#include "ringbuffer.h"

#include <QAbstractTableModel>

// The request log: the newest `capacity` exchanges, oldest first, one row each.
//
// Built for a flood of requests: a batch is one row insertion at the end followed by one removal
// of the oldest rows, each costing only the rows concerned, so views keep their selection and
// scroll position; only clear() resets the model.
class ExchangeLogModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExchangeLogModel)

public:
    enum Column {
        TimeColumn,
        ClientColumn,
        SandboxColumn, // the student's sandbox; empty for the shared class API
        MethodColumn,
        PathColumn,
        StatusColumn,
        FaultColumn, // what an injected fault did, if one did
        DurationColumn,
        SizeColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        ExchangeIdRole = Qt::UserRole + 1, // quint64, Exchange::id
        StatusCodeRole,                    // int, the HTTP status
    };
    Q_ENUM(Role)

    static constexpr int DefaultCapacity = 10'000;

    explicit ExchangeLogModel(QObject *parent = nullptr);

    int capacity() const { return m_capacity; }
    // Drops the oldest rows at once if there are more than `capacity` (at least 1).
    void setCapacity(int capacity);

    // Appends a batch in the order given; of a batch larger than the capacity only its newest
    // `capacity` exchanges are kept.
    void append(const QList<Exchange> &batch);
    // Appends several batches as one (one insertion, one trim).
    void appendBatches(const QList<QList<Exchange>> &batches);
    void clear();

    const Exchange &exchangeAt(int row) const { return m_exchanges.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant displayText(const Exchange &exchange, int column) const;
    void trimToCapacity();

    RingBuffer<Exchange> m_exchanges;
    int m_capacity = DefaultCapacity;
};
