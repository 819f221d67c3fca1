#include "apiservice.h"
#include "envelope.h"
#include "httpclient.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray ControlKey = "sandbox-suite-key";
using Headers = QList<std::pair<QByteArray, QByteArray>>;

QString errorCode(const HttpResult &result)
{
    return result.json()[u"error_code"_s].toString();
}

QString message(const HttpResult &result)
{
    return result.json()[u"message"_s].toString();
}

QJsonObject data(const HttpResult &result)
{
    return result.json()[u"data"_s].toObject();
}

QByteArray userBody(const QString &name, const QString &email)
{
    return QJsonDocument(QJsonObject{{u"name"_s, name}, {u"email"_s, email}, {u"age"_s, 30}})
        .toJson(QJsonDocument::Compact);
}

QByteArray productBody(const QString &code)
{
    return QJsonDocument(QJsonObject{{u"code"_s, code},
                                     {u"name"_s, QString(u"Thing "_s + code)},
                                     {u"type"_s, u"toy"_s},
                                     {u"quantity"_s, 2},
                                     {u"price"_s, 3.5}})
        .toJson(QJsonDocument::Compact);
}

QByteArray nextNPlan(const QString &method, const QString &path, int count,
                     const QStringList &sandboxes = {})
{
    QJsonObject rule{{u"method"_s, method},
                     {u"path"_s, path},
                     {u"action"_s, QJsonObject{{u"type"_s, u"status"_s}, {u"status"_s, 503}}},
                     {u"trigger"_s, QJsonObject{{u"type"_s, u"next"_s}, {u"count"_s, count}}}};
    if (!sandboxes.isEmpty())
        rule.insert(u"sandboxes"_s, QJsonArray::fromStringList(sandboxes));
    return QJsonDocument(QJsonObject{{u"rules"_s, QJsonArray{rule}}}).toJson();
}

} // namespace

// Sandboxes (API.md Part D) over real loopback sockets: ServerHost on its thread, HTTP through
// QNetworkAccessManager, the control API, limits and the class API's protection.
class TestSandboxRoutes : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void routeFamiliesStayInTheirSandbox();
    void resetInOneSandboxLeavesTheOthers();
    void passwordResetThroughTheSandboxOutbox();
    void tokensAreInvalidInEveryOtherInstance();
    void removedSandboxsTokensAreInvalidAfterReuse();
    void sandboxLimit();
    void recordLimits();
    void faultCountersPerSandbox();
    void ruleWithSandboxesOnlyThere();
    void controlApiSandboxRoutes();
    void classChangedCountsRequests();
    void trainerWatchesAndActsOnASandbox();
    void protectClassApi_data();
    void protectClassApi();
    void protectionSparesTheTrainer();
    void preflightAllowsXSandbox();
    void openApiServersOfASandbox();
    void headerlessHeaderAndPrefix();
    void badNamesAreRefused_data();
    void badNamesAreRefused();
    void messagesNameThePathAsSent_data();
    void messagesNameThePathAsSent();
    void unknownPathsMakeNoSandbox();
    void editForARemovedSandboxIsRefused();
    void everyResetIsNamedInTheLog();
    void everyLessonRouteAnswersInASandboxAsInTheSharedApi();
    void lessonPathsTakeFaults();

private:
    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const QByteArray &token = {}, const Headers &extra = {});
    HttpResult control(const QByteArray &method, const QString &path, const QByteArray &body = {},
                       const Headers &extra = {});
    QByteArray login(const QString &base, const QString &email = u"admin@example.com"_s,
                     const QString &password = {});
    int count(const QString &base, const QString &table);
    // Waits until the worker has run every call queued on it before (the host's setters are
    // asynchronous): watch() is queued behind them and answers with watching(). It watches the
    // shared API.
    void settle();
    void enableControlApi();

    std::unique_ptr<ServerFixture> m_server;
    std::unique_ptr<HttpClient> m_client;
};

void TestSandboxRoutes::init()
{
    m_server = std::make_unique<ServerFixture>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<HttpClient>(m_server->baseUrl());
}

void TestSandboxRoutes::cleanup()
{
    m_client.reset();
    m_server.reset();
}

HttpResult TestSandboxRoutes::send(const QByteArray &method, const QString &path,
                                   const QByteArray &body, const QByteArray &token,
                                   const Headers &extra)
{
    Headers headers = extra;
    if (!body.isNull())
        headers.append({"Content-Type"_ba, "application/json"_ba});
    if (!token.isEmpty())
        headers.append({"Authorization"_ba, "Bearer " + token});
    return m_client->send(method, path, body, headers);
}

HttpResult TestSandboxRoutes::control(const QByteArray &method, const QString &path,
                                      const QByteArray &body, const Headers &extra)
{
    Headers headers = extra;
    headers.append({"X-Dojo-Key"_ba, ControlKey});
    return send(method, path, body, {}, headers);
}

QByteArray TestSandboxRoutes::login(const QString &base, const QString &email,
                                    const QString &password)
{
    QJsonObject body{{u"email"_s, email}};
    if (!password.isEmpty())
        body.insert(u"password"_s, password);
    const HttpResult result =
        send("POST", base + u"/login"_s, QJsonDocument(body).toJson(QJsonDocument::Compact));
    return data(result)[u"token"_s].toString().toLatin1();
}

int TestSandboxRoutes::count(const QString &base, const QString &table)
{
    const HttpResult result = send("GET", base + u"/"_s + table + u"?per_page=100"_s);
    if (result.status != 200)
        return -1;
    return data(result)[table].toArray().size();
}

void TestSandboxRoutes::settle()
{
    QSignalSpy watching(&m_server->host(), &ServerHost::watching);
    m_server->host().watch(QString());
    QVERIFY(watching.wait(5000));
}

void TestSandboxRoutes::enableControlApi()
{
    m_server->host().setControlApi(true, ControlKey);
    settle();
}

// Parts A and B in two sandboxes and the shared API: each sees only its own changes.
void TestSandboxRoutes::routeFamiliesStayInTheirSandbox()
{
    const QStringList bases = {u"/s/alice"_s, u"/s/bob/api/v1"_s, QString()};
    for (const QString &base : bases) {
        const QString tag = base.isEmpty() ? u"shared"_s : base;
        const QByteArray admin = login(base);
        QVERIFY2(!admin.isEmpty(), qPrintable(tag));

        const HttpResult created = send("POST", base + u"/users"_s,
                                        userBody(u"Eve "_s + tag, u"eve@example.com"_s), admin);
        QCOMPARE(created.status, 201);
        QCOMPARE(data(created)[u"id"_s].toInt(), 3); // ids are each instance's own
        QCOMPARE(send("PUT", base + u"/users/3"_s, R"({"age":41})", admin).status, 200);
        QCOMPARE(send("DELETE", base + u"/users/2"_s, {}, admin).status, 200);

        const HttpResult product =
            send("POST", base + u"/products"_s, productBody(u"duck"_s), admin);
        QCOMPARE(product.status, 201);
        QCOMPARE(data(product)[u"id"_s].toInt(), 7);
        QCOMPARE(send("PUT", base + u"/products/7"_s, R"({"quantity":9})", admin).status, 200);
        QCOMPARE(send("DELETE", base + u"/products/1"_s, {}, admin).status, 200);

        const HttpResult registered =
            send("POST", base + u"/register"_s,
                 R"({"name":"Ann Lee","email":"ann@example.com","password":"correct horse"})");
        QCOMPARE(registered.status, 201);
        const QByteArray ann = login(base, u"ann@example.com"_s, u"correct horse"_s);
        QVERIFY(!ann.isEmpty());
        QCOMPARE(data(send("GET", base + u"/me"_s, {}, ann))[u"email"_s].toString(),
                 u"ann@example.com"_s);
        QCOMPARE(send("POST", base + u"/logout"_s, {}, ann).status, 200);
        QCOMPARE(errorCode(send("GET", base + u"/me"_s, {}, ann)), u"TOKEN_REVOKED"_s);

        // Every instance not done yet is still the seed.
        for (qsizetype later = bases.indexOf(base) + 1; later < bases.size(); ++later) {
            const QString &other = bases[later];
            QCOMPARE(count(other, u"users"_s), 2);
            QCOMPARE(count(other, u"products"_s), 6);
            QCOMPARE(send("GET", other + u"/users/3"_s).status, 404);
            QCOMPARE(send("GET", other + u"/products/7"_s).status, 404);
            QCOMPARE(send("GET", other + u"/users/2"_s).status, 200);
            QCOMPARE(send("GET", other + u"/products/1"_s).status, 200);
        }
    }
    // Each ends with its own changes: 1 admin, Eve, Ann; products 2 to 7.
    for (const QString &base : bases) {
        QCOMPARE(count(base, u"users"_s), 3);
        QCOMPARE(count(base, u"products"_s), 6);
        QCOMPARE(data(send("GET", base + u"/users/3"_s))[u"age"_s].toInt(), 41);
        QCOMPARE(data(send("GET", base + u"/products/7"_s))[u"quantity"_s].toInt(), 9);
    }
    QCOMPARE(data(send("GET", u"/s/alice/users/3"_s))[u"name"_s].toString(), u"Eve /s/alice"_s);
    QCOMPARE(data(send("GET", u"/s/bob/users/3"_s))[u"name"_s].toString(), u"Eve /s/bob/api/v1"_s);
    QCOMPARE(data(send("GET", u"/users/3"_s))[u"name"_s].toString(), u"Eve shared"_s);
}

void TestSandboxRoutes::resetInOneSandboxLeavesTheOthers()
{
    const QByteArray aliceAdmin = login(u"/s/alice"_s);
    const QByteArray aliceJohn = login(u"/s/alice"_s, u"john@example.com"_s);
    for (const QString &base : {u"/s/alice"_s, u"/s/bob"_s, QString()}) {
        QCOMPARE(
            send("POST", base + u"/users"_s, userBody(u"Eve"_s, u"eve@example.com"_s), login(base))
                .status,
            201);
    }
    const HttpResult reset = send("POST", u"/s/alice/reset"_s);
    QCOMPARE(reset.status, 200);
    QCOMPARE(message(reset), u"Data reset to initial state"_s);
    QCOMPARE(count(u"/s/alice"_s, u"users"_s), 2);
    QCOMPARE(count(u"/s/bob"_s, u"users"_s), 3);
    QCOMPARE(count(QString(), u"users"_s), 3);
    // Its seeded users' tokens go on working.
    QCOMPARE(send("GET", u"/s/alice/me"_s, {}, aliceAdmin).status, 200);
    QCOMPARE(send("GET", u"/s/alice/me"_s, {}, aliceJohn).status, 200);

    // By header, the same.
    QCOMPARE(send("POST", u"/api/v1/reset"_s, {}, {}, {{"X-Sandbox"_ba, "bob"_ba}}).status, 200);
    QCOMPARE(count(u"/s/bob"_s, u"users"_s), 2);
    QCOMPARE(count(QString(), u"users"_s), 3);
}

void TestSandboxRoutes::passwordResetThroughTheSandboxOutbox()
{
    QCOMPARE(send("POST", u"/s/alice/password-reset"_s, R"({"email":"john@example.com"})").status,
             200);
    const QJsonArray emails = data(send("GET", u"/s/alice/outbox"_s))[u"emails"_s].toArray();
    QCOMPARE(emails.size(), 1);
    QCOMPARE(data(send("GET", u"/outbox"_s))[u"emails"_s].toArray().size(), 0);
    QCOMPARE(data(send("GET", u"/s/bob/outbox"_s))[u"emails"_s].toArray().size(), 0);

    const QJsonObject email = emails.first().toObject();
    const QString token = email[u"token"_s].toString();
    QVERIFY(!token.isEmpty());
    const QString link = m_server->baseUrl().toString() + u"/s/alice/password-reset/"_s + token;
    QVERIFY2(email[u"body"_s].toString().contains(link), qPrintable(email[u"body"_s].toString()));

    // Worthless elsewhere.
    QCOMPARE(errorCode(send("POST", u"/s/bob/password-reset/"_s + token,
                            R"({"password":"brand-new-1"})")),
             u"INVALID_RESET_TOKEN"_s);
    QCOMPARE(
        errorCode(send("POST", u"/password-reset/"_s + token, R"({"password":"brand-new-1"})")),
        u"INVALID_RESET_TOKEN"_s);

    // The link itself works.
    const QUrl url(link);
    QCOMPARE(send("POST", url.path(), R"({"password":"brand-new-1"})").status, 200);
    QVERIFY(!login(u"/s/alice"_s, u"john@example.com"_s, u"brand-new-1"_s).isEmpty());
    QVERIFY(login(u"/s/alice"_s, u"john@example.com"_s, u"john123"_s).isEmpty());
    QVERIFY(!login(QString(), u"john@example.com"_s, u"john123"_s).isEmpty());
    QVERIFY(!login(u"/s/bob"_s, u"john@example.com"_s, u"john123"_s).isEmpty());
    QVERIFY(login(u"/s/bob"_s, u"john@example.com"_s, u"brand-new-1"_s).isEmpty());
}

void TestSandboxRoutes::tokensAreInvalidInEveryOtherInstance()
{
    struct Instance
    {
        QString base;
        Headers header;
    };
    const QList<Instance> instances = {{QString(), {}}, {u"/s/alice"_s, {}}, {u"/s/bob"_s, {}}};
    QList<QByteArray> tokens;
    QList<QByteArray> refreshTokens;
    for (const Instance &instance : instances) {
        const HttpResult result =
            send("POST", instance.base + u"/login"_s, R"({"email":"john@example.com"})");
        tokens.append(data(result)[u"token"_s].toString().toLatin1());
        refreshTokens.append(data(result)[u"refresh_token"_s].toString().toLatin1());
    }
    // Each way in: the prefix, the header, and the shared API without either.
    const QList<std::pair<QString, Headers>> ways = {
        {u"/me"_s, {}},
        {u"/s/alice/me"_s, {}},
        {u"/api/v1/me"_s, {{"X-Sandbox"_ba, "alice"_ba}}},
        {u"/s/bob/api/v1/me"_s, {}},
        {u"/me"_s, {{"X-Sandbox"_ba, "BOB"_ba}}}};
    const QList<int> owner = {0, 1, 1, 2, 2};
    for (qsizetype way = 0; way < ways.size(); ++way) {
        for (qsizetype issuer = 0; issuer < tokens.size(); ++issuer) {
            const HttpResult me =
                send("GET", ways[way].first, {}, tokens[issuer], ways[way].second);
            if (owner[way] == issuer) {
                QCOMPARE(me.status, 200);
            } else {
                QCOMPARE(me.status, 401);
                QCOMPARE(errorCode(me), u"INVALID_TOKEN"_s);
            }
        }
    }
    QCOMPARE(errorCode(send("POST", u"/s/bob/refresh"_s, {}, refreshTokens[1])),
             u"INVALID_TOKEN"_s);
    QCOMPARE(errorCode(send("POST", u"/refresh"_s, {}, refreshTokens[2])), u"INVALID_TOKEN"_s);
    QCOMPARE(send("POST", u"/s/alice/refresh"_s, {}, refreshTokens[1]).status, 200);
    // Logging out in alice revokes only there; the others' tokens are untouched.
    QCOMPARE(send("POST", u"/s/alice/logout"_s, {}, tokens[1]).status, 200);
    QCOMPARE(errorCode(send("GET", u"/s/alice/me"_s, {}, tokens[1])), u"TOKEN_REVOKED"_s);
    QCOMPARE(send("GET", u"/s/bob/me"_s, {}, tokens[2]).status, 200);
    QCOMPARE(send("GET", u"/me"_s, {}, tokens[0]).status, 200);
}

void TestSandboxRoutes::removedSandboxsTokensAreInvalidAfterReuse()
{
    enableControlApi();
    const QByteArray first = login(u"/s/alice"_s);
    QCOMPARE(
        send("POST", u"/s/alice/users"_s, userBody(u"Eve"_s, u"eve@example.com"_s), first).status,
        201);
    QCOMPARE(control("DELETE", u"/_dojo/sandboxes/alice"_s).status, 200);
    QCOMPARE(count(u"/s/alice"_s, u"users"_s), 2); // afresh
    const HttpResult stale = send("GET", u"/s/alice/me"_s, {}, first);
    QCOMPARE(stale.status, 401);
    QCOMPARE(errorCode(stale), u"INVALID_TOKEN"_s);

    // Removed by the trainer (the window's Class tab) the same way.
    const QByteArray second = login(u"/s/alice"_s);
    QCOMPARE(send("GET", u"/s/alice/me"_s, {}, second).status, 200);
    m_server->host().removeSandbox(u"alice"_s);
    settle();
    QCOMPARE(errorCode(send("GET", u"/s/alice/me"_s, {}, second)), u"INVALID_TOKEN"_s);
    QCOMPARE(errorCode(send("GET", u"/me"_s, {}, second, {{"X-Sandbox"_ba, "alice"_ba}})),
             u"INVALID_TOKEN"_s);
}

void TestSandboxRoutes::sandboxLimit()
{
    enableControlApi();
    SandboxLimits limits;
    limits.maxSandboxes = 2;
    m_server->host().setSandboxLimits(limits);
    settle();

    QCOMPARE(send("GET", u"/s/a/health"_s).status, 200);
    QCOMPARE(send("GET", u"/health"_s, {}, {}, {{"X-Sandbox"_ba, "b"_ba}}).status, 200);
    for (const auto &[path, headers] :
         QList<std::pair<QString, Headers>>{{u"/s/c/users"_s, {}},
                                            {u"/users"_s, {{"X-Sandbox"_ba, "c"_ba}}},
                                            {u"/s/d/login"_s, {}}}) {
        const HttpResult refused = send("GET", path, {}, {}, headers);
        QCOMPARE(refused.status, 503);
        QCOMPARE(errorCode(refused), u"SANDBOX_LIMIT"_s);
        QCOMPARE(message(refused), SandboxRegistry::limitMessage(2));
        QCOMPARE(refused.header("Access-Control-Allow-Origin"), "*"_ba);
    }
    QCOMPARE(send("GET", u"/users"_s).status, 200);
    QCOMPARE(send("GET", u"/s/A/users"_s).status, 200);

    const QJsonObject listed = data(control("GET", u"/_dojo/sandboxes"_s));
    QCOMPARE(listed[u"count"_s].toInt(), 2);
    QCOMPARE(listed[u"max_sandboxes"_s].toInt(), 2);

    QCOMPARE(control("DELETE", u"/_dojo/sandboxes/a"_s).status, 200);
    QCOMPARE(send("GET", u"/s/c/users"_s).status, 200);
}

void TestSandboxRoutes::recordLimits()
{
    SandboxLimits limits;
    limits.records = {3, 7, 5};
    m_server->host().setSandboxLimits(limits);
    settle();

    const QByteArray admin = login(u"/s/alice"_s);
    QCOMPARE(send("POST", u"/s/alice/register"_s,
                  R"({"name":"Ann Lee","email":"ann@example.com","password":"correct horse"})")
                 .status,
             201);
    const HttpResult fullRegister =
        send("POST", u"/s/alice/register"_s,
             R"({"name":"Bo Lee","email":"bo@example.com","password":"correct horse"})");
    QCOMPARE(fullRegister.status, 409);
    QCOMPARE(errorCode(fullRegister), u"SANDBOX_FULL"_s);
    QCOMPARE(message(fullRegister),
             u"This sandbox already holds 3 users, its limit. Delete some, or POST /reset to "
             u"start again from the seeded data."_s);
    const HttpResult fullUsers =
        send("POST", u"/s/alice/api/v1/users"_s, userBody(u"Eve"_s, u"eve@example.com"_s), admin);
    QCOMPARE(fullUsers.status, 409);
    QCOMPARE(errorCode(fullUsers), u"SANDBOX_FULL"_s);
    QCOMPARE(count(u"/s/alice"_s, u"users"_s), 3);

    QCOMPARE(send("POST", u"/s/alice/products"_s, productBody(u"duck"_s), admin).status, 201);
    const HttpResult fullProducts = send("POST", u"/products"_s, productBody(u"goose"_s), admin,
                                         {{"X-Sandbox"_ba, "alice"_ba}});
    QCOMPARE(fullProducts.status, 409);
    QCOMPARE(errorCode(fullProducts), u"SANDBOX_FULL"_s);
    QCOMPARE(count(u"/s/alice"_s, u"products"_s), 7);

    for (int n = 0; n < 7; ++n) {
        QCOMPARE(
            send("POST", u"/s/alice/password-reset"_s, R"({"email":"john@example.com"})").status,
            200);
    }
    const QJsonArray emails = data(send("GET", u"/s/alice/outbox"_s))[u"emails"_s].toArray();
    QCOMPARE(emails.size(), 5);
    QList<int> ids;
    for (const QJsonValue &email : emails)
        ids.append(email[u"id"_s].toInt());
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids, (QList<int>{3, 4, 5, 6, 7}));

    // The shared API has no such limits.
    const QByteArray sharedAdmin = login(QString());
    for (int n = 0; n < 3; ++n) {
        QCOMPARE(send("POST", u"/users"_s, userBody(u"Eve"_s, u"eve%1@example.com"_s.arg(n)),
                      sharedAdmin)
                     .status,
                 201);
        QCOMPARE(send("POST", u"/products"_s, productBody(u"shared-item-%1"_s.arg(n)), sharedAdmin)
                     .status,
                 201);
    }
    QCOMPARE(count(QString(), u"users"_s), 5);
}

void TestSandboxRoutes::faultCountersPerSandbox()
{
    enableControlApi();
    QCOMPARE(control("PUT", u"/_dojo/faults"_s, nextNPlan(u"GET"_s, u"/users"_s, 2)).status, 200);

    const QList<std::pair<QString, Headers>> ways = {
        {u"/s/alice/users"_s, {}}, {u"/users"_s, {{"X-Sandbox"_ba, "bob"_ba}}}, {u"/users"_s, {}}};
    // Interleaved: each instance's "next 2" are its own.
    for (int round = 0; round < 3; ++round) {
        for (const auto &[path, headers] : ways) {
            const int status = send("GET", path, {}, {}, headers).status;
            QVERIFY2(status == (round < 2 ? 503 : 200),
                     qPrintable(u"round %1, %2: %3"_s.arg(round).arg(path).arg(status)));
        }
    }

    // POST /s/alice/_dojo/reset: alice's data and counters only; the plan stays.
    QCOMPARE(send("DELETE", u"/s/alice/users/2"_s, {}, login(u"/s/alice"_s)).status, 200);
    QCOMPARE(send("DELETE", u"/s/bob/users/2"_s, {}, login(u"/s/bob"_s)).status, 200);
    const HttpResult reset = control("POST", u"/s/alice/_dojo/reset"_s);
    QCOMPARE(reset.status, 200);
    QCOMPARE(data(reset)[u"sandbox"_s].toString(), u"alice"_s);
    QCOMPARE(send("GET", u"/s/alice/users"_s).status, 503);
    QCOMPARE(send("GET", u"/s/alice/users"_s).status, 503);
    QCOMPARE(count(u"/s/alice"_s, u"users"_s), 2);
    QCOMPARE(count(u"/s/bob"_s, u"users"_s), 1);
    QCOMPARE(send("GET", u"/users"_s).status, 200);
    QCOMPARE(control("GET", u"/_dojo/faults"_s).json()[u"data"_s][u"rules"_s].toArray().size(), 1);

    // By header, the same; and the trainer's reset of a sandbox restarts its counters too.
    QCOMPARE(control("POST", u"/_dojo/reset"_s, {}, {{"X-Sandbox"_ba, "bob"_ba}}).status, 200);
    QCOMPARE(send("GET", u"/s/bob/users"_s).status, 503);
    QCOMPARE(send("GET", u"/s/bob/users"_s).status, 503);
    QCOMPARE(count(u"/s/bob"_s, u"users"_s), 2);
}

void TestSandboxRoutes::ruleWithSandboxesOnlyThere()
{
    enableControlApi();
    const HttpResult put =
        control("PUT", u"/_dojo/faults"_s,
                nextNPlan(u"*"_s, u"/products"_s, 1000, {u"Alice"_s, u"carol"_s}));
    QCOMPARE(put.status, 200);
    QCOMPARE(data(put)[u"rules"_s].toArray()[0][u"sandboxes"_s].toArray(),
             (QJsonArray{u"alice"_s, u"carol"_s}));
    for (int n = 0; n < 2; ++n) {
        QCOMPARE(send("GET", u"/s/alice/products"_s).status, 503);
        QCOMPARE(send("GET", u"/products"_s, {}, {}, {{"X-Sandbox"_ba, "carol"_ba}}).status, 503);
        QCOMPARE(send("GET", u"/s/bob/products"_s).status, 200);
        QCOMPARE(send("GET", u"/products"_s).status, 200);
        QCOMPARE(send("GET", u"/s/alice/users"_s).status, 200);
    }
    const HttpResult bad =
        control("PUT", u"/_dojo/faults"_s, nextNPlan(u"*"_s, u"/products"_s, 1, {u"b@d"_s}));
    QCOMPARE(bad.status, 400);
    QCOMPARE(errorCode(bad), u"INVALID_FAULT_PLAN"_s);
    QCOMPARE(send("GET", u"/s/alice/products"_s).status, 503); // the old plan stays
}

void TestSandboxRoutes::controlApiSandboxRoutes()
{
    // Off: unknown like any other path.
    QCOMPARE(send("GET", u"/_dojo/sandboxes"_s).status, 404);
    enableControlApi();
    QCOMPARE(errorCode(send("GET", u"/_dojo/sandboxes"_s)), u"INVALID_CONTROL_KEY"_s);

    QCOMPARE(send("GET", u"/s/alice/users"_s).status, 200);
    QCOMPARE(send("GET", u"/s/alice/nope"_s).status, 404);
    QCOMPARE(send("GET", u"/users"_s, {}, {}, {{"X-Sandbox"_ba, "bob"_ba}}).status, 200);
    QCOMPARE(send("DELETE", u"/s/bob/users/2"_s, {}, login(u"/s/bob"_s)).status, 200);

    HttpResult listed = control("GET", u"/_dojo/sandboxes"_s);
    QCOMPARE(listed.status, 200);
    QJsonArray sandboxes = data(listed)[u"sandboxes"_s].toArray();
    QCOMPARE(sandboxes.size(), 2);
    QCOMPARE(sandboxes[0][u"name"_s].toString(), u"alice"_s);
    QCOMPARE(sandboxes[0][u"requests"_s].toInt(), 2);
    QCOMPARE(sandboxes[0][u"users"_s].toInt(), 2);
    QCOMPARE(sandboxes[1][u"name"_s].toString(), u"bob"_s);
    QCOMPARE(sandboxes[1][u"requests"_s].toInt(), 3);
    QCOMPARE(sandboxes[1][u"users"_s].toInt(), 1);
    QVERIFY(!sandboxes[1][u"created_at"_s].toString().isEmpty());
    QVERIFY(!sandboxes[1][u"last_request_at"_s].toString().isEmpty());

    const HttpResult reset = control("POST", u"/_dojo/sandboxes/BOB/reset"_s);
    QCOMPARE(reset.status, 200);
    QCOMPARE(data(reset)[u"users"_s].toInt(), 2);
    QCOMPARE(count(u"/s/bob"_s, u"users"_s), 2);

    const HttpResult removed = control("DELETE", u"/_dojo/sandboxes/alice"_s);
    QCOMPARE(removed.status, 200);
    QCOMPARE(data(removed)[u"sandbox"_s].toString(), u"alice"_s);
    sandboxes = data(control("GET", u"/_dojo/sandboxes"_s))[u"sandboxes"_s].toArray();
    QCOMPARE(sandboxes.size(), 1);
    QCOMPARE(sandboxes[0][u"name"_s].toString(), u"bob"_s);

    const HttpResult missing = control("DELETE", u"/_dojo/sandboxes/alice"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(errorCode(missing), u"SANDBOX_NOT_FOUND"_s);
    QCOMPARE(errorCode(control("POST", u"/_dojo/sandboxes/zed/reset"_s)), u"SANDBOX_NOT_FOUND"_s);
    const HttpResult invalid = control("DELETE", u"/_dojo/sandboxes/b%40d"_s);
    QCOMPARE(invalid.status, 400);
    QCOMPARE(errorCode(invalid), u"INVALID_SANDBOX"_s);
    QCOMPARE(errorCode(control("POST", u"/_dojo/sandboxes/a.b/reset"_s)), u"INVALID_SANDBOX"_s);
}

void TestSandboxRoutes::classChangedCountsRequests()
{
    QSignalSpy classChanged(&m_server->host(), &ServerHost::classChanged);
    QCOMPARE(send("GET", u"/s/alice/users"_s).status, 200);
    QCOMPARE(send("GET", u"/s/alice/users/99"_s).status, 404);
    QCOMPARE(send("GET", u"/error"_s, {}, {}, {{"X-Sandbox"_ba, "alice"_ba}}).status, 500);
    QCOMPARE(send("GET", u"/users"_s).status, 200); // the shared API: no sandbox counts it
    const auto latest = [&classChanged]() -> std::optional<SandboxSummary> {
        if (classChanged.isEmpty())
            return std::nullopt;
        const auto summaries = classChanged.constLast()[0].value<QList<SandboxSummary>>();
        if (summaries.size() != 1)
            return std::nullopt;
        return summaries.first();
    };
    QTRY_VERIFY_WITH_TIMEOUT(latest() && latest()->requests == 3, 5000);
    const SandboxSummary alice = *latest();
    QCOMPARE(alice.name, u"alice"_s);
    QCOMPARE(alice.clientErrors, 1);
    QCOMPARE(alice.serverErrors, 1);
    QCOMPARE(alice.users, 2);
    QCOMPARE(alice.clientAddresses, QStringList{u"127.0.0.1"_s});

    // The trainer's edit and reset change the users count at once, without a request after them.
    ServerHost &host = m_server->host();
    host.watch(u"alice"_s);
    int editStatus = 0;
    host.submit(TrainerRequest::createUser(userBody(u"Tia"_s, u"tia@example.com"_s)), this,
                [&editStatus](const ApiResponse &response) { editStatus = response.status; });
    QTRY_COMPARE_WITH_TIMEOUT(editStatus, 201, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(latest() && latest()->users == 3, 5000);
    host.resetSandbox(u"alice"_s);
    QTRY_VERIFY_WITH_TIMEOUT(latest() && latest()->users == 2, 5000);
    QCOMPARE(latest()->requests, 3);
}

// The window's side: it watches one instance, edits it, revokes a sandbox's token and resets or
// removes sandboxes; a removed watched sandbox falls back to the shared API.
void TestSandboxRoutes::trainerWatchesAndActsOnASandbox()
{
    ServerHost &host = m_server->host();
    QCOMPARE(send("POST", u"/s/alice/users"_s, userBody(u"Eve"_s, u"eve@example.com"_s),
                  login(u"/s/alice"_s))
                 .status,
             201);
    QSignalSpy watching(&host, &ServerHost::watching);
    QSignalSpy usersChanged(&host, &ServerHost::usersChanged);
    host.watch(u"alice"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!watching.isEmpty(), 5000);
    QCOMPARE(watching.constLast()[0].toString(), u"alice"_s);
    const auto lastResetSize = [&usersChanged]() -> qsizetype {
        for (qsizetype i = usersChanged.size() - 1; i >= 0; --i) {
            const auto changes = usersChanged[i][0].value<QList<UserChange>>();
            for (qsizetype j = changes.size() - 1; j >= 0; --j) {
                if (changes[j].kind == UserChange::Kind::Reset)
                    return changes[j].records.size();
            }
        }
        return -1;
    };
    QTRY_COMPARE_WITH_TIMEOUT(lastResetSize(), 3, 5000);

    // The trainer's edit goes to the watched sandbox.
    int editStatus = 0;
    host.submit(TrainerRequest::createUser(userBody(u"Tia"_s, u"tia@example.com"_s)), this,
                [&editStatus](const ApiResponse &response) { editStatus = response.status; });
    QTRY_COMPARE_WITH_TIMEOUT(editStatus, 201, 5000);
    QCOMPARE(count(u"/s/alice"_s, u"users"_s), 4);
    QCOMPARE(count(QString(), u"users"_s), 2);

    // A token of bob's, revoked by the trainer: bob's only.
    QSignalSpy tokensChanged(&host, &ServerHost::tokensChanged);
    const QByteArray bobs = login(u"/s/bob"_s);
    const QByteArray shared = login(QString());
    std::optional<TokenRecord> bobsRecord;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QList<QVariant> &batch : std::as_const(tokensChanged)) {
                for (const TokenEvent &event : batch[0].value<QList<TokenEvent>>()) {
                    if (event.kind == TokenEvent::Kind::Issued && event.sandbox == u"bob" &&
                        event.token.type == TokenType::Access)
                        bobsRecord = event.token;
                }
            }
            return bobsRecord.has_value();
        }(),
        5000);
    host.revokeToken(u"bob"_s, *bobsRecord);
    settle();
    QCOMPARE(errorCode(send("GET", u"/s/bob/me"_s, {}, bobs)), u"TOKEN_REVOKED"_s);
    QCOMPARE(send("GET", u"/me"_s, {}, shared).status, 200);

    host.resetSandbox(u"alice"_s);
    settle();
    QCOMPARE(count(u"/s/alice"_s, u"users"_s), 2);
    QTRY_COMPARE_WITH_TIMEOUT(lastResetSize(), 2, 5000);

    // The watched sandbox removed: the window follows the shared API again. (settle() watched
    // the shared API: watch alice again first.)
    watching.clear();
    host.watch(u"alice"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!watching.isEmpty(), 5000);
    QCOMPARE(watching.constLast()[0].toString(), u"alice"_s);
    watching.clear();
    host.removeSandbox(u"alice"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!watching.isEmpty(), 5000);
    QCOMPARE(watching.constLast()[0].toString(), QString());
    watching.clear();
    host.watch(u"nobody"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!watching.isEmpty(), 5000);
    QCOMPARE(watching.constLast()[0].toString(), QString());

    host.removeAllSandboxes();
    enableControlApi();
    QCOMPARE(data(control("GET", u"/_dojo/sandboxes"_s))[u"count"_s].toInt(), 0);
}

void TestSandboxRoutes::protectClassApi_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("sandboxHeader"); // null: none
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const QByteArray none;
    const QByteArray user = userBody(u"Eve"_s, u"eve@example.com"_s);
    const QString refused = u"CLASS_API_PROTECTED"_s;
    QTest::newRow("POST /users") << "POST"_ba << u"/users"_s << user << none << 403 << refused;
    QTest::newRow("POST /api/v1/users")
        << "POST"_ba << u"/api/v1/users"_s << user << none << 403 << refused;
    QTest::newRow("PUT /users/2") << "PUT"_ba << u"/users/2"_s << R"({"age":50})"_ba << none << 403
                                  << refused;
    QTest::newRow("DELETE /users/2")
        << "DELETE"_ba << u"/users/2"_s << QByteArray() << none << 403 << refused;
    QTest::newRow("POST /products")
        << "POST"_ba << u"/products"_s << productBody(u"duck"_s) << none << 403 << refused;
    QTest::newRow("DELETE /products/1")
        << "DELETE"_ba << u"/products/1"_s << QByteArray() << none << 403 << refused;
    QTest::newRow("POST /register")
        << "POST"_ba << u"/register"_s
        << R"({"name":"Ann","email":"ann@example.com","password":"correct horse"})"_ba << none
        << 403 << refused;
    QTest::newRow("POST /reset") << "POST"_ba << u"/reset"_s << QByteArray() << none << 403
                                 << refused;
    QTest::newRow("PUT /me") << "PUT"_ba << u"/me"_s << R"({"age":50})"_ba << none << 403
                             << refused;
    QTest::newRow("POST /password-reset")
        << "POST"_ba << u"/password-reset"_s << R"({"email":"john@example.com"})"_ba << none << 403
        << refused;
    QTest::newRow("empty header is the shared API")
        << "POST"_ba << u"/users"_s << user << ""_ba << 403 << refused;
    QTest::newRow("GET /users") << "GET"_ba << u"/users"_s << QByteArray() << none << 200
                                << QString();
    QTest::newRow("GET /me") << "GET"_ba << u"/me"_s << QByteArray() << none << 200 << QString();
    QTest::newRow("HEAD /products")
        << "HEAD"_ba << u"/products"_s << QByteArray() << none << 200 << QString();
    QTest::newRow("OPTIONS /users")
        << "OPTIONS"_ba << u"/users"_s << QByteArray() << none << 204 << QString();
    QTest::newRow("POST /login") << "POST"_ba << u"/login"_s << R"({"email":"john@example.com"})"_ba
                                 << none << 200 << QString();
    QTest::newRow("POST /api/v1/login")
        << "POST"_ba << u"/api/v1/login"_s << R"({"email":"john@example.com"})"_ba << none << 200
        << QString();
    // Logging out revokes every refresh token of the user: the trainer's admin session too.
    QTest::newRow("POST /logout") << "POST"_ba << u"/logout"_s << QByteArray() << none << 403
                                  << u"CLASS_API_PROTECTED"_s;
    QTest::newRow("unknown path stays 404")
        << "POST"_ba << u"/nope"_s << QByteArray() << none << 404 << u"NOT_FOUND"_s;
    QTest::newRow("wrong method stays 405")
        << "DELETE"_ba << u"/health"_s << QByteArray() << none << 405 << u"METHOD_NOT_ALLOWED"_s;
    QTest::newRow("PATCH /users/2 stays 405")
        << "PATCH"_ba << u"/users/2"_s << R"({})"_ba << none << 405 << u"METHOD_NOT_ALLOWED"_s;
    QTest::newRow("sandbox by prefix")
        << "POST"_ba << u"/s/alice/users"_s << user << none << 201 << QString();
    QTest::newRow("sandbox by header")
        << "POST"_ba << u"/users"_s << user << "alice"_ba << 201 << QString();
    QTest::newRow("reset in a sandbox")
        << "POST"_ba << u"/s/alice/reset"_s << QByteArray() << none << 200 << QString();
}

// The trainer is 192.0.2.1 only: this test's 127.0.0.1 is a student's computer.
void TestSandboxRoutes::protectClassApi()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, sandboxHeader);
    QFETCH(int, status);
    QFETCH(QString, code);

    enableControlApi();
    const QByteArray token =
        login(sandboxHeader.isEmpty() && !path.startsWith(u"/s/") ? QString() : u"/s/alice"_s);
    QVERIFY(!token.isEmpty());
    m_server->host().setProtectClassApi(true);
    m_server->host().setTrainerAddresses(QList<QHostAddress>{QHostAddress(u"192.0.2.1"_s)});
    settle();

    Headers headers;
    if (!sandboxHeader.isNull())
        headers.append({"X-Sandbox"_ba, sandboxHeader});
    const HttpResult result = send(method, path, body, token, headers);
    QCOMPARE(result.status, status);
    if (method != "HEAD")
        QCOMPARE(errorCode(result), code);
    if (status == 403) {
        QCOMPARE(message(result), u"The class API is read-only for students. Use your own "
                                  u"sandbox: /s/<your-name>/..."_s);
        QCOMPARE(result.header("Access-Control-Allow-Origin"), "*"_ba);
    }
    // The shared data is as seeded whatever was refused.
    QCOMPARE(count(QString(), u"users"_s), 2);
    QCOMPARE(count(QString(), u"products"_s), 6);
    QCOMPARE(data(send("GET", u"/users/2"_s))[u"age"_s].toInt(), 25);
    // The control API is the key's to guard, not the protection's.
    QCOMPARE(control("POST", u"/_dojo/reset"_s).status, 200);
}

void TestSandboxRoutes::protectionSparesTheTrainer()
{
    const QByteArray admin = login(QString());
    const QByteArray user = userBody(u"Eve"_s, u"eve@example.com"_s);
    m_server->host().setProtectClassApi(true);
    settle();
    // By default this computer (loopback) is the trainer's.
    QCOMPARE(send("POST", u"/users"_s, user, admin).status, 201);

    m_server->host().setTrainerAddresses(QList<QHostAddress>{QHostAddress(u"192.0.2.1"_s)});
    settle();
    QCOMPARE(errorCode(send("DELETE", u"/users/3"_s, {}, admin)), u"CLASS_API_PROTECTED"_s);

    m_server->host().setTrainerAddresses(
        QList<QHostAddress>{QHostAddress(u"192.0.2.1"_s), QHostAddress(u"127.0.0.1"_s)});
    settle();
    QCOMPARE(send("DELETE", u"/users/3"_s, {}, admin).status, 200);

    m_server->host().setTrainerAddresses(QList<QHostAddress>{QHostAddress(u"192.0.2.1"_s)});
    m_server->host().setProtectClassApi(false);
    settle();
    QCOMPARE(send("POST", u"/users"_s, user, admin).status, 201);

    m_server->host().setProtectClassApi(true);
    m_server->host().setTrainerAddresses(std::nullopt);
    settle();
    QCOMPARE(send("POST", u"/reset"_s).status, 200);
}

void TestSandboxRoutes::preflightAllowsXSandbox()
{
    for (const QString &path :
         {u"/users"_s, u"/s/alice/users"_s, u"/s/alice/api/v1/products/1"_s, u"/s/bob/login"_s}) {
        const HttpResult preflight = send("OPTIONS", path, {}, {},
                                          {{"Origin"_ba, "http://example.com"_ba},
                                           {"Access-Control-Request-Method"_ba, "POST"_ba},
                                           {"Access-Control-Request-Headers"_ba, "x-sandbox"_ba}});
        QCOMPARE(preflight.status, 204);
        const QList<QByteArray> allowed =
            preflight.header("Access-Control-Allow-Headers").split(',');
        QVERIFY2(std::any_of(allowed.cbegin(), allowed.cend(),
                             [](const QByteArray &name) {
                                 return name.trimmed().compare("X-Sandbox", Qt::CaseInsensitive) ==
                                        0;
                             }),
                 preflight.header("Access-Control-Allow-Headers").constData());
        QCOMPARE(preflight.header("Access-Control-Allow-Origin"), "*"_ba);
    }
    // The control API's preflight too (a browser page resetting its sandbox).
    enableControlApi();
    const HttpResult controlPreflight = send("OPTIONS", u"/_dojo/reset"_s);
    QCOMPARE(controlPreflight.status, 204);
    QVERIFY(controlPreflight.header("Access-Control-Allow-Headers").contains("X-Sandbox"));
}

void TestSandboxRoutes::openApiServersOfASandbox()
{
    const auto servers = [this](const QString &path, const Headers &headers = {}) {
        const HttpResult result = send("GET", path, {}, {}, headers);
        QStringList urls;
        if (result.status != 200)
            return QStringList{u"status %1"_s.arg(result.status)};
        for (const QJsonValue &server : result.json()[u"servers"_s].toArray())
            urls.append(server[u"url"_s].toString());
        return urls;
    };
    QCOMPARE(servers(u"/openapi.json"_s), (QStringList{u"/"_s, u"/api/v1"_s}));
    QCOMPARE(servers(u"/s/alice/openapi.json"_s),
             (QStringList{u"/s/alice"_s, u"/s/alice/api/v1"_s}));
    QCOMPARE(servers(u"/s/alice/api/v1/openapi.json"_s),
             (QStringList{u"/s/alice"_s, u"/s/alice/api/v1"_s}));
    QCOMPARE(servers(u"/s/Bob-2/openapi.json"_s),
             (QStringList{u"/s/bob-2"_s, u"/s/bob-2/api/v1"_s}));
    QCOMPARE(servers(u"/openapi.json"_s, {{"X-Sandbox"_ba, "carol"_ba}}),
             (QStringList{u"/s/carol"_s, u"/s/carol/api/v1"_s}));
    // The rest of the document is the shared one.
    const QJsonObject shared = send("GET", u"/openapi.json"_s).json();
    QJsonObject alice = send("GET", u"/s/alice/openapi.json"_s).json();
    QCOMPARE(alice[u"paths"_s].toObject().keys(), shared[u"paths"_s].toObject().keys());
    QCOMPARE(alice[u"info"_s], shared[u"info"_s]);
    QCOMPARE(send("GET", u"/s/alice/docs"_s).status, 200);
}

void TestSandboxRoutes::headerlessHeaderAndPrefix()
{
    enableControlApi();
    QCOMPARE(send("POST", u"/users"_s, userBody(u"Eve"_s, u"eve@example.com"_s),
                  login(u"/s/alice"_s), {{"X-Sandbox"_ba, "Alice"_ba}})
                 .status,
             201);
    const QByteArray byPrefix = send("GET", u"/s/alice/users"_s).body;
    QVERIFY(byPrefix.contains("eve@example.com"));
    QCOMPARE(send("GET", u"/s/ALICE/api/v1/users"_s).body, byPrefix);
    QCOMPARE(send("GET", u"/users"_s, {}, {}, {{"X-Sandbox"_ba, "alice"_ba}}).body, byPrefix);
    QCOMPARE(send("GET", u"/api/v1/users"_s, {}, {}, {{"x-sandbox"_ba, "ALICE"_ba}}).body,
             byPrefix);
    QCOMPARE(send("GET", u"/s/al%69ce/users"_s).body, byPrefix);
    // The prefix wins over the header, and the header's sandbox is not even made.
    QCOMPARE(send("GET", u"/s/alice/users"_s, {}, {}, {{"X-Sandbox"_ba, "bob"_ba}}).body, byPrefix);
    QCOMPARE(send("GET", u"/s/alice/users"_s, {}, {}, {{"X-Sandbox"_ba, "b@d"_ba}}).body, byPrefix);

    const QByteArray shared = send("GET", u"/users"_s).body;
    QVERIFY(!shared.contains("eve@example.com"));
    QCOMPARE(send("GET", u"/users"_s, {}, {}, {{"X-Sandbox"_ba, ""_ba}}).body, shared);
    QCOMPARE(send("GET", u"/api/v1/users"_s).body, shared);

    const QJsonArray sandboxes =
        data(control("GET", u"/_dojo/sandboxes"_s))[u"sandboxes"_s].toArray();
    QCOMPARE(sandboxes.size(), 1);
    QCOMPARE(sandboxes[0][u"name"_s].toString(), u"alice"_s);
}

void TestSandboxRoutes::badNamesAreRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("header");

    QTest::newRow("/s/ alone") << u"/s/"_s << QByteArray();
    QTest::newRow("dot") << u"/s/al.ice/users"_s << QByteArray();
    QTest::newRow("encoded space") << u"/s/al%20ice/users"_s << QByteArray();
    QTest::newRow("33 characters") << u"/s/"_s + QString(33, u'x') + u"/users"_s << QByteArray();
    QTest::newRow("bad header") << u"/users"_s << "al ice"_ba;
    QTest::newRow("bad header on the alias") << u"/api/v1/health"_s << "x.y"_ba;
    QTest::newRow("bad header on a control path") << u"/_dojo/faults"_s << "x.y"_ba;
}

void TestSandboxRoutes::badNamesAreRefused()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, header);
    enableControlApi();
    Headers headers;
    if (!header.isNull())
        headers.append({"X-Sandbox"_ba, header});
    const HttpResult result = send("GET", path, {}, {}, headers);
    QCOMPARE(result.status, 400);
    QCOMPARE(errorCode(result), u"INVALID_SANDBOX"_s);
    QCOMPARE(message(result), u"Sandbox names are 1 to 32 characters: letters, digits, - and _"_s);
    QCOMPARE(data(control("GET", u"/_dojo/sandboxes"_s))[u"count"_s].toInt(), 0);
}

void TestSandboxRoutes::messagesNameThePathAsSent_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");

    QTest::newRow("404 by prefix") << "GET"_ba << u"/s/alice/nope"_s << QByteArray() << 404
                                   << u"Endpoint not found: /s/alice/nope"_s;
    QTest::newRow("404 by prefix, case as sent")
        << "GET"_ba << u"/s/Alice/api/v1/nope"_s << QByteArray() << 404
        << u"Endpoint not found: /s/Alice/api/v1/nope"_s;
    QTest::newRow("404 by header")
        << "GET"_ba << u"/nope"_s << "alice"_ba << 404 << u"Endpoint not found: /nope"_s;
    QTest::newRow("405 by prefix") << "DELETE"_ba << u"/s/alice/health"_s << QByteArray() << 405
                                   << u"Method DELETE is not allowed on /s/alice/health"_s;
    QTest::newRow("405 on the alias")
        << "PUT"_ba << u"/s/alice/api/v1/users"_s << QByteArray() << 405
        << u"Method PUT is not allowed on /s/alice/api/v1/users"_s;
    QTest::newRow("/s alone is the shared API's 404")
        << "GET"_ba << u"/s"_s << QByteArray() << 404 << u"Endpoint not found: /s"_s;
    QTest::newRow("sandbox root alone")
        << "GET"_ba << u"/s/alice"_s << QByteArray() << 404 << u"Endpoint not found: /s/alice"_s;
}

void TestSandboxRoutes::messagesNameThePathAsSent()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, header);
    QFETCH(int, status);
    QFETCH(QString, message);
    Headers headers;
    if (!header.isNull())
        headers.append({"X-Sandbox"_ba, header});
    const HttpResult result = send(method, path, {}, {}, headers);
    QCOMPARE(result.status, status);
    QCOMPARE(::message(result), message);
}

// However the data went back to the seed, the log says so and who did it.
void TestSandboxRoutes::everyResetIsNamedInTheLog()
{
    enableControlApi();
    QSignalSpy recorded(&m_server->host(), &ServerHost::exchangesRecorded);
    QCOMPARE(send("POST", u"/reset"_s).status, 200);
    QCOMPARE(send("POST", u"/s/alice/reset"_s).status, 200);
    QCOMPARE(send("POST", u"/api/v1/reset"_s).status, 200);
    QCOMPARE(control("POST", u"/_dojo/reset"_s).status, 200);
    QCOMPARE(control("POST", u"/_dojo/sandboxes/ALICE/reset"_s).status, 200);
    QCOMPARE(send("POST", u"/reset/"_s).status, 404); // no reset, no note
    QCOMPARE(send("GET", u"/reset"_s).status, 405);   // nor here
    QCOMPARE(send("GET", u"/health"_s).status, 200);  // an ordinary request
    QCOMPARE(control("POST", u"/_dojo/sandboxes/carol/reset"_s).status, 404);
    // The trainer, from the window: the Users tab's button, then the Class tab's.
    std::optional<int> windowStatus;
    m_server->host().submit(
        TrainerRequest::resetData(), this,
        [&windowStatus](const ApiResponse &response) { windowStatus = response.status; });
    QTRY_COMPARE(windowStatus, std::optional<int>(200));
    m_server->host().resetSandbox(u"alice"_s);
    m_server->host().resetSandbox(u"nobody"_s); // nothing to reset, nothing to record

    const QStringList expected{
        u"Data reset — by POST /reset"_s,
        u"Data reset of alice's sandbox — by POST /s/alice/reset"_s,
        u"Data reset — by POST /api/v1/reset"_s,
        u"Data reset — by the control API"_s,
        u"Data reset of alice's sandbox — by the control API"_s,
        {},
        {},
        {},
        {},
        u"Data reset — by the trainer (window)"_s,
        u"Data reset of alice's sandbox — by the trainer (window)"_s,
    };
    const auto collected = [&recorded] {
        QList<Exchange> all;
        for (const QList<QVariant> &batch : std::as_const(recorded))
            all += batch.at(0).value<QList<Exchange>>();
        return all;
    };
    QTRY_VERIFY(collected().size() >= expected.size());
    const QList<Exchange> exchanges = collected();
    QStringList resets;
    for (const Exchange &exchange : std::as_const(exchanges))
        resets.append(exchange.dataReset);
    QCOMPARE(resets, expected);
    // The trainer's records have no request behind them, and ids of their own.
    const Exchange &fromWindow = exchanges.at(9);
    QVERIFY(fromWindow.request.method.isEmpty());
    QCOMPARE(fromWindow.response.status, 200);
    QCOMPARE(exchanges.at(10).request.sandbox, u"alice"_s);
    QSet<quint64> ids;
    for (const Exchange &exchange : std::as_const(exchanges))
        ids.insert(exchange.id);
    QCOMPARE(ids.size(), exchanges.size());
}

// Every lesson route (API.md Part C) is reached, not the router's 404 or 405, in the shared API
// and in a sandbox, and answers the same there (the same requests on the same seed); HEAD and
// the body limit hold on it as anywhere.
void TestSandboxRoutes::everyLessonRouteAnswersInASandboxAsInTheSharedApi()
{
    const ApiService service{ServiceConfig{}};
    int routes = 0;
    for (const QString &route : service.router().routeNames()) {
        const QByteArray method = route.section(u' ', 0, 0).toLatin1();
        QString path = route.section(u' ', 1);
        if (!path.startsWith(u"/lessons/"_s))
            continue;
        ++routes;
        static const QRegularExpression placeholder(u"\\{[^}]*\\}"_s);
        path.replace(placeholder, u"1"_s); // an id, a name, a token: none of them exists
        const QByteArray body = method == "GET" || method == "DELETE" ? QByteArray() : "{}"_ba;
        const HttpResult shared = send(method, path, body);
        const HttpResult sandboxed = send(method, u"/s/bob"_s + path, body);
        for (const HttpResult *result : {&shared, &sandboxed}) {
            const bool routersOwn = result->status == 405 ||
                                    (result->status == 404 && errorCode(*result) == u"NOT_FOUND"_s);
            QVERIFY2(!routersOwn && result->status < 500,
                     qPrintable(route + u" answered "_s + QString::number(result->status)));
        }
        QVERIFY2(shared.status == sandboxed.status, qPrintable(route));
        if (method == "GET") {
            const HttpResult head = send("HEAD", u"/s/bob"_s + path);
            QVERIFY2(head.status == sandboxed.status && head.body.isEmpty(), qPrintable(route));
        } else {
            const HttpResult tooLarge =
                send(method, u"/s/bob"_s + path, "\"" + QByteArray(1024 * 1024 + 10, 'x') + "\"");
            QVERIFY2(tooLarge.status == 413, qPrintable(route));
        }
    }
    QVERIFY(routes >= 30);
}

// Fault rules see a lesson's full path, in the shared API and in every sandbox.
void TestSandboxRoutes::lessonPathsTakeFaults()
{
    enableControlApi();
    QCOMPARE(control("PUT", u"/_dojo/faults"_s, nextNPlan(u"POST"_s, u"/lessons/inventory/**"_s, 2))
                 .status,
             200);
    const QByteArray login = R"({"email": "john@example.com", "password": "john123"})";
    QCOMPARE(send("POST", u"/lessons/inventory/auth/login"_s, login).status, 503);
    QCOMPARE(send("POST", u"/s/bob/lessons/inventory/auth/login"_s, login).status, 503);
    // Not another lesson, not another method, not Part A; and the next request goes through.
    QCOMPARE(send("POST", u"/lessons/flask-advanced/login"_s, login).status, 200);
    QCOMPARE(send("GET", u"/lessons/inventory/entities"_s).status, 200);
    QCOMPARE(send("POST", u"/login"_s, login).status, 200);
    QCOMPARE(send("POST", u"/lessons/inventory/auth/login"_s, login).status, 503);
    QCOMPARE(send("POST", u"/lessons/inventory/auth/login"_s, login).status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxRoutes)
#include "tst_sandboxroutes.moc"

// A scan of made-up URLs must not use up the class's sandboxes.
void TestSandboxRoutes::unknownPathsMakeNoSandbox()
{
    enableControlApi();
    const HttpResult unknown = send("GET", u"/s/mallory/wp-admin"_s);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(::message(unknown), u"Endpoint not found: /s/mallory/wp-admin"_s);
    QCOMPARE(send("OPTIONS", u"/nope"_s, {}, {}, {{"X-Sandbox"_ba, "trudy"_ba}}).status, 404);
    QCOMPARE(send("GET", u"/s/mallory"_s).status, 404);
    QCOMPARE(control("GET", u"/_dojo/sandboxes"_s).json()[u"data"_s][u"count"_s].toInt(), 0);
    QCOMPARE(send("GET", u"/s/mallory/health"_s).status, 200);
    QCOMPARE(control("GET", u"/_dojo/sandboxes"_s).json()[u"data"_s][u"count"_s].toInt(), 1);
}

// Ids repeat across instances: an edit meant for a sandbox that is gone must not land in the
// shared API.
void TestSandboxRoutes::editForARemovedSandboxIsRefused()
{
    ServerHost &host = m_server->host();
    QCOMPARE(send("GET", u"/s/alice/users"_s).status, 200);
    host.watch(u"alice"_s);
    host.removeSandbox(u"alice"_s);
    int status = 0;
    QString errorCode;
    host.submit(TrainerRequest::deleteUser(2), this, [&](const ApiResponse &response) {
        status = response.status;
        errorCode = Envelope::errorCodeOf(response.body);
    });
    QTRY_COMPARE_WITH_TIMEOUT(status, 404, 5000);
    QCOMPARE(errorCode, u"SANDBOX_NOT_FOUND"_s);
    QCOMPARE(count(QString(), u"users"_s), 2);
}
