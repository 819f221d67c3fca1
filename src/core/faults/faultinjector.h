#pragma once

#include "apirequest.h"
#include "faultdecision.h"
#include "faultplan.h"
#include "ratelimiter.h"

#include <QHash>
#include <QList>
#include <QRandomGenerator>

// Decides, for each request, what the fault plan does to it. Pure logic: no timers, no sockets;
// the server acts on the decision. Deterministic for a given seed, plan and request sequence, so
// a trainer replaying a demo with the same seed shows the class the same failures.
//
// Order of one decision: control paths (isControlPath) are never touched; then the rate
// limit (a refused request gets 429 and no rule sees it); then the rules top to bottom (latency
// rules add up, the first rule that changes the answer ends the check); then the global latency
// is added to whatever was decided, a 429 included, and listed first in `applied`. A rule for GET
// also matches HEAD, which the router answers as GET. Random draws, in that order: the global
// jitter (when jitterMs > 0, drawn first even for a request the rate limit refuses), then one
// draw per Probability rule that sees the request, even at 0 % or 100 %, so that changing a
// percentage does not shift the draws of the rules after it.
//
// One plan serves every sandbox (API.md Part D), but each sandbox (request.sandbox; "" is the
// shared API) has counters of its own: rule counters, rate-limit windows and the random
// sequence, each starting as on a fresh injector. A student's "every 3rd request" is theirs.
class FaultInjector
{
public:
    // fallbackSeed serves while the plan has no seed of its own.
    explicit FaultInjector(quint32 fallbackSeed = 0);

    // Rules whose definition (enabled included) is unchanged keep their counters, so that
    // editing one rule does not re-arm another; a rule switched on again starts afresh. The
    // random sequence restarts when the seed in effect changes. The rate limit's counts are
    // kept while it stays on with the same limit and window.
    void setPlan(const FaultPlan &plan);
    const FaultPlan &plan() const { return m_plan; }

    // The seed in effect: the plan's, or the fallback.
    quint32 seed() const;
    void setFallbackSeed(quint32 seed);

    // Starts over as if the plan had just been set on a fresh injector: rule counters, rate
    // limit windows and the random sequence, of every sandbox.
    void restart();
    // The same for one sandbox only.
    void restart(const QString &sandbox);
    // Drops a sandbox's counters (it is gone; if it comes back it starts afresh).
    void forget(const QString &sandbox);
    int sandboxesCounted() const { return int(m_counters.size()); }

    // nowMs: a steady clock in milliseconds (rate-limit windows). Counters are made for the
    // request's sandbox if it has none: call it only for sandboxes that exist.
    FaultDecision decide(const ApiRequest &request, qint64 nowMs);

private:
    struct RuleState
    {
        qint64 seen = 0;  // matching requests that reached this rule
        qint64 fired = 0; // of which the trigger fired on
    };

    // What one sandbox has counted under the plan.
    struct Counters
    {
        QList<RuleState> ruleStates; // parallel to m_plan.rules
        QRandomGenerator random;
        RateLimiter rateLimiter;
    };

    Counters freshCounters() const;
    Counters &countersOf(const QString &sandbox);
    bool applyRateLimit(const ApiRequest &request, qint64 nowMs, Counters &counters,
                        FaultDecision &decision);
    void applyRules(const ApiRequest &request, Counters &counters, FaultDecision &decision);
    bool fires(const FaultRule &rule, RuleState &state, QRandomGenerator &random);
    int drawLatency(QRandomGenerator &random);

    FaultPlan m_plan;
    quint32 m_fallbackSeed;
    QHash<QString, Counters> m_counters; // by sandbox; made on a sandbox's first request
};
