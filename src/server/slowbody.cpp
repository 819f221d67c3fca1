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
    ConnectionGuard *guard = m_guard.data(); // checked once: nothing below can delete it
    if (!guard || !guard->isAnswering()) {
        finish(false);
        return;
    }
    guard->sendBody(m_bytesPerTick);
    m_bytesSent = guard->bodyBytesSent();
    if (guard->bodyBytesUnsent() == 0) {
        guard->finishAnswer();
        finish(true);
    }
}

void SlowBody::finish(bool complete)
{
    m_timer.stop();
    emit finished(complete, m_bytesSent);
    deleteLater();
}
