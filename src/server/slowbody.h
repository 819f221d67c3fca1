#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

class ConnectionGuard;

// Sends the rest of an answer a connection guard has started a few bytes at a time, spread
// evenly over a duration, then finishes the answer: the "slow body" fault. One timer per slow
// answer, on the server's thread. Reports once, then deletes itself.
class SlowBody : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlowBody)

public:
    static constexpr int TickMs = 50;
    // However long a fault asks for, a connection is not held longer than this.
    static constexpr int MaxDurationMs = 300000;

    // guard->isAnswering(); the first bytes leave one tick from now, the last durationMs from now.
    SlowBody(ConnectionGuard *guard, int durationMs, QObject *parent = nullptr);

signals:
    // complete: the whole body went out and the answer is finished. Otherwise the connection
    // went away (or was closed) first, with bodyBytesSent of the body out.
    void finished(bool complete, qint64 bodyBytesSent);

private:
    void tick();
    void finish(bool complete);

    QPointer<ConnectionGuard> m_guard;
    QTimer m_timer;
    qint64 m_bytesPerTick = 1;
    qint64 m_bytesSent = 0;
};
