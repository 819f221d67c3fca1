#include "faultpresets.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FaultPresets", text);
}

// The building blocks by short names, so that each preset reads as one sentence.
constexpr auto makeRule = &FaultRule::make;
constexpr auto statusAction = &FaultAction::respondWith;
constexpr auto actionOf = &FaultAction::of;
constexpr auto probability = &FaultTrigger::probability;
constexpr auto everyNth = &FaultTrigger::everyNth;

FaultPlan flaky(const FaultPlan &plan)
{
    return FaultPresets::withRule(plan, makeRule({}, u"*"_s, statusAction(500), probability(20)));
}

FaultPlan slowNetwork(const FaultPlan &plan)
{
    FaultPlan result = plan;
    result.latency.enabled = true;
    result.latency.fixedMs = 800;
    result.latency.jitterMs = 400;
    return result; // the trainer's /health exemption stays as it is
}

FaultPlan rateLimit(const FaultPlan &plan)
{
    FaultPlan result = plan;
    result.rateLimit.enabled = true;
    result.rateLimit.limit = 10;
    result.rateLimit.windowSeconds = 60;
    return result;
}

FaultPlan unstableCreate(const FaultPlan &plan)
{
    return FaultPresets::withRule(
        plan, makeRule("POST", u"/users"_s, statusAction(503), probability(30)));
}

FaultPlan everyThirdTimesOut(const FaultPlan &plan)
{
    return FaultPresets::withRule(plan, makeRule({}, u"*"_s, statusAction(504), everyNth(3)));
}

FaultPlan droppedConnections(const FaultPlan &plan)
{
    return FaultPresets::withRule(
        plan, makeRule({}, u"*"_s, actionOf(FaultAction::Kind::Drop), probability(10)));
}

FaultPlan brokenJson(const FaultPlan &plan)
{
    return FaultPresets::withRule(
        plan, makeRule({}, u"*"_s, actionOf(FaultAction::Kind::MalformedBody), probability(10)));
}

} // namespace

namespace FaultPresets {

QList<FaultPreset> all()
{
    // From the failures every client meets to the ones that need a careful test.
    return {
        {tr("Flaky: 20 % 500s"),
         tr("One request in five, at random, gets 500 Internal Server Error."), flaky},
        {tr("Slow network: 800 ms ± 400"),
         tr("Every request waits between 400 and 1,200 ms for its answer."), slowNetwork},
        {tr("Rate limit: 10 per minute"),
         tr("Each client may send 10 requests a minute; the rest get 429 Too Many Requests."),
         rateLimit},
        {tr("Unstable POST /users: 30 % 503"),
         tr("Creating a user fails at random with 503 Service Unavailable: a case for retries."),
         unstableCreate},
        {tr("Every 3rd request: 504"),
         tr("Requests 3, 6, 9, … get 504 Gateway Timeout: the same pattern on every run."),
         everyThirdTimesOut},
        {tr("Dropped connections: 10 %"),
         tr("One request in ten gets no answer at all: the connection just closes."),
         droppedConnections},
        {tr("Broken JSON: 10 % truncated bodies"),
         tr("One answer in ten has its JSON body cut short, after the request was handled."),
         brokenJson},
    };
}

FaultPlan withRule(const FaultPlan &plan, const FaultRule &rule)
{
    FaultPlan result = plan;
    for (FaultRule &existing : result.rules) {
        FaultRule switchedOn = existing;
        switchedOn.enabled = rule.enabled;
        if (switchedOn == rule) {
            existing.enabled = true;
            return result;
        }
    }
    FaultRule added = rule;
    added.enabled = true;
    result.rules.append(added);
    return result;
}

} // namespace FaultPresets
