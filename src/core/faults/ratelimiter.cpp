#include "ratelimiter.h"

#include <algorithm>

namespace {

// ::ffff:192.0.2.1 and 192.0.2.1 are the same client (a dual-stack socket reports the former).
QHostAddress clientKey(const QHostAddress &address)
{
    bool isIPv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIPv4);
    return isIPv4 ? QHostAddress(ipv4) : address;
}

} // namespace

void RateLimiter::configure(int limit, int windowSeconds)
{
    if (limit == m_limit && windowSeconds == m_windowSeconds)
        return;
    m_limit = limit;
    m_windowSeconds = std::max(1, windowSeconds);
    clear();
}

RateLimiter::Verdict RateLimiter::check(const QHostAddress &client, qint64 nowMs)
{
    pruneEnded(nowMs);
    const qint64 windowMs = qint64(m_windowSeconds) * 1000;
    auto window = m_windows.find(clientKey(client));
    if (window == m_windows.end() || nowMs >= window->startMs + windowMs)
        window = m_windows.insert(clientKey(client), Window{nowMs, 0});
    // Counting stops one past the limit, so that a flood cannot overflow the count.
    if (window->count <= m_limit)
        ++window->count;

    Verdict verdict;
    verdict.allowed = window->count <= m_limit;
    verdict.limit = m_limit;
    verdict.remaining = std::max(0, m_limit - window->count);
    const qint64 untilResetMs = window->startMs + windowMs - nowMs;
    verdict.resetSeconds = int(std::max<qint64>(1, (untilResetMs + 999) / 1000));
    return verdict;
}

void RateLimiter::clear()
{
    m_windows.clear();
    m_lastPruneMs = 0;
}

qsizetype RateLimiter::trackedClients() const
{
    return m_windows.size();
}

// At most once per window length, so that the cost stays small and memory holds only the
// clients seen in the last two windows.
void RateLimiter::pruneEnded(qint64 nowMs)
{
    const qint64 windowMs = qint64(m_windowSeconds) * 1000;
    if (nowMs - m_lastPruneMs < windowMs)
        return;
    m_lastPruneMs = nowMs;
    m_windows.removeIf(
        [&](const decltype(m_windows)::iterator &it) { return nowMs >= it->startMs + windowMs; });
}
