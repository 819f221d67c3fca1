#pragma once

#include "tokenrecord.h"

#include <QDateTime>
#include <QHash>

// The tokens that are signed and unexpired but no longer honoured. One token is remembered by
// its jti until it expires (then its exp rejects it anyway, so it is pruned); the tokens of a
// user, or all tokens, by a cut-off in issue order, which costs one number however many tokens
// it covers.
class TokenRevocations
{
public:
    void apply(const TokenRevocation &revocation, const QDateTime &expiresAt = {});
    bool isRevoked(const TokenRecord &token) const;
    // Forgets the single revocations of tokens expired by now.
    void prune(const QDateTime &now);
    // How many single revocations are remembered (for tests of the pruning).
    qsizetype singleCount() const { return m_single.size(); }

private:
    quint64 m_allBefore = 0;
    QHash<qint64, quint64> m_userAllBefore;
    QHash<qint64, quint64> m_userRefreshBefore;
    QHash<QString, QDateTime> m_single; // jti -> expiry
};
