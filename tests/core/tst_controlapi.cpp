#include "apiservice.h"
#include "controlapi.h"
#include "faultinjector.h"
#include "faultplanjson.h"
#include "requests.h"
#include "sandboxes/sandboxregistry.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// The control API at the ApiRequest level: off means unknown, the key guards every change, and
// each route does what a test suite relies on.
class TestControlApi : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void offLeavesEveryPathToTheApi();
    void otherPathsAreNotControlPaths_data();
    void otherPathsAreNotControlPaths();
    void keyIsRequired_data();
    void keyIsRequired();
    void preflightNeedsNoKey();
    void getReturnsThePlanInEffect();
    void putReplacesThePlanAndStartsItAfresh();
    void putRejectsBadPlansAndKeepsTheOldOne_data();
    void putRejectsBadPlansAndKeepsTheOldOne();
    void resetRestoresDataFaultsAndLifetime();
    void tokenLifetimeRoundTrip();
    void tokenLifetimeRejectsBadValues_data();
    void tokenLifetimeRejectsBadValues();
    void unknownControlPathAndWrongMethod();
    void newKeysAreRandomAndHeaderSafe();

private:
    std::optional<ApiResponse> send(const QByteArray &method, const QString &path,
                                    const QByteArray &body = {},
                                    const QByteArray &key = "correct-horse-battery");

    std::unique_ptr<SandboxRegistry> m_registry;
    ApiService *m_service = nullptr; // the shared API
    std::unique_ptr<FaultInjector> m_faults;
    std::unique_ptr<ControlApi> m_control;
};

void TestControlApi::init()
{
    ServiceConfig config;
    config.jwtSecret = QByteArray(32, 'k');
    m_registry = std::make_unique<SandboxRegistry>(config);
    m_service = &m_registry->shared();
    m_faults = std::make_unique<FaultInjector>(7);
    m_control = std::make_unique<ControlApi>(*m_registry, *m_faults);
    m_control->setKey("correct-horse-battery");
    m_control->setEnabled(true);
}

void TestControlApi::cleanup()
{
    m_control.reset();
    m_faults.reset();
    m_service = nullptr;
    m_registry.reset();
}

std::optional<ApiResponse> TestControlApi::send(const QByteArray &method, const QString &path,
                                                const QByteArray &body, const QByteArray &key)
{
    HttpHeaders headers;
    if (!key.isNull())
        headers.append({"X-Dojo-Key"_ba, key});
    return m_control->handle(makeRequest(method, path, body, headers));
}

void TestControlApi::offLeavesEveryPathToTheApi()
{
    m_control->setEnabled(false);
    QVERIFY(!send("GET", u"/_dojo/faults"_s));
    QVERIFY(!send("POST", u"/_dojo/reset"_s));
    // The API itself then answers 404 like for any unknown path.
    const ApiResponse response = m_service->handle(makeRequest("GET", u"/_dojo/faults"_s));
    QCOMPARE(response.status, 404);
    QCOMPARE(jsonBody(response).value(u"error_code"_s).toString(), u"NOT_FOUND"_s);
}

void TestControlApi::otherPathsAreNotControlPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("api") << u"/users"_s;
    QTest::newRow("similar prefix") << u"/_dojox/faults"_s;
    QTest::newRow("alias") << u"/api/v1/_dojo/faults"_s;
    QTest::newRow("root") << u"/"_s;
}

void TestControlApi::otherPathsAreNotControlPaths()
{
    QFETCH(QString, path);
    QVERIFY(!send("GET", path));
}

void TestControlApi::keyIsRequired_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("missing") << QByteArray();
    QTest::newRow("empty") << ""_ba;
    QTest::newRow("wrong") << "correct-horse-batterx"_ba;
    QTest::newRow("prefix") << "correct-horse"_ba;
    QTest::newRow("longer") << "correct-horse-battery-staple"_ba;
    QTest::newRow("case") << "CORRECT-HORSE-BATTERY"_ba;
}

void TestControlApi::keyIsRequired()
{
    QFETCH(QByteArray, key);
    QSignalSpy planChanged(m_control.get(), &ControlApi::faultPlanChanged);
    const std::optional<ApiResponse> response =
        send("PUT", u"/_dojo/faults"_s, R"({"rate_limit":{"enabled":true}})", key);
    QVERIFY(response);
    QCOMPARE(response->status, 401);
    QCOMPARE(jsonBody(*response).value(u"error_code"_s).toString(), u"INVALID_CONTROL_KEY"_s);
    QCOMPARE(response->header("Access-Control-Allow-Origin"), "*"_ba);
    QVERIFY(!m_faults->plan().rateLimit.enabled);
    QCOMPARE(planChanged.size(), 0);
}

void TestControlApi::preflightNeedsNoKey()
{
    const std::optional<ApiResponse> response = send("OPTIONS", u"/_dojo/faults"_s, {}, {});
    QVERIFY(response);
    QCOMPARE(response->status, 204);
    QVERIFY(response->header("Access-Control-Allow-Methods").contains("PUT"));
    QVERIFY(response->header("Access-Control-Allow-Headers").contains("X-Dojo-Key"));
}

void TestControlApi::getReturnsThePlanInEffect()
{
    FaultPlan plan;
    plan.latency = {true, 250, 50, true};
    plan.seed = 99;
    m_faults->setPlan(plan);

    const std::optional<ApiResponse> response = send("GET", u"/_dojo/faults"_s);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    const QJsonObject body = jsonBody(*response);
    QCOMPARE(body.value(u"status"_s).toString(), u"success"_s);
    const FaultPlanJson::Parsed parsed = FaultPlanJson::fromJson(body.value(u"data"_s).toObject());
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QVERIFY(parsed.plan == plan);
    QCOMPARE(body.value(u"message"_s).toString(), u"Fault plan: 1 fault active"_s);
}

void TestControlApi::putReplacesThePlanAndStartsItAfresh()
{
    // A "next 1" rule that has already fired once...
    FaultRule once;
    once.action.kind = FaultAction::Kind::Status;
    once.action.status = 500;
    once.trigger.kind = FaultTrigger::Kind::NextN;
    once.trigger.count = 1;
    FaultPlan plan;
    plan.rules = {once};
    m_faults->setPlan(plan);
    QCOMPARE(m_faults->decide(makeRequest("GET", u"/users"_s), 0).delivery,
             FaultDecision::Delivery::Replace);
    QCOMPARE(m_faults->decide(makeRequest("GET", u"/users"_s), 0).delivery,
             FaultDecision::Delivery::Normal);

    // ...is armed again by a PUT of the same plan: a test starts from a clean slate.
    QSignalSpy planChanged(m_control.get(), &ControlApi::faultPlanChanged);
    const std::optional<ApiResponse> response =
        send("PUT", u"/_dojo/faults"_s, FaultPlanJson::toBytes(plan));
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(planChanged.size(), 1);
    QVERIFY(m_faults->plan() == plan);
    QCOMPARE(jsonBody(*response).value(u"message"_s).toString(),
             u"Fault plan replaced: 1 fault active"_s);
    QCOMPARE(m_faults->decide(makeRequest("GET", u"/users"_s), 0).delivery,
             FaultDecision::Delivery::Replace);
}

void TestControlApi::putRejectsBadPlansAndKeepsTheOldOne_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("not json") << "{latency"_ba << u"INVALID_JSON"_s;
    QTest::newRow("array") << "[]"_ba << u"INVALID_JSON"_s;
    QTest::newRow("empty") << ""_ba << u"INVALID_JSON"_s;
    QTest::newRow("bad status") << R"({"rules":[{"action":{"type":"status","status":200}}]})"_ba
                                << u"INVALID_FAULT_PLAN"_s;
    QTest::newRow("bad latency") << R"({"latency":{"enabled":true,"fixed_ms":-5}})"_ba
                                 << u"INVALID_FAULT_PLAN"_s;
    QByteArray tooManyRules = R"({"rules":[{})"_ba;
    for (int i = 1; i <= FaultPlan::MaxRules; ++i)
        tooManyRules += ",{}";
    QTest::newRow("too many rules") << tooManyRules + "]}" << u"INVALID_FAULT_PLAN"_s;
}

void TestControlApi::putRejectsBadPlansAndKeepsTheOldOne()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, errorCode);
    FaultPlan plan;
    plan.rateLimit = {true, 5, 10};
    m_faults->setPlan(plan);
    QSignalSpy planChanged(m_control.get(), &ControlApi::faultPlanChanged);

    const std::optional<ApiResponse> response = send("PUT", u"/_dojo/faults"_s, body);
    QVERIFY(response);
    QCOMPARE(response->status, 400);
    const QJsonObject json = jsonBody(*response);
    QCOMPARE(json.value(u"error_code"_s).toString(), errorCode);
    QVERIFY(!json.value(u"message"_s).toString().isEmpty());
    QVERIFY(m_faults->plan() == plan);
    QCOMPARE(planChanged.size(), 0);
}

void TestControlApi::resetRestoresDataFaultsAndLifetime()
{
    const ApiResponse created = m_service->handle(TrainerRequest::createUser(
        R"({"name":"Grace Hopper","email":"grace@example.com","age":45})"));
    QCOMPARE(created.status, 201);
    const qsizetype seeded = m_service->users().count() - 1;
    m_service->tokens().setLifetimeSeconds(5);
    FaultRule rule;
    FaultPlan plan;
    plan.rules = {rule};
    plan.latency = {true, 100, 0, false};
    m_faults->setPlan(plan);

    QSignalSpy planChanged(m_control.get(), &ControlApi::faultPlanChanged);
    QSignalSpy lifetimeChanged(m_control.get(), &ControlApi::tokenLifetimeChanged);
    const std::optional<ApiResponse> response = send("POST", u"/_dojo/reset"_s);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(m_service->users().count(), seeded);
    QVERIFY(!m_faults->plan().isActive());
    QCOMPARE(m_faults->plan().rules.size(), 1); // kept, switched off
    QCOMPARE(m_service->tokens().lifetimeSeconds(), TokenService::DefaultLifetimeSeconds);
    QCOMPARE(planChanged.size(), 1);
    QCOMPARE(lifetimeChanged.size(), 1);
    QCOMPARE(lifetimeChanged[0][0].toLongLong(), TokenService::DefaultLifetimeSeconds);
}

void TestControlApi::tokenLifetimeRoundTrip()
{
    QSignalSpy lifetimeChanged(m_control.get(), &ControlApi::tokenLifetimeChanged);
    std::optional<ApiResponse> response = send("PUT", u"/_dojo/token-ttl"_s, R"({"seconds":30})");
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(m_service->tokens().lifetimeSeconds(), 30);
    QCOMPARE(lifetimeChanged.size(), 1);

    response = send("GET", u"/_dojo/token-ttl"_s);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(jsonBody(*response).value(u"data"_s).toObject().value(u"seconds"_s).toInt(), 30);
}

void TestControlApi::tokenLifetimeRejectsBadValues_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("zero") << R"({"seconds":0})"_ba << u"INVALID_TOKEN_TTL"_s;
    QTest::newRow("negative") << R"({"seconds":-1})"_ba << u"INVALID_TOKEN_TTL"_s;
    QTest::newRow("fraction") << R"({"seconds":1.5})"_ba << u"INVALID_TOKEN_TTL"_s;
    QTest::newRow("string") << R"({"seconds":"60"})"_ba << u"INVALID_TOKEN_TTL"_s;
    QTest::newRow("missing") << R"({})"_ba << u"INVALID_TOKEN_TTL"_s;
    QTest::newRow("too long") << R"({"seconds":1e300})"_ba << u"INVALID_TOKEN_TTL"_s;
    QTest::newRow("not json") << "sixty"_ba << u"INVALID_JSON"_s;
}

void TestControlApi::tokenLifetimeRejectsBadValues()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, errorCode);
    const std::optional<ApiResponse> response = send("PUT", u"/_dojo/token-ttl"_s, body);
    QVERIFY(response);
    QCOMPARE(response->status, 400);
    QCOMPARE(jsonBody(*response).value(u"error_code"_s).toString(), errorCode);
    QCOMPARE(m_service->tokens().lifetimeSeconds(), TokenService::DefaultLifetimeSeconds);
}

void TestControlApi::unknownControlPathAndWrongMethod()
{
    std::optional<ApiResponse> response = send("GET", u"/_dojo/nothing"_s);
    QVERIFY(response);
    QCOMPARE(response->status, 404);
    response = send("DELETE", u"/_dojo/faults"_s);
    QVERIFY(response);
    QCOMPARE(response->status, 405);
    QCOMPARE(response->header("Allow").contains("PUT"), true);
}

void TestControlApi::newKeysAreRandomAndHeaderSafe()
{
    const QByteArray first = ControlApi::newKey();
    const QByteArray second = ControlApi::newKey();
    QCOMPARE(first.size(), 24);
    QVERIFY(first != second);
    for (const char c : first)
        QVERIFY2(std::isalnum(uchar(c)) || c == '-' || c == '_', first.constData());
}

QTEST_GUILESS_MAIN(TestControlApi)
#include "tst_controlapi.moc"
