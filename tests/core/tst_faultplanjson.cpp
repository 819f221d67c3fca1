#include "faultplanfile.h"
#include "faultplanjson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Qt::StringLiterals;

namespace {

FaultPlan fullPlan()
{
    FaultPlan plan;
    plan.latency = {true, 500, 200, false};
    plan.rateLimit = {true, 25, 30};
    FaultRule post;
    post.method = "POST";
    post.path = u"/users"_s;
    post.action.status = 502;
    post.trigger.kind = FaultTrigger::Kind::Probability;
    post.trigger.percent = 30;
    FaultRule slow;
    slow.enabled = false;
    slow.path = u"/users/**"_s;
    slow.action.kind = FaultAction::Kind::SlowBody;
    slow.action.durationMs = 1500;
    slow.trigger.kind = FaultTrigger::Kind::EveryNth;
    slow.trigger.count = 4;
    plan.rules = {post, slow};
    plan.seed = 4294967295u;
    return plan;
}

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// JSON that leaves members out, and what that makes of a default plan.
const struct
{
    const char *name;
    const char *json;
    void (*expect)(FaultPlan &plan);
} defaultCases[] = {
    {"empty object", R"({})",
     [](FaultPlan &) {
     }},
    {"empty members", R"({"latency": {}, "rate_limit": {}, "rules": [], "seed": null})",
     [](FaultPlan &) {
     }},
    {"latency enabled only", R"({"latency": {"enabled": true}})",
     [](FaultPlan &p) {
         p.latency.enabled = true;
     }},
    {"rate limit limit only", R"({"rate_limit": {"limit": 3}})",
     [](FaultPlan &p) {
         p.rateLimit.limit = 3;
     }},
    {"empty rule", R"({"rules": [{}]})",
     [](FaultPlan &p) {
         p.rules = {FaultRule()};
     }},
    {"empty action and trigger", R"({"rules": [{"action": {}, "trigger": {}}]})",
     [](FaultPlan &p) {
         p.rules = {FaultRule()};
     }},
    {"action type only", R"({"rules": [{"action": {"type": "slow_body"}}]})",
     [](FaultPlan &p) {
         p.rules = {FaultRule()};
         p.rules[0].action.kind = FaultAction::Kind::SlowBody;
     }},
    {"trigger count only", R"({"rules": [{"trigger": {"count": 9}}]})",
     [](FaultPlan &p) {
         p.rules = {FaultRule()};
         p.rules[0].trigger.count = 9;
     }},
};

} // namespace

class TestFaultPlanJson : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip()
    {
        const FaultPlan plan = fullPlan();
        const FaultPlanJson::Parsed fromObject =
            FaultPlanJson::fromJson(FaultPlanJson::toJson(plan));
        QCOMPARE(fromObject.error, QString());
        QVERIFY(fromObject.ok());
        QVERIFY(fromObject.plan == plan);

        const FaultPlanJson::Parsed fromBytes =
            FaultPlanJson::fromBytes(FaultPlanJson::toBytes(plan));
        QCOMPARE(fromBytes.error, QString());
        QVERIFY(fromBytes.plan == plan);
    }

    void roundTripEveryKind_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<int>("trigger");
        for (int action = 0; action <= int(FaultAction::Kind::SlowBody); ++action) {
            for (int trigger = 0; trigger <= int(FaultTrigger::Kind::EveryNth); ++trigger)
                QTest::addRow("action %d, trigger %d", action, trigger) << action << trigger;
        }
    }

    void roundTripEveryKind()
    {
        QFETCH(int, action);
        QFETCH(int, trigger);
        FaultPlan plan;
        FaultRule rule;
        rule.action.kind = FaultAction::Kind(action);
        rule.trigger.kind = FaultTrigger::Kind(trigger);
        plan.rules = {rule};
        const FaultPlanJson::Parsed parsed = FaultPlanJson::fromBytes(FaultPlanJson::toBytes(plan));
        QCOMPARE(parsed.error, QString());
        QVERIFY(parsed.plan.rules.size() == 1);
        QCOMPARE(int(parsed.plan.rules[0].action.kind), action);
        QCOMPARE(int(parsed.plan.rules[0].trigger.kind), trigger);
    }

    void toJsonWritesEveryMember()
    {
        const QJsonObject json = FaultPlanJson::toJson(FaultPlan());
        QCOMPARE(json.keys(), QStringList({u"latency"_s, u"rate_limit"_s, u"rules"_s, u"seed"_s}));
        QVERIFY(json[u"seed"_s].isNull());
        QCOMPARE(json[u"latency"_s].toObject(),
                 parseObject(R"({"enabled": false, "fixed_ms": 0, "jitter_ms": 0,
                                 "exempt_health": true})"));
        QCOMPARE(json[u"rate_limit"_s].toObject(),
                 parseObject(R"({"enabled": false, "limit": 10, "window_seconds": 60})"));
        QCOMPARE(json[u"rules"_s].toArray(), QJsonArray());

        FaultPlan plan;
        plan.rules = {FaultRule()};
        plan.seed = 7;
        const QJsonObject withRule = FaultPlanJson::toJson(plan);
        QCOMPARE(withRule[u"seed"_s].toInteger(), 7);
        QCOMPARE(withRule[u"rules"_s][0].toObject(),
                 parseObject(R"({"enabled": true, "method": "*", "path": "*",
                     "action": {"type": "status", "status": 503, "latency_ms": 1000,
                                "duration_ms": 5000},
                     "trigger": {"type": "always", "percent": 50, "count": 3}})"));
    }

    void toBytesIsIndented()
    {
        const QByteArray bytes = FaultPlanJson::toBytes(fullPlan());
        QVERIFY(bytes.contains("\n    \"latency\": {\n        \"enabled\": true,"));
    }

    void omittedMembersTakeDefaults_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(defaultCases)); ++i)
            QTest::newRow(defaultCases[i].name) << i;
    }

    void omittedMembersTakeDefaults()
    {
        QFETCH(int, index);
        FaultPlan expected;
        defaultCases[index].expect(expected);
        const FaultPlanJson::Parsed parsed = FaultPlanJson::fromBytes(defaultCases[index].json);
        QCOMPARE(parsed.error, QString());
        QVERIFY(parsed.plan == expected);
    }

    void readsValues_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<qint64>("seed"); // -1: none

        QTest::newRow("upper case") << R"({"rules": [{"method": "POST"}]})"_ba
                                    << "POST"_ba << qint64(-1);
        QTest::newRow("lower case") << R"({"rules": [{"method": "delete"}]})"_ba
                                    << "DELETE"_ba << qint64(-1);
        QTest::newRow("mixed case") << R"({"rules": [{"method": "Patch"}]})"_ba
                                    << "PATCH"_ba << qint64(-1);
        QTest::newRow("star") << R"({"rules": [{"method": "*"}]})"_ba << QByteArray() << qint64(-1);
        QTest::newRow("seed 0") << R"({"rules": [{}], "seed": 0})"_ba << QByteArray() << qint64(0);
        QTest::newRow("seed max") << R"({"rules": [{}], "seed": 4294967295})"_ba << QByteArray()
                                  << qint64(4294967295);
        QTest::newRow("seed written with a point")
            << R"({"rules": [{}], "seed": 42.0})"_ba << QByteArray() << qint64(42);
    }

    void readsValues()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, method);
        QFETCH(qint64, seed);
        const FaultPlanJson::Parsed parsed = FaultPlanJson::fromBytes(json);
        QCOMPARE(parsed.error, QString());
        QCOMPARE(parsed.plan.rules.size(), 1);
        QCOMPARE(parsed.plan.rules[0].method, method);
        QCOMPARE(parsed.plan.seed.has_value(), seed >= 0);
        if (seed >= 0)
            QCOMPARE(qint64(*parsed.plan.seed), seed);
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");

        const auto row = [](const char *name, const char *json, const QString &error) {
            QTest::newRow(name) << QByteArray(json) << error;
        };
        const QString fixedMs = u"latency.fixed_ms must be a whole number from 0 to 300000"_s;
        const QString status = u"rules[0].action.status must be a whole number from 400 to 599"_s;
        const QString method =
            u"rules[0].method must be an HTTP method such as \"GET\" or \"*\" for any"_s;
        const QString seed = u"seed must be a whole number from 0 to 4294967295 or null"_s;

        // Top level
        row("unknown member", R"({"latncy": {}})", u"unknown member \"latncy\""_s);
        row("latency not an object", R"({"latency": true})", u"latency must be an object"_s);
        row("latency null", R"({"latency": null})", u"latency must be an object"_s);
        row("rate_limit not an object", R"({"rate_limit": []})", u"rate_limit must be an object"_s);
        row("rules not an array", R"({"rules": {}})", u"rules must be an array"_s);
        row("rule not an object", R"({"rules": [{}, 3]})", u"rules[1] must be an object"_s);

        // Latency
        row("latency unknown member", R"({"latency": {"fixed": 5}})",
            u"unknown member \"latency.fixed\""_s);
        row("enabled not a bool", R"({"latency": {"enabled": 1}})",
            u"latency.enabled must be true or false"_s);
        row("enabled a string", R"({"latency": {"enabled": "true"}})",
            u"latency.enabled must be true or false"_s);
        row("exempt_health not a bool", R"({"latency": {"exempt_health": null}})",
            u"latency.exempt_health must be true or false"_s);
        row("fixed_ms fraction", R"({"latency": {"fixed_ms": 1.5}})", fixedMs);
        row("fixed_ms string", R"({"latency": {"fixed_ms": "500"}})", fixedMs);
        row("fixed_ms bool", R"({"latency": {"fixed_ms": true}})", fixedMs);
        row("fixed_ms null", R"({"latency": {"fixed_ms": null}})", fixedMs);
        row("fixed_ms negative", R"({"latency": {"fixed_ms": -1}})", fixedMs);
        row("fixed_ms too big", R"({"latency": {"fixed_ms": 300001}})", fixedMs);
        row("fixed_ms huge", R"({"latency": {"fixed_ms": 1e300}})", fixedMs);
        row("jitter_ms too big", R"({"latency": {"jitter_ms": 300001}})",
            u"latency.jitter_ms must be a whole number from 0 to 300000"_s);

        // Rate limit
        row("limit 0", R"({"rate_limit": {"limit": 0}})",
            u"rate_limit.limit must be a whole number from 1 to 1000000"_s);
        row("limit too big", R"({"rate_limit": {"limit": 1000001}})",
            u"rate_limit.limit must be a whole number from 1 to 1000000"_s);
        row("window 0", R"({"rate_limit": {"window_seconds": 0}})",
            u"rate_limit.window_seconds must be a whole number from 1 to 86400"_s);
        row("window too long", R"({"rate_limit": {"window_seconds": 86401}})",
            u"rate_limit.window_seconds must be a whole number from 1 to 86400"_s);
        row("rate limit unknown member", R"({"rate_limit": {"window": 5}})",
            u"unknown member \"rate_limit.window\""_s);

        // Rule
        row("rule unknown member", R"({"rules": [{"methods": "GET"}]})",
            u"unknown member \"rules[0].methods\""_s);
        row("rule enabled not a bool", R"({"rules": [{"enabled": "yes"}]})",
            u"rules[0].enabled must be true or false"_s);
        row("method unknown", R"({"rules": [{"method": "FETCH"}]})", method);
        row("method empty", R"({"rules": [{"method": ""}]})", method);
        row("method not a string", R"({"rules": [{"method": 1}]})", method);
        row("method null", R"({"rules": [{"method": null}]})", method);
        row("path not a string", R"({"rules": [{"path": 5}]})",
            u"rules[0].path must be a string"_s);
        row("path without slash", R"({"rules": [{"path": "users"}]})",
            u"rules[0].path: A path pattern must start with / (or be * for every path)"_s);
        row("path ** in the middle", R"({"rules": [{}, {"path": "/a/**/b"}]})",
            u"rules[1].path: ** may only be the last segment of a path pattern"_s);

        // Action
        row("action not an object", R"({"rules": [{"action": "status"}]})",
            u"rules[0].action must be an object"_s);
        row("action unknown member", R"({"rules": [{"action": {"stauts": 500}}]})",
            u"unknown member \"rules[0].action.stauts\""_s);
        row("action type unknown", R"({"rules": [{"action": {"type": "explode"}}]})",
            u"rules[0].action.type must be one of \"status\", \"latency\", \"drop\", \"reset\", "
            "\"malformed_body\", \"empty_body\", \"wrong_content_type\", \"slow_body\""_s);
        row("action type case", R"({"rules": [{"action": {"type": "Status"}}]})",
            u"rules[0].action.type must be one of \"status\", \"latency\", \"drop\", \"reset\", "
            "\"malformed_body\", \"empty_body\", \"wrong_content_type\", \"slow_body\""_s);
        row("status 399", R"({"rules": [{"action": {"status": 399}}]})", status);
        row("status 600", R"({"rules": [{"action": {"status": 600}}]})", status);
        row("status fraction", R"({"rules": [{"action": {"status": 503.5}}]})", status);
        row("status string", R"({"rules": [{"action": {"status": "503"}}]})", status);
        row("status checked for any type",
            R"({"rules": [{"action": {"type": "drop", "status": 200}}]})", status);
        row("latency_ms 0", R"({"rules": [{"action": {"latency_ms": 0}}]})",
            u"rules[0].action.latency_ms must be a whole number from 1 to 300000"_s);
        row("duration_ms too long", R"({"rules": [{"action": {"duration_ms": 300001}}]})",
            u"rules[0].action.duration_ms must be a whole number from 1 to 300000"_s);

        // Trigger
        row("trigger not an object", R"({"rules": [{"trigger": []}]})",
            u"rules[0].trigger must be an object"_s);
        row("trigger unknown member", R"({"rules": [{"trigger": {"every": 3}}]})",
            u"unknown member \"rules[0].trigger.every\""_s);
        row("trigger type unknown", R"({"rules": [{}, {}, {"trigger": {"type": "sometimes"}}]})",
            u"rules[2].trigger.type must be one of \"always\", \"probability\", \"next\", "
            "\"every\""_s);
        row("trigger type not a string", R"({"rules": [{"trigger": {"type": 1}}]})",
            u"rules[0].trigger.type must be one of \"always\", \"probability\", \"next\", "
            "\"every\""_s);
        row("percent 101", R"({"rules": [{"trigger": {"percent": 101}}]})",
            u"rules[0].trigger.percent must be a whole number from 0 to 100"_s);
        row("percent -1", R"({"rules": [{"trigger": {"percent": -1}}]})",
            u"rules[0].trigger.percent must be a whole number from 0 to 100"_s);
        row("count 0", R"({"rules": [{"trigger": {"count": 0}}]})",
            u"rules[0].trigger.count must be a whole number from 1 to 1000000"_s);
        row("count too big", R"({"rules": [{"trigger": {"count": 1000001}}]})",
            u"rules[0].trigger.count must be a whole number from 1 to 1000000"_s);

        // Seed
        row("seed negative", R"({"seed": -1})", seed);
        row("seed too big", R"({"seed": 4294967296})", seed);
        row("seed fraction", R"({"seed": 1.5})", seed);
        row("seed string", R"({"seed": "42"})", seed);
        row("seed bool", R"({"seed": false})", seed);
    }

    void invalid()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const FaultPlanJson::Parsed parsed = FaultPlanJson::fromBytes(json);
        QCOMPARE(parsed.error, error);
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.plan == FaultPlan());
    }

    // The first problem wins, in the documented order of the members.
    void firstProblemIsReported()
    {
        const FaultPlanJson::Parsed parsed = FaultPlanJson::fromBytes(
            R"({"seed": "x", "rules": [{"method": "x"}], "latency": {"fixed_ms": -1}})");
        QCOMPARE(parsed.error, u"latency.fixed_ms must be a whole number from 0 to 300000"_s);
    }

    void rulesAreCapped_data()
    {
        QTest::addColumn<int>("rules");
        QTest::addColumn<QString>("error");
        QTest::newRow("at the cap") << FaultPlan::MaxRules << QString();
        QTest::newRow("one past the cap")
            << FaultPlan::MaxRules + 1 << u"rules may hold at most 1000 rules, not 1001"_s;
        QTest::newRow("far past the cap")
            << 40000 << u"rules may hold at most 1000 rules, not 40000"_s;
    }

    // A plan of tens of thousands of rules would be matched against every request.
    void rulesAreCapped()
    {
        QFETCH(int, rules);
        QFETCH(QString, error);
        QJsonArray array;
        for (int i = 0; i < rules; ++i)
            array.append(QJsonObject{{u"path"_s, u"/users/%1"_s.arg(i)}});
        const FaultPlanJson::Parsed parsed = FaultPlanJson::fromJson({{u"rules"_s, array}});
        QCOMPARE(parsed.error, error);
        QCOMPARE(parsed.plan.rules.size(), error.isEmpty() ? rules : 0);
    }

    void importReadsAtMostAPlansWorth()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"huge.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(FaultPlanFile::MaxFileBytes + 1));
        file.close();
        const QString tooLarge = u"The file is larger than 1 MiB, too large to be a fault plan."_s;
        QCOMPARE(FaultPlanFile::importPlan(path).error, tooLarge);
#ifdef Q_OS_UNIX
        // Neither could stall the caller: a device never ends, a FIFO without a writer blocks
        // in open().
        const QString notRegular = u"The file cannot be read: it is not a regular file."_s;
        QCOMPARE(FaultPlanFile::importPlan(u"/dev/zero"_s).error, notRegular);
        const QString fifo = dir.filePath(u"plan.fifo"_s);
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QCOMPARE(FaultPlanFile::importPlan(fifo).error, notRegular);
#endif
    }

    void notJson_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("unclosed") << R"({"latency": {"enabled": true})"_ba;
        QTest::newRow("misspelt null") << R"({"seed": nul})"_ba;
        QTest::newRow("trailing comma") << R"({"rules": [],})"_ba;
        QTest::newRow("two values") << R"({} {})"_ba;
        QTest::newRow("lone word") << "plan"_ba;
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("blank") << "  \n"_ba;
        QTest::newRow("two numbers") << "1, 2"_ba;
    }

    void notJson()
    {
        QFETCH(QByteArray, text);
        QJsonParseError qtError;
        QJsonDocument::fromJson(text, &qtError);
        QVERIFY(qtError.error != QJsonParseError::NoError);

        const FaultPlanJson::Parsed parsed = FaultPlanJson::fromBytes(text);
        QCOMPARE(parsed.error,
                 u"The fault plan is not valid JSON: %1 at offset %2"_s.arg(qtError.errorString())
                     .arg(qtError.offset));
        QVERIFY(parsed.plan == FaultPlan());
    }

    void notAnObject_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("array") << "[]"_ba;
        QTest::newRow("array of a plan") << R"([{"rules": []}])"_ba;
        QTest::newRow("string") << R"("plan")"_ba;
        QTest::newRow("number") << "42"_ba;
        QTest::newRow("null") << " null "_ba;
    }

    void notAnObject()
    {
        QFETCH(QByteArray, json);
        const FaultPlanJson::Parsed parsed = FaultPlanJson::fromBytes(json);
        QCOMPARE(parsed.error, u"The fault plan must be a JSON object"_s);
    }
};

QTEST_GUILESS_MAIN(TestFaultPlanJson)
#include "tst_faultplanjson.moc"
