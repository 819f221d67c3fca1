#include "faultplan.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

FaultRule rule(const QByteArray &method, const QString &path, const FaultAction &action,
               const FaultTrigger &trigger = FaultTrigger::always())
{
    return FaultRule::make(method, path, action, trigger); // a function, for the default
}
constexpr auto statusAction = &FaultAction::respondWith;
constexpr auto actionOf = &FaultAction::of;

FaultTrigger triggerOf(FaultTrigger::Kind kind, int value = 0)
{
    FaultTrigger trigger;
    trigger.kind = kind;
    if (kind == FaultTrigger::Kind::Probability)
        trigger.percent = value;
    else
        trigger.count = value;
    return trigger;
}

// A plan that uses every member, so that each change below is a real difference.
FaultPlan fullPlan()
{
    FaultPlan plan;
    plan.latency = {true, 500, 200, true};
    plan.rateLimit = {true, 10, 60};
    plan.rules = {rule("POST", u"/users"_s, statusAction(503),
                       triggerOf(FaultTrigger::Kind::Probability, 30)),
                  rule({}, u"/users/*"_s, actionOf(FaultAction::Kind::Drop))};
    plan.seed = 42;
    return plan;
}

struct PlanChange
{
    const char *name;
    void (*apply)(FaultPlan &plan);
};

const PlanChange planChanges[] = {
    {"latency.enabled",
     [](FaultPlan &p) {
         p.latency.enabled = false;
     }},
    {"latency.fixedMs",
     [](FaultPlan &p) {
         p.latency.fixedMs = 501;
     }},
    {"latency.jitterMs",
     [](FaultPlan &p) {
         p.latency.jitterMs = 0;
     }},
    {"latency.exemptHealth",
     [](FaultPlan &p) {
         p.latency.exemptHealth = false;
     }},
    {"rateLimit.enabled",
     [](FaultPlan &p) {
         p.rateLimit.enabled = false;
     }},
    {"rateLimit.limit",
     [](FaultPlan &p) {
         p.rateLimit.limit = 11;
     }},
    {"rateLimit.windowSeconds",
     [](FaultPlan &p) {
         p.rateLimit.windowSeconds = 61;
     }},
    {"rule.enabled",
     [](FaultPlan &p) {
         p.rules[0].enabled = false;
     }},
    {"rule.method",
     [](FaultPlan &p) {
         p.rules[0].method = "PUT";
     }},
    {"rule.path",
     [](FaultPlan &p) {
         p.rules[0].path = u"/users/**"_s;
     }},
    {"action.kind",
     [](FaultPlan &p) {
         p.rules[0].action.kind = FaultAction::Kind::Reset;
     }},
    {"action.status",
     [](FaultPlan &p) {
         p.rules[0].action.status = 502;
     }},
    {"action.latencyMs",
     [](FaultPlan &p) {
         p.rules[0].action.latencyMs = 7;
     }},
    {"action.durationMs",
     [](FaultPlan &p) {
         p.rules[0].action.durationMs = 7;
     }},
    {"trigger.kind",
     [](FaultPlan &p) {
         p.rules[0].trigger.kind = FaultTrigger::Kind::Always;
     }},
    {"trigger.percent",
     [](FaultPlan &p) {
         p.rules[0].trigger.percent = 31;
     }},
    {"trigger.count",
     [](FaultPlan &p) {
         p.rules[0].trigger.count = 4;
     }},
    {"rule order",
     [](FaultPlan &p) {
         std::swap(p.rules[0], p.rules[1]);
     }},
    {"rule removed",
     [](FaultPlan &p) {
         p.rules.removeLast();
     }},
    {"seed",
     [](FaultPlan &p) {
         p.seed = 43;
     }},
    {"seed unset",
     [](FaultPlan &p) {
         p.seed.reset();
     }},
};

// Changes made to fullPlan().allOff(), and whether the plan is active after them.
const struct
{
    const char *name;
    void (*apply)(FaultPlan &plan);
    bool active;
} activeChanges[] = {
    {"nothing on", [](FaultPlan &) {}, false},
    {"latency", [](FaultPlan &p) { p.latency.enabled = true; }, true},
    {"latency 0 ms",
     [](FaultPlan &p) {
         p.latency = {true, 0, 0, true};
     },
     false},
    {"latency jitter only",
     [](FaultPlan &p) {
         p.latency = {true, 0, 100, true};
     },
     true},
    {"rate limit", [](FaultPlan &p) { p.rateLimit.enabled = true; }, true},
    {"one rule", [](FaultPlan &p) { p.rules[1].enabled = true; }, true},
    {"no rules, seed set", [](FaultPlan &p) { p.rules.clear(); }, false},
};

} // namespace

class TestFaultPlan : public QObject
{
    Q_OBJECT

private slots:
    void equalPlans()
    {
        QVERIFY(fullPlan() == fullPlan());
        QVERIFY(!(fullPlan() != fullPlan()));
        QVERIFY(FaultPlan() == FaultPlan());
    }

    void everyMemberCounts_data()
    {
        QTest::addColumn<int>("change");
        for (int i = 0; i < int(std::size(planChanges)); ++i)
            QTest::newRow(planChanges[i].name) << i;
    }

    void everyMemberCounts()
    {
        QFETCH(int, change);
        FaultPlan changed = fullPlan();
        planChanges[change].apply(changed);
        QVERIFY(changed != fullPlan());
        QVERIFY(!(changed == fullPlan()));
    }

    void isActive_data()
    {
        QTest::addColumn<int>("change");
        QTest::addColumn<bool>("active");
        for (int i = 0; i < int(std::size(activeChanges)); ++i)
            QTest::newRow(activeChanges[i].name) << i << activeChanges[i].active;
    }

    void isActive()
    {
        QFETCH(int, change);
        QFETCH(bool, active);
        FaultPlan plan = fullPlan().allOff();
        activeChanges[change].apply(plan);
        QCOMPARE(plan.isActive(), active);
    }

    void defaultPlanIsInactive() { QVERIFY(!FaultPlan().isActive()); }

    void allOffKeepsTheValues()
    {
        const FaultPlan plan = fullPlan();
        const FaultPlan off = plan.allOff();
        QVERIFY(plan.isActive());
        QVERIFY(!off.isActive());
        QVERIFY(!off.latency.enabled);
        QVERIFY(!off.rateLimit.enabled);
        QCOMPARE(off.rules.size(), plan.rules.size());

        // Switching each back on gives the original plan.
        FaultPlan on = off;
        on.latency.enabled = true;
        on.rateLimit.enabled = true;
        for (FaultRule &r : on.rules)
            r.enabled = true;
        QVERIFY(on == plan);
    }

    void describeAction_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("text");

        const auto row = [](const char *name, FaultAction::Kind kind, int value,
                            const QString &text) {
            QTest::newRow(name) << int(kind) << value << text;
        };
        using K = FaultAction::Kind;
        row("503", K::Status, 503, u"503 Service Unavailable"_s);
        row("418", K::Status, 418, u"418 I'm a teapot"_s);
        row("unknown phrase", K::Status, 599, u"599"_s);
        row("latency", K::Latency, 800, u"+800 ms latency"_s);
        row("drop", K::Drop, 0, u"drop the connection"_s);
        row("reset", K::Reset, 0, u"reset the connection mid-response"_s);
        row("malformed", K::MalformedBody, 0, u"truncated JSON body"_s);
        row("empty", K::EmptyBody, 0, u"empty body"_s);
        row("content type", K::WrongContentType, 0, u"wrong Content-Type (text/html)"_s);
        row("slow 5 s", K::SlowBody, 5000, u"slow body over 5 s"_s);
        row("slow 400 ms", K::SlowBody, 400, u"slow body over 400 ms"_s);
        row("slow 999 ms", K::SlowBody, 999, u"slow body over 999 ms"_s);
        row("slow 1 s", K::SlowBody, 1000, u"slow body over 1 s"_s);
        row("slow 1.5 s", K::SlowBody, 1500, u"slow body over 1.5 s"_s);
        row("slow rounds half up", K::SlowBody, 1250, u"slow body over 1.3 s"_s);
        row("slow rounds down", K::SlowBody, 1249, u"slow body over 1.2 s"_s);
        row("slow rounds to whole", K::SlowBody, 1960, u"slow body over 2 s"_s);
        row("slow 300 s", K::SlowBody, 300000, u"slow body over 300 s"_s);
    }

    void describeAction()
    {
        QFETCH(int, kind);
        QFETCH(int, value);
        QFETCH(QString, text);
        FaultAction action = actionOf(FaultAction::Kind(kind));
        action.status = value;
        action.latencyMs = value;
        action.durationMs = value;
        QCOMPARE(describe(action), text);
    }

    void describeTrigger_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("text");

        const auto row = [](const char *name, FaultTrigger::Kind kind, int value,
                            const QString &text) {
            QTest::newRow(name) << int(kind) << value << text;
        };
        using K = FaultTrigger::Kind;
        row("always", K::Always, 0, u"every request"_s);
        row("30 %", K::Probability, 30, u"30 % of requests"_s);
        row("0 %", K::Probability, 0, u"0 % of requests"_s);
        row("next 3", K::NextN, 3, u"the next 3 requests"_s);
        row("next 1", K::NextN, 1, u"the next request"_s);
        row("every 1", K::EveryNth, 1, u"every request"_s);
        row("every 2", K::EveryNth, 2, u"every 2nd request"_s);
        row("every 3", K::EveryNth, 3, u"every 3rd request"_s);
        row("every 4", K::EveryNth, 4, u"every 4th request"_s);
        row("every 11", K::EveryNth, 11, u"every 11th request"_s);
        row("every 12", K::EveryNth, 12, u"every 12th request"_s);
        row("every 13", K::EveryNth, 13, u"every 13th request"_s);
        row("every 21", K::EveryNth, 21, u"every 21st request"_s);
        row("every 22", K::EveryNth, 22, u"every 22nd request"_s);
        row("every 23", K::EveryNth, 23, u"every 23rd request"_s);
        row("every 101", K::EveryNth, 101, u"every 101st request"_s);
        row("every 111", K::EveryNth, 111, u"every 111th request"_s);
        row("every 112", K::EveryNth, 112, u"every 112th request"_s);
    }

    void describeTrigger()
    {
        QFETCH(int, kind);
        QFETCH(int, value);
        QFETCH(QString, text);
        QCOMPARE(describe(triggerOf(FaultTrigger::Kind(kind), value)), text);
    }

    void describeMatch_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("text");
        QTest::newRow("method and path") << "POST"_ba << u"/users"_s << u"POST /users"_s;
        QTest::newRow("any method") << QByteArray() << u"/users/*"_s << u"any method /users/*"_s;
        QTest::newRow("any path") << "GET"_ba << u"*"_s << u"GET any path"_s;
        QTest::newRow("anything") << QByteArray() << u"*"_s << u"any request"_s;
    }

    void describeMatch()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, text);
        QCOMPARE(::describeMatch(rule(method, path, {})), text);
    }

    void describeRule()
    {
        QCOMPARE(describe(fullPlan().rules[0]),
                 u"POST /users: 503 Service Unavailable, 30 % of requests"_s);
        QCOMPARE(describe(fullPlan().rules[1]),
                 u"any method /users/*: drop the connection, every request"_s);
    }

    void describeLatency_data()
    {
        QTest::addColumn<int>("fixedMs");
        QTest::addColumn<int>("jitterMs");
        QTest::addColumn<bool>("exemptHealth");
        QTest::addColumn<QString>("text");
        QTest::newRow("jitter, exempt")
            << 500 << 200 << true << u"500 ms ± 200 ms on every request (except /health)"_s;
        QTest::newRow("no jitter")
            << 500 << 0 << true << u"500 ms on every request (except /health)"_s;
        QTest::newRow("not exempt") << 500 << 200 << false << u"500 ms ± 200 ms on every request"_s;
        QTest::newRow("jitter only") << 0 << 50 << false << u"0 ms ± 50 ms on every request"_s;
    }

    void describeLatency()
    {
        QFETCH(int, fixedMs);
        QFETCH(int, jitterMs);
        QFETCH(bool, exemptHealth);
        QFETCH(QString, text);
        QCOMPARE(describe(LatencyFault{true, fixedMs, jitterMs, exemptHealth}), text);
    }

    void describeRateLimit_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("windowSeconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("10 per 60 s") << 10 << 60 << u"10 requests per 60 s per client"_s;
        QTest::newRow("one") << 1 << 1 << u"1 request per 1 s per client"_s;
        QTest::newRow("hour") << 1000 << 3600 << u"1000 requests per 3600 s per client"_s;
    }

    void describeRateLimit()
    {
        QFETCH(int, limit);
        QFETCH(int, windowSeconds);
        QFETCH(QString, text);
        QCOMPARE(describe(RateLimitFault{true, limit, windowSeconds}), text);
    }

    void describeActiveFaults()
    {
        FaultPlan plan = fullPlan();
        plan.rules.insert(1, rule("GET", u"*"_s, actionOf(FaultAction::Kind::EmptyBody)));
        plan.rules[1].enabled = false;
        QCOMPARE(::describeActiveFaults(plan),
                 QStringList({u"500 ms ± 200 ms on every request (except /health)"_s,
                              u"10 requests per 60 s per client"_s,
                              u"POST /users: 503 Service Unavailable, 30 % of requests"_s,
                              u"any method /users/*: drop the connection, every request"_s}));

        plan.latency.enabled = false;
        plan.rateLimit.enabled = false;
        plan.rules[0].enabled = false;
        QCOMPARE(::describeActiveFaults(plan),
                 QStringList({u"any method /users/*: drop the connection, every request"_s}));
        QCOMPARE(::describeActiveFaults(plan.allOff()), QStringList());
    }

    // Like isActive(): latency switched on at 0 ms ± 0 ms is no fault.
    void describeActiveFaultsSkipsZeroLatency()
    {
        FaultPlan plan;
        plan.latency = {true, 0, 0, true};
        QCOMPARE(::describeActiveFaults(plan), QStringList());
        plan.latency.fixedMs = 1;
        QCOMPARE(::describeActiveFaults(plan),
                 QStringList({u"1 ms on every request (except /health)"_s}));
    }
};

QTEST_GUILESS_MAIN(TestFaultPlan)
#include "tst_faultplan.moc"
