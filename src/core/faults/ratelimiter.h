#pragma once

#include <QHash>
#include <QHostAddress>

// Counts requests per client address in fixed windows: the first request of a client starts its
// window of windowSeconds; up to `limit` requests pass in it; the window ends windowSeconds after
// it started, and the next request starts a new one. Time is a steady millisecond count supplied
// by the caller.
class RateLimiter
{
public:
    struct Verdict
    {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;    // requests still allowed in this window, after this one
        int resetSeconds = 0; // until the window ends, rounded up, at least 1
    };

    // Changing the limit or the window forgets every client's count.
    void configure(int limit, int windowSeconds);
    Verdict check(const QHostAddress &client, qint64 nowMs);
    void clear();
    // Clients whose window is still open (windows that ended are pruned as time goes on).
    qsizetype trackedClients() const;

private:
    struct Window
    {
        qint64 startMs = 0;
        int count = 0;
    };

    void pruneEnded(qint64 nowMs);

    int m_limit = 0;
    int m_windowSeconds = 1;
    QHash<QHostAddress, Window> m_windows;
    qint64 m_lastPruneMs = 0;
};
