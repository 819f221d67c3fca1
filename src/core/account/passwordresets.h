#pragma once

#include "clock.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <optional>

// The password-reset tokens waiting to be used: random, single-use, valid for 15 minutes.
class PasswordResets
{
public:
    static constexpr int LifetimeSeconds = 15 * 60;
    // A user's newest tokens kept; a suite asking again and again does not fill the memory.
    static constexpr int MaxPerUser = 5;

    explicit PasswordResets(Clock clock = systemClock());

    // A new token for the user (43 base64url characters: 256 random bits); the user's oldest
    // goes when it has MaxPerUser already.
    QString issue(qint64 userId);
    // The user a token resets, if it is known, unused and not expired.
    std::optional<qint64> userOf(const QString &token) const;
    // The user's password was reset: this token and every other of the user end.
    void consume(qint64 userId);
    void clear() { m_pending.clear(); }
    qsizetype pendingCount() const { return m_pending.size(); }

private:
    struct Pending
    {
        qint64 userId = 0;
        QDateTime expiresAt;
    };

    Clock m_clock;
    QHash<QString, Pending> m_pending;
};
