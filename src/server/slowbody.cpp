#include "slowbody.h"

#include "connectionguard.h"

#include <algorithm>

SlowBody::SlowBody(ConnectionGuard *guard, int durationMs, QObject *parent)
    : QObject(parent)
    , m_guard(guard)
    , m_timer(this)
    , m_bytesSent(guard->bodyBytesSent())
{
    const int ticks = std::max(1, std::clamp(durationMs, 0, MaxDurationMs) / TickMs);
    m_bytesPerTick = std::max<qint64>(1, (guard->bodyBytesUnsent() + ticks - 1) / ticks);
    // Precise: a coarse timer may fire early, and the body must not arrive before its time.
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(TickMs);
    connect(&m_timer, &QTimer::timeout, this, &SlowBody::tick);
    m_timer.start();
}

void SlowBody::tick()
{
    if (!m_guard || !m_guard->isAnswering()) {
        finish(false);
        return;
    }
    m_guard->sendBody(m_bytesPerTick);
    m_bytesSent = m_guard->bodyBytesSent();
    if (m_guard->bodyBytesUnsent() == 0) {
        m_guard->finishAnswer();
        finish(true);
    }
}

void SlowBody::finish(bool complete)
{
    m_timer.stop();
    emit finished(complete, m_bytesSent);
    deleteLater();
}
