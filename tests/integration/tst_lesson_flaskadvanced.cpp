#include "apiservice.h"
#include "httpclient.h"
#include "requests.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString Prefix = u"/lessons/flask-advanced"_s;

QJsonObject jsonOf(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

// A registration with a password of exactly the minimum length.
QByteArray registerBody(const QByteArray &username, const QByteArray &email)
{
    return "{\"username\":\"" + username + "\",\"email\":\"" + email +
           "\",\"password\":\"123456\"}";
}

QByteArray bearer(const QByteArray &token)
{
    return "Bearer " + token;
}

} // namespace

// Reference 003 (FlaskAPI-Advanced) under /lessons/flask-advanced, over real sockets: every
// example of its README and every test its own suite names, word for word.
class TestLessonFlaskAdvanced : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client = std::make_unique<HttpClient>(m_server.baseUrl());
    }

    void init() { QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200); }

    void registerUserQueuesAWelcomeEmail()
    {
        const HttpResult registered = registerTestUser();
        QCOMPARE(registered.status, 201);
        QCOMPARE(registered.json(), jsonOf(R"({"message": "User created successfully."})"));

        const QJsonArray emails =
            m_client->get(u"/outbox"_s).json()[u"data"_s][u"emails"_s].toArray();
        QCOMPARE(emails.size(), 1);
        QCOMPARE(emails[0][u"to"_s].toString(), u"test@example.com"_s);
        QCOMPARE(emails[0][u"subject"_s].toString(), u"Successfully signed up"_s);
        QVERIFY(emails[0][u"body"_s].toString().startsWith(u"Hi user,"_s));
        // The username is the shared store's name.
        const QJsonObject stored = m_client->get(u"/users/3"_s).json()[u"data"_s].toObject();
        QCOMPARE(stored[u"name"_s].toString(), u"user"_s);
        QCOMPARE(stored[u"email"_s].toString(), u"test@example.com"_s);
    }

    void registerUserAlreadyExists()
    {
        QCOMPARE(registerTestUser().status, 201);
        const HttpResult again = registerTestUser();
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json(), jsonOf(R"({"message": "A user with that email already exists."})"));
        // A Part A user's email, in another case, is taken too.
        QCOMPARE(
            lessonPost(u"/register"_s,
                       R"({"username":"x-admin","email":"ADMIN@example.com","password":"abc123"})")
                .status,
            409);
    }

    void registerValidation_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("README example")
            << R"({"username":"mateusz","email":"not-an-email","password":"abc"})"_ba << 422
            << R"({"email":["Not a valid email address."],"password":["Shorter than minimum length 6."]})"_ba;
        QTest::newRow("missing data")
            << "{}"_ba << 422 << R"({"email":["Missing data for required field."],
                                            "password":["Missing data for required field."],
                                            "username":["Missing data for required field."]})"_ba;
        QTest::newRow("no body") << QByteArray() << 422
                                 << R"({"email":["Missing data for required field."],
                                       "password":["Missing data for required field."],
                                       "username":["Missing data for required field."]})"_ba;
        QTest::newRow("null and number")
            << R"({"username":null,"email":"a@example.com","password":123456})"_ba << 422
            << R"({"password":["Not a valid string."],"username":["Field may not be null."]})"_ba;
        QTest::newRow("username 2 characters")
            << R"({"username":"ab","email":"a@example.com","password":"abc123"})"_ba << 422
            << R"({"username":["Length must be between 3 and 80."]})"_ba;
        QTest::newRow("username 81 characters")
            << registerBody(QByteArray(81, 'u'), "a@example.com") << 422
            << R"({"username":["Length must be between 3 and 80."]})"_ba;
        QTest::newRow("unknown field")
            << R"({"username":"abc","email":"a@example.com","password":"abc123","age":30})"_ba
            << 422 << R"({"age":["Unknown field."]})"_ba;
        QTest::newRow("not an object")
            << "[1,2]"_ba << 422 << R"({"_schema":["Invalid input type."]})"_ba;
        QTest::newRow("not JSON") << "{oops"_ba << 400 << R"({"message":"Invalid JSON body."})"_ba;
        QTest::newRow("boundaries accepted")
            << registerBody(QByteArray(80, 'u'), "b@example.com") << 201
            << R"({"message":"User created successfully."})"_ba;
        QTest::newRow("username 3 characters")
            << R"({"username":"abc","email":"c@example.com","password":"123456"})"_ba << 201
            << R"({"message":"User created successfully."})"_ba;
    }

    void registerValidation()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QByteArray, expected);
        const HttpResult result = lessonPost(u"/register"_s, body);
        QCOMPARE(result.status, status);
        QCOMPARE(result.json(), QJsonDocument::fromJson(expected).object());
    }

    void loginUser()
    {
        registerTestUser();
        const HttpResult login = loginTestUser();
        QCOMPARE(login.status, 200);
        QCOMPARE(login.json().keys(), (QStringList{u"access_token"_s, u"refresh_token"_s}));
        QCOMPARE(login.header("Cache-Control"), "no-store"_ba);
        QVERIFY(protectedWith(accessOf(login)).status == 200);
    }

    void loginUserBadPasswordOrEmail_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("bad password")
            << R"({"email":"test@example.com","password":"bad_password"})"_ba;
        QTest::newRow("bad email") << R"({"email":"bad@email.com","password":"abc123"})"_ba;
    }

    void loginUserBadPasswordOrEmail()
    {
        QFETCH(QByteArray, body);
        registerTestUser();
        const HttpResult login = lessonPost(u"/login"_s, body);
        QCOMPARE(login.status, 401);
        QCOMPARE(login.json(), jsonOf(R"({"message": "Invalid credentials."})"));
    }

    void loginValidation()
    {
        const HttpResult login = lessonPost(u"/login"_s, R"({"email":"nope"})");
        QCOMPARE(login.status, 422);
        QCOMPARE(login.json(), jsonOf(R"({"email":["Not a valid email address."],
                                          "password":["Missing data for required field."]})"));
        // The reference's login schema is its user schema: a username is accepted.
        QCOMPARE(lessonPost(u"/login"_s, R"({"username":"John Doe","email":"john@example.com",
                                             "password":"john123"})")
                     .status,
                 200);
    }

    void aSeededUserLogsInAtTheLesson()
    {
        const HttpResult login =
            lessonPost(u"/login"_s, R"({"email":"admin@example.com","password":"admin123"})");
        QCOMPARE(login.status, 200);
        QCOMPARE(protectedWith(accessOf(login)).status, 200);
    }

    void aUserRegisteredAtTheLessonLogsInAtSlashLogin()
    {
        registerTestUser();
        const HttpResult login = m_client->sendJson(
            "POST", u"/login"_s, R"({"email":"test@example.com","password":"abc123"})");
        QCOMPARE(login.status, 200);
        QCOMPARE(login.json()[u"data"_s][u"user"_s][u"name"_s].toString(), u"user"_s);
    }

    void logoutUserThenTwice()
    {
        const QByteArray refresh = refreshOf(loginJohn());
        const HttpResult logout = lessonPost(u"/logout"_s, {}, refresh);
        QCOMPARE(logout.status, 200);
        QCOMPARE(logout.json(), jsonOf(R"({"message": "Successfully logged out."})"));

        const HttpResult twice = lessonPost(u"/logout"_s, {}, refresh);
        QCOMPARE(twice.status, 401);
        QCOMPARE(twice.json(),
                 jsonOf(R"({"message": "The token has been revoked.", "error": "token_revoked"})"));
        QCOMPARE(lessonPost(u"/refresh"_s, {}, refresh).json()[u"error"_s].toString(),
                 u"token_revoked"_s);
    }

    void logoutWithTheAccessTokenEndsTheLogin()
    {
        const HttpResult login = loginJohn();
        QCOMPARE(lessonPost(u"/logout"_s, {}, accessOf(login)).status, 200);
        QCOMPARE(protectedWith(accessOf(login)).json()[u"error"_s].toString(), u"token_revoked"_s);
        QCOMPARE(lessonPost(u"/refresh"_s, {}, refreshOf(login)).json()[u"error"_s].toString(),
                 u"token_revoked"_s);
    }

    void tokenErrors_data()
    {
        QTest::addColumn<QString>("route");
        QTest::addColumn<QByteArrayList>("authorization"); // empty: no header
        QTest::addColumn<QByteArray>("expected");

        const QByteArray missing =
            R"({"message":"Request does not contain an access token.","error":"authorization_required"})";
        const QByteArray invalid =
            R"({"message":"Signature verification failed.","error":"invalid_token"})";
        QTest::newRow("logout, no token") << u"/logout"_s << QByteArrayList() << missing;
        QTest::newRow("logout, bad token")
            << u"/logout"_s << QByteArrayList{"Bearer bad_token"} << invalid;
        QTest::newRow("refresh, bad token")
            << u"/refresh"_s << QByteArrayList{"Bearer bad_jwt"} << invalid;
        QTest::newRow("protected, no token") << u"/protected"_s << QByteArrayList() << missing;
        QTest::newRow("protected, no Bearer")
            << u"/protected"_s << QByteArrayList{"Basic dXNlcjpwYXNz"} << missing;
        QTest::newRow("protected, Bearer without token")
            << u"/protected"_s << QByteArrayList{"Bearer"} << invalid;
        QTest::newRow("fresh-protected, no token")
            << u"/fresh-protected"_s << QByteArrayList() << missing;
    }

    void tokenErrors()
    {
        QFETCH(QString, route);
        QFETCH(QByteArrayList, authorization);
        QFETCH(QByteArray, expected);
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!authorization.isEmpty())
            headers.append({"Authorization"_ba, authorization.first()});
        const QByteArray method = route == u"/logout" || route == u"/refresh" ? "POST" : "GET";
        const HttpResult result = m_client->send(method, Prefix + route, {}, headers);
        QCOMPARE(result.status, 401);
        QCOMPARE(result.json(), QJsonDocument::fromJson(expected).object());
    }

    void tokensOfTheWrongTypeAreInvalid()
    {
        const HttpResult login = loginJohn();
        const QJsonObject invalid =
            jsonOf(R"({"message":"Signature verification failed.","error":"invalid_token"})");
        const HttpResult atProtected = protectedWith(refreshOf(login));
        QCOMPARE(atProtected.status, 401);
        QCOMPARE(atProtected.json(), invalid);
        const HttpResult atRefresh = lessonPost(u"/refresh"_s, {}, accessOf(login));
        QCOMPARE(atRefresh.status, 401);
        QCOMPARE(atRefresh.json(), invalid);
    }

    void refreshTokenAndFreshness()
    {
        const HttpResult login = loginJohn();
        const HttpResult refreshed = lessonPost(u"/refresh"_s, {}, refreshOf(login));
        QCOMPARE(refreshed.status, 200);
        QCOMPARE(refreshed.json().keys(), QStringList{u"access_token"_s});
        QCOMPARE(refreshed.header("Cache-Control"), "no-store"_ba);
        const QByteArray notFresh = accessOf(refreshed);

        const HttpResult protectedResult = protectedWith(notFresh);
        QCOMPARE(protectedResult.status, 200);
        QCOMPARE(protectedResult.json(), jsonOf(R"({"message":"This is a protected endpoint."})"));

        const HttpResult stale = freshProtectedWith(notFresh);
        QCOMPARE(stale.status, 401);
        QCOMPARE(stale.json(),
                 jsonOf(R"({"message":"The token is not fresh.","error":"fresh_token_required"})"));
        const HttpResult fresh = freshProtectedWith(accessOf(login));
        QCOMPARE(fresh.status, 200);
        QCOMPARE(fresh.json(), jsonOf(R"({"message":"This is a protected endpoint. You used a )"
                                      R"(fresh token to access it."})"));
    }

    void guestIsOpen()
    {
        const HttpResult guest = m_client->get(Prefix + u"/guest"_s);
        QCOMPARE(guest.status, 200);
        QCOMPARE(guest.json(), jsonOf(R"({"message":"This endpoint is open to everyone."})"));
    }

    // At the service level, with a clock the test moves: an access token lives an hour.
    void expiredToken()
    {
        QDateTime now = QDateTime::currentDateTimeUtc();
        ServiceConfig config;
        config.jwtSecret = QByteArray(32, 'k');
        ApiService service(config, [&now] { return now; });
        const ApiResponse login = service.handle(makeRequest(
            "POST", Prefix + u"/login"_s, R"({"email":"john@example.com","password":"john123"})"));
        QCOMPARE(login.status, 200);
        const QByteArray access = jsonBody(login)[u"access_token"_s].toString().toLatin1();
        now = now.addSecs(TokenService::DefaultLifetimeSeconds + 1);
        const ApiResponse expired = service.handle(makeRequest(
            "GET", Prefix + u"/protected"_s, {}, {{"Authorization"_ba, bearer(access)}}));
        QCOMPARE(expired.status, 401);
        QCOMPARE(jsonBody(expired),
                 jsonOf(R"({"message":"The token has expired.","error":"token_expired"})"));
    }

    void getUserHasNoPassword()
    {
        registerTestUser();
        const HttpResult user = m_client->get(Prefix + u"/user/3"_s);
        QCOMPARE(user.status, 200);
        const QJsonObject json = user.json();
        QCOMPARE(json.keys(), (QStringList{u"created_at"_s, u"email"_s, u"id"_s, u"updated_at"_s,
                                           u"username"_s}));
        QCOMPARE(json[u"id"_s].toInt(), 3);
        QCOMPARE(json[u"username"_s].toString(), u"user"_s);
        QCOMPARE(json[u"email"_s].toString(), u"test@example.com"_s);
        QVERIFY(!user.body.contains("abc123"));

        const HttpResult missing = m_client->get(Prefix + u"/user/23"_s);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json(), jsonOf(R"({"message":"User not found."})"));
        // <int:user_id> matches digits only: anything else is a path without a route.
        const HttpResult notAnId = m_client->get(Prefix + u"/user/abc"_s);
        QCOMPARE(notAnId.status, 404);
        QCOMPARE(notAnId.json()[u"error_code"_s].toString(), u"NOT_FOUND"_s);
    }

    void deleteUserNeedsItsOwnerOrAnAdmin()
    {
        registerTestUser();
        const QByteArray johnToken = accessOf(loginJohn());
        QCOMPARE(lessonSend("DELETE", u"/user/3"_s).json()[u"error"_s].toString(),
                 u"authorization_required"_s);
        const HttpResult notHis = lessonSend("DELETE", u"/user/3"_s, johnToken);
        QCOMPARE(notHis.status, 403);
        QCOMPARE(notHis.json(), jsonOf(R"({"message":"Only an admin can delete another user."})"));

        const QByteArray ownToken = accessOf(loginTestUser());
        const HttpResult deleted = lessonSend("DELETE", u"/user/3"_s, ownToken);
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.json(), jsonOf(R"({"message":"User deleted."})"));
        QCOMPARE(m_client->get(Prefix + u"/user/3"_s).status, 404);
        // A deleted user's token no longer works.
        QCOMPARE(protectedWith(ownToken).json()[u"error"_s].toString(), u"invalid_token"_s);

        const QByteArray adminToken = accessOf(
            lessonPost(u"/login"_s, R"({"email":"admin@example.com","password":"admin123"})"));
        const HttpResult unknown = lessonSend("DELETE", u"/user/23"_s, adminToken);
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.json(), jsonOf(R"({"message":"User not found."})"));
        QCOMPARE(lessonSend("DELETE", u"/user/2"_s, adminToken).status, 200);
    }

    void deleteUserNeedsAFreshToken()
    {
        const QByteArray notFresh = accessOf(lessonPost(u"/refresh"_s, {}, refreshOf(loginJohn())));
        const HttpResult stale = lessonSend("DELETE", u"/user/2"_s, notFresh);
        QCOMPARE(stale.status, 401);
        QCOMPARE(stale.json()[u"error"_s].toString(), u"fresh_token_required"_s);
    }

    void resetRestoresTheUsers()
    {
        registerTestUser();
        QCOMPARE(m_client->get(Prefix + u"/user/3"_s).status, 200);
        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
        QCOMPARE(m_client->get(Prefix + u"/user/3"_s).status, 404);
        QCOMPARE(m_client->get(u"/outbox"_s).json()[u"data"_s][u"emails"_s].toArray().size(), 0);
    }

    void theLessonInASandbox()
    {
        const QString sandbox = u"/s/alice"_s + Prefix;
        const HttpResult registered = m_client->sendJson(
            "POST", sandbox + u"/register"_s,
            R"({"username":"alice","email":"alice@example.com","password":"abc123"})");
        QCOMPARE(registered.status, 201);
        QCOMPARE(m_client->get(sandbox + u"/user/3"_s).json()[u"username"_s].toString(),
                 u"alice"_s);
        QCOMPARE(m_client->get(Prefix + u"/user/3"_s).status, 404);
        // A sandbox's token is nobody's elsewhere.
        const HttpResult login = m_client->sendJson(
            "POST", sandbox + u"/login"_s, R"({"email":"alice@example.com","password":"abc123"})");
        QCOMPARE(login.status, 200);
        QCOMPARE(protectedWith(accessOf(login)).json()[u"error"_s].toString(), u"invalid_token"_s);
        QCOMPARE(m_client
                     ->send("GET", sandbox + u"/protected"_s, {},
                            {{"Authorization"_ba, bearer(accessOf(login))}})
                     .status,
                 200);
    }

    void unknownPathAndWrongMethod()
    {
        const HttpResult unknown = m_client->get(Prefix + u"/nope"_s);
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.json()[u"message"_s].toString(),
                 u"Endpoint not found: "_s + Prefix + u"/nope"_s);
        const HttpResult wrongMethod = m_client->get(Prefix + u"/register"_s);
        QCOMPARE(wrongMethod.status, 405);
        QCOMPARE(wrongMethod.header("Allow"), "POST, OPTIONS"_ba);
        QCOMPARE(m_client->send("PUT", Prefix + u"/user/1"_s).header("Allow"),
                 "GET, DELETE, HEAD, OPTIONS"_ba);
    }

    void aSwitchedOffLessonAnswers404()
    {
        ServiceConfig config;
        config.jwtSecret = QByteArray(32, 'k');
        ApiService service(config);
        const ApiRequest guest = makeRequest("GET", Prefix + u"/guest"_s);
        QCOMPARE(service.handle(guest).status, 200);
        service.setLessonEnabled(u"flask-advanced"_s, false);
        QCOMPARE(service.handle(guest).status, 404);
        service.setLessonEnabled(u"flask-advanced"_s, true);
        QCOMPARE(service.handle(guest).status, 200);
    }

private:
    HttpResult lessonPost(const QString &route, const QByteArray &json,
                          const QByteArray &token = {})
    {
        return m_client->sendJson("POST", Prefix + route, json, token);
    }
    HttpResult lessonSend(const QByteArray &method, const QString &route,
                          const QByteArray &token = {})
    {
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!token.isEmpty())
            headers.append({"Authorization"_ba, bearer(token)});
        return m_client->send(method, Prefix + route, {}, headers);
    }
    HttpResult protectedWith(const QByteArray &token)
    {
        return lessonSend("GET", u"/protected"_s, token);
    }
    HttpResult freshProtectedWith(const QByteArray &token)
    {
        return lessonSend("GET", u"/fresh-protected"_s, token);
    }
    // The reference's own fixture user.
    HttpResult registerTestUser()
    {
        return lessonPost(u"/register"_s,
                          R"({"username":"user","email":"test@example.com","password":"abc123"})");
    }
    HttpResult loginTestUser()
    {
        return lessonPost(u"/login"_s, R"({"email":"test@example.com","password":"abc123"})");
    }
    HttpResult loginJohn()
    {
        return lessonPost(u"/login"_s, R"({"email":"john@example.com","password":"john123"})");
    }
    static QByteArray accessOf(const HttpResult &result)
    {
        return result.json()[u"access_token"_s].toString().toLatin1();
    }
    static QByteArray refreshOf(const HttpResult &result)
    {
        return result.json()[u"refresh_token"_s].toString().toLatin1();
    }

    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
};

QTEST_GUILESS_MAIN(TestLessonFlaskAdvanced)
#include "tst_lesson_flaskadvanced.moc"
