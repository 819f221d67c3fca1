#include "apiservice.h"
#include "httpclient.h"
#include "requests.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

const QString Lesson = u"/lessons/flask-jwt"_s;
const QString Api = Lesson + u"/api/v1"_s;

// tests/util.py of the tutorial.
const QByteArray Email = "new_user@email.com";
const QByteArray Password = "test1234";
const QByteArray AdminEmail = "admin@example.com"; // ApiDojo's seeded admin
const QByteArray AdminPassword = "admin123";
const QString BadRequest = u"Input payload validation failed"_s;
const QString Unauthorized = u"Unauthorized"_s;
const QString Forbidden = u"You are not an administrator"_s;
const QByteArray WwwAuthNoToken = R"(Bearer realm="registered_users@mydomain.com")";
const QByteArray WwwAuthForbidden = R"(Bearer realm="admin_users@mydomain.com", )"
                                    R"(error="insufficient_scope", )"
                                    R"(error_description="You are not an administrator")";
const QByteArray DefaultName = "some-widget";
const QByteArray DefaultUrl = "https://www.fakesite.com";

Headers bearer(const QByteArray &token)
{
    return {{"Authorization"_ba, "Bearer " + token}};
}

// The tutorial's requests send forms.
Headers formWith(const QByteArray &token = {})
{
    Headers headers{{"Content-Type"_ba, "application/x-www-form-urlencoded"_ba}};
    if (!token.isEmpty())
        headers.append({"Authorization"_ba, "Bearer " + token});
    return headers;
}

QByteArray date(const QDate &day, const QString &format)
{
    return QLocale::c().toString(day, format).toLatin1();
}

QDate today()
{
    return QDateTime::currentDateTimeUtc().date();
}

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

ServiceConfig ownServiceConfig()
{
    ServiceConfig config;
    config.jwtSecret = "a secret of thirty-two bytes....";
    return config;
}

// An API of its own on a clock the test moves (deadlines, token expiry), without sockets.
struct OwnApi
{
    QDateTime now = QDateTime(QDate(2026, 12, 7), QTime(10, 0), Qt::UTC); // a Monday
    ApiService service{ownServiceConfig(), [this] {
                           return now;
                       }};

    ApiResponse send(const QByteArray &method, const QString &path, const QByteArray &form = {},
                     const QByteArray &token = {})
    {
        return service.handle(makeRequest(method, Api + path, form, formWith(token)));
    }
    QByteArray login(const QByteArray &email, const QByteArray &password)
    {
        const ApiResponse response =
            send("POST", u"/auth/login"_s, "email=" + email + "&password=" + password);
        return jsonOf(response.body)[u"access_token"_s].toString().toLatin1();
    }
};

} // namespace

// Reference 002 (the Flask-RESTx JWT tutorial, parts 3-6) at /lessons/flask-jwt, over real
// sockets: every test of the tutorial's suite by its name and every request/response it shows,
// word for word, then ApiDojo's own rules (shared users, sandboxes, reset, switch-off, docs).
class TestLessonFlaskJwt : public QObject
{
    Q_OBJECT

private:
    HttpResult form(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const QByteArray &token = {})
    {
        return m_client->send(method, Api + path, body, formWith(token));
    }
    HttpResult registerUser(const QByteArray &email = Email, const QByteArray &password = Password)
    {
        return form("POST", u"/auth/register"_s, "email=" + email + "&password=" + password);
    }
    HttpResult loginUser(const QByteArray &email = Email, const QByteArray &password = Password)
    {
        return form("POST", u"/auth/login"_s, "email=" + email + "&password=" + password);
    }
    static QByteArray tokenOf(const HttpResult &result)
    {
        return result.json()[u"access_token"_s].toString().toLatin1();
    }
    QByteArray adminToken() { return tokenOf(loginUser(AdminEmail, AdminPassword)); }
    QByteArray userToken()
    {
        registerUser();
        return tokenOf(loginUser());
    }
    HttpResult getUser(const QByteArray &token)
    {
        return m_client->send("GET", Api + u"/auth/user"_s, {}, bearer(token));
    }
    HttpResult logoutUser(const QByteArray &token)
    {
        return m_client->send("POST", Api + u"/auth/logout"_s, {}, bearer(token));
    }
    // DEFAULT_DEADLINE is today; a day later cannot turn into the past during a test.
    HttpResult createWidget(const QByteArray &token, const QByteArray &name = DefaultName,
                            const QByteArray &url = DefaultUrl, QByteArray deadline = {})
    {
        if (deadline.isEmpty())
            deadline = date(today().addDays(1), u"MM/dd/yy"_s);
        return form("POST", u"/widgets"_s,
                    "name=" + name + "&info_url=" + url + "&deadline=" + deadline, token);
    }
    HttpResult retrieveWidgetList(const QByteArray &token, const QString &query = {})
    {
        return m_client->send("GET", Api + u"/widgets"_s + query, {}, bearer(token));
    }
    HttpResult retrieveWidget(const QByteArray &token, const QByteArray &name)
    {
        return m_client->send("GET", Api + u"/widgets/"_s + QString::fromLatin1(name), {},
                              bearer(token));
    }
    HttpResult updateWidget(const QByteArray &token, const QByteArray &name, const QByteArray &url,
                            const QByteArray &deadline)
    {
        return form("PUT", u"/widgets/"_s + QString::fromLatin1(name),
                    "info_url=" + url + "&deadline=" + deadline, token);
    }
    HttpResult deleteWidget(const QByteArray &token, const QByteArray &name)
    {
        return m_client->send("DELETE", Api + u"/widgets/"_s + QString::fromLatin1(name), {},
                              bearer(token));
    }

    static bool answers(const HttpResult &result, int status, const QJsonObject &body)
    {
        const bool ok = result.status == status && result.json() == body &&
                        result.header("Content-Type") == "application/json";
        if (!ok)
            qWarning("Expected %d %s, got %d %s", status,
                     QJsonDocument(body).toJson(QJsonDocument::Compact).constData(), result.status,
                     result.body.constData());
        return ok;
    }
    static QJsonObject status(const QString &outcome, const QString &message)
    {
        return {{u"status"_s, outcome}, {u"message"_s, message}};
    }
    static QJsonObject invalid(const QJsonObject &errors)
    {
        return {{u"message"_s, BadRequest}, {u"errors"_s, errors}};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client = std::make_unique<HttpClient>(m_server.baseUrl());
    }

    void init() { QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200); }

    // --- Part 3: test_auth_register.py ---

    void test_auth_register()
    {
        const HttpResult response = registerUser();
        QCOMPARE(response.status, 201);
        const QJsonObject body = response.json();
        QCOMPARE(body[u"status"_s].toString(), u"success"_s);
        QCOMPARE(body[u"message"_s].toString(), u"successfully registered"_s);
        QCOMPARE(body[u"token_type"_s].toString(), u"bearer"_s);
        QCOMPARE(body[u"expires_in"_s].toInt(), 3600); // the service's token lifetime
        QVERIFY(!tokenOf(response).isEmpty());
        QCOMPARE(response.header("Cache-Control"), "no-store"_ba);
        QCOMPARE(response.header("Pragma"), "no-cache"_ba);
        // The token is the user's and not an admin's.
        const QJsonObject user = getUser(tokenOf(response)).json();
        QCOMPARE(user[u"email"_s].toString(), QString::fromLatin1(Email));
        QCOMPARE(user[u"admin"_s].toBool(true), false);
    }

    void test_auth_register_email_already_registered()
    {
        QCOMPARE(registerUser().status, 201);
        const HttpResult response = registerUser();
        QVERIFY(answers(response, 409,
                        status(u"fail"_s, u"new_user@email.com is already registered"_s)));
        QVERIFY(response.header("Cache-Control").isEmpty());
        // Part A's seed is the same store.
        QVERIFY(answers(registerUser("john@example.com"), 409,
                        status(u"fail"_s, u"john@example.com is already registered"_s)));
    }

    // Also the httpie example: email="first last" password=123456.
    void test_auth_register_invalid_email()
    {
        QVERIFY(answers(registerUser("first last", "123456"), 400,
                        invalid({{u"email"_s, u"first last is not a valid email"_s}})));
    }

    void registerReadsJsonAndListsEveryMissingArgument()
    {
        const HttpResult json =
            m_client->sendJson("POST", Api + u"/auth/register"_s,
                               R"({"email": "json@email.com", "password": "test1234"})");
        QCOMPARE(json.status, 201);
        QCOMPARE(json.json()[u"message"_s].toString(), u"successfully registered"_s);
        const QString missing = u"Missing required parameter in the post body"_s;
        QVERIFY(answers(form("POST", u"/auth/register"_s), 400,
                        invalid({{u"email"_s, missing}, {u"password"_s, missing}})));
        QVERIFY(answers(m_client->sendJson("POST", Api + u"/auth/register"_s,
                                           R"({"email": null, "password": "x"})"),
                        400, invalid({{u"email"_s, u"Must not be null!"_s}})));
        QVERIFY(answers(registerUser("empty@email.com", ""), 400,
                        invalid({{u"password"_s, u"password must be 1 to 128 characters"_s}})));
    }

    // --- Part 4: test_auth_login.py, test_auth_user.py, test_auth_logout.py ---

    // Also the httpie example: 200 with the no-store headers.
    void test_login()
    {
        QCOMPARE(registerUser().status, 201);
        const HttpResult response = loginUser();
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json();
        QCOMPARE(body[u"status"_s].toString(), u"success"_s);
        QCOMPARE(body[u"message"_s].toString(), u"successfully logged in"_s);
        QCOMPARE(body[u"token_type"_s].toString(), u"bearer"_s);
        QCOMPARE(body[u"expires_in"_s].toInt(), 3600);
        QCOMPARE(response.header("Cache-Control"), "no-store"_ba);
        QCOMPARE(response.header("Pragma"), "no-cache"_ba);
        QCOMPARE(getUser(tokenOf(response)).json()[u"email"_s].toString(),
                 QString::fromLatin1(Email));
    }

    void test_login_email_does_not_exist()
    {
        const HttpResult response = loginUser();
        QVERIFY(answers(response, 401, status(u"fail"_s, u"email or password does not match"_s)));
        QCOMPARE(registerUser().status, 201);
        QVERIFY(answers(loginUser(Email, "wrong"), 401,
                        status(u"fail"_s, u"email or password does not match"_s)));
    }

    // Also the httpie example: admin, email, public_id, registered_on, token_expires_in.
    void test_auth_user()
    {
        QCOMPARE(registerUser().status, 201);
        const QByteArray token = tokenOf(loginUser());
        const HttpResult response = getUser(token);
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json();
        QCOMPARE(body.keys(), (QStringList{u"admin"_s, u"email"_s, u"public_id"_s,
                                           u"registered_on"_s, u"token_expires_in"_s}));
        QCOMPARE(body[u"email"_s].toString(), QString::fromLatin1(Email));
        QCOMPARE(body[u"admin"_s].toBool(true), false);
        QVERIFY(!QUuid::fromString(body[u"public_id"_s].toString()).isNull());
        QVERIFY(QRegularExpression(u"^\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d [AP]M UTC$"_s)
                    .match(body[u"registered_on"_s].toString())
                    .hasMatch());
        QVERIFY(QRegularExpression(u"^00:[0-5]\\d:\\d\\d$|^01:00:00$"_s)
                    .match(body[u"token_expires_in"_s].toString())
                    .hasMatch());
        // The same user, the same public_id; the admin flag is the role admin.
        QCOMPARE(getUser(tokenOf(loginUser())).json()[u"public_id"_s], body[u"public_id"_s]);
        QCOMPARE(getUser(adminToken()).json()[u"admin"_s].toBool(), true);
    }

    // Also the httpie example: GET /api/v1/auth/user without a token.
    void test_auth_user_no_token()
    {
        const HttpResult response = m_client->get(Api + u"/auth/user"_s);
        QVERIFY(answers(response, 401, {{u"message"_s, Unauthorized}}));
        QCOMPARE(response.header("WWW-Authenticate"), WwwAuthNoToken);
    }

    // The tutorial sleeps past its 5-second token; here the service's clock moves on.
    void test_auth_user_expired_token()
    {
        OwnApi api;
        QCOMPARE(api.send("POST", u"/auth/register"_s, "email=" + Email + "&password=" + Password)
                     .status,
                 201);
        const QByteArray token = api.login(Email, Password);
        api.now = api.now.addSecs(18);
        QCOMPARE(jsonOf(api.send("GET", u"/auth/user"_s, {}, token).body)[u"token_expires_in"_s],
                 u"00:59:42"_s);
        api.now = api.now.addSecs(3600);
        const ApiResponse response = api.send("GET", u"/auth/user"_s, {}, token);
        QCOMPARE(response.status, 401);
        const QString expired = u"Access token expired. Please log in again."_s;
        QCOMPARE(jsonOf(response.body), QJsonObject({{u"message"_s, expired}}));
        QCOMPARE(response.header("WWW-Authenticate"),
                 WwwAuthNoToken + R"(, error="invalid_token", error_description=")" +
                     expired.toLatin1() + '"');
    }

    void test_logout()
    {
        QCOMPARE(registerUser().status, 201);
        const QByteArray token = tokenOf(loginUser());
        QVERIFY(
            answers(logoutUser(token), 200, status(u"success"_s, u"successfully logged out"_s)));
    }

    void test_logout_token_blacklisted()
    {
        QCOMPARE(registerUser().status, 201);
        const QByteArray token = tokenOf(loginUser());
        const QByteArray other = tokenOf(loginUser());
        QCOMPARE(logoutUser(token).status, 200);
        const QString blacklisted = u"Token blacklisted. Please log in again."_s;
        const QByteArray challenge = WwwAuthNoToken +
                                     R"(, error="invalid_token", error_description=")" +
                                     blacklisted.toLatin1() + '"';
        HttpResult response = logoutUser(token);
        QVERIFY(answers(response, 401, {{u"message"_s, blacklisted}}));
        QCOMPARE(response.header("WWW-Authenticate"), challenge);
        // Refused everywhere; the user's other login goes on.
        response = getUser(token);
        QVERIFY(answers(response, 401, {{u"message"_s, blacklisted}}));
        QCOMPARE(getUser(other).status, 200);
    }

    void aModifiedOrBareTokenAsDecodeAccessTokenReadsIt()
    {
        const QByteArray token = userToken();
        QCOMPARE(
            m_client->send("GET", Api + u"/auth/user"_s, {}, {{"Authorization", token}}).status,
            200);
        const QByteArray forged =
            token.left(token.size() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        const HttpResult response = getUser(forged);
        const QString message = u"Invalid token. Please log in again."_s;
        QVERIFY(answers(response, 401, {{u"message"_s, message}}));
        QCOMPARE(response.header("WWW-Authenticate"),
                 WwwAuthNoToken + R"(, error="invalid_token", error_description=")" +
                     message.toLatin1() + '"');
    }

    // --- Part 5-6: test_create_widget.py ---

    void test_create_widget_valid_name_data()
    {
        QTest::addColumn<QByteArray>("name");
        for (const QByteArray &name : {"abc123"_ba, "widget-name"_ba, "new_widget1"_ba})
            QTest::newRow(name.constData()) << name;
    }
    void test_create_widget_valid_name()
    {
        QFETCH(QByteArray, name);
        const HttpResult response = createWidget(adminToken(), name);
        QVERIFY(answers(
            response, 201,
            status(u"success"_s, u"New widget added: %1."_s.arg(QString::fromLatin1(name)))));
        QCOMPARE(response.header("Location"),
                 m_server.baseUrl().toString(QUrl::StripTrailingSlash).toLatin1() + Api.toLatin1() +
                     "/widgets/" + name);
    }

    void test_create_widget_valid_deadline_data()
    {
        QTest::addColumn<QByteArray>("deadline");
        const QDate day = OwnApi().now.date();
        QTest::newRow("%m/%d/%Y") << date(day, u"MM/dd/yyyy"_s);
        QTest::newRow("%Y-%m-%d") << date(day, u"yyyy-MM-dd"_s);
        QTest::newRow("%b %d %Y, +3") << date(day.addDays(3), u"MMM dd yyyy"_s);
        QTest::newRow("%m/%d/%y") << date(day, u"MM/dd/yy"_s);
        QTest::newRow("RFC 822") << "Wed, 09 Dec 2026 15:05:06 -0700"_ba;
        QTest::newRow("ISO 8601") << "2026-12-09T15:05:06-07:00"_ba;
        QTest::newRow("May 13, 2027") << "May 13, 2027"_ba;
    }
    void test_create_widget_valid_deadline()
    {
        QFETCH(QByteArray, deadline);
        OwnApi api;
        const ApiResponse response =
            api.send("POST", u"/widgets"_s,
                     "name=" + DefaultName + "&info_url=" + DefaultUrl + "&deadline=" + deadline,
                     api.login(AdminEmail, AdminPassword));
        QCOMPARE(response.status, 201);
        QCOMPARE(jsonOf(response.body),
                 QJsonObject({{u"status"_s, u"success"_s},
                              {u"message"_s, u"New widget added: some-widget."_s}}));
    }

    void test_create_widget_invalid_deadline_data()
    {
        QTest::addColumn<QByteArray>("deadline");
        QTest::addColumn<QString>("message");
        const QString unparsed =
            u"Failed to parse '%1' as a valid date. You can use any format recognized by "
            "dateutil.parser. For example, all of the strings below are valid ways to represent "
            "the same date: '2018-5-13' -or- '05/13/2018' -or- 'May 13 2018'."_s;
        QTest::newRow("1/1/1970") << "1/1/1970"_ba
                                  << u"Successfully parsed 1/1/1970 as Jan 01 1970. However, this "
                                     "value must be a date in the future and Jan 01 1970 is BEFORE "
                                     "Dec 07 2026"_s;
        QTest::newRow("three days ago")
            << "2026-12-04"_ba
            << u"Successfully parsed 2026-12-04 as Dec 04 2026. However, this value must be a "
               "date in the future and Dec 04 2026 is BEFORE Dec 07 2026"_s;
        const QByteArray galaxy = "a long time ago, in a galaxy far, far away";
        QTest::newRow("galaxy") << galaxy << unparsed.arg(QString::fromLatin1(galaxy));
        QTest::newRow("February 30") << "02/30/2027"_ba << unparsed.arg(u"02/30/2027"_s);
    }
    void test_create_widget_invalid_deadline()
    {
        QFETCH(QByteArray, deadline);
        QFETCH(QString, message);
        OwnApi api;
        const ApiResponse response =
            api.send("POST", u"/widgets"_s,
                     "name=" + DefaultName + "&info_url=" + DefaultUrl + "&deadline=" + deadline,
                     api.login(AdminEmail, AdminPassword));
        QCOMPARE(response.status, 400);
        QCOMPARE(jsonOf(response.body), invalid({{u"deadline"_s, message}}));
    }

    void test_create_widget_already_exists()
    {
        const QByteArray token = adminToken();
        QCOMPARE(createWidget(token).status, 201);
        QVERIFY(answers(
            createWidget(token), 409,
            status(u"fail"_s, u"Widget name: some-widget already exists, must be unique."_s)));
        // Names are found whatever their case, as the tutorial's routes search them.
        QCOMPARE(createWidget(token, "SOME-widget").status, 409);
    }

    void test_create_widget_no_admin_token()
    {
        const HttpResult response = createWidget(userToken());
        QVERIFY(answers(response, 403, {{u"message"_s, Forbidden}}));
        QCOMPARE(response.header("WWW-Authenticate"), WwwAuthForbidden);
        // Without a token: the admins' realm.
        const HttpResult anonymous = createWidget({});
        QVERIFY(answers(anonymous, 401, {{u"message"_s, Unauthorized}}));
        QCOMPARE(anonymous.header("WWW-Authenticate"),
                 R"(Bearer realm="admin_users@mydomain.com")"_ba);
    }

    // The part 5 shell examples of widget_name, and the other reqparse types.
    void createWidgetValidationErrors()
    {
        const QByteArray token = adminToken();
        QCOMPARE(createWidget(token, "test_1-AZ").status, 201);
        const auto badName = [](const QString &name) {
            return u"'%1' contains one or more invalid characters. Widget name must contain only "
                   "letters, numbers, hyphen and underscore characters."_s.arg(name);
        };
        QVERIFY(answers(createWidget(token, "some%20widget"), 400,
                        invalid({{u"name"_s, badName(u"some widget"_s)}})));
        QVERIFY(answers(createWidget(token, "t**%26*%26"), 400,
                        invalid({{u"name"_s, badName(u"t**&*&"_s)}})));
        QVERIFY(answers(createWidget(token, "ok", "www.fakesite.com"), 400,
                        invalid({{u"info_url"_s, u"www.fakesite.com is not a valid URL. Did you "
                                                 "mean: http://www.fakesite.com"_s}})));
        QVERIFY(answers(createWidget(token, "ok", "ftp://www.fakesite.com"), 400,
                        invalid({{u"info_url"_s, u"ftp://www.fakesite.com is not a valid URL. "
                                                 "Protocol is not allowed"_s}})));
        // Every failing argument at once, before the token is looked at (the parser comes first).
        const QString missing = u"Missing required parameter in the post body"_s;
        QVERIFY(answers(form("POST", u"/widgets"_s, "name=a%20b"), 400,
                        invalid({{u"name"_s, badName(u"a b"_s)},
                                 {u"info_url"_s, missing},
                                 {u"deadline"_s, missing}})));
        // JSON works as well as a form.
        const HttpResult json = m_client->sendJson(
            "POST", Api + u"/widgets"_s,
            R"({"name": "json-widget", "info_url": "http://www.json.org", "deadline": ")" +
                date(today().addDays(2), u"yyyy-MM-dd"_s) + "\"}",
            token);
        QCOMPARE(json.status, 201);
    }

    // --- test_retrieve_widget_list.py, and the pagination example ---

    void test_retrieve_paginated_widget_list()
    {
        const QByteArray names[] = {"widget1",   "second_widget",     "widget-thrice",
                                    "tetraWIDG", "PENTA-widg-GON-et", "hexa_widget",
                                    "sep7"};
        const QByteArray urls[] = {"http://www.one.com",    "https://www.two.net",
                                   "https://www.three.edu", "http://www.four.dev",
                                   "http://www.five.io",    "https://www.six.tech",
                                   "https://www.seven.dot"};
        const int days[] = {1, 3, 5, 10, 17, 23, 78};
        QByteArrayList deadlines;
        const QByteArray token = adminToken();
        for (int i = 0; i < 7; ++i) {
            deadlines.append(date(today().addDays(days[i]), u"MM/dd/yy"_s));
            QCOMPARE(createWidget(token, names[i], urls[i], deadlines[i]).status, 201);
        }
        const auto verifyPage = [&](const QJsonObject &body, bool hasPrev, bool hasNext, int page,
                                    int totalPages, int perPage, int first, int count) {
            QCOMPARE(body[u"has_prev"_s].toBool(), hasPrev);
            QCOMPARE(body[u"has_next"_s].toBool(), hasNext);
            QCOMPARE(body[u"page"_s].toInt(), page);
            QCOMPARE(body[u"total_pages"_s].toInt(), totalPages);
            QCOMPARE(body[u"items_per_page"_s].toInt(), perPage);
            QCOMPARE(body[u"total_items"_s].toInt(), 7);
            const QJsonArray items = body[u"items"_s].toArray();
            QCOMPARE(items.size(), count);
            for (int i = 0; i < count; ++i) {
                const QJsonObject item = items[i].toObject();
                QCOMPARE(item[u"name"_s].toString(), QString::fromLatin1(names[first + i]));
                QCOMPARE(item[u"info_url"_s].toString(), QString::fromLatin1(urls[first + i]));
                QVERIFY(item[u"deadline"_s].toString().contains(
                    QString::fromLatin1(deadlines[first + i])));
                QCOMPARE(item[u"owner"_s][u"email"_s].toString(), QString::fromLatin1(AdminEmail));
            }
        };
        HttpResult response = retrieveWidgetList(token, u"?page=1&per_page=5"_s);
        QCOMPARE(response.status, 200);
        verifyPage(response.json(), false, true, 1, 2, 5, 0, 5);
        response = retrieveWidgetList(token, u"?page=2&per_page=5"_s);
        QCOMPARE(response.status, 200);
        verifyPage(response.json(), true, false, 2, 2, 5, 5, 2);
        // The pagination_model JSON example: page=2, per_page=5, total=7.
        const QString list = Api + u"/widgets?page=%1&per_page=5"_s;
        QCOMPARE(response.json()[u"links"_s].toObject(), QJsonObject({{u"self"_s, list.arg(2)},
                                                                      {u"first"_s, list.arg(1)},
                                                                      {u"prev"_s, list.arg(1)},
                                                                      {u"last"_s, list.arg(2)}}));
        QCOMPARE(response.header("Link"),
                 QString(u"<%1>; rel=\"self\", <%2>; rel=\"first\", <%2>; rel=\"prev\", "
                         "<%1>; rel=\"last\""_s)
                     .arg(list.arg(2), list.arg(1))
                     .toLatin1());
        QCOMPARE(response.header("Total-Count"), "7"_ba);
        response = retrieveWidgetList(token, u"?page=1&per_page=10"_s);
        QCOMPARE(response.status, 200);
        verifyPage(response.json(), false, false, 1, 1, 10, 0, 7);
        response = retrieveWidgetList(token);
        QCOMPARE(response.status, 200);
        verifyPage(response.json(), false, false, 1, 1, 10, 0, 7);
    }

    void paginationEdgeCases()
    {
        const QByteArray token = userToken();
        // No widgets at all: no pages, but "last" is the first page (never page=0).
        HttpResult response = retrieveWidgetList(token);
        QCOMPARE(response.status, 200);
        const QString first = Api + u"/widgets?page=1&per_page=10"_s;
        QCOMPARE(response.json(),
                 QJsonObject(
                     {{u"links"_s,
                       QJsonObject({{u"self"_s, first}, {u"first"_s, first}, {u"last"_s, first}})},
                      {u"has_prev"_s, false},
                      {u"has_next"_s, false},
                      {u"page"_s, 1},
                      {u"total_pages"_s, 0},
                      {u"items_per_page"_s, 10},
                      {u"total_items"_s, 0},
                      {u"items"_s, QJsonArray()}}));
        QCOMPARE(response.header("Total-Count"), "0"_ba);
        // Past the last page: error_out=False, an empty page.
        QCOMPARE(createWidget(adminToken()).status, 201);
        response = retrieveWidgetList(token, u"?page=3&per_page=5"_s);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json()[u"items"_s].toArray().size(), 0);
        QCOMPARE(response.json()[u"has_prev"_s].toBool(), true);
        QCOMPARE(response.json()[u"links"_s][u"prev"_s].toString(),
                 Api + u"/widgets?page=2&per_page=5"_s);
        response = retrieveWidgetList(token, u"?page=9223372036854775807&per_page=100"_s);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json()[u"items"_s].toArray().size(), 0);
        // pagination_reqparser: positive, and per_page one of its choices.
        QVERIFY(answers(
            retrieveWidgetList(token, u"?page=0&per_page=7"_s), 400,
            invalid({{u"page"_s, u"Invalid page: 0. page must be a positive integer"_s},
                     {u"per_page"_s, u"The value '7' is not a valid choice for 'per_page'."_s}})));
        QVERIFY(
            answers(retrieveWidgetList(token, u"?page=abc&per_page=-5"_s), 400,
                    invalid({{u"page"_s, u"abc is not a valid integer"_s},
                             {u"per_page"_s,
                              u"Invalid per_page: -5. per_page must be a positive integer"_s}})));
        QVERIFY(answers(m_client->get(Api + u"/widgets?page=1"_s), 401,
                        {{u"message"_s, Unauthorized}}));
    }

    // --- test_retrieve_widget.py ---

    void test_retrieve_widget_non_admin_user()
    {
        QCOMPARE(createWidget(adminToken()).status, 201);
        const HttpResult response = retrieveWidget(userToken(), DefaultName);
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json();
        QCOMPARE(body[u"name"_s].toString(), QString::fromLatin1(DefaultName));
        QCOMPARE(body[u"info_url"_s].toString(), QString::fromLatin1(DefaultUrl));
        QVERIFY(body[u"deadline"_s].toString().startsWith(
            QString::fromLatin1(date(today().addDays(1), u"MM/dd/yy"_s))));
        QCOMPARE(body[u"owner"_s][u"email"_s].toString(), QString::fromLatin1(AdminEmail));
        QCOMPARE(body[u"owner"_s][u"public_id"_s], getUser(adminToken()).json()[u"public_id"_s]);
        QCOMPARE(body[u"link"_s].toString(), Api + u"/widgets/some-widget"_s);
        QCOMPARE(body[u"deadline_passed"_s].toBool(true), false);
    }

    void test_retrieve_widget_does_not_exist()
    {
        QVERIFY(answers(retrieveWidget(userToken(), DefaultName), 404,
                        {{u"message"_s, u"some-widget not found in database."_s}}));
    }

    // The model of part 6 on a known clock: the formats, deadline_passed and time_remaining.
    void widgetModelOnTheServicesClock()
    {
        OwnApi api;
        const QByteArray token = api.login(AdminEmail, AdminPassword);
        QCOMPARE(api.send("POST", u"/widgets"_s,
                          "name=foo&info_url=https://www.foo.bar&deadline=12/09/26", token)
                     .status,
                 201);
        const QJsonObject owner = jsonOf(api.send("GET", u"/auth/user"_s, {}, token).body);
        QJsonObject expected{{u"name"_s, u"foo"_s},
                             {u"info_url"_s, u"https://www.foo.bar"_s},
                             {u"created_at"_s, u"12/07/26 10:00:00 AM UTC"_s},
                             {u"created_at_iso8601"_s, u"2026-12-07T10:00:00"_s},
                             {u"created_at_rfc822"_s, u"Mon, 07 Dec 2026 10:00:00 -0000"_s},
                             {u"deadline"_s, u"12/09/26 11:59:59 PM UTC"_s},
                             {u"deadline_passed"_s, false},
                             {u"time_remaining"_s, u"2 days 13 hours 59 minutes 59 seconds"_s},
                             {u"owner"_s, QJsonObject{{u"email"_s, owner[u"email"_s]},
                                                      {u"public_id"_s, owner[u"public_id"_s]}}},
                             {u"link"_s, QString(Api + u"/widgets/foo"_s)}};
        QCOMPARE(jsonOf(api.send("GET", u"/widgets/foo"_s, {}, token).body), expected);
        // Tokens last an hour: a new login at each later time.
        api.now = QDateTime(QDate(2026, 12, 9), QTime(7, 18, 19), Qt::UTC);
        const QByteArray later = api.login(AdminEmail, AdminPassword);
        QCOMPARE(jsonOf(api.send("GET", u"/widgets/foo"_s, {}, later).body)[u"time_remaining"_s],
                 u"16 hours 41 minutes 40 seconds"_s);
        api.now = QDateTime(QDate(2026, 12, 10), QTime(0, 0), Qt::UTC);
        expected[u"deadline_passed"_s] = true;
        expected[u"time_remaining"_s] = u"No time remaining"_s;
        QCOMPARE(
            jsonOf(
                api.send("GET", u"/widgets/foo"_s, {}, api.login(AdminEmail, AdminPassword)).body),
            expected);
    }

    // --- test_update_widget.py ---

    void test_update_widget()
    {
        const QByteArray token = adminToken();
        QCOMPARE(createWidget(token).status, 201);
        const QByteArray updatedUrl = "https://www.newurl.com";
        const QByteArray updatedDeadline = date(today().addDays(5), u"MM/dd/yy"_s);
        QVERIFY(answers(updateWidget(token, DefaultName, updatedUrl, updatedDeadline), 200,
                        status(u"success"_s, u"'some-widget' was successfully updated"_s)));
        const QJsonObject body = retrieveWidget(token, DefaultName).json();
        QCOMPARE(body[u"name"_s].toString(), QString::fromLatin1(DefaultName));
        QCOMPARE(body[u"info_url"_s].toString(), QString::fromLatin1(updatedUrl));
        QVERIFY(body[u"deadline"_s].toString().contains(QString::fromLatin1(updatedDeadline)));
        QCOMPARE(body[u"owner"_s][u"email"_s].toString(), QString::fromLatin1(AdminEmail));
    }

    // PUT of a name without a widget creates it (lower case), as update_widget does.
    void updateCreatesAMissingWidget()
    {
        const QByteArray token = adminToken();
        const QByteArray deadline = date(today().addDays(2), u"MM/dd/yy"_s);
        const HttpResult created = updateWidget(token, "New-Widget", DefaultUrl, deadline);
        QVERIFY(answers(created, 201, status(u"success"_s, u"New widget added: new-widget."_s)));
        QVERIFY(created.header("Location")
                    .endsWith(QByteArray(Api.toLatin1() + "/widgets/new-widget")));
        QCOMPARE(retrieveWidget(token, "NEW-WIDGET").json()[u"name"_s].toString(), u"new-widget"_s);
        QVERIFY(answers(updateWidget(token, "bad%20name", DefaultUrl, deadline), 400,
                        status(u"fail"_s,
                               u"'bad name' contains one or more invalid characters. Widget name "
                               "must contain only letters, numbers, hyphen and underscore "
                               "characters."_s)));
        QVERIFY(answers(updateWidget(token, "new-widget", "nope", deadline), 400,
                        invalid({{u"info_url"_s, u"nope is not a valid URL"_s}})));
        const HttpResult notAdmin = updateWidget(userToken(), "new-widget", DefaultUrl, deadline);
        QVERIFY(answers(notAdmin, 403, {{u"message"_s, Forbidden}}));
        QCOMPARE(notAdmin.header("WWW-Authenticate"), WwwAuthForbidden);
    }

    // --- test_delete_widget.py ---

    void test_delete_widget()
    {
        const QByteArray token = adminToken();
        QCOMPARE(createWidget(token).status, 201);
        const HttpResult response = deleteWidget(token, DefaultName);
        QCOMPARE(response.status, 204);
        QVERIFY(response.body.isEmpty());
        QCOMPARE(retrieveWidget(token, DefaultName).status, 404);
        QVERIFY(answers(deleteWidget(token, DefaultName), 404,
                        {{u"message"_s, u"some-widget not found in database."_s}}));
    }

    void test_delete_widget_no_admin_token()
    {
        QCOMPARE(createWidget(adminToken()).status, 201);
        const HttpResult response = deleteWidget(userToken(), DefaultName);
        QVERIFY(answers(response, 403, {{u"message"_s, Forbidden}}));
        QCOMPARE(response.header("WWW-Authenticate"), WwwAuthForbidden);
        QCOMPARE(retrieveWidget(adminToken(), DefaultName).status, 200);
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

    void resetRestoresTheWidgets()
    {
        const QByteArray token = adminToken();
        QCOMPARE(createWidget(token).status, 201);
        QCOMPARE(retrieveWidgetList(token).json()[u"total_items"_s].toInt(), 1);
        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
        QCOMPARE(retrieveWidgetList(adminToken()).json()[u"total_items"_s].toInt(), 0);
    }

    void unknownPathsAndMethods()
    {
        QCOMPARE(m_client->get(Api + u"/nothing-here"_s).status, 404);
        QCOMPARE(m_client->send("DELETE", Api + u"/widgets"_s).status, 405);
        QCOMPARE(m_client->get(Api + u"/auth/login"_s).status, 405);
        QCOMPARE(m_client->send("PATCH", Api + u"/widgets/some-widget"_s).status, 405);
    }

    void theSwaggerJsonAndUiAnswer()
    {
        for (const QString &base : {QString(), u"/s/alice"_s}) {
            const HttpResult specs = m_client->get(base + Api + u"/swagger.json"_s);
            QCOMPARE(specs.status, 200);
            QCOMPARE(specs.header("Content-Type"), "application/json"_ba);
            QCOMPARE(specs.json()[u"servers"_s][0][u"url"_s].toString(), base + Lesson);
            QVERIFY(specs.json()[u"paths"_s].toObject().contains(u"/api/v1/widgets/{name}"_s));
            const HttpResult ui = m_client->get(base + Api + u"/ui"_s);
            QCOMPARE(ui.status, 200);
            QVERIFY(ui.header("Content-Type").startsWith("text/html"));
        }
    }

    void theLessonWorksInASandbox()
    {
        const QString sandbox = u"/s/alice"_s + Api;
        HttpClient &client = *m_client;
        const HttpResult registered =
            client.send("POST", sandbox + u"/auth/register"_s,
                        "email=sandy@email.com&password=test1234", formWith());
        QCOMPARE(registered.status, 201);
        QCOMPARE(
            client.send("GET", sandbox + u"/auth/user"_s, {}, bearer(tokenOf(registered))).status,
            200);
        // Its tokens are its own.
        QCOMPARE(getUser(tokenOf(registered)).status, 401);
        const QByteArray admin =
            tokenOf(client.send("POST", sandbox + u"/auth/login"_s,
                                "email=admin@example.com&password=admin123", formWith()));
        const HttpResult created = client.send("POST", sandbox + u"/widgets"_s,
                                               "name=boxed&info_url=https://www.box.com&deadline=" +
                                                   date(today().addDays(1), u"yyyy-MM-dd"_s),
                                               formWith(admin));
        QCOMPARE(created.status, 201);
        QVERIFY(
            created.header("Location").endsWith(QByteArray(sandbox.toLatin1() + "/widgets/boxed")));
        const QJsonObject list =
            client.send("GET", sandbox + u"/widgets"_s, {}, bearer(admin)).json();
        QCOMPARE(list[u"items"_s][0][u"link"_s].toString(), sandbox + u"/widgets/boxed"_s);
        QCOMPARE(list[u"links"_s][u"self"_s].toString(),
                 sandbox + u"/widgets?page=1&per_page=10"_s);
        // The shared API's widgets are not the sandbox's.
        QCOMPARE(retrieveWidget(adminToken(), "boxed").status, 404);
    }

    // A sandbox's products limit holds for the widgets too, in the lesson's own shape.
    void aSandboxsLimitCoversTheWidgets()
    {
        SandboxLimits limits;
        limits.records.maxProducts = 1;
        m_server.host().setSandboxLimits(limits);
        QSignalSpy watching(&m_server.host(), &ServerHost::watching);
        m_server.host().watch(QString()); // a round trip: the limits are in effect after it
        QVERIFY(watching.wait(5000));

        const QString sandbox = u"/s/limited"_s + Api;
        const QByteArray admin =
            tokenOf(m_client->send("POST", sandbox + u"/auth/login"_s,
                                   "email=admin@example.com&password=admin123", formWith()));
        const auto add = [&](const QByteArray &name) {
            return m_client->send("POST", sandbox + u"/widgets"_s,
                                  "name=" + name + "&info_url=https://www.a.com&deadline=" +
                                      date(today().addDays(1), u"yyyy-MM-dd"_s),
                                  formWith(admin));
        };
        QCOMPARE(add("one").status, 201);
        QVERIFY(answers(add("two"), 409,
                        status(u"fail"_s,
                               u"This sandbox already holds 1 widgets, its limit. Delete some, or "
                               "POST /reset to start again from the seeded data."_s)));
        // The shared API has no limit.
        const QByteArray token = adminToken();
        QCOMPARE(createWidget(token, "one").status, 201);
        QCOMPARE(createWidget(token, "two").status, 201);
        m_server.host().setSandboxLimits(SandboxLimits());
    }

    // The window's view of the list: its widgets in order, name first.
    void theListForTheWindow()
    {
        OwnApi api;
        const auto lesson =
            std::find_if(api.service.lessons().cbegin(), api.service.lessons().cend(),
                         [](const auto &each) { return each->name() == u"flask-jwt"_s; });
        QVERIFY(lesson != api.service.lessons().cend());
        QCOMPARE((*lesson)->title(), u"Flask-RESTx JWT tutorial (reference 002)"_s);
        LessonList list = (*lesson)->list();
        QCOMPARE(list.title, u"Widgets"_s);
        QCOMPARE(list.columns, (QStringList{u"name"_s, u"info_url"_s, u"deadline"_s,
                                            u"deadline_passed"_s, u"owner"_s}));
        QVERIFY(list.records.isEmpty());
        QCOMPARE(api.send("POST", u"/widgets"_s, "name=w&info_url=http://w.io&deadline=2026-12-08",
                          api.login(AdminEmail, AdminPassword))
                     .status,
                 201);
        list = (*lesson)->list();
        QCOMPARE(list.records.size(), 1);
        QCOMPARE(list.records.first().toObject(),
                 QJsonObject({{u"name"_s, u"w"_s},
                              {u"info_url"_s, u"http://w.io"_s},
                              {u"deadline"_s, u"12/08/26 11:59:59 PM UTC"_s},
                              {u"deadline_passed"_s, false},
                              {u"owner"_s, u"admin@example.com"_s}}));
    }

    void aSwitchedOffLessonAnswers404()
    {
        OwnApi api;
        const QByteArray token = api.login(AdminEmail, AdminPassword);
        QCOMPARE(api.send("GET", u"/widgets"_s, {}, token).status, 200);
        api.service.setLessonEnabled(u"flask-jwt"_s, false);
        QCOMPARE(api.send("GET", u"/widgets"_s, {}, token).status, 404);
        api.service.setLessonEnabled(u"flask-jwt"_s, true);
        QCOMPARE(api.send("GET", u"/widgets"_s, {}, token).status, 200);
    }

private:
    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
};

QTEST_GUILESS_MAIN(TestLessonFlaskJwt)
#include "tst_lesson_flaskjwt.moc"
