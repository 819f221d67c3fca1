#pragma once

#include <QHash>
#include <QObject>
#include <functional>

class QTimer;

// The requests waiting out an injected delay: one timer each, and the bytes they hold, kept
// within a budget. A request's wait ends early when its connection goes away, so that a client
// that left does not pin its request (a body of up to 1 MiB) for the rest of the delay.
class DelayedRequests : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DelayedRequests)

public:
    explicit DelayedRequests(qint64 maxBytes, QObject *parent = nullptr);

    // Whether a request of this many bytes may wait now.
    bool fits(qint64 bytes) const;
    // Calls resume once, delayMs from now or in the next event-loop pass after connection is
    // destroyed, whichever comes first. Call fits() first.
    void hold(qint64 bytes, int delayMs, const QObject *connection, std::function<void()> resume);

    qsizetype count() const { return m_held.size(); }
    qint64 bytes() const { return m_bytes; }
    qint64 maxBytes() const { return m_maxBytes; }

private:
    struct Held
    {
        qint64 bytes = 0;
        std::function<void()> resume;
    };

    void release(QTimer *timer);

    qint64 m_maxBytes;
    qint64 m_bytes = 0;
    QHash<QTimer *, Held> m_held;
};
