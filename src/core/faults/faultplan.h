#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <optional>

// What the trainer wants the API to do wrong: plain data, edited by the fault panel, stored in
// the settings and in JSON files (faultplanjson.h), and acted on by FaultInjector.

// Every API route waits fixedMs ± jitterMs (uniform, never below 0) before it is answered.
struct LatencyFault
{
    static constexpr int MaxMs = 300000; // also the most all latencies of a request add up to

    bool enabled = false;
    int fixedMs = 0;
    int jitterMs = 0;
    bool exemptHealth = true; // GET /health stays fast, so that readiness probes keep working

    bool operator==(const LatencyFault &other) const;
    bool operator!=(const LatencyFault &other) const { return !(*this == other); }
};

// At most `limit` requests per client address in each fixed window of windowSeconds; the rest
// get 429 RATE_LIMITED with Retry-After.
struct RateLimitFault
{
    static constexpr int MaxLimit = 1000000;
    static constexpr int MaxWindowSeconds = 86400;

    bool enabled = false;
    int limit = 10;
    int windowSeconds = 60;

    bool operator==(const RateLimitFault &other) const;
    bool operator!=(const RateLimitFault &other) const { return !(*this == other); }
};

// What a rule does to a request it fires on.
struct FaultAction
{
    enum class Kind {
        Status,           // answer `status` with the error envelope; the handler does not run
        Latency,          // wait latencyMs more before answering
        Drop,             // close the connection without answering; the handler does not run
        Reset,            // handle, send the head and part of the body, then reset (RST)
        MalformedBody,    // handle, then send the body cut short (invalid JSON)
        EmptyBody,        // handle, then send the status and headers with an empty body
        WrongContentType, // handle, then label the JSON body text/html
        SlowBody,         // handle, send the head, then dribble the body over durationMs
    };
    static constexpr int MaxDurationMs = 300000;

    Kind kind = Kind::Status;
    int status = 503;      // Status: 400..599
    int latencyMs = 1000;  // Latency: 1..LatencyFault::MaxMs
    int durationMs = 5000; // SlowBody: 1..MaxDurationMs

    // True for every kind but Latency: the first such rule that fires ends the rule check.
    bool changesAnswer() const { return kind != Kind::Latency; }

    // The actions by name, for presets and tests: respondWith(503), addLatency(800), …
    static FaultAction respondWith(int status);
    static FaultAction addLatency(int ms);
    static FaultAction slowBody(int durationMs);
    static FaultAction of(Kind kind); // with the kind's default parameters

    bool operator==(const FaultAction &other) const;
    bool operator!=(const FaultAction &other) const { return !(*this == other); }
};

// When a rule fires, counted over the requests its match selects.
struct FaultTrigger
{
    enum class Kind {
        Always,
        Probability, // percent of the matching requests, drawn from the seeded random source
        NextN,       // the next `count` matching requests, then never (until re-armed)
        EveryNth,    // the count-th, 2×count-th, … matching request
    };
    static constexpr int MaxCount = 1000000;

    Kind kind = Kind::Always;
    int percent = 50; // Probability: 0..100
    int count = 3;    // NextN, EveryNth: 1..MaxCount

    static FaultTrigger always();
    static FaultTrigger probability(int percent);
    static FaultTrigger nextN(int count);
    static FaultTrigger everyNth(int count);

    bool operator==(const FaultTrigger &other) const;
    bool operator!=(const FaultTrigger &other) const { return !(*this == other); }
};

struct FaultRule
{
    bool enabled = true;
    QByteArray method;                  // "GET", "POST", …; empty: any method
    QString path = QStringLiteral("*"); // see pathpattern.h; "*" alone: every path
    FaultAction action;
    FaultTrigger trigger;
    // The sandboxes it applies to (lower-case names); empty: every sandbox and the shared API.
    QStringList sandboxes;
    static constexpr int MaxSandboxes = 200;

    bool appliesTo(const QString &sandbox) const
    {
        return sandboxes.isEmpty() || sandboxes.contains(sandbox);
    }

    // Switched on. method: empty for any.
    static FaultRule make(const QByteArray &method, const QString &path, const FaultAction &action,
                          const FaultTrigger &trigger = FaultTrigger::always());

    bool operator==(const FaultRule &other) const;
    bool operator!=(const FaultRule &other) const { return !(*this == other); }
};
size_t qHash(const FaultRule &rule, size_t seed = 0);

struct FaultPlan
{
    // A plan is read and matched against every request: a few dozen rules are plenty, and this
    // many still cost nothing noticeable.
    static constexpr int MaxRules = 1000;

    LatencyFault latency;
    RateLimitFault rateLimit;
    // Checked top to bottom: latency rules add up; the first rule that changes the answer ends
    // the check.
    QList<FaultRule> rules;
    // Unset: a random seed each time the API starts (FaultInjector::seed() tells which).
    std::optional<quint32> seed;

    // True when any fault is switched on. Latency switched on at 0 ms ± 0 ms does nothing and
    // does not count.
    bool isActive() const;
    // The same plan with every fault switched off (rules kept, each disabled).
    FaultPlan allOff() const;

    bool operator==(const FaultPlan &other) const;
    bool operator!=(const FaultPlan &other) const { return !(*this == other); }
};

// The control API's paths: "/_dojo" and everything under it (not under the /api/v1 alias). No
// fault ever touches them: a test suite must always be able to switch faults off.
inline constexpr QStringView ControlPathPrefix = u"/_dojo";
bool isControlPath(QStringView path);

// Short human sentences for the panel, the status bar and the log, e.g.
// "503 Service Unavailable", "30 % of requests", "POST /users: 503 Service Unavailable,
// 30 % of requests", "500 ms ± 200 ms on every request (except /health)", "10 requests per 60 s
// per client".
QString describe(const FaultAction &action);
QString describe(const FaultTrigger &trigger);
QString describeMatch(const FaultRule &rule); // "POST /users", "any method /users/*"
QString describe(const FaultRule &rule);
QString describe(const LatencyFault &latency);
QString describe(const RateLimitFault &rateLimit);
// One line per active fault, in plan order (latency, rate limit, enabled rules).
QStringList describeActiveFaults(const FaultPlan &plan);

Q_DECLARE_METATYPE(FaultPlan)
