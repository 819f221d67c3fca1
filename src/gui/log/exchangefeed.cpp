#include "exchangefeed.h"

#include <utility>

ExchangeFeed::ExchangeFeed(int limit, QObject *parent)
    : QObject(parent)
    , m_limit(qMax(1, limit))
{
    m_refreshTimer.setInterval(RefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ExchangeFeed::onRefreshTimer);
}

void ExchangeFeed::add(const QList<Exchange> &exchanges)
{
    if (exchanges.isEmpty())
        return;
    m_batches.append(withBodiesBounded(exchanges));
    m_count += exchanges.size();
    dropOverLimit();
    emit pendingCountChanged(pendingCount());
    if (!m_paused && !m_refreshTimer.isActive())
        release();
}

QList<Exchange> ExchangeFeed::withBodiesBounded(const QList<Exchange> &exchanges)
{
    QList<Exchange> bounded = exchanges; // shares the batch until an exchange needs cutting
    for (qsizetype i = 0; i < bounded.size(); ++i) {
        const Exchange &exchange = bounded.at(i);
        if (exchange.request.body.size() > KeptBodyBytes ||
            exchange.response.body.size() > KeptBodyBytes)
            cutBodies(bounded[i], KeptBodyBytes);
    }
    return bounded;
}

QList<QList<Exchange>> ExchangeFeed::takePending()
{
    if (m_droppedOfFirst > 0)
        m_batches.first() = m_batches.first().sliced(m_droppedOfFirst);
    QList<QList<Exchange>> pending = std::exchange(m_batches, {});
    m_droppedOfFirst = 0;
    m_count = 0;
    if (!pending.isEmpty())
        emit pendingCountChanged(0);
    return pending;
}

void ExchangeFeed::clear()
{
    m_batches.clear();
    m_droppedOfFirst = 0;
    m_count = 0;
    emit pendingCountChanged(0);
}

void ExchangeFeed::setLimit(int limit)
{
    m_limit = qMax(1, limit);
    if (m_count > m_limit) {
        dropOverLimit();
        emit pendingCountChanged(pendingCount());
    }
}

void ExchangeFeed::dropOverLimit()
{
    while (m_count > m_limit) {
        const qsizetype excess = m_count - m_limit;
        const qsizetype leftInFirst = m_batches.first().size() - m_droppedOfFirst;
        if (leftInFirst <= excess) {
            m_batches.removeFirst();
            m_droppedOfFirst = 0;
            m_count -= leftInFirst;
        } else {
            m_droppedOfFirst += excess;
            m_count -= excess;
        }
    }
}

void ExchangeFeed::setPaused(bool paused)
{
    m_paused = paused;
    if (!m_paused && m_count > 0)
        release();
}

void ExchangeFeed::release()
{
    // Whatever comes within the next interval waits for the timer.
    m_refreshTimer.start();
    emit ready();
}

void ExchangeFeed::onRefreshTimer()
{
    // A quiet interval ends the throttling: the next batch is ready at once again.
    if (m_count == 0 || m_paused)
        m_refreshTimer.stop();
    else
        emit ready();
}
