#include "passwordresets.h"

#include "jwt.h"

#include <QList>
#include <algorithm>

PasswordResets::PasswordResets(Clock clock)
    : m_clock(std::move(clock))
{}

QString PasswordResets::issue(qint64 userId)
{
    const QDateTime now = m_clock();
    // Expired tokens go when new ones come, so the table stays as small as 15 minutes of resets.
    m_pending.removeIf([&now](const auto &entry) { return entry.value().expiresAt <= now; });
    QList<QHash<QString, Pending>::const_iterator> usersTokens;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->userId == userId)
            usersTokens.append(it);
    }
    if (usersTokens.size() >= MaxPerUser) {
        const auto oldest = *std::min_element(
            usersTokens.cbegin(), usersTokens.cend(),
            [](const auto &a, const auto &b) { return a->expiresAt < b->expiresAt; });
        m_pending.erase(oldest);
    }
    const QString token = QString::fromLatin1(
        randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    m_pending.insert(token, {userId, now.addSecs(LifetimeSeconds)});
    return token;
}

std::optional<qint64> PasswordResets::userOf(const QString &token) const
{
    const auto found = m_pending.constFind(token);
    if (found == m_pending.cend() || found->expiresAt <= m_clock())
        return std::nullopt;
    return found->userId;
}

void PasswordResets::consume(qint64 userId)
{
    m_pending.removeIf([userId](const auto &entry) { return entry.value().userId == userId; });
}
