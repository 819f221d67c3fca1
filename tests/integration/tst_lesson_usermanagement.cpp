#include "apiservice.h"
#include "httpclient.h"
#include "requests.h"
#include "serverfixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString Lesson = u"/lessons/user-management"_s;
const QString Api = Lesson + u"/v1/api"_s;

QJsonObject errorBody(const QString &text)
{
    return {{u"error"_s, text}};
}

QJsonObject messageBody(const QString &text)
{
    return {{u"message"_s, text}};
}

ServiceConfig serviceConfig()
{
    ServiceConfig config;
    config.jwtSecret = QByteArray(32, 'k');
    return config;
}

} // namespace

// Reference 001 (the Flask user-management API) at /lessons/user-management, over real sockets:
// its routes, status codes and bodies word for word, over ApiDojo's shared users.
class TestLessonUserManagement : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void registerCreatesAUserOfTheSharedStore();
    void registerRefusesMissingFields_data();
    void registerRefusesMissingFields();
    void registerRefusesAnEmailAlreadyRegistered_data();
    void registerRefusesAnEmailAlreadyRegistered();
    void loginAnswersAToken();
    void loginRefuses_data();
    void loginRefuses();
    void profileIsTheCallerWithoutPassword_data();
    void profileIsTheCallerWithoutPassword();
    void tokenRoutesRefuseABadToken_data();
    void tokenRoutesRefuseABadToken();
    void logoutRevokesTheToken();
    void updateProfileChangesNameAndEmail();
    void updateProfileRefuses_data();
    void updateProfileRefuses();
    void deleteProfileRemovesTheUser();
    void deleteProfileNeedsAFreshToken();
    void allUsersIsForAdmins();
    void passwordResetThroughTheOutbox();
    void passwordResetRefuses_data();
    void passwordResetRefuses();
    void theLessonInsideASandbox();
    void postResetRestoresTheUsers();
    void routerAnswersUnknownPathsAndMethods();
    void openApiDescribesEveryRoute();

    // At the core, on a clock the test moves.
    void aSwitchedOffLessonAnswers404();
    void expiredTokensAreInvalid();
    void expiredResetTokensAreInvalid();

private:
    HttpResult post(const QString &route, const QByteArray &json, const QByteArray &token = {})
    {
        return m_client->sendJson("POST", Api + route, json, token);
    }
    QByteArray login(const QString &email, const QString &password);
    // A user registered at the lesson, logged in there.
    QByteArray registerAndLogin(const QString &email);
    QString lastEmailToken();

    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
};

void TestLessonUserManagement::initTestCase()
{
    QVERIFY(m_server.start());
    m_client = std::make_unique<HttpClient>(m_server.baseUrl());
}

void TestLessonUserManagement::init()
{
    QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
}

QByteArray TestLessonUserManagement::login(const QString &email, const QString &password)
{
    const HttpResult result = post(u"/login"_s, QJsonDocument(QJsonObject{
                                                                  {u"email"_s, email},
                                                                  {u"password"_s, password},
                                                              })
                                                    .toJson());
    return result.json()[u"token"_s].toString().toLatin1();
}

QByteArray TestLessonUserManagement::registerAndLogin(const QString &email)
{
    const QByteArray body = QJsonDocument(QJsonObject{{u"email"_s, email},
                                                      {u"password"_s, u"pa55word"_s},
                                                      {u"name"_s, u"Jane Doe"_s}})
                                .toJson();
    if (post(u"/register"_s, body).status != 201)
        return {};
    return login(email, u"pa55word"_s);
}

QString TestLessonUserManagement::lastEmailToken()
{
    const QJsonArray emails = m_client->get(u"/outbox"_s).json()[u"data"_s][u"emails"_s].toArray();
    return emails.isEmpty() ? QString() : emails.last()[u"token"_s].toString();
}

void TestLessonUserManagement::registerCreatesAUserOfTheSharedStore()
{
    const HttpResult registered = post(
        u"/register"_s, R"({"email":"jane@example.com","password":"secret","name":"Jane Doe"})");
    QCOMPARE(registered.status, 201);
    QCOMPARE(registered.header("Content-Type"), "application/json"_ba);
    QCOMPARE(registered.json(), messageBody(u"User registered successfully"_s));

    const QJsonObject listed = m_client->get(u"/users/3"_s).json()[u"data"_s].toObject();
    QCOMPARE(listed[u"email"_s].toString(), u"jane@example.com"_s);
    QCOMPARE(listed[u"role"_s].toString(), u"user"_s);
    QCOMPARE(
        m_client
            ->sendJson("POST", u"/login"_s, R"({"email":"jane@example.com","password":"secret"})")
            .status,
        200);
}

void TestLessonUserManagement::registerRefusesMissingFields_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("no email") << R"({"password":"secret","name":"Jane"})"_ba;
    QTest::newRow("no password") << R"({"email":"jane@example.com","name":"Jane"})"_ba;
    QTest::newRow("no name") << R"({"email":"jane@example.com","password":"secret"})"_ba;
    QTest::newRow("empty name") << R"({"email":"jane@example.com","password":"s","name":""})"_ba;
    QTest::newRow("null email") << R"({"email":null,"password":"secret","name":"Jane"})"_ba;
    QTest::newRow("number as name") << R"({"email":"j@example.com","password":"s","name":7})"_ba;
    QTest::newRow("array") << R"(["jane@example.com","secret","Jane"])"_ba;
    QTest::newRow("not JSON") << "email=jane@example.com"_ba;
    QTest::newRow("no body") << QByteArray();
}

void TestLessonUserManagement::registerRefusesMissingFields()
{
    QFETCH(QByteArray, body);
    const HttpResult result = post(u"/register"_s, body);
    QCOMPARE(result.status, 400);
    QCOMPARE(result.json(), errorBody(u"Missing required fields"_s));
    QCOMPARE(m_client->get(u"/users"_s).json()[u"data"_s][u"count"_s].toInt(), 2);
}

void TestLessonUserManagement::registerRefusesAnEmailAlreadyRegistered_data()
{
    QTest::addColumn<QString>("email");
    QTest::newRow("a seeded user") << u"john@example.com"_s;
    QTest::newRow("in other case") << u"John@Example.com"_s;
}

void TestLessonUserManagement::registerRefusesAnEmailAlreadyRegistered()
{
    QFETCH(QString, email);
    const HttpResult result =
        post(u"/register"_s, QJsonDocument(QJsonObject{{u"email"_s, email},
                                                       {u"password"_s, u"x"_s},
                                                       {u"name"_s, u"Johnny"_s}})
                                 .toJson());
    QCOMPARE(result.status, 400);
    QCOMPARE(result.json(), errorBody(u"Email already exists"_s));
}

void TestLessonUserManagement::loginAnswersAToken()
{
    const HttpResult result =
        post(u"/login"_s, R"({"email":"admin@example.com","password":"admin123"})");
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json().keys(), QStringList({u"message"_s, u"token"_s}));
    QCOMPARE(result.json()[u"message"_s].toString(), u"Login successful"_s);
    QCOMPARE(result.header("Cache-Control"), "no-store"_ba);
    // The token works at the main API too: one user, one set of sessions.
    const QByteArray token = result.json()[u"token"_s].toString().toLatin1();
    QCOMPARE(m_client->sendJson("GET", u"/me"_s, {}, token).status, 200);
}

void TestLessonUserManagement::loginRefuses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QString missing = u"Missing email or password"_s;
    QTest::newRow("no password") << R"({"email":"john@example.com"})"_ba << 400 << missing;
    QTest::newRow("no email") << R"({"password":"john123"})"_ba << 400 << missing;
    QTest::newRow("empty password")
        << R"({"email":"john@example.com","password":""})"_ba << 400 << missing;
    QTest::newRow("not an object") << R"("john@example.com")"_ba << 400 << missing;
    QTest::newRow("wrong password") << R"({"email":"john@example.com","password":"john124"})"_ba
                                    << 401 << u"Invalid credentials"_s;
    QTest::newRow("unknown email") << R"({"email":"nobody@example.com","password":"john123"})"_ba
                                   << 401 << u"Invalid credentials"_s;
}

void TestLessonUserManagement::loginRefuses()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    const HttpResult result = post(u"/login"_s, body);
    QCOMPARE(result.status, status);
    QCOMPARE(result.json(), errorBody(error));
}

void TestLessonUserManagement::profileIsTheCallerWithoutPassword_data()
{
    QTest::addColumn<QByteArray>("scheme");
    QTest::newRow("Bearer, as documented") << "Bearer "_ba;
    QTest::newRow("bare, as the code reads it") << QByteArray();
}

void TestLessonUserManagement::profileIsTheCallerWithoutPassword()
{
    QFETCH(QByteArray, scheme);
    const QByteArray token = login(u"john@example.com"_s, u"john123"_s);
    const HttpResult result =
        m_client->send("GET", Api + u"/user"_s, {}, {{"Authorization"_ba, scheme + token}});
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json(),
             (QJsonObject{{u"user"_s, QJsonObject{{u"id"_s, 2},
                                                  {u"name"_s, u"John Doe"_s},
                                                  {u"email"_s, u"john@example.com"_s},
                                                  {u"admin"_s, false}}}}));
}

void TestLessonUserManagement::tokenRoutesRefuseABadToken_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("route");
    QTest::addColumn<QString>("kind");
    const QList<std::pair<QByteArray, QString>> routes = {
        {"GET", u"/user"_s},  {"PUT", u"/user"_s},    {"DELETE", u"/user"_s},
        {"GET", u"/users"_s}, {"POST", u"/logout"_s},
    };
    for (const auto &[method, route] : routes) {
        for (const QString &kind :
             {u"none"_s, u"garbage"_s, u"forged"_s, u"other scheme"_s, u"refresh token"_s}) {
            QTest::addRow("%s %s, %s", method.constData(), qPrintable(route), qPrintable(kind))
                << method << route << kind;
        }
    }
}

void TestLessonUserManagement::tokenRoutesRefuseABadToken()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, route);
    QFETCH(QString, kind);
    const QByteArray token = login(u"admin@example.com"_s, u"admin123"_s);
    QByteArray authorization;
    if (kind == u"garbage")
        authorization = "Bearer not.a.token";
    else if (kind == u"forged")
        authorization = "Bearer " + token.left(token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
    else if (kind == u"other scheme")
        authorization = "Basic " + token;
    else if (kind == u"refresh token")
        authorization = "Bearer " + m_client
                                        ->sendJson("POST", u"/login"_s,
                                                   R"({"email":"admin@example.com",
                                                       "password":"admin123"})")
                                        .json()[u"data"_s][u"refresh_token"_s]
                                        .toString()
                                        .toLatin1();
    QList<std::pair<QByteArray, QByteArray>> headers{{"Content-Type"_ba, "application/json"_ba}};
    if (!authorization.isEmpty())
        headers.append({"Authorization"_ba, authorization});

    const HttpResult result = m_client->send(
        method, Api + route, R"({"name":"Admin","email":"admin@example.com"})", headers);
    QCOMPARE(result.status, 401);
    QCOMPARE(result.json(), errorBody(u"Invalid token"_s));
    QCOMPARE(m_client->get(u"/users"_s).json()[u"data"_s][u"count"_s].toInt(), 2);
}

void TestLessonUserManagement::logoutRevokesTheToken()
{
    const QByteArray token = login(u"john@example.com"_s, u"john123"_s);
    const QByteArray other = login(u"john@example.com"_s, u"john123"_s);
    const HttpResult result = post(u"/logout"_s, {}, token);
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json(), messageBody(u"Logout successful"_s));

    const HttpResult after = m_client->sendJson("GET", Api + u"/user"_s, {}, token);
    QCOMPARE(after.status, 401);
    QCOMPARE(after.json(), errorBody(u"Invalid token"_s));
    QCOMPARE(post(u"/logout"_s, {}, token).status, 401);
    QCOMPARE(m_client->sendJson("GET", u"/me"_s, {}, token).json()[u"error_code"_s].toString(),
             u"TOKEN_REVOKED"_s);
    // Another session of the same user goes on.
    QCOMPARE(m_client->sendJson("GET", Api + u"/user"_s, {}, other).status, 200);
}

void TestLessonUserManagement::updateProfileChangesNameAndEmail()
{
    const QByteArray token = login(u"john@example.com"_s, u"john123"_s);
    const HttpResult result = m_client->sendJson(
        "PUT", Api + u"/user"_s, R"({"name":"John Smith","email":"JOHN@example.com"})", token);
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json(), messageBody(u"User profile updated successfully"_s));
    const QJsonObject user =
        m_client->sendJson("GET", Api + u"/user"_s, {}, token).json()[u"user"_s].toObject();
    QCOMPARE(user[u"name"_s].toString(), u"John Smith"_s);
    QCOMPARE(user[u"email"_s].toString(), u"JOHN@example.com"_s);
    QCOMPARE(m_client->get(u"/users/2"_s).json()[u"data"_s][u"name"_s].toString(), u"John Smith"_s);
}

void TestLessonUserManagement::updateProfileRefuses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    const QString missing = u"Missing name or email"_s;
    QTest::newRow("no name") << R"({"email":"john@example.com"})"_ba << missing;
    QTest::newRow("no email") << R"({"name":"John Smith"})"_ba << missing;
    QTest::newRow("empty email") << R"({"name":"John Smith","email":""})"_ba << missing;
    QTest::newRow("not JSON") << "name=John"_ba << missing;
    QTest::newRow("another user's email")
        << R"({"name":"John Smith","email":"admin@example.com"})"_ba << u"Email already exists"_s;
}

void TestLessonUserManagement::updateProfileRefuses()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    const QByteArray token = login(u"john@example.com"_s, u"john123"_s);
    const HttpResult result = m_client->sendJson("PUT", Api + u"/user"_s, body, token);
    QCOMPARE(result.status, 400);
    QCOMPARE(result.json(), errorBody(error));
    QCOMPARE(m_client->get(u"/users/2"_s).json()[u"data"_s][u"name"_s].toString(), u"John Doe"_s);
}

void TestLessonUserManagement::deleteProfileRemovesTheUser()
{
    const QByteArray token = registerAndLogin(u"jane@example.com"_s);
    QVERIFY(!token.isEmpty());
    const HttpResult result = m_client->sendJson("DELETE", Api + u"/user"_s, {}, token);
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json(), messageBody(u"User profile deleted successfully"_s));
    QCOMPARE(m_client->get(u"/users/3"_s).status, 404);

    // The token is still signed and unexpired: the reference's code looks the user up and
    // answers that it is gone.
    for (const QByteArray &method : {"GET"_ba, "DELETE"_ba}) {
        const HttpResult again = m_client->sendJson(method, Api + u"/user"_s, {}, token);
        QCOMPARE(again.status, 404);
        QCOMPARE(again.json(), errorBody(u"User not found"_s));
    }
    QCOMPARE(
        m_client
            ->sendJson("PUT", Api + u"/user"_s, R"({"name":"Jane","email":"j@example.com"})", token)
            .json(),
        errorBody(u"User not found"_s));
    QCOMPARE(m_client->sendJson("GET", Api + u"/users"_s, {}, token).status, 403);
    QCOMPARE(post(u"/logout"_s, {}, token).status, 401);
    QCOMPARE(post(u"/login"_s, R"({"email":"jane@example.com","password":"pa55word"})").json(),
             errorBody(u"Invalid credentials"_s));
}

void TestLessonUserManagement::deleteProfileNeedsAFreshToken()
{
    const QByteArray refresh =
        m_client
            ->sendJson("POST", u"/login"_s, R"({"email":"john@example.com","password":"john123"})")
            .json()[u"data"_s][u"refresh_token"_s]
            .toString()
            .toLatin1();
    const QByteArray renewed = m_client->sendJson("POST", u"/refresh"_s, {}, refresh)
                                   .json()[u"data"_s][u"token"_s]
                                   .toString()
                                   .toLatin1();
    QCOMPARE(m_client->sendJson("GET", Api + u"/user"_s, {}, renewed).status, 200);
    const HttpResult refused = m_client->sendJson("DELETE", Api + u"/user"_s, {}, renewed);
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.json(), errorBody(u"Invalid token"_s));
    QCOMPARE(m_client->get(u"/users/2"_s).status, 200);
}

void TestLessonUserManagement::allUsersIsForAdmins()
{
    const QByteArray admin = login(u"admin@example.com"_s, u"admin123"_s);
    const HttpResult result = m_client->sendJson("GET", Api + u"/users"_s, {}, admin);
    QCOMPARE(result.status, 200);
    const QJsonArray users{
        QJsonObject{{u"id"_s, 1},
                    {u"name"_s, u"Admin User"_s},
                    {u"email"_s, u"admin@example.com"_s},
                    {u"admin"_s, true}},
        QJsonObject{{u"id"_s, 2},
                    {u"name"_s, u"John Doe"_s},
                    {u"email"_s, u"john@example.com"_s},
                    {u"admin"_s, false}},
    };
    QCOMPARE(result.json(), (QJsonObject{{u"users"_s, users}}));

    const QByteArray john = login(u"john@example.com"_s, u"john123"_s);
    const HttpResult refused = m_client->sendJson("GET", Api + u"/users"_s, {}, john);
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.json(), errorBody(u"Admin access required"_s));
}

void TestLessonUserManagement::passwordResetThroughTheOutbox()
{
    const QByteArray session = login(u"john@example.com"_s, u"john123"_s);
    const HttpResult requested = post(u"/reset_password"_s, R"({"email":"john@example.com"})");
    QCOMPARE(requested.status, 200);
    QCOMPARE(requested.json(), messageBody(u"Password reset token sent"_s));

    const QJsonArray emails = m_client->get(u"/outbox"_s).json()[u"data"_s][u"emails"_s].toArray();
    QCOMPARE(emails.size(), 1);
    const QJsonObject email = emails.first().toObject();
    QCOMPARE(email[u"to"_s].toString(), u"john@example.com"_s);
    const QString token = email[u"token"_s].toString();
    QVERIFY(!token.isEmpty());
    const QString link = m_server.baseUrl().toString() + Api + u"/reset_password/"_s + token;
    QVERIFY2(email[u"body"_s].toString().contains(link), qPrintable(email[u"body"_s].toString()));

    const HttpResult reset = post(u"/reset_password/"_s + token, R"({"password":"n3w-secret"})");
    QCOMPARE(reset.status, 200);
    QCOMPARE(reset.json(), messageBody(u"Password reset successful"_s));
    QCOMPARE(m_client->sendJson("GET", Api + u"/user"_s, {}, session).status, 401);
    QVERIFY(login(u"john@example.com"_s, u"john123"_s).isEmpty());
    QVERIFY(!login(u"john@example.com"_s, u"n3w-secret"_s).isEmpty());

    const HttpResult reused = post(u"/reset_password/"_s + token, R"({"password":"again"})");
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.json(), errorBody(u"Invalid or expired token"_s));
}

void TestLessonUserManagement::passwordResetRefuses_data()
{
    QTest::addColumn<QString>("route");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::newRow("no email") << u"/reset_password"_s << R"({})"_ba << 400 << u"Missing email"_s;
    QTest::newRow("not an object")
        << u"/reset_password"_s << R"([])"_ba << 400 << u"Missing email"_s;
    QTest::newRow("unknown email")
        << u"/reset_password"_s << R"({"email":"no@example.com"})"_ba << 404 << u"User not found"_s;
    QTest::newRow("no password") << u"/reset_password/abc"_s << R"({})"_ba << 400
                                 << u"Missing password"_s;
    QTest::newRow("unknown token") << u"/reset_password/abc"_s << R"({"password":"secret"})"_ba
                                   << 400 << u"Invalid or expired token"_s;
}

void TestLessonUserManagement::passwordResetRefuses()
{
    QFETCH(QString, route);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    const HttpResult result = post(route, body);
    QCOMPARE(result.status, status);
    QCOMPARE(result.json(), errorBody(error));
    QVERIFY(lastEmailToken().isEmpty());
}

void TestLessonUserManagement::theLessonInsideASandbox()
{
    const QString sandboxApi = u"/s/alice"_s + Api;
    QCOMPARE(m_client
                 ->sendJson("POST", sandboxApi + u"/register"_s,
                            R"({"email":"jane@example.com","password":"secret","name":"Jane"})")
                 .status,
             201);
    QCOMPARE(m_client->get(u"/s/alice/users"_s).json()[u"data"_s][u"count"_s].toInt(), 3);
    QCOMPARE(m_client->get(u"/users"_s).json()[u"data"_s][u"count"_s].toInt(), 2);

    const QByteArray token = m_client
                                 ->sendJson("POST", sandboxApi + u"/login"_s,
                                            R"({"email":"jane@example.com","password":"secret"})")
                                 .json()[u"token"_s]
                                 .toString()
                                 .toLatin1();
    QCOMPARE(m_client->sendJson("GET", sandboxApi + u"/user"_s, {}, token).status, 200);
    QCOMPARE(m_client->sendJson("GET", Api + u"/user"_s, {}, token).json(),
             errorBody(u"Invalid token"_s));

    QCOMPARE(
        m_client
            ->sendJson("POST", sandboxApi + u"/reset_password"_s, R"({"email":"jane@example.com"})")
            .status,
        200);
    const QJsonArray emails =
        m_client->get(u"/s/alice/outbox"_s).json()[u"data"_s][u"emails"_s].toArray();
    QCOMPARE(emails.size(), 1);
    QVERIFY(emails.first()[u"body"_s].toString().contains(m_server.baseUrl().toString() +
                                                          sandboxApi + u"/reset_password/"_s));
    QCOMPARE(m_client->send("POST", u"/s/alice/reset"_s).status, 200);
}

void TestLessonUserManagement::postResetRestoresTheUsers()
{
    QVERIFY(!registerAndLogin(u"jane@example.com"_s).isEmpty());
    QCOMPARE(post(u"/reset_password"_s, R"({"email":"jane@example.com"})").status, 200);
    const QString resetToken = lastEmailToken();

    QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
    QVERIFY(login(u"jane@example.com"_s, u"pa55word"_s).isEmpty());
    const QByteArray admin = login(u"admin@example.com"_s, u"admin123"_s);
    QCOMPARE(
        m_client->sendJson("GET", Api + u"/users"_s, {}, admin).json()[u"users"_s].toArray().size(),
        2);
    QCOMPARE(post(u"/reset_password/"_s + resetToken, R"({"password":"secret"})").json(),
             errorBody(u"Invalid or expired token"_s));
}

void TestLessonUserManagement::routerAnswersUnknownPathsAndMethods()
{
    const HttpResult wrongMethod = m_client->get(Api + u"/login"_s);
    QCOMPARE(wrongMethod.status, 405);
    QVERIFY(wrongMethod.header("Allow").contains("POST"));
    QCOMPARE(m_client->get(Api + u"/nothing"_s).status, 404);
    QCOMPARE(m_client->get(Lesson + u"/login"_s).status, 404);
    const HttpResult preflight = m_client->send("OPTIONS", Api + u"/user"_s);
    QCOMPARE(preflight.status, 204);
    const QByteArray methods = preflight.header("Access-Control-Allow-Methods");
    for (const QByteArray &method : {"GET"_ba, "PUT"_ba, "DELETE"_ba})
        QVERIFY2(methods.contains(method), methods.constData());
}

void TestLessonUserManagement::openApiDescribesEveryRoute()
{
    const HttpResult result = m_client->get(Lesson + u"/openapi.json"_s);
    QCOMPARE(result.status, 200);
    const QJsonObject paths = result.json()[u"paths"_s].toObject();
    ApiService service(serviceConfig());
    const QRegularExpression ours(u"^(\\w+) "_s + QRegularExpression::escape(Lesson) + u"(/.*)$"_s);
    int described = 0;
    for (const QString &route : service.router().routeNames()) {
        const auto match = ours.match(route);
        if (!match.hasMatch())
            continue;
        const QJsonObject item = paths[match.captured(2)].toObject();
        QVERIFY2(item.contains(match.captured(1).toLower()), qPrintable(route));
        ++described;
    }
    QCOMPARE(described, 10);
}

void TestLessonUserManagement::aSwitchedOffLessonAnswers404()
{
    ApiService service(serviceConfig());
    const auto registerJane = [&service] {
        return service.handle(
            makeRequest("POST", Api + u"/register"_s,
                        R"({"email":"jane@example.com","password":"secret","name":"Jane"})"));
    };
    service.setLessonEnabled(u"user-management"_s, false);
    QCOMPARE(registerJane().status, 404);
    QCOMPARE(service.handle(makeRequest("GET", Lesson + u"/openapi.json"_s)).status, 404);
    QCOMPARE(service.users().count(), 2);
    service.setLessonEnabled(u"user-management"_s, true);
    QCOMPARE(registerJane().status, 201);
}

void TestLessonUserManagement::expiredTokensAreInvalid()
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    ApiService service(serviceConfig(), [&now] { return now; });
    const ApiResponse loggedIn = service.handle(makeRequest(
        "POST", Api + u"/login"_s, R"({"email":"john@example.com","password":"john123"})"));
    const QByteArray token = jsonBody(loggedIn)[u"token"_s].toString().toLatin1();
    const auto profile = [&service, &token] {
        return service.handle(
            makeRequest("GET", Api + u"/user"_s, {}, {{"Authorization"_ba, token}}));
    };
    QCOMPARE(profile().status, 200);
    QCOMPARE(profile().tokenCheck.verdict, TokenCheck::Verdict::Valid);

    now = now.addSecs(TokenService::DefaultLifetimeSeconds + 1);
    const ApiResponse expired = profile();
    QCOMPARE(expired.status, 401);
    QCOMPARE(jsonBody(expired), errorBody(u"Invalid token"_s));
    // The inspector shows why, in the API's own terms.
    QCOMPARE(expired.tokenCheck.verdict, TokenCheck::Verdict::Expired);
    QVERIFY(expired.tokenCheck.requiredByRoute);
}

void TestLessonUserManagement::expiredResetTokensAreInvalid()
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    ApiService service(serviceConfig(), [&now] { return now; });
    QCOMPARE(service
                 .handle(makeRequest("POST", Api + u"/reset_password"_s,
                                     R"({"email":"john@example.com"})"))
                 .status,
             200);
    const QString token = service.outbox().emails().last().token;

    now = now.addSecs(PasswordResets::LifetimeSeconds + 1);
    const ApiResponse expired = service.handle(
        makeRequest("POST", Api + u"/reset_password/"_s + token, R"({"password":"secret"})"));
    QCOMPARE(expired.status, 400);
    QCOMPARE(jsonBody(expired), errorBody(u"Invalid or expired token"_s));
}

QTEST_MAIN(TestLessonUserManagement)
#include "tst_lesson_usermanagement.moc"
