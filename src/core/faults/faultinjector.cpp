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

} // namespace

FaultInjector::FaultInjector(quint32 fallbackSeed)
    : m_fallbackSeed(fallbackSeed)
    , m_random(fallbackSeed)
{
    m_rateLimiter.configure(m_plan.rateLimit.limit, m_plan.rateLimit.windowSeconds);
}

void FaultInjector::setPlan(const FaultPlan &plan)
{
    const quint32 oldSeed = seed();

    // Each unchanged rule takes over the counters of the first equal old rule not yet taken.
    // Hashed, so that a long plan is not compared rule by rule with the one before.
    QHash<FaultRule, QList<qsizetype>> untaken; // old positions of each rule, last first
    for (qsizetype i = m_plan.rules.size() - 1; i >= 0; --i)
        untaken[m_plan.rules[i]].append(i);
    QList<RuleState> states;
    states.reserve(plan.rules.size());
    for (const FaultRule &rule : plan.rules) {
        RuleState state;
        if (const auto it = untaken.find(rule); it != untaken.end() && !it->isEmpty())
            state = m_ruleStates[it->takeLast()];
        states.append(state);
    }

    m_plan = plan;
    m_ruleStates = states;
    if (seed() != oldSeed)
        m_random.seed(seed());
    m_rateLimiter.configure(plan.rateLimit.limit, plan.rateLimit.windowSeconds);
    // Switched off, the limit forgets its counts, so that switching it on again starts afresh.
    if (!plan.rateLimit.enabled)
        m_rateLimiter.clear();
}

quint32 FaultInjector::seed() const
{
    return m_plan.seed.value_or(m_fallbackSeed);
}

void FaultInjector::setFallbackSeed(quint32 seed)
{
    const quint32 oldSeed = this->seed();
    m_fallbackSeed = seed;
    if (this->seed() != oldSeed)
        m_random.seed(this->seed());
}

void FaultInjector::restart()
{
    m_ruleStates = QList<RuleState>(m_plan.rules.size());
    m_random.seed(seed());
    m_rateLimiter.clear();
}

FaultDecision FaultInjector::decide(const ApiRequest &request, qint64 nowMs)
{
    FaultDecision decision;
    if (isControlPath(request.path))
        return decision;

    // Drawn first, so that the random sequence does not depend on what the rules decide.
    const LatencyFault &latency = m_plan.latency;
    const bool exempt = latency.exemptHealth && PathPattern::matches(u"/health", request.path);
    std::optional<int> globalDelayMs;
    if (latency.enabled && (latency.fixedMs > 0 || latency.jitterMs > 0) && !exempt)
        globalDelayMs = drawLatency();

    if (!applyRateLimit(request, nowMs, decision))
        applyRules(request, decision);

    if (globalDelayMs) {
        decision.delayMs = addDelay(decision.delayMs, *globalDelayMs);
        // First in the list: the wait happens before anything else.
        decision.applied.prepend({u"Latency"_s, u"+%1 ms"_s.arg(*globalDelayMs)});
    }
    if (decision.delivery == FaultDecision::Delivery::Replace) {
        for (const auto &[name, value] : decision.extraHeaders)
            decision.replacement.setHeader(name, value);
    }
    return decision;
}

// True when the request was refused (and no rule may see it).
bool FaultInjector::applyRateLimit(const ApiRequest &request, qint64 nowMs, FaultDecision &decision)
{
    const RateLimitFault &rateLimit = m_plan.rateLimit;
    if (!rateLimit.enabled)
        return false;
    const RateLimiter::Verdict verdict = m_rateLimiter.check(request.clientAddress, nowMs);
    decision.extraHeaders = {{"X-RateLimit-Limit"_ba, QByteArray::number(verdict.limit)},
                             {"X-RateLimit-Remaining"_ba, QByteArray::number(verdict.remaining)},
                             {"X-RateLimit-Reset"_ba, QByteArray::number(verdict.resetSeconds)}};
    if (verdict.allowed)
        return false;
    decision.delivery = FaultDecision::Delivery::Replace;
    decision.replacement =
        rateLimitedResponse(rateLimit.limit, rateLimit.windowSeconds, verdict.resetSeconds);
    decision.applied.append({u"Rate limit"_s, u"429 Too Many Requests"_s});
    return true;
}

void FaultInjector::applyRules(const ApiRequest &request, FaultDecision &decision)
{
    for (qsizetype i = 0; i < m_plan.rules.size(); ++i) {
        const FaultRule &rule = m_plan.rules[i];
        if (!rule.enabled || !methodMatches(rule.method, request.method) ||
            !PathPattern::matches(rule.path, request.path) || !fires(rule, m_ruleStates[i]))
            continue;

        const FaultAction &action = rule.action;
        const QString source = u"Rule %1 (%2)"_s.arg(QString::number(i + 1), describeMatch(rule));
        if (!action.changesAnswer()) {
            decision.delayMs = addDelay(decision.delayMs, action.latencyMs);
            decision.applied.append({source, u"+%1 ms"_s.arg(action.latencyMs)});
            continue;
        }
        decision.applied.append({source, describe(action)});
        decision.delivery = deliveryFor(action.kind);
        if (action.kind == FaultAction::Kind::Status)
            decision.replacement = faultErrorResponse(action.status);
        if (action.kind == FaultAction::Kind::SlowBody)
            decision.slowBodyMs = action.durationMs;
        return;
    }
}

bool FaultInjector::fires(const FaultRule &rule, RuleState &state)
{
    ++state.seen;
    bool fired = false;
    switch (rule.trigger.kind) {
    case FaultTrigger::Kind::Always:
        fired = true;
        break;
    case FaultTrigger::Kind::Probability:
        // Drawn even at 0 % and 100 %, so that the draws depend on the requests alone.
        fired = int(m_random.bounded(100)) < rule.trigger.percent;
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
int FaultInjector::drawLatency()
{
    const LatencyFault &latency = m_plan.latency;
    int delayMs = latency.fixedMs;
    if (latency.jitterMs > 0)
        delayMs += int(m_random.bounded(2 * latency.jitterMs + 1)) - latency.jitterMs;
    return std::max(0, delayMs);
}
