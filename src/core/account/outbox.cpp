#include "outbox.h"

#include <algorithm>

Outbox::Outbox(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
{}

OutboxEmail Outbox::send(const QString &to, const QString &subject, const QString &body,
                         const QString &token)
{
    const OutboxEmail email{++m_lastId, to, subject, body, token, m_clock()};
    if (m_emails.size() >= m_capacity)
        m_emails.remove(0, m_emails.size() - m_capacity + 1);
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

void Outbox::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    if (m_emails.size() > m_capacity)
        m_emails.remove(0, m_emails.size() - m_capacity);
}
