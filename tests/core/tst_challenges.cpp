#include "apiservice.h"
#include "challengecatalogue.h"
#include "challengetracker.h"
#include "envelope.h"
#include "exchange.h"
#include "faultinjector.h"
#include "faultresponses.h"
#include "passwordredaction.h"
#include "requests.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QByteArray AdminJson = R"({"email":"admin@example.com"})"_ba;
const QByteArray JohnJson = R"({"email":"john@example.com"})"_ba;

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray userJson(const QString &name, int age, const QString &email = u"ann@example.com"_s)
{
    return json({{u"name"_s, name}, {u"email"_s, email}, {u"age"_s, age}});
}

QByteArray productJson(const QString &code, double price = 9.5)
{
    return json({{u"code"_s, code},
                 {u"name"_s, u"A thing"_s},
                 {u"type"_s, u"other"_s},
                 {u"quantity"_s, 3},
                 {u"price"_s, price}});
}

// One API instance with a clock of its own, and the exchanges sent to it as the server records
// them (see ApiServer::onRequest and ApiServer::record).
class Dojo
{
public:
    Dojo()
    {
        ServiceConfig config;
        config.jwtSecret = QByteArray(32, 'k');
        config.tokenLifetimeSeconds = 60;
        m_service = std::make_unique<ApiService>(config, [this] { return m_now; });
    }

    // Through the fault plan first, as ApiServer::onRequest does.
    Exchange &send(const QByteArray &method, const QString &target, const QByteArray &body = {},
                   const QByteArray &bearer = {}, HttpHeaders headers = {})
    {
        if (!bearer.isEmpty())
            headers.append({"Authorization"_ba, "Bearer " + bearer});
        const ApiRequest request = requestAt(method, target, body, headers);
        const FaultDecision decision = m_faults.decide(request, m_now.toMSecsSinceEpoch());
        ApiResponse response =
            decision.runsHandler() ? m_service->handle(request) : decision.replacement;
        if (decision.runsHandler()) {
            for (const auto &[name, value] : decision.extraHeaders)
                response.setHeader(name, value);
        }
        Exchange &exchange = record(request, shapeResponse(decision, response));
        exchange.faults = decision.applied;
        return exchange;
    }

    void setFaultRule(const QByteArray &method, const QString &path, const FaultAction &action,
                      const FaultTrigger &trigger = FaultTrigger::always())
    {
        FaultPlan plan;
        plan.rules = {FaultRule::make(method, path, action, trigger)};
        m_faults.setPlan(plan);
    }
    void setRateLimit(int limit, int windowSeconds)
    {
        FaultPlan plan;
        plan.rateLimit = {true, limit, windowSeconds};
        m_faults.setPlan(plan);
    }

    // What the connection guard records for a body declared too large.
    Exchange &sendTooLarge(const QString &target)
    {
        return record(requestAt("POST", target), Envelope::error(413, u"PAYLOAD_TOO_LARGE"_s,
                                                                 u"Request body exceeds 1 MiB"_s));
    }

    QJsonObject login(const QByteArray &body)
    {
        return jsonBody(send("POST", u"/login"_s, body).response).value(u"data"_s).toObject();
    }
    QByteArray token(const QByteArray &loginBody)
    {
        return login(loginBody).value(u"access_token"_s).toString().toUtf8();
    }
    QByteArray admin() { return token(AdminJson); }
    QByteArray john() { return token(JohnJson); }
    QByteArray refreshedToken(const QByteArray &loginBody)
    {
        const QByteArray refresh = login(loginBody).value(u"refresh_token"_s).toString().toUtf8();
        return jsonBody(send("POST", u"/refresh"_s, {}, refresh).response)
            .value(u"data"_s)
            .toObject()
            .value(u"access_token"_s)
            .toString()
            .toUtf8();
    }
    // The reset token of the newest email: read through GET /outbox, or peeked at without a
    // request (as a student who skipped the outbox could not).
    QString resetTokenFromOutbox()
    {
        const QJsonArray emails = jsonBody(send("GET", u"/outbox"_s).response)
                                      .value(u"data"_s)
                                      .toObject()
                                      .value(u"emails"_s)
                                      .toArray();
        return emails.last().toObject().value(u"token"_s).toString();
    }
    QString resetTokenPeeked()
    {
        const ApiResponse outbox = m_service->handle(requestAt("GET", u"/outbox"_s));
        return jsonBody(outbox)
            .value(u"data"_s)
            .toObject()
            .value(u"emails"_s)
            .toArray()
            .last()
            .toObject()
            .value(u"token"_s)
            .toString();
    }

    void wait(int seconds) { m_now = m_now.addSecs(seconds); }
    QList<Exchange> &exchanges() { return m_exchanges; }

private:
    ApiRequest requestAt(const QByteArray &method, const QString &target,
                         const QByteArray &body = {}, const HttpHeaders &headers = {}) const
    {
        ApiRequest request = makeRequest(method, target, body, headers);
        request.receivedAt = m_now;
        return request;
    }

    Exchange &record(const ApiRequest &request, const ApiResponse &response)
    {
        Exchange exchange;
        exchange.id = quint64(m_exchanges.size() + 1);
        exchange.startedAt = request.receivedAt;
        exchange.request = request;
        exchange.request.body = redactPasswords(request.body);
        exchange.response = response;
        if (request.method == "HEAD")
            exchange.response.body.clear(); // as written
        if (response.status >= 400)
            exchange.errorCode = Envelope::errorCodeOf(response.body);
        m_exchanges.append(exchange);
        return m_exchanges.last();
    }

    QDateTime m_now = QDateTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC);
    std::unique_ptr<ApiService> m_service;
    FaultInjector m_faults{1};
    QList<Exchange> m_exchanges;
};

using Scenario = std::function<void(Dojo &)>;

struct ChallengeCase
{
    QString id;
    Scenario completes; // its last exchange completes the challenge, no earlier one does
    Scenario nearMiss;  // no exchange completes it
};

QList<ChallengeCase> challengeCases()
{
    const auto get = [](const QString &target) {
        return [target](Dojo &d) {
            d.send("GET", target);
        };
    };
    const auto asAdmin = [](const QByteArray &method, const QString &target,
                            const QByteArray &body) {
        return [=](Dojo &d) {
            d.send(method, target, body, d.admin());
        };
    };
    const auto asJohn = [](const QByteArray &method, const QString &target,
                           const QByteArray &body) {
        return [=](Dojo &d) {
            d.send(method, target, body, d.john());
        };
    };
    const auto resetJohnsPassword = [](Dojo &d, bool throughOutbox) {
        d.send("POST", u"/password-reset"_s, JohnJson);
        const QString token = throughOutbox ? d.resetTokenFromOutbox() : d.resetTokenPeeked();
        d.send("POST", u"/password-reset/"_s + token, R"({"password":"brand-new-1"})"_ba);
    };
    const QString name100(100, u'n');
    const QString name101(101, u'n');

    return {
        {u"read-health"_s, get(u"/health"_s),
         [](Dojo &d) {
             d.send("HEAD", u"/health"_s);
         }},
        {u"read-users"_s, get(u"/users"_s), get(u"/users?role=admin"_s)},
        {u"read-filter-role"_s, get(u"/users?role=user"_s), get(u"/users?role=boss"_s)},
        {u"read-user"_s, get(u"/users/1"_s), get(u"/users/99"_s)},
        {u"read-user-not-found"_s, get(u"/users/99"_s), get(u"/users/abc"_s)},
        {u"read-bad-id"_s, get(u"/users/abc"_s), get(u"/users/99"_s)},
        {u"auth-login"_s, [](Dojo &d) { d.login(JohnJson); },
         [](Dojo &d) {
             d.login(R"({"email":"nobody@example.com"})"_ba);
         }},
        {u"auth-no-token"_s, [](Dojo &d) { d.send("POST", u"/users"_s, userJson(u"Ann"_s, 30)); },
         [](Dojo &d) {
             d.send("POST", u"/users"_s, userJson(u"Ann"_s, 30), {},
                    {{"Authorization"_ba, "Bearer"_ba}});
         }},
        {u"auth-malformed-token"_s, [](Dojo &d) { d.send("GET", u"/me"_s, {}, "not-a-jwt"); },
         [](Dojo &d) {
             d.send("GET", u"/me"_s);
         }},
        {u"auth-tampered-token"_s,
         [](Dojo &d) {
             QByteArray token = d.john();
             const qsizetype middle = token.lastIndexOf('.') + 5;
             token[middle] = token[middle] == 'A' ? 'B' : 'A';
             d.send("GET", u"/me"_s, {}, token);
         },
         [](Dojo &d) {
             d.send("GET", u"/me"_s, {}, d.john().left(20));
         }},
        {u"auth-expired-token"_s,
         [](Dojo &d) {
             const QByteArray token = d.john();
             d.wait(61);
             d.send("GET", u"/me"_s, {}, token);
         },
         [](Dojo &d) {
             const QByteArray token = d.john();
             d.wait(59);
             d.send("GET", u"/me"_s, {}, token);
         }},
        {u"auth-refresh"_s,
         [](Dojo &d) {
             const QJsonObject tokens = d.login(JohnJson);
             d.send("POST", u"/refresh"_s, {}, tokens[u"refresh_token"_s].toString().toUtf8());
         },
         [](Dojo &d) {
             d.send("POST", u"/refresh"_s, {}, d.john());
         }},
        {u"auth-refresh-as-access"_s,
         [](Dojo &d) {
             const QJsonObject tokens = d.login(JohnJson);
             d.send("GET", u"/me"_s, {}, tokens[u"refresh_token"_s].toString().toUtf8());
         },
         [](Dojo &d) {
             d.send("POST", u"/refresh"_s, {}, d.john());
         }},
        {u"auth-logout-reuse"_s,
         [](Dojo &d) {
             const QByteArray token = d.john();
             d.send("POST", u"/logout"_s, {}, token);
             d.send("GET", u"/me"_s, {}, token);
         },
         // Revoked too, but by a password reset, not by a logout.
         [=](Dojo &d) {
             const QByteArray token = d.john();
             resetJohnsPassword(d, true);
             d.send("GET", u"/me"_s, {}, token);
         }},
        {u"auth-fresh-token"_s,
         [](Dojo &d) { d.send("DELETE", u"/me"_s, {}, d.refreshedToken(JohnJson)); },
         [](Dojo &d) {
             const QJsonObject tokens = d.login(JohnJson);
             d.send("DELETE", u"/me"_s, {}, tokens[u"refresh_token"_s].toString().toUtf8());
         }},
        {u"val-missing-name"_s,
         asAdmin("POST", u"/users"_s, R"({"email":"ann@example.com","age":30})"_ba),
         asAdmin("POST", u"/users"_s, R"({"name":"Ann","age":30})"_ba)},
        {u"val-missing-email"_s, asAdmin("POST", u"/users"_s, R"({"name":"Ann","age":30})"_ba),
         asAdmin("POST", u"/users"_s, R"({"name":"Ann","email":"ann@example.com"})"_ba)},
        {u"val-missing-age"_s,
         asAdmin("POST", u"/users"_s, R"({"name":"Ann","email":"ann@example.com"})"_ba),
         asAdmin("POST", u"/users"_s, R"({"email":"ann@example.com","age":30})"_ba)},
        {u"val-age-17"_s, asAdmin("POST", u"/users"_s, userJson(u"Ann"_s, 17)),
         asAdmin("POST", u"/users"_s, userJson(u"Ann"_s, 18))},
        {u"val-age-18"_s, asAdmin("PUT", u"/users/2"_s, R"({"age":18})"_ba),
         asAdmin("PUT", u"/users/2"_s, R"({"age":17})"_ba)},
        {u"val-age-150"_s, asAdmin("POST", u"/users"_s, userJson(u"Ann"_s, 150)),
         asAdmin("POST", u"/users"_s, userJson(u"Ann"_s, 151))},
        {u"val-age-151"_s, asAdmin("POST", u"/users"_s, userJson(u"Ann"_s, 151)),
         asAdmin("POST", u"/users"_s, userJson(u"Ann"_s, 150))},
        {u"val-name-2"_s, asAdmin("POST", u"/users"_s, userJson(u" Al "_s, 30)),
         asAdmin("POST", u"/users"_s, userJson(u"Ali"_s, 30))},
        {u"val-name-3"_s, asAdmin("POST", u"/users"_s, userJson(u"Ali"_s, 30)),
         asAdmin("POST", u"/users"_s, userJson(u"Al"_s, 30))},
        {u"val-name-100"_s, asAdmin("POST", u"/users"_s, userJson(name100, 30)),
         asAdmin("POST", u"/users"_s, userJson(name101, 30))},
        {u"val-name-101"_s, asAdmin("POST", u"/users"_s, userJson(name101, 30)),
         asAdmin("POST", u"/users"_s, userJson(name100, 30))},
        {u"val-invalid-email"_s,
         asAdmin("POST", u"/users"_s, userJson(u"Ann"_s, 30, u"ann@example"_s)),
         [](Dojo &d) {
             d.send("POST", u"/login"_s, R"({"email":"ann@example"})"_ba);
         }},
        {u"val-duplicate-email-case"_s,
         asAdmin("POST", u"/users"_s, userJson(u"Ann"_s, 30, u"John@Example.com"_s)),
         asAdmin("POST", u"/users"_s, userJson(u"Ann"_s, 30, u"john@example.com"_s))},
        {u"val-role-non-admin"_s,
         asJohn("POST", u"/users"_s,
                R"({"name":"Ann","email":"ann@example.com","age":30,"role":"admin"})"_ba),
         asAdmin("POST", u"/users"_s,
                 R"({"name":"Ann","email":"ann@example.com","age":30,"role":"admin"})"_ba)},
        {u"write-create-user"_s, asJohn("POST", u"/users"_s, userJson(u"Ann"_s, 30)),
         [](Dojo &d) {
             d.send("POST", u"/users"_s, userJson(u"Ann"_s, 30));
         }},
        {u"write-update-user"_s, asJohn("PUT", u"/users/2"_s, R"({"age":26})"_ba),
         asJohn("PUT", u"/users/99"_s, R"({"age":26})"_ba)},
        {u"write-delete-user"_s, asAdmin("DELETE", u"/users/2"_s, {}),
         asJohn("DELETE", u"/users/2"_s, {})},
        {u"write-delete-non-admin"_s, asJohn("DELETE", u"/users/1"_s, {}),
         // The same status and error_code, from a fault rule: the API never judged the caller.
         [](Dojo &d) {
             const QByteArray token = d.john();
             d.setFaultRule("DELETE", u"/users/1"_s, FaultAction::respondWith(403));
             d.send("DELETE", u"/users/1"_s, {}, token);
         }},
        {u"proto-method-not-allowed"_s, [](Dojo &d) { d.send("DELETE", u"/users"_s); },
         [](Dojo &d) {
             d.setFaultRule("DELETE", u"/users"_s, FaultAction::respondWith(405));
             d.send("DELETE", u"/users"_s);
         }},
        {u"proto-preflight"_s,
         [](Dojo &d) {
             d.send("OPTIONS", u"/users"_s, {}, {},
                    {{"Origin"_ba, "http://localhost:3000"_ba},
                     {"Access-Control-Request-Method"_ba, "PUT"_ba}});
         },
         [](Dojo &d) {
             d.send("OPTIONS", u"/users"_s);
         }},
        {u"proto-head"_s, [](Dojo &d) { d.send("HEAD", u"/users"_s); },
         [](Dojo &d) {
             d.send("HEAD", u"/users/99"_s);
         }},
        {u"proto-unknown-path"_s, get(u"/nope"_s), get(u"/users/99"_s)},
        {u"proto-invalid-json"_s, asAdmin("POST", u"/users"_s, "{\"name\":"_ba),
         asAdmin("POST", u"/users"_s, "{}"_ba)},
        {u"proto-payload-too-large"_s, [](Dojo &d) { d.sendTooLarge(u"/users"_s); },
         [](Dojo &d) {
             d.setFaultRule("POST", u"/users"_s, FaultAction::respondWith(413));
             d.send("POST", u"/users"_s, userJson(u"Ann"_s, 30));
         }},
        {u"acct-register"_s,
         [](Dojo &d) {
             d.send("POST", u"/register"_s,
                    R"({"name":"Ann","email":"ann@example.com","password":"secret-123"})"_ba);
         },
         [](Dojo &d) {
             d.send("POST", u"/register"_s,
                    R"({"name":"Ann","email":"ann@example.com","password":"short"})"_ba);
         }},
        {u"acct-wrong-password"_s,
         [](Dojo &d) { d.login(R"({"email":"john@example.com","password":"john124"})"_ba); },
         [](Dojo &d) {
             d.login(R"({"email":"john@example.com","password":"john123"})"_ba);
         }},
        {u"acct-password-reset"_s,
         [=](Dojo &d) {
             resetJohnsPassword(d, true);
             d.login(R"({"email":"john@example.com","password":"brand-new-1"})"_ba);
         },
         // The token taken without reading the outbox: a step of the flow skipped.
         [=](Dojo &d) {
             resetJohnsPassword(d, false);
             d.login(R"({"email":"john@example.com","password":"brand-new-1"})"_ba);
         }},
        {u"prod-list"_s, get(u"/products"_s), get(u"/products?page=0"_s)},
        {u"prod-filter-type"_s, get(u"/products?type=book"_s), get(u"/products?type=car"_s)},
        {u"prod-last-page"_s, get(u"/products?per_page=4&page=2"_s),
         get(u"/products?per_page=2&page=2"_s)},
        {u"prod-per-page-101"_s, get(u"/products?per_page=101"_s),
         get(u"/products?per_page=100"_s)},
        {u"prod-validation-errors"_s, asAdmin("POST", u"/products"_s, productJson(u"X"_s, 1.999)),
         asAdmin("POST", u"/products"_s, productJson(u"X"_s))},
        {u"prod-duplicate-code"_s, asAdmin("POST", u"/products"_s, productJson(u"clean-code"_s)),
         asAdmin("POST", u"/products"_s, productJson(u"clean-code-2"_s))},
        {u"res-retry-after-503"_s,
         [](Dojo &d) {
             d.setFaultRule("GET", u"/users"_s, FaultAction::respondWith(503),
                            FaultTrigger::nextN(1));
             d.send("GET", u"/users"_s);
             d.send("GET", u"/users"_s);
         },
         [](Dojo &d) {
             d.setFaultRule("GET", u"/users"_s, FaultAction::respondWith(503),
                            FaultTrigger::nextN(1));
             d.send("GET", u"/users"_s);
             d.send("GET", u"/products"_s);
         }},
        {u"res-rate-limit-wait"_s,
         [](Dojo &d) {
             d.setRateLimit(1, 60);
             d.send("GET", u"/users"_s);
             const int retryAfter =
                 d.send("GET", u"/users"_s).response.header("Retry-After").toInt();
             d.wait(retryAfter);
             d.send("GET", u"/users"_s);
         },
         // Retried a second too early: limited again.
         [](Dojo &d) {
             d.setRateLimit(1, 60);
             d.send("GET", u"/users"_s);
             const int retryAfter =
                 d.send("GET", u"/users"_s).response.header("Retry-After").toInt();
             QVERIFY(retryAfter > 1);
             d.wait(retryAfter - 1);
             d.send("GET", u"/users"_s);
         }},
        {u"res-slow-body"_s,
         [](Dojo &d) {
             d.setFaultRule("GET", u"/users"_s, FaultAction::slowBody(2000));
             d.send("GET", u"/users"_s);
         },
         // The client gave up before the end of the body.
         [](Dojo &d) {
             d.setFaultRule("GET", u"/users"_s, FaultAction::slowBody(2000));
             d.send("GET", u"/users"_s).delivered = false;
         }},
    };
}

} // namespace

Q_DECLARE_METATYPE(Scenario)

class TestChallenges : public QObject
{
    Q_OBJECT

private slots:
    void catalogueIsComplete();
    void everyChallengeHasCases();
    void completesAndNearMiss_data();
    void completesAndNearMiss();
    void rateLimitWaitOnAnotherPathDoesNotCount();
    void eachChallengeCompletesOnce();
    void progressAndReset();
    void pathsOutsideThePracticeApiNeverCount();
    void aliasPathsCount();
    void stateStaysSmall();
};

void TestChallenges::catalogueIsComplete()
{
    const QList<Challenge> &catalogue = challengeCatalogue();
    QVERIFY(catalogue.size() >= 40);
    const QStringList areas{u"Reading"_s,  u"Authentication"_s, u"Validation"_s, u"Writes"_s,
                            u"Protocol"_s, u"Accounts"_s,       u"Products"_s,   u"Resilience"_s};
    QSet<QString> ids;
    for (const Challenge &challenge : catalogue) {
        QVERIFY2(!ids.contains(challenge.id), qPrintable(challenge.id));
        ids.insert(challenge.id);
        QCOMPARE(challenge.id, challenge.id.toLower());
        QVERIFY(!challenge.id.contains(u' '));
        QVERIFY2(areas.contains(challenge.area), qPrintable(challenge.id));
        QVERIFY(!challenge.title.isEmpty());
        QVERIFY(!challenge.hint.isEmpty() && !challenge.hint.contains(u'\n'));
        QVERIFY(!challenge.teaches.isEmpty());
    }
}

void TestChallenges::everyChallengeHasCases()
{
    QStringList catalogueIds;
    for (const Challenge &challenge : challengeCatalogue())
        catalogueIds.append(challenge.id);
    QStringList caseIds;
    for (const ChallengeCase &challengeCase : challengeCases())
        caseIds.append(challengeCase.id);
    QCOMPARE(caseIds, catalogueIds);
}

void TestChallenges::completesAndNearMiss_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<Scenario>("completes");
    QTest::addColumn<Scenario>("nearMiss");
    for (const ChallengeCase &challengeCase : challengeCases()) {
        QTest::newRow(qPrintable(challengeCase.id))
            << challengeCase.id << challengeCase.completes << challengeCase.nearMiss;
    }
}

void TestChallenges::completesAndNearMiss()
{
    QFETCH(QString, id);
    QFETCH(Scenario, completes);
    QFETCH(Scenario, nearMiss);

    Dojo done;
    completes(done);
    ChallengeTracker tracker;
    const QList<Exchange> &exchanges = done.exchanges();
    for (qsizetype i = 0; i + 1 < exchanges.size(); ++i)
        QVERIFY2(!tracker.observe(exchanges[i]).contains(id), "completed too early");
    QVERIFY(tracker.observe(exchanges.last()).contains(id));
    QVERIFY(tracker.progress().done.contains(id));

    Dojo missed;
    nearMiss(missed);
    ChallengeTracker missTracker;
    for (const Exchange &exchange : missed.exchanges())
        QVERIFY2(!missTracker.observe(exchange).contains(id), "the near miss completed it");
}

void TestChallenges::rateLimitWaitOnAnotherPathDoesNotCount()
{
    Dojo dojo;
    dojo.setRateLimit(1, 60);
    dojo.send("GET", u"/users"_s);
    dojo.wait(dojo.send("GET", u"/users"_s).response.header("Retry-After").toInt());
    dojo.send("GET", u"/products"_s);
    ChallengeTracker tracker;
    for (const Exchange &exchange : dojo.exchanges())
        QVERIFY(!tracker.observe(exchange).contains(u"res-rate-limit-wait"_s));
}

void TestChallenges::eachChallengeCompletesOnce()
{
    Dojo dojo;
    dojo.send("GET", u"/health"_s);
    dojo.send("GET", u"/health"_s);
    dojo.send("GET", u"/users?role=admin"_s);
    ChallengeTracker tracker;
    QCOMPARE(tracker.observe(dojo.exchanges()[0]), QStringList{u"read-health"_s});
    QCOMPARE(tracker.observe(dojo.exchanges()[1]), QStringList());
    QCOMPARE(tracker.observe(dojo.exchanges()[2]), QStringList{u"read-filter-role"_s});
}

void TestChallenges::progressAndReset()
{
    Dojo dojo;
    dojo.send("GET", u"/health"_s);
    ChallengeTracker tracker;
    tracker.observe(dojo.exchanges().first());
    const ChallengeProgress progress = tracker.progress();
    QVERIFY(progress.sandbox.isEmpty());
    QCOMPARE(progress.done.size(), 1);
    QCOMPARE(progress.done.value(u"read-health"_s), dojo.exchanges().first().startedAt);

    tracker.resetProgress();
    QVERIFY(tracker.progress().done.isEmpty());
    QCOMPARE(tracker.observe(dojo.exchanges().first()), QStringList{u"read-health"_s});
}

void TestChallenges::pathsOutsideThePracticeApiNeverCount()
{
    Dojo dojo;
    for (const QString &path : {u"/challenges"_s, u"/progress"_s, u"/_dojo/challenges"_s,
                                u"/lessons/inventory/nope"_s, u"/api/v1/progress"_s})
        dojo.send("GET", path); // 404 NOT_FOUND from this API: would be proto-unknown-path
    Exchange trainerRecord;
    trainerRecord.dataReset = u"Data reset — by the trainer"_s;
    dojo.exchanges().append(trainerRecord);
    Exchange undelivered = dojo.send("GET", u"/health"_s);
    undelivered.delivered = false;
    dojo.exchanges().last() = undelivered;

    ChallengeTracker tracker;
    for (const Exchange &exchange : dojo.exchanges())
        QCOMPARE(tracker.observe(exchange), QStringList());
}

void TestChallenges::aliasPathsCount()
{
    Dojo dojo;
    dojo.send("GET", u"/api/v1/health"_s);
    ChallengeTracker tracker;
    QCOMPARE(tracker.observe(dojo.exchanges().first()), QStringList{u"read-health"_s});
}

// A class of 200 trackers: whatever a student sends, each keeps a few entries.
void TestChallenges::stateStaysSmall()
{
    Dojo dojo;
    const QByteArray token = dojo.john();
    const Exchange logout = dojo.send("POST", u"/logout"_s, {}, token);
    dojo.setFaultRule("GET", u"/users/*"_s, FaultAction::respondWith(503));
    const Exchange faulted = dojo.send("GET", u"/users/1"_s);
    const Exchange unknown = dojo.send("GET", u"/nope"_s);

    ChallengeTracker tracker;
    for (int i = 0; i < 100000; ++i) {
        Exchange exchange = i % 3 == 0 ? logout : i % 3 == 1 ? faulted : unknown;
        exchange.request.path = u"/nope/%1"_s.arg(i);
        if (i % 3 == 0) {
            exchange.request.path = u"/logout"_s;
            exchange.request.headers = {{"Authorization"_ba, "Bearer t" + QByteArray::number(i)}};
        } else if (i % 3 == 1) {
            exchange.request.path = u"/users/%1"_s.arg(i);
        }
        tracker.observe(exchange);
    }
    QVERIFY(tracker.memorySize() <= ChallengeMemory::MaxLoggedOutTokens + 3);
    QVERIFY(tracker.progress().done.size() <= challengeCatalogue().size());
}

QTEST_GUILESS_MAIN(TestChallenges)
#include "tst_challenges.moc"
