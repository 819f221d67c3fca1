#include "faultinjector.h"

#include "faultresponses.h"
#include "pathpattern.h"

#include <QHash>
#include <algorithm>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

// The router answers HEAD with the GET handler, so a rule for GET covers HEAD too.
bool methodMatches(const QByteArray &ruleMethod, const QByteArray &requestMethod)
{
    return ruleMethod.isEmpty() || ruleMethod == requestMethod ||
           (ruleMethod == "GET" && requestMethod == "HEAD");
}

// Latencies add up, but a request never waits longer than one latency may be: however many
// rules a plan has, no connection is held for days.
int addDelay(int delayMs, int extraMs)
{
    return int(std::min<qint64>(qint64(delayMs) + extraMs, LatencyFault::MaxMs));
}

FaultDecision::Delivery deliveryFor(FaultAction::Kind kind)
{
    switch (kind) {
    case FaultAction::Kind::Status:
        return FaultDecision::Delivery::Replace;
    case FaultAction::Kind::Latency:
        return FaultDecision::Delivery::Normal;
    case FaultAction::Kind::Drop:
        return FaultDecision::Delivery::Drop;
    case FaultAction::Kind::Reset:
        return FaultDecision::Delivery::Reset;
    case FaultAction::Kind::MalformedBody:
        return FaultDecision::Delivery::MalformedBody;
    case FaultAction::Kind::EmptyBody:
        return FaultDecision::Delivery::EmptyBody;
    case FaultAction::Kind::WrongContentType:
        return FaultDecision::Delivery::WrongContentType;
    case FaultAction::Kind::SlowBody:
        return FaultDecision::Delivery::SlowBody;
    }
    return FaultDecision::Delivery::Normal;
}

AppliedFault::Kind appliedKind(FaultAction::Kind kind)
{
    switch (kind) {
    case FaultAction::Kind::Status:
        return AppliedFault::Kind::Status;
    case FaultAction::Kind::Latency:
        return AppliedFault::Kind::Latency;
    case FaultAction::Kind::Drop:
        return AppliedFault::Kind::Drop;
    case FaultAction::Kind::Reset:
        return AppliedFault::Kind::Reset;
    case FaultAction::Kind::MalformedBody:
        return AppliedFault::Kind::MalformedBody;
    case FaultAction::Kind::EmptyBody:
        return AppliedFault::Kind::EmptyBody;
    case FaultAction::Kind::WrongContentType:
        return AppliedFault::Kind::WrongContentType;
    case FaultAction::Kind::SlowBody:
        return AppliedFault::Kind::SlowBody;
    }
    return AppliedFault::Kind::Status;
}

} // namespace

FaultInjector::FaultInjector(quint32 fallbackSeed)
    : m_fallbackSeed(fallbackSeed)
{}

FaultInjector::Counters FaultInjector::freshCounters() const
{
    Counters counters;
    counters.ruleStates = QList<RuleState>(m_plan.rules.size());
    counters.random.seed(seed());
    counters.rateLimiter.configure(m_plan.rateLimit.limit, m_plan.rateLimit.windowSeconds);
    return counters;
}

FaultInjector::Counters &FaultInjector::countersOf(const QString &sandbox)
{
    auto it = m_counters.find(sandbox);
    if (it == m_counters.end())
        it = m_counters.insert(sandbox, freshCounters());
    return *it;
}

void FaultInjector::setPlan(const FaultPlan &plan)
{
    const quint32 oldSeed = seed();

    // Each unchanged rule takes over the counters of the first equal old rule not yet taken.
    // Hashed, so that a long plan is not compared rule by rule with the one before.
    QHash<FaultRule, QList<qsizetype>> untaken; // old positions of each rule, last first
    for (qsizetype i = m_plan.rules.size() - 1; i >= 0; --i)
        untaken[m_plan.rules[i]].append(i);
    QList<qsizetype> takenFrom; // per new rule: the old position it keeps, or -1
    takenFrom.reserve(plan.rules.size());
    for (const FaultRule &rule : plan.rules) {
        const auto it = untaken.find(rule);
        takenFrom.append(it != untaken.end() && !it->isEmpty() ? it->takeLast() : -1);
    }

    m_plan = plan;
    const bool reseed = seed() != oldSeed;
    for (Counters &counters : m_counters) {
        QList<RuleState> states;
        states.reserve(takenFrom.size());
        for (const qsizetype old : takenFrom)
            states.append(old >= 0 ? counters.ruleStates[old] : RuleState{});
        counters.ruleStates = states;
        if (reseed)
            counters.random.seed(seed());
        counters.rateLimiter.configure(plan.rateLimit.limit, plan.rateLimit.windowSeconds);
        // Switched off, the limit forgets its counts, so that switching it on again starts
        // afresh.
        if (!plan.rateLimit.enabled)
            counters.rateLimiter.clear();
    }
}

quint32 FaultInjector::seed() const
{
    return m_plan.seed.value_or(m_fallbackSeed);
}

void FaultInjector::setFallbackSeed(quint32 seed)
{
    const quint32 oldSeed = this->seed();
    m_fallbackSeed = seed;
    if (this->seed() == oldSeed)
        return;
    for (Counters &counters : m_counters)
        counters.random.seed(this->seed());
}

void FaultInjector::restart()
{
    for (Counters &counters : m_counters)
        counters = freshCounters();
}

void FaultInjector::restart(const QString &sandbox)
{
    if (const auto it = m_counters.find(sandbox); it != m_counters.end())
        *it = freshCounters();
}

void FaultInjector::forget(const QString &sandbox)
{
    m_counters.remove(sandbox);
}

FaultDecision FaultInjector::decide(const ApiRequest &request, qint64 nowMs)
{
    FaultDecision decision;
    if (isControlPath(request.path))
        return decision;
    Counters &counters = countersOf(request.sandbox);

    // Drawn first, so that the random sequence does not depend on what the rules decide.
    const LatencyFault &latency = m_plan.latency;
    const bool exempt = latency.exemptHealth && PathPattern::matches(u"/health", request.path);
    std::optional<int> globalDelayMs;
    if (latency.enabled && (latency.fixedMs > 0 || latency.jitterMs > 0) && !exempt)
        globalDelayMs = drawLatency(counters.random);

    if (!applyRateLimit(request, nowMs, counters, decision))
        applyRules(request, counters, decision);

    if (globalDelayMs) {
        decision.delayMs = addDelay(decision.delayMs, *globalDelayMs);
        // First in the list: the wait happens before anything else.
        decision.applied.prepend(
            {u"Latency"_s, u"+%1 ms"_s.arg(*globalDelayMs), AppliedFault::Kind::Latency});
    }
    if (decision.delivery == FaultDecision::Delivery::Replace) {
        for (const auto &[name, value] : decision.extraHeaders)
            decision.replacement.setHeader(name, value);
    }
    return decision;
}

// True when the request was refused (and no rule may see it).
bool FaultInjector::applyRateLimit(const ApiRequest &request, qint64 nowMs, Counters &counters,
                                   FaultDecision &decision)
{
    const RateLimitFault &rateLimit = m_plan.rateLimit;
    if (!rateLimit.enabled)
        return false;
    const RateLimiter::Verdict verdict = counters.rateLimiter.check(request.clientAddress, nowMs);
    decision.extraHeaders = {{"X-RateLimit-Limit"_ba, QByteArray::number(verdict.limit)},
                             {"X-RateLimit-Remaining"_ba, QByteArray::number(verdict.remaining)},
                             {"X-RateLimit-Reset"_ba, QByteArray::number(verdict.resetSeconds)}};
    if (verdict.allowed)
        return false;
    decision.delivery = FaultDecision::Delivery::Replace;
    decision.replacement =
        rateLimitedResponse(rateLimit.limit, rateLimit.windowSeconds, verdict.resetSeconds);
    decision.applied.append(
        {u"Rate limit"_s, u"429 Too Many Requests"_s, AppliedFault::Kind::RateLimit});
    return true;
}

void FaultInjector::applyRules(const ApiRequest &request, Counters &counters,
                               FaultDecision &decision)
{
    for (qsizetype i = 0; i < m_plan.rules.size(); ++i) {
        const FaultRule &rule = m_plan.rules[i];
        if (!rule.enabled || !rule.appliesTo(request.sandbox) ||
            !methodMatches(rule.method, request.method) ||
            !PathPattern::matches(rule.path, request.path) ||
            !fires(rule, counters.ruleStates[i], counters.random))
            continue;

        const FaultAction &action = rule.action;
        const QString source = u"Rule %1 (%2)"_s.arg(QString::number(i + 1), describeMatch(rule));
        if (!action.changesAnswer()) {
            decision.delayMs = addDelay(decision.delayMs, action.latencyMs);
            decision.applied.append(
                {source, u"+%1 ms"_s.arg(action.latencyMs), AppliedFault::Kind::Latency});
            continue;
        }
        decision.applied.append({source, describe(action), appliedKind(action.kind)});
        decision.delivery = deliveryFor(action.kind);
        if (action.kind == FaultAction::Kind::Status)
            decision.replacement = faultErrorResponse(action.status);
        if (action.kind == FaultAction::Kind::SlowBody)
            decision.slowBodyMs = action.durationMs;
        return;
    }
}

bool FaultInjector::fires(const FaultRule &rule, RuleState &state, QRandomGenerator &random)
{
    ++state.seen;
    bool fired = false;
    switch (rule.trigger.kind) {
    case FaultTrigger::Kind::Always:
        fired = true;
        break;
    case FaultTrigger::Kind::Probability:
        // Drawn even at 0 % and 100 %, so that the draws depend on the requests alone.
        fired = int(random.bounded(100)) < rule.trigger.percent;
        break;
    case FaultTrigger::Kind::NextN:
        fired = state.fired < rule.trigger.count;
        break;
    case FaultTrigger::Kind::EveryNth:
        fired = state.seen % std::max(1, rule.trigger.count) == 0;
        break;
    }
    if (fired)
        ++state.fired;
    return fired;
}

// fixedMs ± jitterMs, uniform, never below 0.
int FaultInjector::drawLatency(QRandomGenerator &random)
{
    const LatencyFault &latency = m_plan.latency;
    int delayMs = latency.fixedMs;
    if (latency.jitterMs > 0)
        delayMs += int(random.bounded(2 * latency.jitterMs + 1)) - latency.jitterMs;
    return std::max(0, delayMs);
}
