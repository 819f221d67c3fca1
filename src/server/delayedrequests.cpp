#include "delayedrequests.h"

#include <QTimer>
#include <utility>

DelayedRequests::DelayedRequests(qint64 maxBytes, QObject *parent)
    : QObject(parent)
    , m_maxBytes(maxBytes)
{}

bool DelayedRequests::fits(qint64 bytes) const
{
    return m_bytes + bytes <= m_maxBytes;
}

void DelayedRequests::hold(qint64 bytes, int delayMs, const QObject *connection,
                           std::function<void()> resume)
{
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    // Precise: a coarse timer may fire up to 5 % early, and the delay is a promise to the client.
    timer->setTimerType(Qt::PreciseTimer);
    connect(timer, &QTimer::timeout, this, [this, timer] { release(timer); });
    // Not at once: the connection is mid-destruction, and resuming runs the request's handler.
    connect(connection, &QObject::destroyed, timer, [timer] { timer->start(0); });
    m_held.insert(timer, {bytes, std::move(resume)});
    m_bytes += bytes;
    timer->start(delayMs);
}

void DelayedRequests::release(QTimer *timer)
{
    const auto found = m_held.constFind(timer);
    if (found == m_held.cend())
        return; // already released: the delay and the connection's end both asked
    Held held = *found;
    m_held.erase(found);
    m_bytes -= held.bytes;
    timer->disconnect();
    timer->stop();
    timer->deleteLater(); // its timeout may be being delivered
    held.resume();
}
