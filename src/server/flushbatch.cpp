#include "flushbatch.h"

#include "connectionguard.h"

#include <utility>

void FlushBatch::add(ConnectionGuard *guard)
{
#ifdef Q_OS_WIN
    // Qt's Windows dispatcher may deliver socket events it has already queued (a FIN among them)
    // before posted events, so the batch could come too late: send at once there.
    guard->flushOutput();
#else
    if (m_guards.isEmpty())
        QMetaObject::invokeMethod(this, &FlushBatch::flush, Qt::QueuedConnection);
    m_guards.append(guard);
#endif
}

void FlushBatch::flush()
{
    // Sending emits signals whose receivers may write again; that starts the next batch.
    const QList<QPointer<ConnectionGuard>> guards = std::exchange(m_guards, {});
    for (const QPointer<ConnectionGuard> &guard : guards) {
        if (guard)
            guard->flushOutput();
    }
}
