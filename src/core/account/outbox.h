#pragma once

#include "clock.h"
#include "outboxemail.h"

#include <QList>
#include <QObject>

// The app's fake mailbox: what the API "sends" lands here, for GET /outbox and the window.
class Outbox : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Outbox)

public:
    // The latest emails kept; older ones make room (a test suite may ask for thousands).
    static constexpr int DefaultCapacity = 1000;

    explicit Outbox(Clock clock = systemClock(), QObject *parent = nullptr);

    // Oldest first.
    const QList<OutboxEmail> &emails() const { return m_emails; }
    // A smaller outbox forgets its oldest emails at once.
    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }
    OutboxEmail send(const QString &to, const QString &subject, const QString &body,
                     const QString &token);
    // Empties the outbox; ids restart.
    void clear();

signals:
    void emailSent(const OutboxEmail &email);
    void outboxCleared();

private:
    Clock m_clock;
    QList<OutboxEmail> m_emails;
    qint64 m_lastId = 0;
    int m_capacity = DefaultCapacity;
};
