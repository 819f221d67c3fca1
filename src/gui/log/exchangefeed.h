#pragma once

#include "exchange.h"

#include <QObject>
#include <QTimer>

// Decides when exchanges that arrive go into the log: at once after a quiet spell, otherwise at
// most every RefreshIntervalMs, and not at all while paused. Meanwhile only the newest `limit`
// wait: the log would trim the older ones anyway.
//
// Under a flood (the server sends a batch every 25 ms) a refresh takes two batches or more: the
// table is updated and repainted half as often, which leaves CPU time to the server while each
// refresh stays a few milliseconds long. Batches wait as they came, shared with the sender:
// nothing is copied until the log takes them.
class ExchangeFeed : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExchangeFeed)

public:
    static constexpr int RefreshIntervalMs = 50;
    // Of each request and response body, what the log holds, waiting or shown (the rest is cut
    // and its size remembered): 10,000 exchanges of 1 MiB bodies would otherwise hold 20 GB.
    static constexpr qsizetype KeptBodyBytes = 32 * 1024;

    static QList<Exchange> withBodiesBounded(const QList<Exchange> &exchanges);

    explicit ExchangeFeed(int limit, QObject *parent = nullptr);

    void add(const QList<Exchange> &exchanges);
    // What waits, oldest first, in the batches it came in; the feed is empty afterwards.
    QList<QList<Exchange>> takePending();
    int pendingCount() const { return int(m_count); }
    void clear();

    int limit() const { return m_limit; }
    void setLimit(int limit);

    bool isPaused() const { return m_paused; }
    // Resuming makes what waited ready at once.
    void setPaused(bool paused);

signals:
    // Exchanges are due in the log: take them with takePending().
    void ready();
    void pendingCountChanged(int count);

private:
    void dropOverLimit();
    void release();
    void onRefreshTimer();

    QList<QList<Exchange>> m_batches;
    qsizetype m_droppedOfFirst = 0; // the oldest of the first batch, over the limit
    qsizetype m_count = 0;          // in m_batches, less the dropped
    QTimer m_refreshTimer;
    int m_limit;
    bool m_paused = false;
};
