#pragma once

#include "tokenrecord.h"

#include <QDateTime>
#include <QHash>
#include <map>
#include <optional>

// The tokens that are signed and unexpired but no longer honoured. One token is remembered
// until it expires (then its exp rejects it anyway, so it is pruned); the tokens of a user, or
// all tokens, by a cut-off in issue order, which costs one number however many tokens it covers.
//
// Single revocations are bounded: past `singleCapacity` the oldest tenth are folded into the
// cut-off for all tokens, so every token issued up to the newest folded one is refused too (its
// holder logs in again). Memory stays bounded whatever the token lifetime, and nothing revoked
// ever works again.
class TokenRevocations
{
public:
    static constexpr qsizetype DefaultSingleCapacity = 100'000;

    explicit TokenRevocations(qsizetype singleCapacity = DefaultSingleCapacity);

    // The new cut-off for all tokens when remembering this one folded the oldest.
    std::optional<quint64> revokeOne(const TokenRecord &token, const QString &reason);
    // A revocation of a user's tokens or of all tokens (not Scope::One).
    void revokeBefore(const TokenRevocation &revocation);
    bool isRevoked(const TokenRecord &token) const { return revocationReason(token).has_value(); }
    // Why the token is no longer honoured ("logout", "password reset", ...); nullopt if it is.
    std::optional<QString> revocationReason(const TokenRecord &token) const;
    // Forgets the single revocations of tokens expired by now.
    void prune(const QDateTime &now);
    // How many single revocations are remembered.
    qsizetype singleCount() const { return qsizetype(m_single.size()); }

private:
    // Issue order first, so that the oldest fold first; the jti's hash tells apart the tokens
    // of older versions, which all have sequence 0.
    using SingleKey = std::pair<quint64, size_t>;
    // Tokens issued before `before` are revoked, for `reason` (a literal: shared, not copied).
    struct Cutoff
    {
        quint64 before = 0;
        QString reason;
    };
    struct Single
    {
        qint64 expiresAt = 0; // seconds since the epoch
        QString reason;
    };
    static SingleKey keyOf(const TokenRecord &token);
    static void raise(Cutoff &cutoff, quint64 before, const QString &reason);
    quint64 foldOldestSingles();

    qsizetype m_singleCapacity;
    Cutoff m_all;
    QHash<qint64, Cutoff> m_userAll;
    QHash<qint64, Cutoff> m_userRefresh;
    std::map<SingleKey, Single> m_single;
};
