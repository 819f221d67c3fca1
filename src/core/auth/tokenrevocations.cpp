#include "tokenrevocations.h"

namespace {

void raise(QHash<qint64, quint64> &cutoffs, qint64 userId, quint64 before)
{
    quint64 &cutoff = cutoffs[userId];
    cutoff = std::max(cutoff, before);
}

} // namespace

TokenRevocations::TokenRevocations(qsizetype singleCapacity)
    : m_singleCapacity(std::max<qsizetype>(1, singleCapacity))
{}

TokenRevocations::SingleKey TokenRevocations::keyOf(const TokenRecord &token)
{
    return {token.sequence, qHash(token.jti)};
}

std::optional<quint64> TokenRevocations::revokeOne(const TokenRecord &token)
{
    if (isRevoked(token))
        return std::nullopt;
    m_single.insert_or_assign(keyOf(token), token.expiresAt.toSecsSinceEpoch());
    if (singleCount() > m_singleCapacity)
        return foldOldestSingles();
    return std::nullopt;
}

quint64 TokenRevocations::foldOldestSingles()
{
    // A tenth at a time, so that a class logging out in a loop folds rarely.
    const qsizetype keep = m_singleCapacity - m_singleCapacity / 10;
    while (singleCount() > keep) {
        m_allBefore = std::max(m_allBefore, m_single.begin()->first.first + 1);
        m_single.erase(m_single.begin());
    }
    return m_allBefore;
}

void TokenRevocations::revokeBefore(const TokenRevocation &revocation)
{
    using Scope = TokenRevocation::Scope;
    switch (revocation.scope) {
    case Scope::One:
        Q_ASSERT_X(false, "TokenRevocations", "use revokeOne()");
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
    return m_single.count(keyOf(token)) > 0;
}

void TokenRevocations::prune(const QDateTime &now)
{
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    for (auto it = m_single.begin(); it != m_single.end();)
        it = it->second <= nowSeconds ? m_single.erase(it) : std::next(it);
}
