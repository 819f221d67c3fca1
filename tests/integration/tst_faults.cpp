#include "faultplanjson.h"
#include "httpclient.h"
#include "serverfixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

FaultRule statusRule(const QByteArray &method, const QString &path, int status, int percent)
{
    return FaultRule::make(method, path, FaultAction::respondWith(status),
                           FaultTrigger::probability(percent));
}

QByteArray userJson(int n)
{
    return u"{\"name\":\"Student %1\",\"email\":\"student%1@example.com\",\"age\":20}"_s.arg(n)
        .toUtf8();
}

} // namespace

// The fault plan through the whole stack: ServerHost on its thread, real HTTP, the control API.
class TestFaults : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_server.reset(); }

    void flakyPostAndSlowEverythingThenAllOff();
    void sameSeedReplaysTheSameFailures();
    void rateLimitHeadersAndRetryAfter();
    void controlApiSwitchesFaultsForOneTest();
    void controlApiIsUnknownWhileOff();

private:
    void applyPlan(const FaultPlan &plan);
    QByteArray adminToken(HttpClient &client);

    std::unique_ptr<ServerFixture> m_server;
};

void TestFaults::init()
{
    m_server = std::make_unique<ServerFixture>();
    QVERIFY(m_server->start());
}

void TestFaults::applyPlan(const FaultPlan &plan)
{
    QSignalSpy changed(&m_server->host(), &ServerHost::faultPlanChanged);
    m_server->host().setFaultPlan(plan);
    QVERIFY(changed.wait(5000));
    QVERIFY(changed.constLast()[0].value<FaultPlan>() == plan);
}

QByteArray TestFaults::adminToken(HttpClient &client)
{
    const HttpResult login =
        client.sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})");
    return login.json()[u"data"_s][u"token"_s].toString().toLatin1();
}

// The issue's "done when": POST /users fails 30 % of the time with 503, every request is slow,
// the log says which fault did it, and one switch restores normal service.
void TestFaults::flakyPostAndSlowEverythingThenAllOff()
{
    HttpClient client(m_server->baseUrl());
    const QByteArray token = adminToken(client);
    QVERIFY(!token.isEmpty());

    FaultPlan plan;
    plan.latency = {true, 60, 20, true};
    plan.rules = {statusRule("POST", u"/users"_s, 503, 30)};
    plan.seed = 42;
    applyPlan(plan);
    QSignalSpy recorded(&m_server->host(), &ServerHost::exchangesRecorded);

    int failed = 0;
    int created = 0;
    for (int n = 0; n < 30; ++n) {
        QElapsedTimer clock;
        clock.start();
        const HttpResult result = client.sendJson("POST", u"/users"_s, userJson(n), token);
        QVERIFY2(clock.elapsed() >= 40, qPrintable(QString::number(clock.elapsed())));
        if (result.status == 503) {
            ++failed;
            QCOMPARE(result.json()[u"error_code"_s].toString(), u"SERVICE_UNAVAILABLE"_s);
            QCOMPARE(result.header("Retry-After"), "1"_ba);
        } else {
            QCOMPARE(result.status, 201);
            ++created;
        }
    }
    QVERIFY2(failed >= 3 && failed <= 18, qPrintable(QString::number(failed)));
    // A 503 changed nothing: only the answered creations are in the table.
    const HttpResult list = client.get(u"/users"_s);
    QCOMPARE(list.json()[u"data"_s][u"count"_s].toInt(), 2 + created);

    // The exchanges say which fault touched them.
    const auto collected = [&recorded] {
        QList<Exchange> posts; // the login's batch may come after the spy was set up
        for (const QList<QVariant> &batch : std::as_const(recorded)) {
            for (const Exchange &exchange : batch[0].value<QList<Exchange>>()) {
                if (exchange.request.method == "POST" && exchange.request.path == u"/users")
                    posts.append(exchange);
            }
        }
        return posts;
    };
    QTRY_COMPARE(collected().size(), 30);
    const QList<Exchange> exchanges = collected();
    const Exchange &first = exchanges.constFirst();
    QVERIFY(!first.faults.isEmpty());
    QCOMPARE(first.faults.constFirst().source, u"Latency"_s);
    int markedFailures = 0;
    for (const Exchange &exchange : std::as_const(exchanges)) {
        if (exchange.response.status == 503) {
            ++markedFailures;
            QVERIFY(std::any_of(exchange.faults.cbegin(), exchange.faults.cend(),
                                [](const AppliedFault &fault) {
                                    return fault.source.startsWith(u"Rule 1"_s) &&
                                           fault.effect.startsWith(u"503"_s);
                                }));
        }
    }
    QCOMPARE(markedFailures, failed);

    // One switch: everything off, every POST succeeds.
    applyPlan(plan.allOff());
    for (int n = 100; n < 110; ++n)
        QCOMPARE(client.sendJson("POST", u"/users"_s, userJson(n), token).status, 201);
}

void TestFaults::sameSeedReplaysTheSameFailures()
{
    HttpClient client(m_server->baseUrl());
    FaultPlan plan;
    plan.rules = {statusRule({}, u"/users"_s, 500, 40)};
    plan.seed = 1234;
    applyPlan(plan);

    const auto run = [&client] {
        QList<int> statuses;
        for (int n = 0; n < 25; ++n)
            statuses.append(client.get(u"/users"_s).status);
        return statuses;
    };
    const QList<int> first = run();
    QVERIFY(first.contains(500));
    QVERIFY(first.contains(200));

    m_server->host().restartFaults();
    QCOMPARE(run(), first);

    // Another seed gives another sequence.
    plan.seed = 4321;
    applyPlan(plan);
    m_server->host().restartFaults();
    QVERIFY(run() != first);
}

void TestFaults::rateLimitHeadersAndRetryAfter()
{
    HttpClient client(m_server->baseUrl());
    FaultPlan plan;
    plan.rateLimit = {true, 3, 60};
    applyPlan(plan);

    for (int n = 1; n <= 3; ++n) {
        const HttpResult result = client.get(u"/users"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.header("X-RateLimit-Limit"), "3"_ba);
        QCOMPARE(result.header("X-RateLimit-Remaining"), QByteArray::number(3 - n));
        QVERIFY(result.header("X-RateLimit-Reset").toInt() >= 1);
    }
    const HttpResult limited = client.get(u"/health"_s);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.json()[u"error_code"_s].toString(), u"RATE_LIMITED"_s);
    const int retryAfter = limited.header("Retry-After").toInt();
    QVERIFY(retryAfter >= 1 && retryAfter <= 60);
    QCOMPARE(limited.header("X-RateLimit-Remaining"), "0"_ba);

    applyPlan(plan.allOff());
    const HttpResult normal = client.get(u"/users"_s);
    QCOMPARE(normal.status, 200);
    QVERIFY(normal.header("X-RateLimit-Limit").isEmpty());
}

void TestFaults::controlApiSwitchesFaultsForOneTest()
{
    const QByteArray key = "test-suite-key-123";
    m_server->host().setControlApi(true, key);
    HttpClient client(m_server->baseUrl());
    const QList<std::pair<QByteArray, QByteArray>> auth{{"X-Dojo-Key"_ba, key},
                                                        {"Content-Type"_ba, "application/json"_ba}};

    QCOMPARE(client.send("GET", u"/_dojo/faults"_s).status, 401);
    const HttpResult wrongKey =
        client.send("GET", u"/_dojo/faults"_s, {}, {{"X-Dojo-Key", "nope"}});
    QCOMPARE(wrongKey.status, 401);
    QCOMPARE(wrongKey.json()[u"error_code"_s].toString(), u"INVALID_CONTROL_KEY"_s);

    FaultPlan plan;
    plan.rules = {statusRule("GET", u"/users/*"_s, 502, 100)};
    QSignalSpy planChanged(&m_server->host(), &ServerHost::faultPlanChanged);
    const HttpResult put =
        client.send("PUT", u"/_dojo/faults"_s, FaultPlanJson::toBytes(plan), auth);
    QCOMPARE(put.status, 200);
    // The window hears of it like of any other change.
    QTRY_VERIFY(!planChanged.isEmpty());
    QVERIFY(planChanged.constLast()[0].value<FaultPlan>() == plan);

    const HttpResult failing = client.get(u"/users/1"_s);
    QCOMPARE(failing.status, 502);
    QCOMPARE(failing.json()[u"error_code"_s].toString(), u"BAD_GATEWAY"_s);
    QCOMPARE(client.get(u"/users"_s).status, 200); // another path, untouched

    const HttpResult fetched = client.send("GET", u"/_dojo/faults"_s, {}, auth);
    QCOMPARE(fetched.status, 200);
    QVERIFY(FaultPlanJson::fromJson(fetched.json()[u"data"_s].toObject()).plan == plan);

    QSignalSpy lifetimeChanged(&m_server->host(), &ServerHost::tokenLifetimeChanged);
    QCOMPARE(client.send("PUT", u"/_dojo/token-ttl"_s, R"({"seconds":2})", auth).status, 200);
    QTRY_COMPARE(lifetimeChanged.size(), 1);
    QCOMPARE(lifetimeChanged[0][0].toLongLong(), 2);

    QCOMPARE(client.send("POST", u"/_dojo/reset"_s, {}, auth).status, 200);
    QCOMPARE(client.get(u"/users/1"_s).status, 200);
}

void TestFaults::controlApiIsUnknownWhileOff()
{
    HttpClient client(m_server->baseUrl());
    const HttpResult result =
        client.send("GET", u"/_dojo/faults"_s, {}, {{"X-Dojo-Key", "anything-at-all"}});
    QCOMPARE(result.status, 404);
    QCOMPARE(result.json()[u"message"_s].toString(), u"Endpoint not found: /_dojo/faults"_s);
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
