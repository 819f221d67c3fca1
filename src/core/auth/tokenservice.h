#pragma once

#include "clock.h"
#include "jwt.h"
#include "tokenrecord.h"
#include "tokenrevocations.h"
#include "user.h"

#include <QByteArray>
#include <QObject>
#include <optional>

// Issues and checks the API's tokens (access and refresh): the claims of the contract, signed
// with the installation's secret, and the revocations that end them early. Every token issued
// and every revocation is announced, so the window can list them.
class TokenService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenService)

public:
    static constexpr qint64 DefaultLifetimeSeconds = 3600;
    static constexpr qint64 DefaultRefreshLifetimeSeconds = 7LL * 24 * 3600;
    static constexpr qint64 MaxLifetimeSeconds = 10LL * 365 * 24 * 3600; // ten years

    struct Issued
    {
        QByteArray token;
        TokenRecord record;
    };

    TokenService(QByteArray secret, qint64 lifetimeSeconds, Clock clock, QObject *parent = nullptr);

    // fresh: straight from a login (not from /refresh). Refresh tokens are never fresh.
    Issued issue(const User &user, TokenType type, bool fresh = true);
    JwtCodec::Result verify(QByteArrayView token) const;
    // What a verified token's claims say about it; nullopt if they lack the contract's claims.
    static std::optional<TokenRecord> recordOf(const QJsonObject &claims);
    // The first sequence a token issued at this time can have.
    static quint64 sequenceAt(const QDateTime &time);
    bool isRevoked(const TokenRecord &token) const { return m_revocations.isRevoked(token); }
    std::optional<QString> revocationReason(const TokenRecord &token) const
    {
        return m_revocations.revocationReason(token);
    }

    void revokeToken(const TokenRecord &token, const QString &reason);
    // Every token of the user issued until now, or only its refresh tokens.
    void revokeUserTokens(qint64 userId, const QString &reason);
    void revokeUserRefreshTokens(qint64 userId, const QString &reason);
    void revokeAll(const QString &reason);
    // How many logged-out tokens are remembered one by one before the oldest are folded into a
    // cut-off (see TokenRevocations); only while none is remembered yet.
    void setSingleRevocationCapacity(qsizetype capacity);

    // Ids restart after a data reset, and the secret outlives a restart: a new user who gets an
    // id must not inherit the tokens issued for it before. Seeded users never do this: they are
    // the same people in every run and across resets, so their tokens survive both.
    void userIdAssigned(qint64 userId);
    bool isForEarlierHolder(const TokenRecord &token) const;

    // Tells the window that a user and so its sessions are gone: the API answers INVALID_TOKEN
    // while the user does not exist, which needs nothing stored here.
    void announceUserDeleted(qint64 userId);
    // A data reset removed every user but keptUserIds (the seed, restored as they were): their
    // tokens go on working, everyone else's end, and no earlier holder of an id is left to
    // tell apart.
    void resetSessions(const QList<qint64> &keptUserIds);

    qint64 lifetimeSeconds() const { return m_lifetimeSeconds; }
    qint64 refreshLifetimeSeconds() const { return m_refreshLifetimeSeconds; }
    qint64 lifetimeSeconds(TokenType type) const;

    // Live changes from the trainer: a new lifetime applies to tokens issued from now on; a new
    // secret makes every token issued before it fail verification.
    void setLifetimeSeconds(qint64 seconds) { m_lifetimeSeconds = seconds; }
    void setRefreshLifetimeSeconds(qint64 seconds) { m_refreshLifetimeSeconds = seconds; }
    void setSecret(QByteArray secret);

signals:
    void tokenIssued(const TokenRecord &token);
    void tokensRevoked(const TokenRevocation &revocation);
    // The tokens in this scope belong to users who no longer exist (reason: why they went).
    void tokensOfGoneUsers(const TokenRevocation &scope);
    // These users exist again, as the same people: their tokens work again.
    void usersRestored(const QList<qint64> &userIds);

private:
    // Strictly increasing; from the clock, so that tokens of an earlier run come before it.
    quint64 nextSequence();
    void revokeBefore(const TokenRevocation &revocation);
    void announce(const TokenRevocation &revocation);

    JwtCodec m_codec;
    qint64 m_lifetimeSeconds;
    qint64 m_refreshLifetimeSeconds = DefaultRefreshLifetimeSeconds;
    Clock m_clock;
    quint64 m_lastSequence = 0;
    TokenRevocations m_revocations;
    QHash<qint64, quint64> m_holderSince; // user id -> first sequence of its current holder
    QDateTime m_nextPrune;
};
