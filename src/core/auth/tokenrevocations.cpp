#include "tokenrevocations.h"

using namespace Qt::StringLiterals;

TokenRevocations::TokenRevocations(qsizetype singleCapacity)
    : m_singleCapacity(std::max<qsizetype>(1, singleCapacity))
{}

TokenRevocations::SingleKey TokenRevocations::keyOf(const TokenRecord &token)
{
    return {token.sequence, qHash(token.jti)};
}

void TokenRevocations::raise(Cutoff &cutoff, quint64 before, const QString &reason)
{
    if (before <= cutoff.before)
        return;
    cutoff.before = before;
    cutoff.reason = reason;
}

std::optional<quint64> TokenRevocations::revokeOne(const TokenRecord &token, const QString &reason)
{
    if (isRevoked(token))
        return std::nullopt;
    m_single.insert_or_assign(keyOf(token), Single{token.expiresAt.toSecsSinceEpoch(), reason});
    if (singleCount() > m_singleCapacity)
        return foldOldestSingles();
    return std::nullopt;
}

quint64 TokenRevocations::foldOldestSingles()
{
    // A tenth at a time, so that a class logging out in a loop folds rarely.
    const qsizetype keep = m_singleCapacity - m_singleCapacity / 10;
    while (singleCount() > keep) {
        raise(m_all, m_single.begin()->first.first + 1, u"too many logouts remembered"_s);
        m_single.erase(m_single.begin());
    }
    return m_all.before;
}

void TokenRevocations::revokeBefore(const TokenRevocation &revocation)
{
    using Scope = TokenRevocation::Scope;
    switch (revocation.scope) {
    case Scope::One:
        Q_ASSERT_X(false, "TokenRevocations", "use revokeOne()");
        break;
    case Scope::UserRefresh:
        raise(m_userRefresh[revocation.userId], revocation.beforeSequence, revocation.reason);
        break;
    case Scope::UserAll:
        raise(m_userAll[revocation.userId], revocation.beforeSequence, revocation.reason);
        break;
    case Scope::All:
        // Everything issued so far is covered: the narrower revocations have nothing left to do.
        raise(m_all, revocation.beforeSequence, revocation.reason);
        m_userAll.clear();
        m_userRefresh.clear();
        m_single.clear();
        break;
    }
}

std::optional<QString> TokenRevocations::revocationReason(const TokenRecord &token) const
{
    // The narrowest first: a logout says more than the cut-off that a later reset added.
    if (const auto single = m_single.find(keyOf(token)); single != m_single.end())
        return single->second.reason;
    if (token.type == TokenType::Refresh) {
        if (const auto cutoff = m_userRefresh.constFind(token.userId);
            cutoff != m_userRefresh.cend() && token.sequence < cutoff->before) {
            return cutoff->reason;
        }
    }
    if (const auto cutoff = m_userAll.constFind(token.userId);
        cutoff != m_userAll.cend() && token.sequence < cutoff->before) {
        return cutoff->reason;
    }
    if (token.sequence < m_all.before)
        return m_all.reason;
    return std::nullopt;
}

void TokenRevocations::prune(const QDateTime &now)
{
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    for (auto it = m_single.begin(); it != m_single.end();)
        it = it->second.expiresAt <= nowSeconds ? m_single.erase(it) : std::next(it);
}
