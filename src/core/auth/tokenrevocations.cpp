#include "tokenrevocations.h"

namespace {

void raise(QHash<qint64, quint64> &cutoffs, qint64 userId, quint64 before)
{
    quint64 &cutoff = cutoffs[userId];
    cutoff = std::max(cutoff, before);
}

} // namespace

void TokenRevocations::apply(const TokenRevocation &revocation, const QDateTime &expiresAt)
{
    using Scope = TokenRevocation::Scope;
    switch (revocation.scope) {
    case Scope::One:
        m_single.insert(revocation.jti, expiresAt);
        break;
    case Scope::UserRefresh:
        raise(m_userRefreshBefore, revocation.userId, revocation.beforeSequence);
        break;
    case Scope::UserAll:
        raise(m_userAllBefore, revocation.userId, revocation.beforeSequence);
        break;
    case Scope::All:
        // Everything issued so far is covered: the narrower revocations have nothing left to do.
        m_allBefore = std::max(m_allBefore, revocation.beforeSequence);
        m_userAllBefore.clear();
        m_userRefreshBefore.clear();
        m_single.clear();
        break;
    }
}

bool TokenRevocations::isRevoked(const TokenRecord &token) const
{
    if (token.sequence < m_allBefore || token.sequence < m_userAllBefore.value(token.userId))
        return true;
    if (token.type == TokenType::Refresh &&
        token.sequence < m_userRefreshBefore.value(token.userId)) {
        return true;
    }
    return m_single.contains(token.jti);
}

void TokenRevocations::prune(const QDateTime &now)
{
    m_single.removeIf([&now](const auto &entry) { return entry.value() <= now; });
}
