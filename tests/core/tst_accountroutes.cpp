#include "apiservice.h"
#include "contracttable.h"
#include "requests.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// Part B's session and account routes (/register, /login with a password, /refresh, /logout,
// /me, /password-reset, /outbox) at the ApiRequest -> ApiResponse level, with a clock the test
// controls.
class TestAccountRoutes : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_service.reset(); }

    void contract_data();
    void contract();

    void loginAnswersBothTokensUncached();
    void seededPasswordsWork();
    void requirePasswordsRefusesEmailOnlyLogin();
    void refreshGivesANonFreshAccessToken();
    void refreshTokenExpiresAfterItsLifetime();
    void logoutRevokesTheTokenAndTheRefreshTokensOnly();
    void resetKeepsTheSeededUsersTokens();
    void tokensOfUsersTheResetRemovedStayInvalid();
    void resetBringsBackADeletedSeededUsersTokens();
    void resetUndoesChangesToSeededUsersButNotLogouts();
    void deletedUserTokensAreInvalid();
    void newSecretInvalidatesTokens();
    void registeredUserLogsInWithItsPassword();
    void registerStoresNoPasswordInTheUser();
    void updateMeChangesOnlyTheCaller();
    void passwordResetFlow();
    void resetTokenIsSingleUseAndVoidsTheOthers();
    void resetTokenExpiresAfter15Minutes();
    void passwordResetRevokesTheUsersTokens();
    void unknownEmailSendsNothing();
    void outboxKeepsTheLatestThousand();
    void tokensOfAnEarlierRunAreNotAnotherUsers();
    void resetTokenOfADeletedUserIsInvalid();
    void aUserKeepsItsNewestFiveResetTokens();
    void tokenEndpointErrorsAreNotCachedEither();

private:
    ApiResponse send(const QByteArray &method, const QString &target, const QByteArray &body = {},
                     const QByteArray &bearer = {});
    QByteArray token(qint64 userId, TokenType type, bool fresh = true);
    QByteArray authFor(const QString &who);
    QJsonObject login(const QByteArray &body);
    QString lastResetToken() const;

    QDateTime m_now;
    std::unique_ptr<ApiService> m_service;
};

void TestAccountRoutes::init()
{
    m_now = QDateTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC);
    ServiceConfig config;
    config.jwtSecret = QByteArray(32, 'k');
    config.tokenLifetimeSeconds = 60;
    config.refreshTokenLifetimeSeconds = 600;
    m_service = std::make_unique<ApiService>(config, [this] { return m_now; });
}

ApiResponse TestAccountRoutes::send(const QByteArray &method, const QString &target,
                                    const QByteArray &body, const QByteArray &bearer)
{
    HttpHeaders headers;
    if (!bearer.isEmpty())
        headers.append({"Authorization"_ba, "Bearer " + bearer});
    return m_service->handle(makeRequest(method, target, body, headers));
}

QByteArray TestAccountRoutes::token(qint64 userId, TokenType type, bool fresh)
{
    return m_service->tokens().issue(*m_service->users().user(userId), type, fresh).token;
}

QByteArray TestAccountRoutes::authFor(const QString &who)
{
    if (who == u"none")
        return {};
    if (who == u"john")
        return token(2, TokenType::Access);
    if (who == u"john refreshed")
        return token(2, TokenType::Access, false);
    if (who == u"john refresh")
        return token(2, TokenType::Refresh);
    if (who == u"john revoked") {
        const auto issued =
            m_service->tokens().issue(*m_service->users().user(2), TokenType::Access);
        m_service->tokens().revokeToken(issued.record, u"test"_s);
        return issued.token;
    }
    if (who == u"john refresh revoked") {
        const QByteArray refresh = token(2, TokenType::Refresh);
        m_service->tokens().revokeUserRefreshTokens(2, u"test"_s);
        return refresh;
    }
    if (who == u"john refresh expired") {
        const QByteArray refresh = token(2, TokenType::Refresh);
        m_now = m_now.addSecs(600);
        return refresh;
    }
    Q_UNREACHABLE();
}

QJsonObject TestAccountRoutes::login(const QByteArray &body)
{
    const ApiResponse response = send("POST", u"/login"_s, body);
    return jsonBody(response)[u"data"_s].toObject();
}

QString TestAccountRoutes::lastResetToken() const
{
    const QList<OutboxEmail> &emails = m_service->outbox().emails();
    return emails.isEmpty() ? QString() : emails.last().token;
}

void TestAccountRoutes::contract_data()
{
    ContractTable::addColumns();
    const QString &missingToken = ContractTable::MissingToken;
    const QString &invalidToken = ContractTable::InvalidToken;
    const QString &expiredToken = ContractTable::ExpiredToken;
    const QString &invalidJson = ContractTable::InvalidJson;
    const QString &revoked = ContractTable::RevokedToken;
    const QString badCredentials = u"Invalid email or password"_s;
    const QString shortPassword = u"Password must be at least 8 characters long"_s;

    // Register: required fields in order, then the fields, then the password, role, duplicate.
    const QString registered = u"User registered successfully"_s;
    QTest::newRow("register")
        << "POST"_ba << u"/register"_s << u"none"_s
        << R"({"name":"Ann Lee","email":"ann@example.com","password":"s3cret-pass"})"_ba << 201
        << QString() << registered;
    QTest::newRow("register with age")
        << "POST"_ba << u"/api/v1/register"_s << u"none"_s
        << R"({"name":"Ann Lee","email":"ann@example.com","password":"s3cret-pass","age":40})"_ba
        << 201 << QString() << registered;
    QTest::newRow("register with null age")
        << "POST"_ba << u"/register"_s << u"none"_s
        << R"({"name":"Ann Lee","email":"ann@example.com","password":"s3cret-pass","age":null})"_ba
        << 201 << QString() << registered;
    QTest::newRow("register email label ends with hyphen")
        << "POST"_ba << u"/register"_s << u"none"_s
        << R"({"name":"Ann","email":"a@example-.com","password":"s3cret-pass"})"_ba << 400
        << u"INVALID_EMAIL"_s << u"Invalid email format"_s;
    QTest::newRow("register not json") << "POST"_ba << u"/register"_s << u"none"_s << "[1]"_ba
                                       << 400 << u"INVALID_JSON"_s << invalidJson;
    QTest::newRow("register no name")
        << "POST"_ba << u"/register"_s << u"none"_s << R"({"email":"x"})"_ba << 400
        << u"MISSING_FIELD"_s << u"Missing required field: name"_s;
    QTest::newRow("register no email")
        << "POST"_ba << u"/register"_s << u"none"_s << R"({"name":"Ann","password":"x"})"_ba << 400
        << u"MISSING_FIELD"_s << u"Missing required field: email"_s;
    QTest::newRow("register no password")
        << "POST"_ba << u"/register"_s << u"none"_s << R"({"name":"A","email":"x"})"_ba << 400
        << u"MISSING_FIELD"_s << u"Missing required field: password"_s;
    QTest::newRow("register null password")
        << "POST"_ba << u"/register"_s << u"none"_s
        << R"({"name":"Ann","email":"a@b.co","password":null})"_ba << 400 << u"MISSING_FIELD"_s
        << u"Missing required field: password"_s;
    QTest::newRow("register short name before password")
        << "POST"_ba << u"/register"_s << u"none"_s
        << R"({"name":"An","email":"a@b.co","password":"x"})"_ba << 400 << u"INVALID_NAME"_s
        << u"Name must be at least 3 characters long"_s;
    QTest::newRow("register bad email")
        << "POST"_ba << u"/register"_s << u"none"_s
        << R"({"name":"Ann","email":"a@b","password":"s3cret-pass"})"_ba << 400
        << u"INVALID_EMAIL"_s << u"Invalid email format"_s;
    QTest::newRow("register age 17")
        << "POST"_ba << u"/register"_s << u"none"_s
        << R"({"name":"Ann","email":"a@b.co","password":"s3cret-pass","age":17})"_ba << 400
        << u"INVALID_AGE"_s << u"Age must be 18 or older"_s;
    QTest::newRow("register password 7")
        << "POST"_ba << u"/register"_s << u"none"_s
        << R"({"name":"Ann","email":"a@b.co","password":"1234567"})"_ba << 400
        << u"INVALID_PASSWORD"_s << shortPassword;
    QTest::newRow("register password 8")
        << "POST"_ba << u"/register"_s << u"none"_s
        << R"({"name":"Ann","email":"a@b.co","password":"12345678"})"_ba << 201 << QString()
        << registered;
    QTest::newRow("register password 8 characters, more bytes")
        << "POST"_ba << u"/register"_s << u"none"_s
        << u"{\"name\":\"Ann\",\"email\":\"a@b.co\",\"password\":\"ééééééé\"}"_s.toUtf8() << 400
        << u"INVALID_PASSWORD"_s << shortPassword;
    QTest::newRow("register password 128")
        << "POST"_ba << u"/register"_s << u"none"_s
        << (R"({"name":"Ann","email":"a@b.co","password":")" + QByteArray(128, 'p') + "\"}") << 201
        << QString() << registered;
    QTest::newRow("register password 129")
        << "POST"_ba << u"/register"_s << u"none"_s
        << (R"({"name":"Ann","email":"a@b.co","password":")" + QByteArray(129, 'p') + "\"}") << 400
        << u"INVALID_PASSWORD"_s << u"Password must be at most 128 characters long"_s;
    QTest::newRow("register password number")
        << "POST"_ba << u"/register"_s << u"none"_s
        << R"({"name":"Ann","email":"a@b.co","password":12345678})"_ba << 400
        << u"INVALID_PASSWORD"_s << u"Password must be a string"_s;
    QTest::newRow("register as admin")
        << "POST"_ba << u"/register"_s << u"none"_s
        << R"({"name":"Ann","email":"a@b.co","password":"s3cret-pass","role":"admin"})"_ba << 403
        << u"FORBIDDEN"_s << ContractTable::Forbidden;
    QTest::newRow("register duplicate")
        << "POST"_ba << u"/register"_s << u"none"_s
        << R"({"name":"Johnny","email":"JOHN@example.com","password":"s3cret-pass"})"_ba << 409
        << u"DUPLICATE_EMAIL"_s << u"Email already exists. Please use a different email."_s;

    // Login with a password.
    QTest::newRow("login password ok") << "POST"_ba << u"/login"_s << u"none"_s
                                       << R"({"email":"john@example.com","password":"john123"})"_ba
                                       << 200 << QString() << u"Login successful"_s;
    QTest::newRow("login wrong password")
        << "POST"_ba << u"/login"_s << u"none"_s
        << R"({"email":"john@example.com","password":"admin123"})"_ba << 401
        << u"INVALID_CREDENTIALS"_s << badCredentials;
    QTest::newRow("login unknown email with password")
        << "POST"_ba << u"/login"_s << u"none"_s
        << R"({"email":"who@example.com","password":"john123"})"_ba << 401
        << u"INVALID_CREDENTIALS"_s << badCredentials;
    QTest::newRow("login empty password") << "POST"_ba << u"/login"_s << u"none"_s
                                          << R"({"email":"john@example.com","password":""})"_ba
                                          << 401 << u"INVALID_CREDENTIALS"_s << badCredentials;
    QTest::newRow("login password not a string")
        << "POST"_ba << u"/login"_s << u"none"_s
        << R"({"email":"john@example.com","password":123})"_ba << 400 << u"INVALID_PASSWORD"_s
        << u"Password must be a string"_s;

    // Refresh: a refresh token only.
    const QString refreshed = u"Token refreshed successfully"_s;
    QTest::newRow("refresh") << "POST"_ba << u"/refresh"_s << u"john refresh"_s << QByteArray()
                             << 200 << QString() << refreshed;
    QTest::newRow("refresh no token") << "POST"_ba << u"/refresh"_s << u"none"_s << QByteArray()
                                      << 401 << u"MISSING_TOKEN"_s << missingToken;
    QTest::newRow("refresh with access token")
        << "POST"_ba << u"/refresh"_s << u"john"_s << QByteArray() << 401 << u"INVALID_TOKEN"_s
        << invalidToken;
    QTest::newRow("refresh revoked") << "POST"_ba << u"/refresh"_s << u"john refresh revoked"_s
                                     << QByteArray() << 401 << u"TOKEN_REVOKED"_s << revoked;
    QTest::newRow("refresh expired") << "POST"_ba << u"/refresh"_s << u"john refresh expired"_s
                                     << QByteArray() << 401 << u"TOKEN_EXPIRED"_s << expiredToken;

    // Logout and the routes of the caller's account.
    QTest::newRow("logout") << "POST"_ba << u"/logout"_s << u"john"_s << QByteArray() << 200
                            << QString() << u"Logout successful"_s;
    QTest::newRow("logout no token") << "POST"_ba << u"/logout"_s << u"none"_s << QByteArray()
                                     << 401 << u"MISSING_TOKEN"_s << missingToken;
    QTest::newRow("logout with refresh token")
        << "POST"_ba << u"/logout"_s << u"john refresh"_s << QByteArray() << 401
        << u"INVALID_TOKEN"_s << invalidToken;
    QTest::newRow("logout revoked") << "POST"_ba << u"/logout"_s << u"john revoked"_s
                                    << QByteArray() << 401 << u"TOKEN_REVOKED"_s << revoked;
    QTest::newRow("me") << "GET"_ba << u"/me"_s << u"john"_s << QByteArray() << 200 << QString()
                        << u"User retrieved successfully"_s;
    QTest::newRow("me head") << "HEAD"_ba << u"/me"_s << u"john refreshed"_s << QByteArray() << 200
                             << QString() << u"User retrieved successfully"_s;
    QTest::newRow("me no token") << "GET"_ba << u"/me"_s << u"none"_s << QByteArray() << 401
                                 << u"MISSING_TOKEN"_s << missingToken;
    QTest::newRow("me refresh token") << "GET"_ba << u"/me"_s << u"john refresh"_s << QByteArray()
                                      << 401 << u"INVALID_TOKEN"_s << invalidToken;
    QTest::newRow("me revoked") << "GET"_ba << u"/me"_s << u"john revoked"_s << QByteArray() << 401
                                << u"TOKEN_REVOKED"_s << revoked;
    QTest::newRow("update me") << "PUT"_ba << u"/me"_s << u"john refreshed"_s
                               << R"({"name":"John Smith"})"_ba << 200 << QString()
                               << u"User updated successfully"_s;
    QTest::newRow("update me no token") << "PUT"_ba << u"/me"_s << u"none"_s << "junk"_ba << 401
                                        << u"MISSING_TOKEN"_s << missingToken;
    QTest::newRow("update me not json") << "PUT"_ba << u"/me"_s << u"john"_s << "junk"_ba << 400
                                        << u"INVALID_JSON"_s << invalidJson;
    QTest::newRow("update me age 151")
        << "PUT"_ba << u"/me"_s << u"john"_s << R"({"age":151})"_ba << 400 << u"INVALID_AGE"_s
        << u"Age must be 150 or younger"_s;
    QTest::newRow("update me role")
        << "PUT"_ba << u"/me"_s << u"john"_s << R"({"role":"user"})"_ba << 403 << u"FORBIDDEN"_s
        << u"Role cannot be changed through /me"_s;
    QTest::newRow("update me taken email")
        << "PUT"_ba << u"/me"_s << u"john"_s << R"({"email":"admin@example.com"})"_ba << 409
        << u"DUPLICATE_EMAIL"_s << u"Email already exists. Please use a different email."_s;
    QTest::newRow("update me own email")
        << "PUT"_ba << u"/me"_s << u"john"_s << R"({"email":"John@example.com"})"_ba << 200
        << QString() << u"User updated successfully"_s;
    QTest::newRow("delete me") << "DELETE"_ba << u"/me"_s << u"john"_s << QByteArray() << 200
                               << QString() << u"User deleted successfully"_s;
    QTest::newRow("delete me not fresh")
        << "DELETE"_ba << u"/me"_s << u"john refreshed"_s << QByteArray() << 401
        << u"FRESH_TOKEN_REQUIRED"_s << u"A fresh login is required for this action."_s;
    QTest::newRow("delete me no token") << "DELETE"_ba << u"/me"_s << u"none"_s << QByteArray()
                                        << 401 << u"MISSING_TOKEN"_s << missingToken;
    QTest::newRow("me wrong method")
        << "POST"_ba << u"/me"_s << u"john"_s << QByteArray() << 405 << u"METHOD_NOT_ALLOWED"_s
        << u"Method POST is not allowed on /me"_s;

    // Password reset and the outbox.
    QTest::newRow("reset request")
        << "POST"_ba << u"/password-reset"_s << u"none"_s << R"({"email":"john@example.com"})"_ba
        << 200 << QString() << u"Password reset email sent"_s;
    QTest::newRow("reset request unknown email")
        << "POST"_ba << u"/password-reset"_s << u"none"_s << R"({"email":"who@example.com"})"_ba
        << 200 << QString() << u"Password reset email sent"_s;
    QTest::newRow("reset request no email")
        << "POST"_ba << u"/password-reset"_s << u"none"_s << "{}"_ba << 400 << u"MISSING_FIELD"_s
        << u"Missing required field: email"_s;
    QTest::newRow("reset request bad email")
        << "POST"_ba << u"/password-reset"_s << u"none"_s << R"({"email":42})"_ba << 400
        << u"INVALID_EMAIL"_s << u"Invalid email format"_s;
    QTest::newRow("reset request not json")
        << "POST"_ba << u"/password-reset"_s << u"none"_s << "email"_ba << 400 << u"INVALID_JSON"_s
        << invalidJson;
    QTest::newRow("reset unknown token, checked before the body")
        << "POST"_ba << u"/password-reset/not-a-token"_s << u"none"_s << "junk"_ba << 400
        << u"INVALID_RESET_TOKEN"_s << u"Password reset token is invalid or has expired"_s;
    QTest::newRow("reset wrong method")
        << "GET"_ba << u"/password-reset/abc"_s << u"none"_s << QByteArray() << 405
        << u"METHOD_NOT_ALLOWED"_s << u"Method GET is not allowed on /password-reset/abc"_s;
    QTest::newRow("outbox") << "GET"_ba << u"/outbox"_s << u"none"_s << QByteArray() << 200
                            << QString() << u"Retrieved 0 email(s) successfully"_s;
}

void TestAccountRoutes::contract()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, target);
    QFETCH(QString, auth);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const QList<User> before = m_service->users().users();
    const QByteArray bearer = authFor(auth);
    const ApiResponse response = send(method, target, body, bearer);
    ContractTable::verifyEnvelope(response, status, code, message);
    if (QTest::currentTestFailed())
        return;
    // A refused request changes nothing.
    if (!code.isEmpty())
        QCOMPARE(m_service->users().users(), before);
}

void TestAccountRoutes::loginAnswersBothTokensUncached()
{
    const ApiResponse response =
        send("POST", u"/login"_s, R"({"email":"admin@example.com","password":"admin123"})");
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Cache-Control"), "no-store"_ba);
    QCOMPARE(response.header("Pragma"), "no-cache"_ba);
    const QJsonObject data = jsonBody(response)[u"data"_s].toObject();
    QCOMPARE(data[u"access_token"_s], data[u"token"_s]);
    QCOMPARE(data[u"token_type"_s].toString(), u"Bearer"_s);
    QCOMPARE(data[u"expires_in"_s].toInt(), 60);
    QCOMPARE(data[u"user"_s][u"email"_s].toString(), u"admin@example.com"_s);

    const auto access = JwtCodec::decode(data[u"access_token"_s].toString().toLatin1());
    const auto refresh = JwtCodec::decode(data[u"refresh_token"_s].toString().toLatin1());
    QVERIFY(access && refresh);
    QCOMPARE(access->claims[u"type"_s].toString(), u"access"_s);
    QCOMPARE(access->claims[u"fresh"_s].toBool(), true);
    QCOMPARE(refresh->claims[u"type"_s].toString(), u"refresh"_s);
    QCOMPARE(refresh->claims[u"fresh"_s].toBool(), false);
    QCOMPARE(refresh->claims[u"exp"_s].toInteger() - refresh->claims[u"iat"_s].toInteger(), 600);
    QVERIFY(access->claims[u"jti"_s] != refresh->claims[u"jti"_s]);
}

void TestAccountRoutes::seededPasswordsWork()
{
    QVERIFY(!login(R"({"email":"admin@example.com","password":"admin123"})").isEmpty());
    QVERIFY(!login(R"({"email":"john@example.com","password":"john123"})").isEmpty());
    // Still after a reset, which restores them.
    send("POST", u"/reset"_s);
    QVERIFY(!login(R"({"email":"john@example.com","password":"john123"})").isEmpty());
    // Part A's email-only login keeps working while passwords are not required.
    QVERIFY(!login(R"({"email":"john@example.com"})").isEmpty());
}

void TestAccountRoutes::requirePasswordsRefusesEmailOnlyLogin()
{
    m_service->setRequirePasswords(true);
    ContractTable::verifyEnvelope(send("POST", u"/login"_s, R"({"email":"john@example.com"})"), 400,
                                  u"MISSING_FIELD"_s, u"Missing required field: password"_s);
    QVERIFY(!login(R"({"email":"john@example.com","password":"john123"})").isEmpty());
    // A user made through Part A's POST /users has no password: it cannot log in any more.
    const QByteArray admin = token(1, TokenType::Access);
    QCOMPARE(
        send("POST", u"/users"_s, R"({"name":"Ann","email":"ann@b.co","age":30})", admin).status,
        201);
    ContractTable::verifyEnvelope(
        send("POST", u"/login"_s, R"({"email":"ann@b.co","password":"anything1"})"), 401,
        u"INVALID_CREDENTIALS"_s, u"Invalid email or password"_s);
    m_service->setRequirePasswords(false);
    QCOMPARE(send("POST", u"/login"_s, R"({"email":"ann@b.co"})").status, 200);
}

void TestAccountRoutes::refreshGivesANonFreshAccessToken()
{
    const QJsonObject session = login(R"({"email":"john@example.com","password":"john123"})");
    const QByteArray refreshToken = session[u"refresh_token"_s].toString().toLatin1();
    m_now = m_now.addSecs(30);
    const ApiResponse response = send("POST", u"/refresh"_s, {}, refreshToken);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Cache-Control"), "no-store"_ba);
    const QJsonObject data = jsonBody(response)[u"data"_s].toObject();
    QCOMPARE(data[u"token_type"_s].toString(), u"Bearer"_s);
    QVERIFY(!data.contains(u"refresh_token"_s));
    const QByteArray access = data[u"access_token"_s].toString().toLatin1();
    QCOMPARE(JwtCodec::decode(access)->claims[u"fresh"_s].toBool(), false);

    QCOMPARE(send("GET", u"/me"_s, {}, access).status, 200);
    QCOMPARE(send("DELETE", u"/me"_s, {}, access).status, 401);
    // The refresh token stays usable.
    QCOMPARE(send("POST", u"/refresh"_s, {}, refreshToken).status, 200);
}

void TestAccountRoutes::refreshTokenExpiresAfterItsLifetime()
{
    const QByteArray refreshToken =
        login(R"({"email":"john@example.com"})")[u"refresh_token"_s].toString().toLatin1();
    m_now = m_now.addSecs(599);
    QCOMPARE(send("POST", u"/refresh"_s, {}, refreshToken).status, 200);
    m_now = m_now.addSecs(1);
    ContractTable::verifyEnvelope(send("POST", u"/refresh"_s, {}, refreshToken), 401,
                                  u"TOKEN_EXPIRED"_s, ContractTable::ExpiredToken);
}

void TestAccountRoutes::logoutRevokesTheTokenAndTheRefreshTokensOnly()
{
    const QJsonObject first = login(R"({"email":"john@example.com"})");
    const QJsonObject second = login(R"({"email":"john@example.com"})");
    const QJsonObject admin = login(R"({"email":"admin@example.com"})");
    const QByteArray access = first[u"token"_s].toString().toLatin1();

    QCOMPARE(send("POST", u"/logout"_s, {}, access).status, 200);
    for (const QString &route : {u"/me"_s, u"/logout"_s}) {
        const QByteArray method = route == u"/me" ? "GET"_ba : "POST"_ba;
        ContractTable::verifyEnvelope(send(method, route, {}, access), 401, u"TOKEN_REVOKED"_s,
                                      ContractTable::RevokedToken);
    }
    for (const QJsonObject &session : {first, second}) {
        QCOMPARE(send("POST", u"/refresh"_s, {}, session[u"refresh_token"_s].toString().toLatin1())
                     .status,
                 401);
    }
    // The other session's access token, and other users, go on.
    QCOMPARE(send("GET", u"/me"_s, {}, second[u"token"_s].toString().toLatin1()).status, 200);
    QCOMPARE(
        send("POST", u"/refresh"_s, {}, admin[u"refresh_token"_s].toString().toLatin1()).status,
        200);
    // A new login after the logout works in full.
    const QJsonObject again = login(R"({"email":"john@example.com"})");
    QCOMPARE(
        send("POST", u"/refresh"_s, {}, again[u"refresh_token"_s].toString().toLatin1()).status,
        200);
}

void TestAccountRoutes::resetKeepsTheSeededUsersTokens()
{
    // The reference API's advice: log in once, reset before each test.
    const QJsonObject admin = login(R"({"email":"admin@example.com"})");
    const QJsonObject john = login(R"({"email":"john@example.com"})");
    QSignalSpy revoked(&m_service->tokens(), &TokenService::tokensRevoked);
    for (int test = 0; test < 3; ++test) {
        QCOMPARE(send("POST", u"/reset"_s).status, 200);
        const ApiResponse created = send(
            "POST", u"/users"_s, R"({"name":"Ada Lovelace","email":"ada@example.com","age":36})",
            admin[u"token"_s].toString().toLatin1());
        QCOMPARE(created.status, 201);
        QCOMPARE(jsonBody(created)[u"data"_s][u"id"_s].toInt(), 3);
        QCOMPARE(send("GET", u"/me"_s, {}, john[u"token"_s].toString().toLatin1()).status, 200);
        QCOMPARE(
            send("POST", u"/refresh"_s, {}, admin[u"refresh_token"_s].toString().toLatin1()).status,
            200);
    }
    QCOMPARE(revoked.size(), 0);
}

void TestAccountRoutes::tokensOfUsersTheResetRemovedStayInvalid()
{
    // All in one millisecond of the clock: the ids are told apart by issue order, not by time.
    send("POST", u"/register"_s,
         R"({"name":"Alice","email":"alice@example.com","password":"alice-pass"})");
    const QJsonObject alice = login(R"({"email":"alice@example.com"})");
    QCOMPARE(send("POST", u"/reset"_s).status, 200);
    const auto verifyInvalid = [&] {
        ContractTable::verifyEnvelope(
            send("GET", u"/me"_s, {}, alice[u"token"_s].toString().toLatin1()), 401,
            u"INVALID_TOKEN"_s, ContractTable::InvalidToken);
        ContractTable::verifyEnvelope(
            send("POST", u"/refresh"_s, {}, alice[u"refresh_token"_s].toString().toLatin1()), 401,
            u"INVALID_TOKEN"_s, ContractTable::InvalidToken);
    };
    verifyInvalid();

    // Bob gets Alice's id: her tokens are still not his.
    send("POST", u"/register"_s,
         R"({"name":"Bobby","email":"bob@example.com","password":"bob-pass1"})");
    QCOMPARE(m_service->users().user(3)->email, u"bob@example.com"_s);
    verifyInvalid();
    QCOMPARE(send("GET", u"/me"_s, {}, token(3, TokenType::Access)).status, 200);
}

void TestAccountRoutes::resetBringsBackADeletedSeededUsersTokens()
{
    const QByteArray john =
        login(R"({"email":"john@example.com"})")[u"token"_s].toString().toLatin1();
    QCOMPARE(send("DELETE", u"/users/2"_s, {}, token(1, TokenType::Access)).status, 200);
    QCOMPARE(send("GET", u"/me"_s, {}, john).status, 401);
    QCOMPARE(send("POST", u"/reset"_s).status, 200);
    QCOMPARE(send("GET", u"/me"_s, {}, john).status, 200);
}

void TestAccountRoutes::resetUndoesChangesToSeededUsersButNotLogouts()
{
    const QByteArray loggedOut =
        login(R"({"email":"john@example.com"})")[u"token"_s].toString().toLatin1();
    QCOMPARE(send("POST", u"/logout"_s, {}, loggedOut).status, 200);
    const QByteArray john = token(2, TokenType::Access); // its role claim says "user"
    const QByteArray admin = token(1, TokenType::Access);
    QCOMPARE(send("PUT", u"/users/2"_s, R"({"role":"admin","email":"johnny@example.com"})", admin)
                 .status,
             200);
    // Judged by the role the user has now, not by the claim.
    QCOMPARE(send("DELETE", u"/users/1"_s, {}, john).status, 200);

    QCOMPARE(send("POST", u"/reset"_s).status, 200);
    QCOMPARE(jsonBody(send("GET", u"/me"_s, {}, john))[u"data"_s][u"email"_s].toString(),
             u"john@example.com"_s);
    ContractTable::verifyEnvelope(send("DELETE", u"/users/1"_s, {}, john), 403, u"FORBIDDEN"_s,
                                  ContractTable::Forbidden);
    ContractTable::verifyEnvelope(send("GET", u"/me"_s, {}, loggedOut), 401, u"TOKEN_REVOKED"_s,
                                  ContractTable::RevokedToken);
}

void TestAccountRoutes::deletedUserTokensAreInvalid()
{
    const QByteArray john =
        login(R"({"email":"john@example.com"})")[u"token"_s].toString().toLatin1();
    QCOMPARE(send("DELETE", u"/users/2"_s, {}, token(1, TokenType::Access)).status, 200);
    ContractTable::verifyEnvelope(send("GET", u"/me"_s, {}, john), 401, u"INVALID_TOKEN"_s,
                                  ContractTable::InvalidToken);
}

void TestAccountRoutes::newSecretInvalidatesTokens()
{
    const QByteArray before = token(2, TokenType::Access);
    m_service->tokens().setSecret(QByteArray(32, 'n'));
    ContractTable::verifyEnvelope(send("GET", u"/me"_s, {}, before), 401, u"INVALID_TOKEN"_s,
                                  ContractTable::InvalidToken);
    QCOMPARE(send("GET", u"/me"_s, {}, token(2, TokenType::Access)).status, 200);
}

void TestAccountRoutes::registeredUserLogsInWithItsPassword()
{
    const ApiResponse created =
        send("POST", u"/register"_s,
             R"({"name":"Ann Lee","email":"ann@example.com","password":"correct horse"})");
    QCOMPARE(created.status, 201);
    const QJsonObject user = jsonBody(created)[u"data"_s].toObject();
    QCOMPARE(user[u"id"_s].toInt(), 3);
    QCOMPARE(user[u"role"_s].toString(), u"user"_s);
    QVERIFY(user[u"age"_s].isNull());
    QCOMPARE(user[u"created_at"_s], user[u"updated_at"_s]);

    QCOMPARE(send("POST", u"/login"_s, R"({"email":"ann@example.com","password":"correct horse"})")
                 .status,
             200);
    QCOMPARE(send("POST", u"/login"_s, R"({"email":"ann@example.com","password":"Correct horse"})")
                 .status,
             401);
}

void TestAccountRoutes::registerStoresNoPasswordInTheUser()
{
    const ApiResponse created =
        send("POST", u"/register"_s,
             R"({"name":"Ann Lee","email":"ann@example.com","password":"correct horse"})");
    QVERIFY(!created.body.contains("correct horse"));
    QVERIFY(!created.body.contains("password"));
    const QByteArray hash = m_service->users().passwordHash(3);
    QVERIFY(hash.startsWith("pbkdf2-sha256$"));
    QVERIFY(!hash.contains("correct horse"));
    QVERIFY(!send("GET", u"/users"_s).body.contains("pbkdf2"));
}

void TestAccountRoutes::updateMeChangesOnlyTheCaller()
{
    const QByteArray john = token(2, TokenType::Access);
    const User adminBefore = *m_service->users().user(1);
    m_now = m_now.addSecs(5);
    const ApiResponse updated = send("PUT", u"/me"_s, R"({"age":44,"id":1})", john);
    QCOMPARE(updated.status, 200);
    QCOMPARE(jsonBody(updated)[u"data"_s][u"id"_s].toInt(), 2);
    QCOMPARE(m_service->users().user(2)->age, std::optional<int>(44));
    QCOMPARE(*m_service->users().user(1), adminBefore);
    // Not even an admin changes its own role here.
    QCOMPARE(send("PUT", u"/me"_s, R"({"role":"user"})", token(1, TokenType::Access)).status, 403);
    QVERIFY(m_service->users().user(1)->isAdmin());
}

void TestAccountRoutes::passwordResetFlow()
{
    m_service->setBaseUrl(u"http://127.0.0.1:5123"_s);
    QCOMPARE(send("POST", u"/password-reset"_s, R"({"email":"John@Example.com"})").status, 200);
    const ApiResponse outbox = send("GET", u"/outbox"_s);
    const QJsonArray emails = jsonBody(outbox)[u"data"_s][u"emails"_s].toArray();
    QCOMPARE(emails.size(), 1);
    const QJsonObject email = emails.first().toObject();
    QCOMPARE(email.keys(),
             (QStringList{u"body"_s, u"id"_s, u"sent_at"_s, u"subject"_s, u"to"_s, u"token"_s}));
    QCOMPARE(email[u"to"_s].toString(), u"john@example.com"_s);
    QCOMPARE(email[u"sent_at"_s].toString(), u"2026-02-18T10:30:00.000000"_s);
    const QString resetToken = email[u"token"_s].toString();
    QCOMPARE(resetToken.size(), 43);
    QVERIFY(email[u"body"_s].toString().contains(u"http://127.0.0.1:5123/password-reset/"_s +
                                                 resetToken));

    ContractTable::verifyEnvelope(send("POST", u"/password-reset/"_s + resetToken, "{}"), 400,
                                  u"MISSING_FIELD"_s, u"Missing required field: password"_s);
    ContractTable::verifyEnvelope(
        send("POST", u"/password-reset/"_s + resetToken, R"({"password":"short"})"), 400,
        u"INVALID_PASSWORD"_s, u"Password must be at least 8 characters long"_s);
    ContractTable::verifyEnvelope(
        send("POST", u"/api/v1/password-reset/"_s + resetToken, R"({"password":"brand-new-1"})"),
        200, QString(), u"Password has been reset"_s);

    QCOMPARE(
        send("POST", u"/login"_s, R"({"email":"john@example.com","password":"john123"})").status,
        401);
    QCOMPARE(send("POST", u"/login"_s, R"({"email":"john@example.com","password":"brand-new-1"})")
                 .status,
             200);
}

void TestAccountRoutes::resetTokenIsSingleUseAndVoidsTheOthers()
{
    send("POST", u"/password-reset"_s, R"({"email":"john@example.com"})");
    const QString first = lastResetToken();
    send("POST", u"/password-reset"_s, R"({"email":"john@example.com"})");
    const QString second = lastResetToken();
    QVERIFY(first != second);
    QCOMPARE(send("POST", u"/password-reset/"_s + second, R"({"password":"brand-new-1"})").status,
             200);
    for (const QString &used : {first, second}) {
        ContractTable::verifyEnvelope(
            send("POST", u"/password-reset/"_s + used, R"({"password":"brand-new-2"})"), 400,
            u"INVALID_RESET_TOKEN"_s, u"Password reset token is invalid or has expired"_s);
    }
}

void TestAccountRoutes::resetTokenExpiresAfter15Minutes()
{
    send("POST", u"/password-reset"_s, R"({"email":"john@example.com"})");
    const QString resetToken = lastResetToken();
    // An invalid body does not use the token up.
    QCOMPARE(send("POST", u"/password-reset/"_s + resetToken, "nope").status, 400);
    m_now = m_now.addSecs(15 * 60);
    ContractTable::verifyEnvelope(
        send("POST", u"/password-reset/"_s + resetToken, R"({"password":"brand-new-1"})"), 400,
        u"INVALID_RESET_TOKEN"_s, u"Password reset token is invalid or has expired"_s);
    QCOMPARE(
        send("POST", u"/login"_s, R"({"email":"john@example.com","password":"john123"})").status,
        200);
}

void TestAccountRoutes::passwordResetRevokesTheUsersTokens()
{
    const QJsonObject john = login(R"({"email":"john@example.com"})");
    const QByteArray admin = token(1, TokenType::Access);
    send("POST", u"/password-reset"_s, R"({"email":"john@example.com"})");
    QCOMPARE(send("POST", u"/password-reset/"_s + lastResetToken(), R"({"password":"brand-new-1"})")
                 .status,
             200);
    QCOMPARE(
        jsonBody(send("GET", u"/me"_s, {}, john[u"token"_s].toString().toLatin1()))[u"error_code"_s]
            .toString(),
        u"TOKEN_REVOKED"_s);
    QCOMPARE(send("POST", u"/refresh"_s, {}, john[u"refresh_token"_s].toString().toLatin1()).status,
             401);
    QCOMPARE(send("GET", u"/me"_s, {}, admin).status, 200);
}

void TestAccountRoutes::unknownEmailSendsNothing()
{
    QSignalSpy sent(&m_service->outbox(), &Outbox::emailSent);
    QCOMPARE(send("POST", u"/password-reset"_s, R"({"email":"who@example.com"})").status, 200);
    QCOMPARE(sent.size(), 0);
    QCOMPARE(send("POST", u"/password-reset"_s, R"({"email":"john@example.com"})").status, 200);
    QCOMPARE(sent.size(), 1);
    // A reset empties the outbox.
    QSignalSpy cleared(&m_service->outbox(), &Outbox::outboxCleared);
    send("POST", u"/reset"_s);
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(jsonBody(send("GET", u"/outbox"_s))[u"data"_s][u"count"_s].toInt(), 0);
}

void TestAccountRoutes::outboxKeepsTheLatestThousand()
{
    for (int i = 0; i < Outbox::DefaultCapacity + 5; ++i)
        m_service->outbox().send(u"a@b.co"_s, u"Subject %1"_s.arg(i), {}, {});
    const QJsonObject data = jsonBody(send("GET", u"/outbox"_s))[u"data"_s].toObject();
    QCOMPARE(data[u"count"_s].toInt(), Outbox::DefaultCapacity);
    const QJsonArray emails = data[u"emails"_s].toArray();
    QCOMPARE(emails.first()[u"subject"_s].toString(), u"Subject 5"_s);
    QCOMPARE(emails.last()[u"id"_s].toInt(), Outbox::DefaultCapacity + 5);
}

void TestAccountRoutes::tokensOfAnEarlierRunAreNotAnotherUsers()
{
    // Run 1: Alice registers (id 3) and logs in; the admin too.
    send("POST", u"/register"_s,
         R"({"name":"Alice","email":"alice@example.com","password":"alice-pass"})");
    const QJsonObject alice = login(R"({"email":"alice@example.com"})");
    const QByteArray admin =
        login(R"({"email":"admin@example.com"})")[u"token"_s].toString().toLatin1();

    // Run 2, later, with the same secret (tokens survive a restart): Bob registers, id 3.
    m_now = m_now.addSecs(30);
    ServiceConfig config;
    config.jwtSecret = QByteArray(32, 'k');
    config.tokenLifetimeSeconds = 60;
    m_service = std::make_unique<ApiService>(config, [this] { return m_now; });
    send("POST", u"/register"_s,
         R"({"name":"Bobby","email":"bob@example.com","password":"bob-pass1"})");
    QCOMPARE(m_service->users().user(3)->email, u"bob@example.com"_s);

    ContractTable::verifyEnvelope(
        send("GET", u"/me"_s, {}, alice[u"token"_s].toString().toLatin1()), 401, u"INVALID_TOKEN"_s,
        ContractTable::InvalidToken);
    ContractTable::verifyEnvelope(
        send("POST", u"/refresh"_s, {}, alice[u"refresh_token"_s].toString().toLatin1()), 401,
        u"INVALID_TOKEN"_s, ContractTable::InvalidToken);
    // The seeded users are the same people in every run: their tokens survive a restart.
    QCOMPARE(send("GET", u"/me"_s, {}, admin).status, 200);
    // Bob's own tokens work, even from the very millisecond he was created.
    QCOMPARE(send("GET", u"/me"_s, {}, token(3, TokenType::Access)).status, 200);
}

void TestAccountRoutes::resetTokenOfADeletedUserIsInvalid()
{
    send("POST", u"/password-reset"_s, R"({"email":"john@example.com"})");
    const QString resetToken = lastResetToken();
    QCOMPARE(send("DELETE", u"/users/2"_s, {}, token(1, TokenType::Access)).status, 200);
    ContractTable::verifyEnvelope(
        send("POST", u"/password-reset/"_s + resetToken, R"({"password":"brand-new-1"})"), 400,
        u"INVALID_RESET_TOKEN"_s, u"Password reset token is invalid or has expired"_s);
}

void TestAccountRoutes::aUserKeepsItsNewestFiveResetTokens()
{
    QStringList tokens;
    for (int i = 0; i < PasswordResets::MaxPerUser + 1; ++i) {
        send("POST", u"/password-reset"_s, R"({"email":"john@example.com"})");
        tokens.append(lastResetToken());
        m_now = m_now.addSecs(1);
    }
    send("POST", u"/password-reset"_s, R"({"email":"admin@example.com"})");
    const QString admins = lastResetToken();
    QCOMPARE(send("POST", u"/password-reset/"_s + tokens.first(), R"({"password":"brand-new-1"})")
                 .status,
             400);
    QCOMPARE(
        send("POST", u"/password-reset/"_s + tokens.last(), R"({"password":"brand-new-1"})").status,
        200);
    QCOMPARE(send("POST", u"/password-reset/"_s + admins, R"({"password":"brand-new-2"})").status,
             200);
}

void TestAccountRoutes::tokenEndpointErrorsAreNotCachedEither()
{
    for (const ApiResponse &response :
         {send("POST", u"/login"_s, R"({"email":"john@example.com","password":"wrong-one"})"),
          send("POST", u"/login"_s, "nope"), send("POST", u"/refresh"_s)}) {
        QVERIFY(response.status >= 400);
        QCOMPARE(response.header("Cache-Control"), "no-store"_ba);
        QCOMPARE(response.header("Pragma"), "no-cache"_ba);
    }
}

QTEST_GUILESS_MAIN(TestAccountRoutes)
#include "tst_accountroutes.moc"
