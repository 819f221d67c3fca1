#include "apiservice.h"
#include "httpclient.h"
#include "requests.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

const QString Lesson = u"/lessons/inventory"_s;

Headers bearer(const QByteArray &token)
{
    return {{"Authorization"_ba, "Bearer " + token}};
}

// The claims of a JWT, read without checking its signature (what a student's jwt.decode sees).
QJsonObject claimsOf(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return {};
    return QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding))
        .object();
}

// An API of its own, for what the sockets cannot reach (its clock, switching a lesson off).
ServiceConfig ownServiceConfig()
{
    ServiceConfig config;
    config.jwtSecret = "a secret of thirty-two bytes....";
    return config;
}

} // namespace

// Reference 004 (the home24 task and its solution, the realpython "flask-jwt-auth" tutorial
// extended with products) at /lessons/inventory, over real sockets: every test of the solution's
// suite by its name, with its status codes and messages word for word, then the task's /token,
// /account and /entities and ApiDojo's own rules (shared users, sandboxes, reset, switch-off).
class TestLessonInventory : public QObject
{
    Q_OBJECT

private:
    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &json = {},
                    Headers headers = {})
    {
        if (!json.isEmpty())
            headers.append({"Content-Type"_ba, "application/json"_ba});
        return m_client->send(method, Lesson + path, json, headers);
    }

    HttpResult registerUser(const QByteArray &email = "joe@gmail.com",
                            const QByteArray &password = "123456")
    {
        return send("POST", u"/auth/register"_s,
                    R"({"email": ")" + email + R"(", "password": ")" + password + R"("})");
    }

    HttpResult login(const QByteArray &email = "joe@gmail.com",
                     const QByteArray &password = "123456")
    {
        return send("POST", u"/auth/login"_s,
                    R"({"email": ")" + email + R"(", "password": ")" + password + R"("})");
    }

    static QByteArray tokenOf(const HttpResult &result)
    {
        return result.json()[u"auth_token"_s].toString().toLatin1();
    }

    HttpResult addProduct(const QByteArray &code, const QByteArray &type = "chair",
                          int quantity = 1)
    {
        return send("POST", u"/auth/products"_s,
                    R"({"code": ")" + code + R"(", "type": ")" + type + R"(", "quantity": )" +
                        QByteArray::number(quantity) + '}');
    }

    // The reference's assertions: status, "status" and "message" word for word, a JSON body.
    static bool answers(const HttpResult &result, int status, const QString &outcome,
                        const QString &message)
    {
        const QJsonObject body = result.json();
        const bool ok = result.status == status && body[u"status"_s].toString() == outcome &&
                        body[u"message"_s].toString() == message &&
                        result.header("Content-Type") == "application/json";
        if (!ok)
            qWarning("Expected %d %s \"%s\", got %d %s", status, qPrintable(outcome),
                     qPrintable(message), result.status, result.body.constData());
        return ok;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client = std::make_unique<HttpClient>(m_server.baseUrl());
    }

    void init() { QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200); }

    // --- The solution's suite (project/tests/test_auth.py), test by test ---

    void test_registration()
    {
        const HttpResult response = registerUser();
        QVERIFY(answers(response, 201, u"success"_s, u"Successfully registered."_s));
        QVERIFY(!tokenOf(response).isEmpty());
    }

    void test_registered_with_already_registered_user()
    {
        QCOMPARE(registerUser().status, 201);
        QVERIFY(answers(registerUser("JOE@gmail.com", "other-password"), 202, u"fail"_s,
                        u"User already exists. Please Log in."_s));
        // Part A's seed is the same store.
        QVERIFY(answers(registerUser("john@example.com"), 202, u"fail"_s,
                        u"User already exists. Please Log in."_s));
    }

    void test_registered_user_login()
    {
        QVERIFY(answers(registerUser(), 201, u"success"_s, u"Successfully registered."_s));
        const HttpResult response = login();
        QVERIFY(answers(response, 200, u"success"_s, u"Successfully logged in."_s));
        QVERIFY(!tokenOf(response).isEmpty());
    }

    void test_non_registered_user_login()
    {
        QVERIFY(answers(login(), 404, u"fail"_s, u"User does not exist."_s));
        // A wrong password gets the same answer: it does not tell which emails have accounts.
        QVERIFY(answers(login("john@example.com", "wrong-password"), 404, u"fail"_s,
                        u"User does not exist."_s));
    }

    void test_user_status()
    {
        const QByteArray token = tokenOf(registerUser());
        const HttpResult response = send("GET", u"/auth/account"_s, {}, bearer(token));
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json();
        QCOMPARE(body.keys(), QStringList({u"data"_s, u"status"_s}));
        QCOMPARE(body[u"status"_s].toString(), u"success"_s);
        const QJsonObject data = body[u"data"_s].toObject();
        QCOMPARE(data.keys(),
                 QStringList({u"admin"_s, u"email"_s, u"registered_on"_s, u"user_id"_s}));
        QCOMPARE(data[u"email"_s].toString(), u"joe@gmail.com"_s);
        QCOMPARE(data[u"admin"_s], QJsonValue(false));
        QVERIFY(data[u"user_id"_s].isDouble());
        // Flask's jsonify writes a datetime as an HTTP date.
        static const QRegularExpression httpDate(
            uR"(^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$)"_s);
        QVERIFY2(httpDate.match(data[u"registered_on"_s].toString()).hasMatch(),
                 qPrintable(data[u"registered_on"_s].toString()));
    }

    void test_valid_logout()
    {
        QCOMPARE(registerUser().status, 201);
        const QByteArray token = tokenOf(login());
        QVERIFY(answers(send("POST", u"/auth/logout"_s, {}, bearer(token)), 200, u"success"_s,
                        u"Successfully logged out."_s));
    }

    // The reference waits for its 5-second token to expire; here a clock of our own moves on.
    void test_invalid_logout()
    {
        QDateTime now = QDateTime::currentDateTimeUtc();
        ApiService service(ownServiceConfig(), [&now] { return now; });
        const ApiResponse registered =
            service.handle(makeRequest("POST", Lesson + u"/auth/register"_s,
                                       R"({"email": "joe@gmail.com", "password": "123456"})"));
        QCOMPARE(registered.status, 201);
        const QByteArray token = QJsonDocument::fromJson(registered.body)
                                     .object()[u"auth_token"_s]
                                     .toString()
                                     .toLatin1();
        now = now.addSecs(3601);
        const ApiResponse response =
            service.handle(makeRequest("POST", Lesson + u"/auth/logout"_s, {}, bearer(token)));
        QCOMPARE(response.status, 401);
        QCOMPARE(QJsonDocument::fromJson(response.body).object(),
                 QJsonObject({{u"status"_s, u"fail"_s},
                              {u"message"_s, u"Signature expired. Please log in again."_s}}));
    }

    void test_valid_blacklisted_token_logout()
    {
        QCOMPARE(registerUser().status, 201);
        const QByteArray token = tokenOf(login());
        QCOMPARE(send("POST", u"/auth/logout"_s, {}, bearer(token)).status, 200);
        QVERIFY(answers(send("POST", u"/auth/logout"_s, {}, bearer(token)), 401, u"fail"_s,
                        u"Token blacklisted. Please log in again."_s));
    }

    void test_valid_blacklisted_token_user()
    {
        const QByteArray token = tokenOf(registerUser());
        const QByteArray other = tokenOf(login());
        QCOMPARE(send("POST", u"/auth/logout"_s, {}, bearer(token)).status, 200);
        QVERIFY(answers(send("GET", u"/auth/account"_s, {}, bearer(token)), 401, u"fail"_s,
                        u"Token blacklisted. Please log in again."_s));
        // Only that token: the user's other session goes on.
        QCOMPARE(send("GET", u"/auth/account"_s, {}, bearer(other)).status, 200);
    }

    void test_user_status_malformed_bearer_token()
    {
        const QByteArray token = tokenOf(registerUser());
        QVERIFY(answers(send("GET", u"/auth/account"_s, {}, {{"Authorization", "Bearer" + token}}),
                        401, u"fail"_s, u"Bearer token malformed."_s));
    }

    void test_add_product()
    {
        const HttpResult response = addProduct("123xx");
        QVERIFY(answers(response, 201, u"success"_s, u"Successfully added."_s));
        QCOMPARE(
            response.json()[u"data"_s].toObject(),
            QJsonObject({{u"code"_s, u"123xx"_s}, {u"type"_s, u"chair"_s}, {u"quantity"_s, 1}}));
        // The reference's auth_token is there, and opens nothing.
        const QByteArray receipt = tokenOf(response);
        QVERIFY(!receipt.isEmpty());
        QVERIFY(answers(send("GET", u"/auth/account"_s, {}, bearer(receipt)), 401, u"fail"_s,
                        u"Invalid token. Please log in again."_s));
    }

    void test_adding_already_added_product()
    {
        QCOMPARE(addProduct("123xx").status, 201);
        QVERIFY(answers(addProduct("123xx"), 404, u"fail"_s,
                        u"Product already exists. Please try with another product."_s));
    }

    void test_getting_product()
    {
        QCOMPARE(addProduct("123xx").status, 201);
        const HttpResult response = send("GET", u"/auth/inventory"_s, {}, {{"code", "123xx"}});
        QVERIFY(answers(response, 200, u"success"_s, u"Product found in inventory."_s));
        QCOMPARE(response.json()[u"data"_s][u"code"_s].toString(), u"123xx"_s);
        // A query parameter does the same where headers are awkward.
        QCOMPARE(send("GET", u"/auth/inventory?code=123xx"_s).status, 200);
    }

    void test_getting_all_product()
    {
        QCOMPARE(addProduct("123xx").status, 201);
        QCOMPARE(addProduct("123yy", "chair", 2).status, 201);
        const HttpResult response = send("GET", u"/auth/inventory"_s, {}, {{"type", "chair"}});
        QVERIFY(answers(response, 200, u"success"_s, u"Products retrieved successfully."_s));
        const QJsonArray chairs = response.json()[u"data"_s].toArray();
        QCOMPARE(chairs.size(), 2);
        QCOMPARE(chairs[1][u"code"_s].toString(), u"123yy"_s);
        // No type, no code: the whole inventory, the seed's three and the two chairs.
        QCOMPARE(send("GET", u"/auth/inventory"_s).json()[u"data"_s].toArray().size(), 5);
    }

    void test_getting_product_not_exist()
    {
        QCOMPARE(addProduct("123xx").status, 201);
        QVERIFY(answers(send("GET", u"/auth/inventory"_s, {}, {{"code", "xxxx"}}), 404, u"fail"_s,
                        u"Product does not exist in inventory."_s));
    }

    void test_edit_product()
    {
        QCOMPARE(addProduct("123xx").status, 201);
        const HttpResult response =
            send("PUT", u"/auth/inventory"_s, {}, {{"code", "123xx"}, {"newcode", "123yy"}});
        QVERIFY(answers(response, 200, u"success"_s, u"Product edited successfully."_s));
        QCOMPARE(response.json()[u"data"_s][u"code"_s].toString(), u"123yy"_s);
        QCOMPARE(send("GET", u"/auth/inventory"_s, {}, {{"code", "123yy"}}).status, 200);
        QCOMPARE(send("GET", u"/auth/inventory"_s, {}, {{"code", "123xx"}}).status, 404);
        // A code that is taken stays with its product, as the reference's unique column has it.
        QVERIFY(answers(
            send("PUT", u"/auth/inventory"_s, {}, {{"code", "123yy"}, {"newcode", "sofa-01"}}), 404,
            u"fail"_s, u"Product already exists. Please try with another product."_s));
    }

    void test_edit_product_not_exist()
    {
        QCOMPARE(addProduct("123xx").status, 201);
        QVERIFY(answers(
            send("PUT", u"/auth/inventory"_s, {}, {{"code", "123yy"}, {"newcode", "123zz"}}), 404,
            u"fail"_s, u"Product does not exist in inventory."_s));
    }

    void test_delete_product()
    {
        QCOMPARE(addProduct("123xx").status, 201);
        QVERIFY(answers(send("DELETE", u"/auth/inventory"_s, {}, {{"code", "123xx"}}), 200,
                        u"success"_s, u"Product deleted successfully."_s));
        QCOMPARE(send("GET", u"/auth/inventory"_s, {}, {{"code", "123xx"}}).status, 404);
    }

    void test_delete_product_failed()
    {
        QCOMPARE(addProduct("123xx").status, 201);
        QVERIFY(answers(send("DELETE", u"/auth/inventory"_s, {}, {{"code", "123yy"}}), 404,
                        u"fail"_s,
                        u"Product delete failed. Product does not exist in inventory."_s));
    }

    // The user model's tests: the token is a signed JWT whose subject is the user's id.
    void test_encode_auth_token()
    {
        const QList<QByteArray> parts = tokenOf(registerUser()).split('.');
        QCOMPARE(parts.size(), 3);
        const QJsonObject header =
            QJsonDocument::fromJson(QByteArray::fromBase64(parts[0], QByteArray::Base64UrlEncoding))
                .object();
        QCOMPARE(header[u"alg"_s].toString(), u"HS256"_s);
    }

    void test_decode_auth_token()
    {
        const QByteArray token = tokenOf(registerUser());
        const qint64 userId = send("GET", u"/auth/account"_s, {}, bearer(token))
                                  .json()[u"data"_s][u"user_id"_s]
                                  .toInteger();
        QVERIFY(userId > 0);
        QCOMPARE(claimsOf(token)[u"sub"_s].toString(), QString::number(userId));
    }

    // --- Refusals the reference's code leaves to a crash or says elsewhere ---

    void tokenRefusals_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const Headers none;
        const Headers forged = bearer("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl");
        const Headers bareScheme{{"Authorization", "Bearer"}};
        QTest::newRow("account, no token")
            << "/auth/account"_ba << none << 401 << u"Provide a valid auth token."_s;
        QTest::newRow("logout, no token (403 as in the reference)")
            << "/auth/logout"_ba << none << 403 << u"Provide a valid auth token."_s;
        QTest::newRow("logout, malformed")
            << "/auth/logout"_ba << bareScheme << 401 << u"Bearer token malformed."_s;
        QTest::newRow("account, forged")
            << "/auth/account"_ba << forged << 401 << u"Invalid token. Please log in again."_s;
        QTest::newRow("logout, forged")
            << "/auth/logout"_ba << forged << 401 << u"Invalid token. Please log in again."_s;
    }

    void tokenRefusals()
    {
        QFETCH(QByteArray, path);
        QFETCH(Headers, headers);
        QFETCH(int, status);
        QFETCH(QString, message);
        const QByteArray method = path.endsWith("logout") ? "POST" : "GET";
        QVERIFY(answers(send(method, QString::fromLatin1(path), {}, headers), status, u"fail"_s,
                        message));
    }

    void badWritesAnswerTheReferencesCatchAll_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("register without password")
            << "POST"_ba << u"/auth/register"_s << R"({"email": "joe@gmail.com"})"_ba;
        QTest::newRow("register, not an email")
            << "POST"_ba << u"/auth/register"_s << R"({"email": "joe", "password": "123456"})"_ba;
        QTest::newRow("product without code")
            << "POST"_ba << u"/auth/products"_s << R"({"type": "chair", "quantity": 1})"_ba;
        QTest::newRow("product, quantity in words")
            << "POST"_ba << u"/auth/products"_s
            << R"({"code": "1", "type": "chair", "quantity": "many"})"_ba;
        QTest::newRow("product, negative quantity")
            << "POST"_ba << u"/auth/products"_s
            << R"({"code": "1", "type": "chair", "quantity": -1})"_ba;
        QTest::newRow("entity edit, nothing to change")
            << "PUT"_ba << u"/entities/sofa-01"_s << R"({"colour": "red"})"_ba;
    }

    void badWritesAnswerTheReferencesCatchAll()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, json);
        QVERIFY(answers(send(method, path, json), 401, u"fail"_s,
                        u"Some error occurred. Please try again."_s));
    }

    // The reference reads forms as well as JSON.
    void formBodiesAreRead()
    {
        const HttpResult response = m_client->send(
            "POST", Lesson + u"/auth/register"_s, "email=ann%40example.com&password=pass+word",
            {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(response.status, 201);
        QCOMPARE(login("ann@example.com", "pass word").status, 200);
    }

    // --- The task's /token, /account and /entities ---

    void taskTokenAndAccount()
    {
        const HttpResult token =
            send("POST", u"/token"_s, R"({"email": "admin@example.com", "password": "admin123"})");
        QVERIFY(answers(token, 200, u"success"_s, u"Successfully logged in."_s));
        const QJsonObject data =
            send("GET", u"/account"_s, {}, bearer(tokenOf(token))).json()[u"data"_s].toObject();
        QCOMPARE(data[u"email"_s].toString(), u"admin@example.com"_s);
        QCOMPARE(data[u"admin"_s], QJsonValue(true));
        QVERIFY(
            answers(send("GET", u"/account"_s), 401, u"fail"_s, u"Provide a valid auth token."_s));
    }

    void entitiesCrud()
    {
        QCOMPARE(send("GET", u"/entities"_s).json()[u"data"_s].toArray().size(), 3);
        const HttpResult created =
            send("POST", u"/entities"_s, R"({"code": "bed-01", "type": "bed", "quantity": 2})");
        QVERIFY(answers(created, 201, u"success"_s, u"Successfully added."_s));
        QVERIFY(!created.json().contains(u"auth_token"_s));
        QVERIFY(answers(send("GET", u"/entities/bed-01"_s), 200, u"success"_s,
                        u"Product found in inventory."_s));
        const HttpResult edited =
            send("PUT", u"/entities/bed-01"_s, R"({"code": "bed-02", "quantity": 5})");
        QVERIFY(answers(edited, 200, u"success"_s, u"Product edited successfully."_s));
        QCOMPARE(
            edited.json()[u"data"_s].toObject(),
            QJsonObject({{u"code"_s, u"bed-02"_s}, {u"type"_s, u"bed"_s}, {u"quantity"_s, 5}}));
        QCOMPARE(send("GET", u"/entities?type=bed"_s).json()[u"data"_s].toArray().size(), 1);
        QVERIFY(answers(send("DELETE", u"/entities/bed-02"_s), 200, u"success"_s,
                        u"Product deleted successfully."_s));
        QVERIFY(answers(send("GET", u"/entities/bed-02"_s), 404, u"fail"_s,
                        u"Product does not exist in inventory."_s));
        QVERIFY(answers(send("DELETE", u"/entities/bed-02"_s), 404, u"fail"_s,
                        u"Product delete failed. Product does not exist in inventory."_s));
    }

    // --- ApiDojo's rules for every lesson ---

    void aUserRegisteredHereLogsInAtTheMainApi()
    {
        QCOMPARE(registerUser("kim@example.com", "kim-password").status, 201);
        const HttpResult response = m_client->sendJson(
            "POST", u"/login"_s, R"({"email": "kim@example.com", "password": "kim-password"})");
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json()[u"data"_s][u"user"_s][u"name"_s].toString(), u"kim"_s);
    }

    void resetRestoresTheInventory()
    {
        const QJsonArray seed = send("GET", u"/entities"_s).json()[u"data"_s].toArray();
        QCOMPARE(seed.size(), 3);
        QCOMPARE(addProduct("123xx").status, 201);
        QCOMPARE(send("DELETE", u"/entities/sofa-01"_s).status, 200);
        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
        QCOMPARE(send("GET", u"/entities"_s).json()[u"data"_s].toArray(), seed);
    }

    void theLessonWorksInASandbox()
    {
        HttpClient &client = *m_client;
        const QString sandbox = u"/s/alice"_s + Lesson;
        const auto json = Headers{{"Content-Type", "application/json"}};
        const HttpResult registered =
            client.send("POST", sandbox + u"/auth/register"_s,
                        R"({"email": "zoe@example.com", "password": "123456"})", json);
        QVERIFY(answers(registered, 201, u"success"_s, u"Successfully registered."_s));
        QCOMPARE(client.send("GET", sandbox + u"/auth/account"_s, {}, bearer(tokenOf(registered)))
                     .status,
                 200);
        // The sandbox's token and products are its own.
        QVERIFY(answers(send("GET", u"/auth/account"_s, {}, bearer(tokenOf(registered))), 401,
                        u"fail"_s, u"Invalid token. Please log in again."_s));
        QCOMPARE(client
                     .send("POST", sandbox + u"/entities"_s,
                           R"({"code": "bed-01", "type": "bed", "quantity": 2})", json)
                     .status,
                 201);
        QCOMPARE(client.send("GET", sandbox + u"/entities/bed-01"_s).status, 200);
        QCOMPARE(send("GET", u"/entities/bed-01"_s).status, 404);
    }

    void unknownPathsAndMethods()
    {
        const HttpResult missing = send("GET", u"/auth/nothing"_s);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json()[u"error_code"_s].toString(), u"NOT_FOUND"_s);
        const HttpResult wrongMethod = send("GET", u"/auth/login"_s);
        QCOMPARE(wrongMethod.status, 405);
        QVERIFY(wrongMethod.header("Allow").contains("POST"));
    }

    // A browser may send the headers /auth/inventory reads; other paths keep the usual list.
    void preflightAllowsTheInventoryHeaders()
    {
        const HttpResult preflight =
            send("OPTIONS", u"/auth/inventory"_s, {},
                 {{"Origin"_ba, "http://localhost:8080"_ba},
                  {"Access-Control-Request-Method"_ba, "PUT"_ba},
                  {"Access-Control-Request-Headers"_ba, "code,newcode"_ba}});
        QCOMPARE(preflight.status, 204);
        QCOMPARE(preflight.header("Access-Control-Allow-Headers"),
                 "Authorization, Content-Type, X-Sandbox, code, type, newcode, quantity"_ba);
        QCOMPARE(m_client->send("OPTIONS", u"/users"_s).header("Access-Control-Allow-Headers"),
                 "Authorization, Content-Type, X-Sandbox"_ba);
    }

    // A sandbox's products limit holds for the lesson's list too, in the lesson's own shape.
    void aSandboxsLimitCoversTheInventory()
    {
        SandboxLimits limits;           // the fixture's, the contract's defaults
        limits.records.maxProducts = 4; // the seed's 3, and one more
        m_server.host().setSandboxLimits(limits);
        QSignalSpy watching(&m_server.host(), &ServerHost::watching);
        m_server.host().watch(QString()); // a round trip: the limits are in effect after it
        QVERIFY(watching.wait(5000));

        const QString sandbox = u"/s/limited"_s + Lesson;
        const auto json = Headers{{"Content-Type", "application/json"}};
        const auto add = [&](const QByteArray &code) {
            return m_client->send("POST", sandbox + u"/auth/products"_s,
                                  R"({"code": ")" + code + R"(", "type": "bed", "quantity": 1})",
                                  json);
        };
        QCOMPARE(add("bed-01").status, 201);
        QVERIFY(answers(add("bed-02"), 409, u"fail"_s,
                        u"This sandbox already holds 4 products, its limit. Delete some, or "
                        u"POST /reset to start again from the seeded data."_s));
        QCOMPARE(m_client->send("GET", sandbox + u"/entities"_s).json()[u"data"_s].toArray().size(),
                 4);
        // The shared API has no limit.
        QCOMPARE(addProduct("bed-03").status, 201);
        m_server.host().setSandboxLimits(SandboxLimits());
    }

    // The window's view of the list: its products in order, code first.
    void theListForTheWindow()
    {
        ApiService service(ownServiceConfig());
        const auto lesson =
            std::find_if(service.lessons().cbegin(), service.lessons().cend(),
                         [](const auto &each) { return each->name() == u"inventory"_s; });
        QVERIFY(lesson != service.lessons().cend());
        LessonList list = (*lesson)->list();
        QCOMPARE(list.title, u"Products"_s);
        QCOMPARE(list.columns, (QStringList{u"code"_s, u"type"_s, u"quantity"_s}));
        QCOMPARE(list.records.size(), 3);
        QCOMPARE(list.records.first().toObject()[u"code"_s].toString(), u"sofa-01"_s);
        QCOMPARE(service
                     .handle(makeRequest("POST", Lesson + u"/entities"_s,
                                         R"({"code": "bed-01", "type": "bed", "quantity": 2})"))
                     .status,
                 201);
        list = (*lesson)->list();
        QCOMPARE(list.records.size(), 4);
        QCOMPARE(
            list.records.last().toObject(),
            (QJsonObject{{u"code"_s, u"bed-01"_s}, {u"type"_s, u"bed"_s}, {u"quantity"_s, 2}}));
    }

    // The window's live copy (ServerHost::watchLessonList): the list again after each write
    // under the lesson's prefix and each reset of the watched instance; reads, other lessons and
    // other instances send nothing.
    void theWindowFollowsTheListLive()
    {
        ServerHost &host = m_server.host();
        QSignalSpy lists(&host, &ServerHost::lessonListChanged);
        const auto lastList = [&lists] {
            return lists.last().at(1).value<LessonList>();
        };
        host.watchLessonList(u"inventory"_s);
        QTRY_COMPARE(lists.size(), 1);
        QCOMPARE(lists.last().at(0).toString(), u"inventory"_s);
        QCOMPARE(lastList().records.size(), 3);

        QCOMPARE(addProduct("bed-01").status, 201);
        QTRY_COMPARE(lists.size(), 2);
        QCOMPARE(lastList().records.last().toObject()[u"code"_s].toString(), u"bed-01"_s);

        // A list comes before the exchanges that changed it: once these are in, none is due.
        QSignalSpy exchanges(&host, &ServerHost::exchangesRecorded);
        QCOMPARE(send("GET", u"/entities"_s).status, 200);
        QCOMPARE(m_client
                     ->send("POST", u"/s/bob"_s + Lesson + u"/entities"_s,
                            R"({"code": "bed-02", "type": "bed", "quantity": 1})",
                            {{"Content-Type", "application/json"}})
                     .status,
                 201);
        QCOMPARE(m_client
                     ->send("POST", u"/lessons/user-management/v1/api/register"_s,
                            R"({"email": "ann@example.com", "password": "x", "name": "Ann"})",
                            {{"Content-Type", "application/json"}})
                     .status,
                 201);
        QTRY_COMPARE(exchangeCount(exchanges), 3);
        QCOMPARE(lists.size(), 2);

        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
        QTRY_COMPARE(lists.size(), 3);
        QCOMPARE(lastList().records.size(), 3);

        host.watch(u"bob"_s);
        QTRY_COMPARE(lists.size(), 4);
        QCOMPARE(lastList().records.last().toObject()[u"code"_s].toString(), u"bed-02"_s);
        host.watch(QString());
        QTRY_COMPARE(lists.size(), 5);

        host.watchLessonList(QString());
        exchanges.clear();
        QCOMPARE(addProduct("bed-03").status, 201);
        QTRY_COMPARE(exchangeCount(exchanges), 1);
        QCOMPARE(lists.size(), 5);
        host.removeSandbox(u"bob"_s);
    }

    void aSwitchedOffLessonAnswers404()
    {
        ApiService service(ownServiceConfig());
        const auto entities = [&service] {
            return service.handle(makeRequest("GET", Lesson + u"/entities"_s)).status;
        };
        QCOMPARE(entities(), 200);
        service.setLessonEnabled(u"inventory"_s, false);
        QCOMPARE(entities(), 404);
        service.setLessonEnabled(u"inventory"_s, true);
        QCOMPARE(entities(), 200);
    }

private:
    static qsizetype exchangeCount(const QSignalSpy &batches)
    {
        qsizetype count = 0;
        for (const QList<QVariant> &batch : batches)
            count += batch.at(0).value<QList<Exchange>>().size();
        return count;
    }

    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
};

QTEST_GUILESS_MAIN(TestLessonInventory)
#include "tst_lesson_inventory.moc"
