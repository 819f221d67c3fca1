#include "outbox.h"

Outbox::Outbox(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
{}

OutboxEmail Outbox::send(const QString &to, const QString &subject, const QString &body,
                         const QString &token)
{
    const OutboxEmail email{++m_lastId, to, subject, body, token, m_clock()};
    if (m_emails.size() == Capacity)
        m_emails.removeFirst();
    m_emails.append(email);
    emit emailSent(email);
    return email;
}

void Outbox::clear()
{
    m_emails.clear();
    m_lastId = 0;
    emit outboxCleared();
}
