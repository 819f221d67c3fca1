#include "apiservice.h"
#include "contracttable.h"
#include "requests.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// Every handler of Part A at the ApiRequest -> ApiResponse level, with a clock the test controls.
class TestApiService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_service.reset(); }

    void contract_data();
    void contract();

    void healthReportsVersionAndTime();
    void loginIssuesAWorkingToken();
    void createThenReadBack();
    void updateMovesUpdatedAtAndKeepsCreatedAt();
    void ownEmailIsNotADuplicate();
    void deleteRemovesAndTokenOfDeletedUserDies();
    void roleComesFromTheStoreNotTheToken();
    void tokenExpiresWithTheClock();
    void filterByRole();
    void listFollowsEveryChange();
    void resetRestoresSeed();
    void failedRequestsLeaveDataIntact();
    void tokenVerdictIsRecordedWithTheResponse_data();
    void tokenVerdictIsRecordedWithTheResponse();

private:
    ApiResponse send(const QByteArray &method, const QString &target, const QByteArray &body = {},
                     const QByteArray &authorization = {});
    QByteArray tokenFor(qint64 userId) const;
    QByteArray authHeader(const QString &who) const;

    QDateTime m_now;
    std::unique_ptr<ApiService> m_service;
};

void TestApiService::init()
{
    m_now = QDateTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC);
    ServiceConfig config;
    config.jwtSecret = QByteArray(32, 'k');
    config.tokenLifetimeSeconds = 60;
    config.version = u"9.8.7"_s;
    m_service = std::make_unique<ApiService>(config, [this] { return m_now; });
}

ApiResponse TestApiService::send(const QByteArray &method, const QString &target,
                                 const QByteArray &body, const QByteArray &authorization)
{
    HttpHeaders headers;
    if (!authorization.isNull())
        headers.append({"Authorization"_ba, authorization});
    return m_service->handle(makeRequest(method, target, body, headers));
}

QByteArray TestApiService::tokenFor(qint64 userId) const
{
    return m_service->tokens().issue(*m_service->users().user(userId), TokenType::Access).token;
}

QByteArray TestApiService::authHeader(const QString &who) const
{
    if (who == u"none")
        return {};
    if (who == u"admin")
        return "Bearer " + tokenFor(1);
    if (who == u"user")
        return "Bearer " + tokenFor(2);
    if (who == u"lowercase scheme")
        return "bearer " + tokenFor(1);
    if (who == u"basic")
        return "Basic YWRtaW46YWRtaW4=";
    if (who == u"no token")
        return "Bearer ";
    if (who == u"forged") {
        // A valid token of John's with its payload swapped for an admin's: signature no longer
        // fits.
        const QList<QByteArray> john = tokenFor(2).split('.');
        const QList<QByteArray> admin = tokenFor(1).split('.');
        return "Bearer " + john[0] + '.' + admin[1] + '.' + john[2];
    }
    if (who == u"other secret") {
        const JwtCodec other(QByteArray(32, 'x'));
        const qint64 now = m_now.toSecsSinceEpoch();
        return "Bearer " +
               other.sign({{u"sub"_s, u"1"_s}, {u"type"_s, u"access"_s}, {u"exp"_s, now + 60}});
    }
    if (who == u"garbage")
        return "Bearer not-a-jwt";
    Q_UNREACHABLE();
}

void TestApiService::contract_data()
{
    ContractTable::addColumns();

    const QString &missingToken = ContractTable::MissingToken;
    const QString &invalidToken = ContractTable::InvalidToken;
    const QString &forbidden = ContractTable::Forbidden;
    const QByteArray valid = R"({"name":"Ann Lee","email":"ann@example.com","age":31})"_ba;

    // Login
    QTest::newRow("login ok") << "POST"_ba << u"/login"_s << u"none"_s
                              << R"({"email":"john@example.com"})"_ba << 200 << QString()
                              << u"Login successful"_s;
    QTest::newRow("login any case")
        << "POST"_ba << u"/login"_s << u"none"_s << R"({"email":"JOHN@example.com"})"_ba << 200
        << QString() << u"Login successful"_s;
    QTest::newRow("login no email") << "POST"_ba << u"/login"_s << u"none"_s << "{}"_ba << 400
                                    << u"MISSING_FIELD"_s << u"Missing required field: email"_s;
    QTest::newRow("login bad email")
        << "POST"_ba << u"/login"_s << u"none"_s << R"({"email":"john"})"_ba << 400
        << u"INVALID_EMAIL"_s << u"Invalid email format"_s;
    QTest::newRow("login unknown")
        << "POST"_ba << u"/login"_s << u"none"_s << R"({"email":"who@example.com"})"_ba << 404
        << u"USER_NOT_FOUND"_s << u"User not found with provided email"_s;
    QTest::newRow("login not json")
        << "POST"_ba << u"/login"_s << u"none"_s << "email=x"_ba << 400 << u"INVALID_JSON"_s
        << u"Request body must be a valid JSON object"_s;
    QTest::newRow("login array") << "POST"_ba << u"/login"_s << u"none"_s << "[]"_ba << 400
                                 << u"INVALID_JSON"_s
                                 << u"Request body must be a valid JSON object"_s;

    // Reading users
    QTest::newRow("list") << "GET"_ba << u"/users"_s << u"none"_s << QByteArray() << 200
                          << QString() << u"Retrieved 2 user(s) successfully"_s;
    QTest::newRow("list admins") << "GET"_ba << u"/users?role=admin"_s << u"none"_s << QByteArray()
                                 << 200 << QString() << u"Retrieved 1 user(s) successfully"_s;
    QTest::newRow("list bad role")
        << "GET"_ba << u"/users?role=boss"_s << u"none"_s << QByteArray() << 400
        << u"INVALID_ROLE"_s << u"Role must be either 'admin' or 'user'"_s;
    QTest::newRow("get") << "GET"_ba << u"/users/2"_s << u"none"_s << QByteArray() << 200
                         << QString() << u"User retrieved successfully"_s;
    QTest::newRow("get alias") << "GET"_ba << u"/api/v1/users/1"_s << u"none"_s << QByteArray()
                               << 200 << QString() << u"User retrieved successfully"_s;
    QTest::newRow("get abc") << "GET"_ba << u"/users/abc"_s << u"none"_s << QByteArray() << 400
                             << u"INVALID_USER_ID"_s << u"User ID must be a valid integer"_s;
    QTest::newRow("get 1.5") << "GET"_ba << u"/users/1.5"_s << u"none"_s << QByteArray() << 400
                             << u"INVALID_USER_ID"_s << u"User ID must be a valid integer"_s;
    QTest::newRow("get 999") << "GET"_ba << u"/users/999"_s << u"none"_s << QByteArray() << 404
                             << u"USER_NOT_FOUND"_s << u"User with ID 999 not found"_s;
    QTest::newRow("get huge id") << "GET"_ba << u"/users/99999999999999999999"_s << u"none"_s
                                 << QByteArray() << 404 << u"USER_NOT_FOUND"_s
                                 << u"User with ID 99999999999999999999 not found"_s;

    // Creating users: auth first, then body
    QTest::newRow("create") << "POST"_ba << u"/users"_s << u"user"_s << valid << 201 << QString()
                            << u"User created successfully"_s;
    QTest::newRow("create no auth") << "POST"_ba << u"/users"_s << u"none"_s << "junk"_ba << 401
                                    << u"MISSING_TOKEN"_s << missingToken;
    QTest::newRow("create basic auth") << "POST"_ba << u"/users"_s << u"basic"_s << valid << 401
                                       << u"INVALID_TOKEN"_s << invalidToken;
    QTest::newRow("create empty bearer") << "POST"_ba << u"/users"_s << u"no token"_s << valid
                                         << 401 << u"INVALID_TOKEN"_s << invalidToken;
    QTest::newRow("create garbage token") << "POST"_ba << u"/users"_s << u"garbage"_s << valid
                                          << 401 << u"INVALID_TOKEN"_s << invalidToken;
    QTest::newRow("create forged token") << "POST"_ba << u"/users"_s << u"forged"_s << valid << 401
                                         << u"INVALID_TOKEN"_s << invalidToken;
    QTest::newRow("create foreign secret") << "POST"_ba << u"/users"_s << u"other secret"_s << valid
                                           << 401 << u"INVALID_TOKEN"_s << invalidToken;
    QTest::newRow("create lowercase bearer")
        << "POST"_ba << u"/users"_s << u"lowercase scheme"_s << valid << 201 << QString()
        << u"User created successfully"_s;
    QTest::newRow("create not json")
        << "POST"_ba << u"/users"_s << u"user"_s << "{name"_ba << 400 << u"INVALID_JSON"_s
        << u"Request body must be a valid JSON object"_s;
    QTest::newRow("create empty body")
        << "POST"_ba << u"/users"_s << u"user"_s << QByteArray() << 400 << u"INVALID_JSON"_s
        << u"Request body must be a valid JSON object"_s;
    QTest::newRow("create missing age")
        << "POST"_ba << u"/users"_s << u"user"_s << R"({"name":"Ann","email":"a@b.co"})"_ba << 400
        << u"MISSING_FIELD"_s << u"Missing required field: age"_s;
    QTest::newRow("create duplicate email")
        << "POST"_ba << u"/users"_s << u"admin"_s
        << R"({"name":"Johnny","email":"John@Example.com","age":30})"_ba << 409
        << u"DUPLICATE_EMAIL"_s << u"Email already exists. Please use a different email."_s;
    QTest::newRow("create role by user")
        << "POST"_ba << u"/users"_s << u"user"_s
        << R"({"name":"Ann","email":"a@b.co","age":30,"role":"user"})"_ba << 403 << u"FORBIDDEN"_s
        << forbidden;
    QTest::newRow("create bad role by user")
        << "POST"_ba << u"/users"_s << u"user"_s
        << R"({"name":"Ann","email":"a@b.co","age":30,"role":"god"})"_ba << 400 << u"INVALID_ROLE"_s
        << u"Role must be either 'admin' or 'user'"_s;
    QTest::newRow("create role by admin")
        << "POST"_ba << u"/users"_s << u"admin"_s
        << R"({"name":"Ann","email":"a@b.co","age":30,"role":"admin"})"_ba << 201 << QString()
        << u"User created successfully"_s;
    QTest::newRow("create: role check before duplicate")
        << "POST"_ba << u"/users"_s << u"user"_s
        << R"({"name":"Ann","email":"john@example.com","age":30,"role":"admin"})"_ba << 403
        << u"FORBIDDEN"_s << forbidden;

    // Updating: auth, id, then body
    QTest::newRow("update") << "PUT"_ba << u"/users/2"_s << u"user"_s << R"({"age":26})"_ba << 200
                            << QString() << u"User updated successfully"_s;
    QTest::newRow("update empty object") << "PUT"_ba << u"/users/2"_s << u"user"_s << "{}"_ba << 200
                                         << QString() << u"User updated successfully"_s;
    QTest::newRow("update no auth") << "PUT"_ba << u"/users/abc"_s << u"none"_s << "x"_ba << 401
                                    << u"MISSING_TOKEN"_s << missingToken;
    QTest::newRow("update bad id before body")
        << "PUT"_ba << u"/users/abc"_s << u"user"_s << "x"_ba << 400 << u"INVALID_USER_ID"_s
        << u"User ID must be a valid integer"_s;
    QTest::newRow("update unknown before body")
        << "PUT"_ba << u"/users/50"_s << u"user"_s << "x"_ba << 404 << u"USER_NOT_FOUND"_s
        << u"User with ID 50 not found"_s;
    QTest::newRow("update bad json")
        << "PUT"_ba << u"/users/2"_s << u"user"_s << "x"_ba << 400 << u"INVALID_JSON"_s
        << u"Request body must be a valid JSON object"_s;
    QTest::newRow("update bad age") << "PUT"_ba << u"/users/2"_s << u"user"_s << R"({"age":17})"_ba
                                    << 400 << u"INVALID_AGE"_s << u"Age must be 18 or older"_s;
    QTest::newRow("update taken email")
        << "PUT"_ba << u"/users/2"_s << u"user"_s << R"({"email":"ADMIN@example.com"})"_ba << 409
        << u"DUPLICATE_EMAIL"_s << u"Email already exists. Please use a different email."_s;
    QTest::newRow("update role by user")
        << "PUT"_ba << u"/users/2"_s << u"user"_s << R"({"role":"admin"})"_ba << 403
        << u"FORBIDDEN"_s << forbidden;
    QTest::newRow("update role by admin")
        << "PUT"_ba << u"/users/2"_s << u"admin"_s << R"({"role":"admin"})"_ba << 200 << QString()
        << u"User updated successfully"_s;

    // Deleting: admin only
    QTest::newRow("delete") << "DELETE"_ba << u"/users/2"_s << u"admin"_s << QByteArray() << 200
                            << QString() << u"User deleted successfully"_s;
    QTest::newRow("delete by user") << "DELETE"_ba << u"/users/2"_s << u"user"_s << QByteArray()
                                    << 403 << u"FORBIDDEN"_s << forbidden;
    QTest::newRow("delete no auth") << "DELETE"_ba << u"/users/2"_s << u"none"_s << QByteArray()
                                    << 401 << u"MISSING_TOKEN"_s << missingToken;
    QTest::newRow("delete abc") << "DELETE"_ba << u"/users/abc"_s << u"admin"_s << QByteArray()
                                << 400 << u"INVALID_USER_ID"_s
                                << u"User ID must be a valid integer"_s;
    QTest::newRow("delete unknown") << "DELETE"_ba << u"/users/7"_s << u"admin"_s << QByteArray()
                                    << 404 << u"USER_NOT_FOUND"_s << u"User with ID 7 not found"_s;

    // The rest
    QTest::newRow("health") << "GET"_ba << u"/health"_s << u"none"_s << QByteArray() << 200
                            << QString() << u"API is running successfully"_s;
    QTest::newRow("error") << "GET"_ba << u"/error"_s << u"none"_s << QByteArray() << 500
                           << u"INTERNAL_SERVER_ERROR"_s << u"Simulated internal server error"_s;
    QTest::newRow("reset") << "POST"_ba << u"/reset"_s << u"none"_s << QByteArray() << 200
                           << QString() << u"Data reset to initial state"_s;
    QTest::newRow("unknown path") << "GET"_ba << u"/products/1/x"_s << u"none"_s << QByteArray()
                                  << 404 << u"NOT_FOUND"_s
                                  << u"Endpoint not found: /products/1/x"_s;
    QTest::newRow("wrong method") << "PATCH"_ba << u"/users/1"_s << u"admin"_s << QByteArray()
                                  << 405 << u"METHOD_NOT_ALLOWED"_s
                                  << u"Method PATCH is not allowed on /users/1"_s;
    QTest::newRow("GET reset") << "GET"_ba << u"/reset"_s << u"none"_s << QByteArray() << 405
                               << u"METHOD_NOT_ALLOWED"_s
                               << u"Method GET is not allowed on /reset"_s;
}

void TestApiService::contract()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, target);
    QFETCH(QString, auth);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const ApiResponse response = send(method, target, body, authHeader(auth));
    ContractTable::verifyEnvelope(response, status, code, message);
    QCOMPARE(response.header("Access-Control-Allow-Origin"), "*"_ba);
}

void TestApiService::healthReportsVersionAndTime()
{
    const QJsonObject data = jsonBody(send("GET", u"/health"_s))[u"data"_s].toObject();
    QCOMPARE(data[u"status"_s].toString(), u"healthy"_s);
    QCOMPARE(data[u"version"_s].toString(), u"9.8.7"_s);
    QCOMPARE(data[u"timestamp"_s].toString(), u"2026-02-18T10:30:00.000000"_s);
}

void TestApiService::loginIssuesAWorkingToken()
{
    const ApiResponse login = send("POST", u"/login"_s, R"({"email":"admin@example.com"})"_ba);
    QCOMPARE(login.header("Cache-Control"), "no-store"_ba);
    QCOMPARE(login.header("Pragma"), "no-cache"_ba);
    const QJsonObject data = jsonBody(login)[u"data"_s].toObject();
    QCOMPARE(data[u"user"_s][u"email"_s].toString(), u"admin@example.com"_s);
    QVERIFY(!data[u"user"_s].toObject().contains(u"password"_s));

    const QByteArray token = data[u"token"_s].toString().toLatin1();
    const JwtCodec::Result verified = m_service->tokens().verify(token);
    QVERIFY(verified.isValid());
    const QJsonObject claims = verified.claims;
    QCOMPARE(claims[u"sub"_s].toString(), u"1"_s);
    QCOMPARE(claims[u"email"_s].toString(), u"admin@example.com"_s);
    QCOMPARE(claims[u"role"_s].toString(), u"admin"_s);
    QCOMPARE(claims[u"type"_s].toString(), u"access"_s);
    QCOMPARE(claims[u"fresh"_s].toBool(), true);
    QCOMPARE(claims[u"exp"_s].toInteger() - claims[u"iat"_s].toInteger(), 60);
    QVERIFY(claims[u"jti"_s].toString().size() >= 16);
    QVERIFY(verified.header[u"alg"_s] == u"HS256"_s);

    const QByteArray second = jsonBody(send(
        "POST", u"/login"_s, R"({"email":"admin@example.com"})"_ba))[u"data"_s][u"token"_s]
                                  .toString()
                                  .toLatin1();
    QVERIFY(second != token); // unique jti
    QCOMPARE(send("DELETE", u"/users/2"_s, {}, "Bearer " + token).status, 200);
}

void TestApiService::createThenReadBack()
{
    const ApiResponse created =
        send("POST", u"/users"_s,
             R"({"name":"  Ann Lee ","email":"ann@example.com","age":31,"id":77})"_ba,
             "Bearer " + tokenFor(2));
    QCOMPARE(created.status, 201);
    const QJsonObject user = jsonBody(created)[u"data"_s].toObject();
    QCOMPARE(user[u"id"_s].toInt(), 3);
    QCOMPARE(user[u"name"_s].toString(), u"Ann Lee"_s);
    QCOMPARE(user[u"role"_s].toString(), u"user"_s);
    QCOMPARE(user[u"created_at"_s], user[u"updated_at"_s]);
    QCOMPARE(user.keys(), (QStringList{u"age"_s, u"created_at"_s, u"email"_s, u"id"_s, u"name"_s,
                                       u"role"_s, u"updated_at"_s}));

    const QJsonObject fetched = jsonBody(send("GET", u"/users/3"_s))[u"data"_s].toObject();
    QCOMPARE(fetched, user);
    QCOMPARE(jsonBody(send("GET", u"/users"_s))[u"data"_s][u"count"_s].toInt(), 3);
}

void TestApiService::updateMovesUpdatedAtAndKeepsCreatedAt()
{
    const QJsonObject before = jsonBody(send("GET", u"/users/2"_s))[u"data"_s].toObject();
    m_now = m_now.addSecs(5);
    const QJsonObject after = jsonBody(send("PUT", u"/users/2"_s, R"({"name":"Johnny Doe"})"_ba,
                                            "Bearer " + tokenFor(2)))[u"data"_s]
                                  .toObject();
    QCOMPARE(after[u"name"_s].toString(), u"Johnny Doe"_s);
    QCOMPARE(after[u"email"_s], before[u"email"_s]);
    QCOMPARE(after[u"created_at"_s], before[u"created_at"_s]);
    QCOMPARE(after[u"updated_at"_s].toString(), u"2026-02-18T10:30:05.000000"_s);
}

void TestApiService::ownEmailIsNotADuplicate()
{
    const ApiResponse response =
        send("PUT", u"/users/2"_s, R"({"email":"JOHN@example.com"})"_ba, "Bearer " + tokenFor(2));
    QCOMPARE(response.status, 200);
    QCOMPARE(jsonBody(response)[u"data"_s][u"email"_s].toString(), u"JOHN@example.com"_s);
}

void TestApiService::deleteRemovesAndTokenOfDeletedUserDies()
{
    const QByteArray johnToken = "Bearer " + tokenFor(2);
    const ApiResponse deleted = send("DELETE", u"/users/2"_s, {}, "Bearer " + tokenFor(1));
    QCOMPARE(jsonBody(deleted)[u"data"_s][u"email"_s].toString(), u"john@example.com"_s);
    QCOMPARE(send("GET", u"/users/2"_s).status, 404);
    const ApiResponse orphan = send("PUT", u"/users/1"_s, R"({"age":40})"_ba, johnToken);
    QCOMPARE(orphan.status, 401);
    QCOMPARE(jsonBody(orphan)[u"error_code"_s].toString(), u"INVALID_TOKEN"_s);
}

void TestApiService::roleComesFromTheStoreNotTheToken()
{
    const QByteArray adminToken = "Bearer " + tokenFor(1);
    // Demote the admin after the token was issued: the token still says "admin".
    m_service->users().update(1, {std::nullopt, std::nullopt, std::nullopt, UserRole::User});
    QCOMPARE(send("DELETE", u"/users/2"_s, {}, adminToken).status, 403);
}

void TestApiService::tokenExpiresWithTheClock()
{
    const QByteArray token = "Bearer " + tokenFor(1);
    m_now = m_now.addSecs(59);
    QCOMPARE(
        send("POST", u"/users"_s, R"({"name":"Ann","email":"a@b.co","age":20})"_ba, token).status,
        201);
    m_now = m_now.addSecs(1);
    const ApiResponse expired = send("DELETE", u"/users/3"_s, {}, token);
    QCOMPARE(expired.status, 401);
    QCOMPARE(jsonBody(expired)[u"error_code"_s].toString(), u"TOKEN_EXPIRED"_s);
    QCOMPARE(jsonBody(expired)[u"message"_s].toString(),
             u"Token has expired. Please log in again."_s);
}

void TestApiService::filterByRole()
{
    const QJsonObject data = jsonBody(send("GET", u"/users?role=user"_s))[u"data"_s].toObject();
    QCOMPARE(data[u"count"_s].toInt(), 1);
    QCOMPARE(data[u"users"_s][0][u"email"_s].toString(), u"john@example.com"_s);
}

void TestApiService::listFollowsEveryChange()
{
    const auto names = [this](const QString &target) {
        QStringList result;
        const QJsonArray users = jsonBody(send("GET", target))[u"data"_s][u"users"_s].toArray();
        for (const QJsonValue &user : users)
            result.append(user[u"name"_s].toString());
        return result;
    };
    const QByteArray admin = "Bearer " + tokenFor(1);
    QCOMPARE(names(u"/users"_s), (QStringList{u"Admin User"_s, u"John Doe"_s}));
    QCOMPARE(names(u"/users?role=user"_s), QStringList{u"John Doe"_s});

    send("POST", u"/users"_s, R"({"name":"Ann Lee","email":"ann@example.com","age":31})"_ba, admin);
    QCOMPARE(names(u"/users"_s), (QStringList{u"Admin User"_s, u"John Doe"_s, u"Ann Lee"_s}));
    QCOMPARE(names(u"/users?role=user"_s), (QStringList{u"John Doe"_s, u"Ann Lee"_s}));

    send("PUT", u"/users/2"_s, R"({"name":"Johnny","role":"admin"})"_ba, admin);
    QCOMPARE(names(u"/users?role=admin"_s), (QStringList{u"Admin User"_s, u"Johnny"_s}));

    send("DELETE", u"/users/3"_s, {}, admin);
    QCOMPARE(names(u"/users?role=user"_s), QStringList());

    m_service->users().reset();
    QCOMPARE(names(u"/users?role=user"_s), QStringList{u"John Doe"_s});
}

void TestApiService::resetRestoresSeed()
{
    send("DELETE", u"/users/1"_s, {}, "Bearer " + tokenFor(1));
    QCOMPARE(jsonBody(send("GET", u"/users"_s))[u"data"_s][u"count"_s].toInt(), 1);
    const ApiResponse reset = send("POST", u"/api/v1/reset"_s);
    QCOMPARE(jsonBody(reset)[u"data"_s][u"users"_s].toInt(), 2);
    QCOMPARE(jsonBody(reset)[u"data"_s][u"products"_s].toInt(), 6);
    QCOMPARE(send("GET", u"/users/1"_s).status, 200);
    const ApiResponse created =
        send("POST", u"/users"_s, R"({"name":"Ann","email":"a@b.co","age":20})"_ba,
             "Bearer " + tokenFor(1));
    QCOMPARE(jsonBody(created)[u"data"_s][u"id"_s].toInt(), 3);
}

void TestApiService::failedRequestsLeaveDataIntact()
{
    const QList<User> before = m_service->users().users();
    QSignalSpy added(&m_service->users(), &UserStore::userAdded);
    QSignalSpy updated(&m_service->users(), &UserStore::userUpdated);
    const QByteArray token = "Bearer " + tokenFor(2);
    send("POST", u"/users"_s, R"({"name":"Ann","email":"john@example.com","age":20})"_ba, token);
    send("POST", u"/users"_s, QByteArray(100000, '{'), token);
    send("PUT", u"/users/2"_s, R"({"name":"Jo Ann","age":12})"_ba, token);
    send("PUT", u"/users/2"_s, R"({"name":"Johnny","role":"admin"})"_ba, token);
    QCOMPARE(added.count(), 0);
    QCOMPARE(updated.count(), 0);
    QCOMPARE(m_service->users().users(), before);
}

QTEST_GUILESS_MAIN(TestApiService)
#include "tst_apiservice.moc"

void TestApiService::tokenVerdictIsRecordedWithTheResponse_data()
{
    QTest::addColumn<QString>("situation");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("target");
    QTest::addColumn<TokenCheck::Verdict>("verdict");
    QTest::addColumn<bool>("requiredByRoute");
    QTest::addColumn<QString>("errorCode");  // of the response; empty: a success
    QTest::addColumn<QString>("reasonPart"); // a word of the reason that tells the case apart

    using V = TokenCheck::Verdict;
    const QByteArray get = "GET";
    const QString me = u"/me"_s;
    QTest::newRow("valid") << u"admin"_s << get << me << V::Valid << true << QString()
                           << u"unexpired"_s;
    QTest::newRow("no header") << u"none"_s << get << me << V::None << true << u"MISSING_TOKEN"_s
                               << u"no Authorization header"_s;
    QTest::newRow("basic scheme") << u"basic"_s << get << me << V::Malformed << true
                                  << u"INVALID_TOKEN"_s << u"Bearer"_s;
    QTest::newRow("not a jwt") << u"garbage"_s << get << me << V::Malformed << true
                               << u"INVALID_TOKEN"_s << u"base64url"_s;
    QTest::newRow("tampered") << u"forged"_s << get << me << V::Forged << true << u"INVALID_TOKEN"_s
                              << u"signature"_s;
    QTest::newRow("alg none") << u"alg none"_s << get << me << V::Forged << true
                              << u"INVALID_TOKEN"_s << u"alg \"none\""_s;
    QTest::newRow("expired") << u"expired"_s << get << me << V::Expired << true
                             << u"TOKEN_EXPIRED"_s << u"exp"_s;
    QTest::newRow("logged out") << u"logged out"_s << get << me << V::Revoked << true
                                << u"TOKEN_REVOKED"_s << u"logged out"_s;
    QTest::newRow("password reset") << u"password reset"_s << get << me << V::Revoked << true
                                    << u"TOKEN_REVOKED"_s << u"password was reset"_s;
    QTest::newRow("refresh token as access") << u"refresh"_s << get << me << V::WrongType << true
                                             << u"INVALID_TOKEN"_s << u"refresh token"_s;
    QTest::newRow("access token to /refresh")
        << u"admin"_s << QByteArray("POST") << u"/refresh"_s << V::WrongType << true
        << u"INVALID_TOKEN"_s << u"/refresh needs the refresh token"_s;
    QTest::newRow("user deleted") << u"deleted user"_s << get << me << V::UserDeleted << true
                                  << u"INVALID_TOKEN"_s << u"no longer exists"_s;
    QTest::newRow("earlier holder of the id")
        << u"earlier holder"_s << get << me << V::UserDeleted << true << u"INVALID_TOKEN"_s
        << u"earlier user with id 3"_s;
    QTest::newRow("not fresh") << u"refreshed"_s << QByteArray("DELETE") << me << V::NotFresh
                               << true << u"FRESH_TOKEN_REQUIRED"_s << u"fresh login"_s;
    QTest::newRow("revoked at a route that needs none")
        << u"logged out"_s << get << u"/users"_s << V::Revoked << false << QString() << u"logout"_s;
    QTest::newRow("no header at a route that needs none")
        << u"none"_s << get << u"/users"_s << V::None << false << QString() << QString();
}

void TestApiService::tokenVerdictIsRecordedWithTheResponse()
{
    QFETCH(QString, situation);
    QFETCH(QByteArray, method);
    QFETCH(QString, target);
    QFETCH(TokenCheck::Verdict, verdict);
    QFETCH(bool, requiredByRoute);
    QFETCH(QString, errorCode);
    QFETCH(QString, reasonPart);

    const auto loginAs = [this](const QByteArray &email) {
        const ApiResponse login = send("POST", u"/login"_s, R"({"email":")" + email + R"("})");
        return jsonBody(login)[u"data"_s].toObject();
    };
    QByteArray authorization;
    if (situation == u"alg none") {
        const QList<QByteArray> parts = tokenFor(1).split('.');
        const QByteArray none =
            QByteArray(R"({"alg":"none","typ":"JWT"})")
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        authorization = "Bearer " + none + '.' + parts[1] + '.';
    } else if (situation == u"expired") {
        authorization = "Bearer " + tokenFor(1);
        m_now = m_now.addSecs(60);
    } else if (situation == u"logged out") {
        authorization = "Bearer " + loginAs("john@example.com")[u"token"_s].toString().toLatin1();
        QCOMPARE(send("POST", u"/logout"_s, {}, authorization).status, 200);
    } else if (situation == u"password reset") {
        authorization = "Bearer " + tokenFor(2);
        m_service->tokens().revokeUserTokens(2, u"password reset"_s);
    } else if (situation == u"refresh" || situation == u"refreshed") {
        const QByteArray refresh =
            loginAs("john@example.com")[u"refresh_token"_s].toString().toLatin1();
        authorization = "Bearer " + refresh;
        if (situation == u"refreshed") {
            const ApiResponse refreshed = send("POST", u"/refresh"_s, {}, authorization);
            QCOMPARE(refreshed.tokenCheck.verdict, TokenCheck::Verdict::Valid);
            authorization =
                "Bearer " + jsonBody(refreshed)[u"data"_s][u"access_token"_s].toString().toLatin1();
        }
    } else if (situation == u"deleted user") {
        authorization = "Bearer " + tokenFor(2);
        QCOMPARE(send("DELETE", u"/users/2"_s, {}, "Bearer " + tokenFor(1)).status, 200);
    } else if (situation == u"earlier holder") {
        const ApiResponse created =
            send("POST", u"/users"_s, R"({"name":"Ann","email":"a@b.co","age":20})"_ba,
                 "Bearer " + tokenFor(1));
        QCOMPARE(jsonBody(created)[u"data"_s][u"id"_s].toInteger(), 3);
        authorization = "Bearer " + tokenFor(3);
        QCOMPARE(send("POST", u"/reset"_s).status, 200);
        QCOMPARE(send("POST", u"/users"_s, R"({"name":"Bob","email":"b@b.co","age":20})"_ba,
                      "Bearer " + tokenFor(1))
                     .status,
                 201);
    } else {
        authorization = authHeader(situation);
    }

    const ApiResponse response = send(method, target, {}, authorization);
    QCOMPARE(response.tokenCheck.verdict, verdict);
    QCOMPARE(response.tokenCheck.requiredByRoute, requiredByRoute);
    QVERIFY2(response.tokenCheck.reason.contains(reasonPart),
             qPrintable(response.tokenCheck.reason));
    if (errorCode.isEmpty()) {
        QVERIFY2(response.status < 300, response.body.constData());
    } else {
        QCOMPARE(jsonBody(response)[u"error_code"_s].toString(), errorCode);
        // The GUI's consequence line names the same error as the response.
        QCOMPARE(Authenticator::errorFor(verdict).code, errorCode);
    }
}
