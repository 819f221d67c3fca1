#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class ConnectionGuard;

// Has the connections of one thread send what they wrote during an event-loop pass in one
// burst, at the start of the next pass.
//
// One burst: sending each response the moment it is ready wakes the client once per response;
// a burst wakes it once for many, and on a busy machine those wake-ups cost more than the rest
// of the response. Start of the next pass: Qt delivers posted events before it reads any socket
// again, and a client's FIN (as "nc -N" sends right after its request) reads as a full close to
// Qt, which then drops whatever is still unsent (Windows, see add(), gets no batching).
class FlushBatch : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlushBatch)

public:
    using QObject::QObject;

    // guard has output waiting; it is told to send it with ConnectionGuard::flushOutput().
    void add(ConnectionGuard *guard);

private:
    void flush();

    QList<QPointer<ConnectionGuard>> m_guards; // in the order they wrote
};
