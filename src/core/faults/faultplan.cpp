#include "faultplan.h"

#include "httpstatus.h"

#include <QHash>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// 400 -> "400 ms", 5000 -> "5 s", 1500 -> "1.5 s": at most one decimal, rounded half up.
QString formatDuration(int ms)
{
    if (ms < 1000)
        return u"%1 ms"_s.arg(ms);
    const int tenths = (ms + 50) / 100;
    if (tenths % 10 == 0)
        return u"%1 s"_s.arg(tenths / 10);
    return u"%1.%2 s"_s.arg(tenths / 10).arg(tenths % 10);
}

// 1 -> "1st", 12 -> "12th", 22 -> "22nd"
QString ordinal(int n)
{
    const int lastTwo = n % 100;
    const int last = n % 10;
    QString suffix = u"th"_s;
    if (lastTwo < 11 || lastTwo > 13) {
        if (last == 1)
            suffix = u"st"_s;
        else if (last == 2)
            suffix = u"nd"_s;
        else if (last == 3)
            suffix = u"rd"_s;
    }
    return QString::number(n) + suffix;
}

QString plural(int count, const QString &singular, const QString &pluralForm)
{
    return QString::number(count) + u' ' + (count == 1 ? singular : pluralForm);
}

// Enabled but waiting 0 ms ± 0 ms does nothing, so it does not count as a fault.
bool latencyActive(const LatencyFault &latency)
{
    return latency.enabled && (latency.fixedMs > 0 || latency.jitterMs > 0);
}

} // namespace

bool LatencyFault::operator==(const LatencyFault &other) const
{
    return enabled == other.enabled && fixedMs == other.fixedMs && jitterMs == other.jitterMs &&
           exemptHealth == other.exemptHealth;
}

bool RateLimitFault::operator==(const RateLimitFault &other) const
{
    return enabled == other.enabled && limit == other.limit && windowSeconds == other.windowSeconds;
}

bool isControlPath(QStringView path)
{
    return path.startsWith(ControlPathPrefix) &&
           (path.size() == ControlPathPrefix.size() || path.at(ControlPathPrefix.size()) == u'/');
}

FaultAction FaultAction::respondWith(int status)
{
    FaultAction action;
    action.kind = Kind::Status;
    action.status = status;
    return action;
}

FaultAction FaultAction::addLatency(int ms)
{
    FaultAction action;
    action.kind = Kind::Latency;
    action.latencyMs = ms;
    return action;
}

FaultAction FaultAction::slowBody(int durationMs)
{
    FaultAction action;
    action.kind = Kind::SlowBody;
    action.durationMs = durationMs;
    return action;
}

FaultAction FaultAction::of(Kind kind)
{
    FaultAction action;
    action.kind = kind;
    return action;
}

FaultTrigger FaultTrigger::always()
{
    return {};
}

FaultTrigger FaultTrigger::probability(int percent)
{
    FaultTrigger trigger;
    trigger.kind = Kind::Probability;
    trigger.percent = percent;
    return trigger;
}

FaultTrigger FaultTrigger::nextN(int count)
{
    FaultTrigger trigger;
    trigger.kind = Kind::NextN;
    trigger.count = count;
    return trigger;
}

FaultTrigger FaultTrigger::everyNth(int count)
{
    FaultTrigger trigger;
    trigger.kind = Kind::EveryNth;
    trigger.count = count;
    return trigger;
}

FaultRule FaultRule::make(const QByteArray &method, const QString &path, const FaultAction &action,
                          const FaultTrigger &trigger)
{
    FaultRule rule;
    rule.method = method;
    rule.path = path;
    rule.action = action;
    rule.trigger = trigger;
    return rule;
}

bool FaultAction::operator==(const FaultAction &other) const
{
    return kind == other.kind && status == other.status && latencyMs == other.latencyMs &&
           durationMs == other.durationMs;
}

bool FaultTrigger::operator==(const FaultTrigger &other) const
{
    return kind == other.kind && percent == other.percent && count == other.count;
}

bool FaultRule::operator==(const FaultRule &other) const
{
    return enabled == other.enabled && method == other.method && path == other.path &&
           action == other.action && trigger == other.trigger && sandboxes == other.sandboxes;
}

size_t qHash(const FaultRule &rule, size_t seed)
{
    // Enough to spread the rules of a plan; operator== settles the rest.
    return qHashMulti(seed, rule.enabled, rule.method, rule.path, int(rule.action.kind),
                      rule.action.status, int(rule.trigger.kind));
}

bool FaultPlan::operator==(const FaultPlan &other) const
{
    return latency == other.latency && rateLimit == other.rateLimit && rules == other.rules &&
           seed == other.seed;
}

bool FaultPlan::isActive() const
{
    if (latencyActive(latency) || rateLimit.enabled)
        return true;
    return std::any_of(rules.cbegin(), rules.cend(),
                       [](const FaultRule &rule) { return rule.enabled; });
}

FaultPlan FaultPlan::allOff() const
{
    FaultPlan off = *this;
    off.latency.enabled = false;
    off.rateLimit.enabled = false;
    for (FaultRule &rule : off.rules)
        rule.enabled = false;
    return off;
}

QString describe(const FaultAction &action)
{
    switch (action.kind) {
    case FaultAction::Kind::Status: {
        const QByteArrayView phrase = reasonPhrase(action.status);
        if (phrase.isEmpty())
            return QString::number(action.status);
        return QString::number(action.status) + u' ' + QString::fromLatin1(phrase);
    }
    case FaultAction::Kind::Latency:
        return u"+%1 ms latency"_s.arg(action.latencyMs);
    case FaultAction::Kind::Drop:
        return u"drop the connection"_s;
    case FaultAction::Kind::Reset:
        return u"reset the connection mid-response"_s;
    case FaultAction::Kind::MalformedBody:
        return u"truncated JSON body"_s;
    case FaultAction::Kind::EmptyBody:
        return u"empty body"_s;
    case FaultAction::Kind::WrongContentType:
        return u"wrong Content-Type (text/html)"_s;
    case FaultAction::Kind::SlowBody:
        return u"slow body over "_s + formatDuration(action.durationMs);
    }
    return {};
}

QString describe(const FaultTrigger &trigger)
{
    switch (trigger.kind) {
    case FaultTrigger::Kind::Always:
        return u"every request"_s;
    case FaultTrigger::Kind::Probability:
        return u"%1 % of requests"_s.arg(trigger.percent);
    case FaultTrigger::Kind::NextN:
        if (trigger.count == 1)
            return u"the next request"_s;
        return u"the next %1 requests"_s.arg(trigger.count);
    case FaultTrigger::Kind::EveryNth:
        if (trigger.count == 1)
            return u"every request"_s;
        return u"every "_s + ordinal(trigger.count) + u" request"_s;
    }
    return {};
}

QString describeMatch(const FaultRule &rule)
{
    const bool anyPath = rule.path == u"*";
    QString match;
    if (rule.method.isEmpty())
        match = anyPath ? u"any request"_s : u"any method "_s + rule.path;
    else
        match = QString::fromLatin1(rule.method) + u' ' + (anyPath ? u"any path"_s : rule.path);
    if (!rule.sandboxes.isEmpty())
        match += u" in "_s + rule.sandboxes.join(u", "_s);
    return match;
}

QString describe(const FaultRule &rule)
{
    return describeMatch(rule) + u": "_s + describe(rule.action) + u", "_s + describe(rule.trigger);
}

QString describe(const LatencyFault &latency)
{
    QString text = u"%1 ms"_s.arg(latency.fixedMs);
    if (latency.jitterMs > 0)
        text += u" ± %1 ms"_s.arg(latency.jitterMs);
    text += u" on every request"_s;
    if (latency.exemptHealth)
        text += u" (except /health)"_s;
    return text;
}

QString describe(const RateLimitFault &rateLimit)
{
    return plural(rateLimit.limit, u"request"_s, u"requests"_s) +
           u" per %1 s per client"_s.arg(rateLimit.windowSeconds);
}

QStringList describeActiveFaults(const FaultPlan &plan)
{
    QStringList lines;
    if (latencyActive(plan.latency))
        lines.append(describe(plan.latency));
    if (plan.rateLimit.enabled)
        lines.append(describe(plan.rateLimit));
    for (const FaultRule &rule : plan.rules) {
        if (rule.enabled)
            lines.append(describe(rule));
    }
    return lines;
}
