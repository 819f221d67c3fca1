#include "faultpresets.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

FaultPreset presetNamed(const QString &name)
{
    const QList<FaultPreset> presets = FaultPresets::all();
    for (const FaultPreset &preset : presets) {
        if (preset.name == name)
            return preset;
    }
    qFatal("no preset named %s", qPrintable(name));
    return {};
}

// A plan with something of everything, all of it off, for presets to be applied on top of.
FaultPlan busyPlan()
{
    FaultPlan plan;
    plan.latency.exemptHealth = false;
    plan.latency.fixedMs = 50;
    plan.rateLimit.limit = 99;
    FaultRule rule;
    rule.enabled = false;
    rule.method = "GET";
    rule.path = u"/users/*"_s;
    rule.action.kind = FaultAction::Kind::EmptyBody;
    plan.rules.append(rule);
    plan.seed = 42;
    return plan;
}

} // namespace

// The ready-made faults of the Presets menu: each a change on top of the plan in effect.
class TestFaultPresets : public QObject
{
    Q_OBJECT

private slots:
    void everyPresetHasANameADescriptionAndAnEffect()
    {
        const QList<FaultPreset> presets = FaultPresets::all();
        QVERIFY(presets.size() >= 6);
        QStringList names;
        for (const FaultPreset &preset : presets) {
            QVERIFY(!preset.name.isEmpty());
            QVERIFY(preset.description.endsWith(u'.'));
            QVERIFY(preset.apply);
            QVERIFY(!names.contains(preset.name));
            names.append(preset.name);
            // Whatever it does, it switches a fault on, and keeps what was there.
            const FaultPlan before = busyPlan();
            const FaultPlan after = preset.apply(before);
            QVERIFY2(after.isActive(), qPrintable(preset.name));
            QVERIFY2(after != before, qPrintable(preset.name));
            QCOMPARE(after.seed, before.seed);
            QCOMPARE(after.rules.mid(0, 1), before.rules);
        }
    }

    void presetRule_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("actionKind");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("triggerKind");
        QTest::addColumn<int>("parameter"); // percent or count
        QTest::addColumn<QString>("described");

        const int status = int(FaultAction::Kind::Status);
        const int probability = int(FaultTrigger::Kind::Probability);
        QTest::newRow("flaky") << u"Flaky: 20 % 500s"_s << QByteArray() << u"*"_s << status << 500
                               << probability << 20
                               << u"any request: 500 Internal Server Error, 20 % of requests"_s;
        QTest::newRow("unstable create")
            << u"Unstable POST /users: 30 % 503"_s << QByteArray("POST") << u"/users"_s << status
            << 503 << probability << 30
            << u"POST /users: 503 Service Unavailable, 30 % of requests"_s;
        QTest::newRow("every third") << u"Every 3rd request: 504"_s << QByteArray() << u"*"_s
                                     << status << 504 << int(FaultTrigger::Kind::EveryNth) << 3
                                     << u"any request: 504 Gateway Timeout, every 3rd request"_s;
        QTest::newRow("dropped") << u"Dropped connections: 10 %"_s << QByteArray() << u"*"_s
                                 << int(FaultAction::Kind::Drop) << 503 << probability << 10
                                 << u"any request: drop the connection, 10 % of requests"_s;
        QTest::newRow("broken json")
            << u"Broken JSON: 10 % truncated bodies"_s << QByteArray() << u"*"_s
            << int(FaultAction::Kind::MalformedBody) << 503 << probability << 10
            << u"any request: truncated JSON body, 10 % of requests"_s;
    }

    void presetRule()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, actionKind);
        QFETCH(int, status);
        QFETCH(int, triggerKind);
        QFETCH(int, parameter);
        QFETCH(QString, described);

        const FaultPlan plan = presetNamed(name).apply(FaultPlan());

        QCOMPARE(plan.rules.size(), 1);
        const FaultRule &rule = plan.rules.first();
        QVERIFY(rule.enabled);
        QCOMPARE(rule.method, method);
        QCOMPARE(rule.path, path);
        QCOMPARE(int(rule.action.kind), actionKind);
        QCOMPARE(rule.action.status, status);
        QCOMPARE(int(rule.trigger.kind), triggerKind);
        if (rule.trigger.kind == FaultTrigger::Kind::Probability)
            QCOMPARE(rule.trigger.percent, parameter);
        else
            QCOMPARE(rule.trigger.count, parameter);
        QCOMPARE(describe(rule), described);
        // Nothing else is switched on.
        QVERIFY(!plan.latency.enabled);
        QVERIFY(!plan.rateLimit.enabled);
    }

    void slowNetworkSwitchesGlobalLatencyOn()
    {
        const FaultPlan plan = presetNamed(u"Slow network: 800 ms ± 400"_s).apply(busyPlan());

        QVERIFY(plan.latency.enabled);
        QCOMPARE(plan.latency.fixedMs, 800);
        QCOMPARE(plan.latency.jitterMs, 400);
        QVERIFY(!plan.latency.exemptHealth); // the trainer's choice stays
        QCOMPARE(plan.rules, busyPlan().rules);
        QCOMPARE(plan.rateLimit, busyPlan().rateLimit);
        QCOMPARE(describeActiveFaults(plan).first(), u"800 ms ± 400 ms on every request"_s);
    }

    void rateLimitSwitchesTheLimitOn()
    {
        const FaultPlan plan = presetNamed(u"Rate limit: 10 per minute"_s).apply(busyPlan());

        QVERIFY(plan.rateLimit.enabled);
        QCOMPARE(plan.rateLimit.limit, 10);
        QCOMPARE(plan.rateLimit.windowSeconds, 60);
        QCOMPARE(plan.latency, busyPlan().latency);
        QCOMPARE(plan.rules, busyPlan().rules);
    }

    void presetsAddUp()
    {
        FaultPlan plan;
        for (const FaultPreset &preset : FaultPresets::all())
            plan = preset.apply(plan);

        QVERIFY(plan.latency.enabled);
        QVERIFY(plan.rateLimit.enabled);
        QCOMPARE(plan.rules.size(), 5);
        // In menu order, so the list reads like the clicks that made it.
        QCOMPARE(plan.rules[0].action.status, 500);
        QCOMPARE(plan.rules[4].action.kind, FaultAction::Kind::MalformedBody);
    }

    void aPresetTwiceAddsItsRuleOnce()
    {
        const FaultPreset flaky = presetNamed(u"Flaky: 20 % 500s"_s);
        const FaultPlan once = flaky.apply(busyPlan());

        QCOMPARE(flaky.apply(once), once);
        QCOMPARE(once.rules.size(), 2);
    }

    void aPresetSwitchesItsRuleBackOnWhereItIs()
    {
        const FaultPreset flaky = presetNamed(u"Flaky: 20 % 500s"_s);
        FaultPlan plan = flaky.apply(FaultPlan());
        plan.rules.append(busyPlan().rules);
        plan = plan.allOff();

        const FaultPlan again = flaky.apply(plan);

        QCOMPARE(again.rules.size(), 2);
        QVERIFY(again.rules[0].enabled);
        QVERIFY(!again.rules[1].enabled);
    }

    void withRuleAppendsARuleThatDiffersInAnyWay()
    {
        const FaultPlan plan = busyPlan();
        FaultRule other = plan.rules.first();
        other.trigger.kind = FaultTrigger::Kind::NextN;
        other.enabled = false;

        const FaultPlan result = FaultPresets::withRule(plan, other);

        QCOMPARE(result.rules.size(), 2);
        QVERIFY(result.rules[1].enabled); // a preset's rule is always on
        QCOMPARE(result.rules[1].trigger.kind, FaultTrigger::Kind::NextN);
    }
};

QTEST_MAIN(TestFaultPresets)
#include "tst_faultpresets.moc"
