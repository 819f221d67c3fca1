#include "apiservice.h"
#include "controlapi.h"
#include "docsroutes.h"
#include "exchange.h"
#include "faultinjector.h"
#include "faultplanjson.h"
#include "faultresponses.h"
#include "requests.h"
#include "sandboxes/classprotection.h"
#include "sandboxes/sandboxaddress.h"
#include "sandboxes/sandboxregistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr QByteArrayView TestKey = "openapi-test-control-key";

struct Operation
{
    QString path;
    QByteArray method; // upper case
    QJsonObject object;

    // "GET /users/{id}", as Router::routeNames() writes a route.
    QString name() const { return QString::fromLatin1(method) + u' ' + path; }
};

// Who sends the request of an example check, and with which token (always one of the admin's,
// or John's for User).
enum class Caller {
    Admin,
    User,
    None,
    Invalid,
    Expired,        // an access token, two hours after the login
    Revoked,        // an access token after POST /logout
    NotFresh,       // an access token from POST /refresh
    Refresh,        // a refresh token
    RefreshExpired, // a refresh token, eight days after the login
    RefreshRevoked, // a refresh token after POST /logout
};

// The request that should get an example as its answer.
struct ExampleRequest
{
    QString param; // for the path's {placeholder}; ResetTokenParam: a live password-reset token
    QString query;
    QByteArray body;
    Caller caller;
    bool requirePasswords = false; // the trainer's setting for POST /login
};

const QString ResetTokenParam = u"<reset token>"_s;

// Error examples that checkErrorExamples and controlExamplesAreWhatTheApiAnswers leave to
// others: the server refuses INVALID_SANDBOX and SANDBOX_LIMIT before any route (tst_docs sends
// them over HTTP), CLASS_API_PROTECTED and SANDBOX_FULL have tests of their own here.
const QStringList ExamplesCheckedElsewhere{u"INVALID_SANDBOX"_s, u"SANDBOX_LIMIT"_s,
                                           u"CLASS_API_PROTECTED"_s, u"SANDBOX_FULL"_s};

// The class the control examples show: alice joined at 09:00 and registered a user, bob joined
// at 09:12. Requests are counted by the server as it answers them; here by hand, as it would.
void prepareClass(SandboxRegistry &registry, QDateTime &now)
{
    const QHostAddress student(u"192.168.1.23"_s);
    now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
    ApiService *alice = std::get<ApiService *>(registry.acquire(u"alice"_s));
    registry.recordRequest(u"alice"_s, student, 200);
    now = now.addSecs(4 * 60);
    // The server shows each exchange to its instance's challenges: registering is one.
    Exchange registered;
    registered.startedAt = now;
    registered.request = makeRequest("POST", u"/register"_s,
                                     R"({"name": "Jane Smith", "email": "jane@example.com", )"
                                     R"("password": "s3cret-pass"})"_ba);
    registered.request.sandbox = u"alice"_s;
    registered.response = alice->handle(registered.request);
    alice->challenges().observe(registered);
    registry.recordRequest(u"alice"_s, student, 201);
    now = now.addSecs(90);
    registry.recordRequest(u"alice"_s, student, 200);
    now = QDateTime(QDate(2026, 3, 2), QTime(9, 12), Qt::UTC);
    registry.acquire(u"bob"_s);
    registry.recordRequest(u"bob"_s, QHostAddress(u"192.168.1.42"_s), 200);
}

// One member of a schema, found by walking it from the FaultPlan down: its place in a plan
// ("rules", "[]", "action", "status") and its schema with references resolved.
struct SchemaMember
{
    QStringList path;
    QJsonObject schema;
};

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray compactBody(const ApiResponse &response)
{
    return compact(jsonBody(response));
}

// A request that prepares an example check; its failure is named, as the check then fails too.
QJsonObject prepare(ApiService &service, const QByteArray &method, const QString &path,
                    const QByteArray &body = {}, const HttpHeaders &headers = {})
{
    const ApiResponse answer = service.handle(makeRequest(method, path, body, headers));
    if (answer.status / 100 != 2)
        qWarning("Preparing the check: %s %s answered %d", method.constData(), qPrintable(path),
                 answer.status);
    return jsonBody(answer)[u"data"_s].toObject();
}

HttpHeaders bearer(const QJsonValue &token)
{
    return {{"Authorization"_ba, "Bearer " + token.toString().toLatin1()}};
}

// The Authorization header of `caller`; moves `now` on for the expired ones.
HttpHeaders authorization(ApiService &service, Caller caller, QDateTime &now)
{
    if (caller == Caller::None)
        return {};
    if (caller == Caller::Invalid)
        return bearer(u"not-a-token"_s);
    const QString email = caller == Caller::User ? u"john@example.com"_s : u"admin@example.com"_s;
    const QJsonObject login = prepare(service, "POST", u"/login"_s, compact({{u"email"_s, email}}));
    const QJsonValue access = login[u"token"_s];
    const QJsonValue refresh = login[u"refresh_token"_s];
    switch (caller) {
    case Caller::Admin:
    case Caller::User:
        return bearer(access);
    case Caller::Expired:
        now = now.addSecs(2 * 3600);
        return bearer(access);
    case Caller::Revoked:
        prepare(service, "POST", u"/logout"_s, {}, bearer(access));
        return bearer(access);
    case Caller::NotFresh:
        return bearer(prepare(service, "POST", u"/refresh"_s, {}, bearer(refresh))[u"token"_s]);
    case Caller::Refresh:
        return bearer(refresh);
    case Caller::RefreshExpired:
        now = now.addDays(8);
        return bearer(refresh);
    case Caller::RefreshRevoked:
        prepare(service, "POST", u"/logout"_s, {}, bearer(access));
        return bearer(refresh);
    case Caller::None:
    case Caller::Invalid:
        break;
    }
    Q_UNREACHABLE();
}

// The token of a password-reset email just sent to John.
QString liveResetToken(ApiService &service)
{
    prepare(service, "POST", u"/password-reset"_s, R"({"email": "john@example.com"})"_ba);
    const QJsonArray emails = prepare(service, "GET", u"/outbox"_s)[u"emails"_s].toArray();
    return emails.last()[u"token"_s].toString();
}

// A plan holding `value` at `path`, e.g. {"rules": [{"action": {"status": value}}]}.
QJsonObject planWith(const QStringList &path, const QJsonValue &value)
{
    QJsonValue nested = value;
    for (qsizetype i = path.size() - 1; i >= 0; --i) {
        if (path[i] == u"[]")
            nested = QJsonArray{nested};
        else
            nested = QJsonObject{{path[i], nested}};
    }
    return nested.toObject();
}

QJsonValue valueAt(QJsonValue value, const QStringList &path)
{
    for (const QString &key : path)
        value = key == u"[]" ? value.toArray().at(0) : value.toObject().value(key);
    return value;
}

QString dotted(const QStringList &path)
{
    return path.isEmpty() ? u"(plan)"_s : path.join(u'.').replace(u".[]"_s, u"[]"_s);
}

} // namespace

// The shipped OpenAPI document and the routers must describe the same API.
class TestOpenApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QFile file(QStringLiteral(APIDOJO_OPENAPI_PATH));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        m_document = QJsonDocument::fromJson(file.readAll(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
    }

    void versionMatchesTheBuild()
    {
        QCOMPARE(m_document[u"openapi"_s].toString().left(2), u"3."_s);
        QCOMPARE(m_document[u"info"_s][u"version"_s].toString(), QStringLiteral(APIDOJO_VERSION));
    }

    // The routers of the API and of the control API serve exactly the operations of the
    // document, both ways; every difference is named.
    void routesAndDocumentAgree()
    {
        SandboxRegistry registry{ServiceConfig{}};
        ApiService &service = registry.shared();
        FaultInjector faults;
        ControlApi control(registry, faults);
        QStringList routes = service.router().routeNames() + control.router().routeNames();
        // The lesson APIs have documents of their own (lessonRoutesAndDocumentsAgree).
        routes.removeIf([](const QString &route) { return route.contains(u" /lessons/"_s); });
        QStringList documented;
        for (const Operation &op : operations())
            documented.append(op.name());

        QStringList problems;
        for (const QString &route : routes) {
            if (routes.count(route) > 1)
                problems.append(u"routed more than once: "_s + route);
            if (!documented.contains(route))
                problems.append(u"routed but not in the document: "_s + route);
        }
        for (const QString &operation : documented) {
            if (!routes.contains(operation))
                problems.append(u"in the document but not routed: "_s + operation);
        }
        problems.removeDuplicates();
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n    "_s + problems.join(u"\n    "_s)));
    }

    // Each lesson API's own document (paths relative to its prefix) lists exactly its routes,
    // and is served at its prefix with the prefix as its server, in a sandbox too.
    void lessonRoutesAndDocumentsAgree()
    {
        SandboxRegistry registry{ServiceConfig{}};
        ApiService &service = registry.shared();
        const QStringList routes = service.router().routeNames();
        QStringList problems;
        for (const auto &lesson : service.lessons()) {
            const QString prefix = lesson->prefix();
            QFile file(lesson->openApiResource());
            if (!file.open(QIODevice::ReadOnly)) {
                problems.append(u"no document: "_s + file.fileName());
                continue;
            }
            const QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
            QStringList documented;
            for (const Operation &op : operationsOf(document))
                documented.append(QString::fromLatin1(op.method) + u' ' + prefix + op.path);
            QStringList routed;
            for (const QString &route : routes) {
                const QString path = route.section(u' ', 1);
                if (path.startsWith(prefix + u'/'))
                    routed.append(route);
            }
            for (const QString &route : std::as_const(routed)) {
                if (!documented.contains(route))
                    problems.append(u"routed but not in %1: %2"_s.arg(file.fileName(), route));
            }
            for (const QString &operation : std::as_const(documented)) {
                if (!routed.contains(operation))
                    problems.append(u"in %1 but not routed: %2"_s.arg(file.fileName(), operation));
            }

            for (const QString &basePath : {QString(), u"/s/alice"_s}) {
                ApiService &instance = basePath.isEmpty()
                                           ? service
                                           : *std::get<ApiService *>(registry.acquire(u"alice"_s));
                const ApiResponse served =
                    instance.handle(makeRequest("GET", prefix + u"/openapi.json"_s));
                const QJsonArray servers =
                    QJsonDocument::fromJson(served.body).object()[u"servers"_s].toArray();
                if (served.status != 200 || servers.size() != 1 ||
                    servers[0][u"url"_s].toString() != basePath + prefix) {
                    problems.append(u"served %1 in \"%2\": status %3, servers %4"_s.arg(
                        prefix, basePath, QString::number(served.status),
                        QString::fromUtf8(QJsonDocument(servers).toJson(QJsonDocument::Compact))));
                }
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n    "_s + problems.join(u"\n    "_s)));
    }

    // The document the docs routes serve is this file, byte for byte: the resources of the
    // static core library are registered in the programs that link it.
    void servedDocumentIsTheFile()
    {
        Router router;
        addDocsRoutes(router);
        const ApiResponse served = router.route(makeRequest("GET", u"/openapi.json"_s));
        QCOMPARE(served.status, 200);
        QCOMPARE(served.header("Content-Type"), "application/json"_ba);
        QFile file(QStringLiteral(APIDOJO_OPENAPI_PATH));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QCOMPARE(served.body.size(), written.size());
        QVERIFY(served.body == written);
    }

    // GET /docs and GET /docs/{file} serve the media types the document gives them, for exactly
    // the files its parameter lists; any other file is an unknown path.
    void docsFilesAreTheDocumentedOnes()
    {
        Router router;
        addDocsRoutes(router);
        const QJsonObject paths = m_document[u"paths"_s].toObject();
        const QJsonArray files =
            paths[u"/docs/{file}"_s][u"parameters"_s][0][u"schema"_s][u"enum"_s].toArray();
        QVERIFY(!files.isEmpty());
        QStringList targets{u"/docs"_s};
        for (const QJsonValue &file : files)
            targets.append(u"/docs/"_s + file.toString());

        for (const QString &target : targets) {
            const ApiResponse served = router.route(makeRequest("GET", target));
            QVERIFY2(served.status == 200, qPrintable(target));
            QVERIFY2(served.body.size() > 40, qPrintable(target));
            const QString path = target == u"/docs" ? target : u"/docs/{file}"_s;
            const QJsonObject types =
                paths[path][u"get"_s][u"responses"_s][u"200"_s][u"content"_s].toObject();
            const QString type =
                QString::fromLatin1(served.header("Content-Type")).section(u';', 0, 0);
            QVERIFY2(types.contains(type), qPrintable(target + u": "_s + type));
        }

        const ApiResponse unknown = router.route(makeRequest("GET", u"/docs/nope.js"_s));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(compactBody(unknown),
                 compact({{u"status"_s, u"error"_s},
                          {u"error_code"_s, u"NOT_FOUND"_s},
                          {u"message"_s, u"Endpoint not found: /docs/nope.js"_s}}));
    }

    // Every operation documents its 401 if it needs a token, and the answers every route can
    // give: 413 for a body over 1 MiB (the server refuses it from the head, whatever the route)
    // and 405 for another method on its path.
    void everyOperationDocumentsItsErrors()
    {
        for (const Operation &op : operations()) {
            const QString name = op.name();
            const QJsonObject responses = op.object[u"responses"_s].toObject();
            QVERIFY2(!responses.isEmpty(), qPrintable(name));
            const bool protectedRoute = op.object[u"security"_s].toArray().size() > 0;
            if (protectedRoute)
                QVERIFY2(responses.contains(u"401"_s), qPrintable(name));
            QVERIFY2(responses[u"413"_s][u"$ref"_s] == u"#/components/responses/PayloadTooLarge"_s,
                     qPrintable(name));
            QVERIFY2(responses[u"405"_s][u"$ref"_s] == u"#/components/responses/MethodNotAllowed"_s,
                     qPrintable(name));
        }
    }

    // Another method on any documented path is the 405 of the document: the router's words,
    // with the path's methods in Allow.
    void methodNotAllowedIsTheRoutersAnswer()
    {
        ApiService service(ServiceConfig{});
        const QJsonObject example =
            examplesOf(m_document[u"components"_s][u"responses"_s][u"MethodNotAllowed"_s]
                           .toObject())[u"METHOD_NOT_ALLOWED"_s]
                .toObject()[u"value"_s]
                .toObject();
        QCOMPARE(compactBody(service.handle(makeRequest("PATCH", u"/users"_s))), compact(example));
        int checked = 0;
        for (const Operation &op : operations()) {
            if (isControlPath(op.path))
                continue;
            const QString path = QString(op.path).replace(u"{id}"_s, u"1"_s);
            const ApiResponse answer = service.handle(makeRequest("PATCH", path));
            QVERIFY2(answer.status == 405, qPrintable(op.name()));
            QVERIFY2(answer.header("Allow").contains(op.method), qPrintable(op.name()));
            QCOMPARE(jsonBody(answer)[u"message"_s].toString(),
                     u"Method PATCH is not allowed on "_s + path);
            ++checked;
        }
        QVERIFY(checked > 20);
    }

    // Nothing in components is left unused, and the licence is the project's.
    void everyComponentIsReferencedAndTheLicenceIsMit()
    {
        const QByteArray text = QJsonDocument(m_document).toJson(QJsonDocument::Compact);
        const QJsonObject components = m_document[u"components"_s].toObject();
        for (const QString &kind : {u"responses"_s, u"examples"_s, u"schemas"_s}) {
            const QStringList names = components[kind].toObject().keys();
            for (const QString &name : names) {
                const QString ref = u"\"#/components/%1/%2\""_s.arg(kind, name);
                QVERIFY2(text.contains(ref.toUtf8()), qPrintable(ref));
            }
        }
        QCOMPARE(m_document[u"info"_s][u"license"_s][u"name"_s].toString(), u"MIT"_s);
        QFile licence(QStringLiteral(APIDOJO_SOURCE_DIR "/LICENSE"));
        QVERIFY(licence.open(QIODevice::ReadOnly));
        QVERIFY(licence.readLine().startsWith("MIT License"));
    }

    // Every /_dojo operation asks for the key, documents the 401 the control API really gives
    // without it, and is answered past the key check with the header the scheme names.
    void controlOperationsNeedTheKey()
    {
        const QJsonObject scheme =
            m_document[u"components"_s][u"securitySchemes"_s][u"dojoKey"_s].toObject();
        QCOMPARE(scheme[u"type"_s].toString(), u"apiKey"_s);
        QCOMPARE(scheme[u"in"_s].toString(), u"header"_s);
        const QByteArray headerName = scheme[u"name"_s].toString().toLatin1();
        const QJsonArray keyOnly{QJsonObject{{u"dojoKey"_s, QJsonArray()}}};

        SandboxRegistry registry{ServiceConfig{}};
        FaultInjector faults;
        ControlApi control(registry, faults);
        control.setKey(TestKey.toByteArray());
        control.setEnabled(true);

        int controlOperations = 0;
        for (const Operation &op : operations()) {
            const QString name = op.name();
            const QJsonArray security = op.object[u"security"_s].toArray();
            if (!isControlPath(op.path)) {
                for (const QJsonValue &requirement : security)
                    QVERIFY2(!requirement.toObject().contains(u"dojoKey"_s), qPrintable(name));
                continue;
            }
            ++controlOperations;
            QVERIFY2(security == keyOnly, qPrintable(name));
            const QJsonObject unauthorized = response(op, u"401"_s);
            QVERIFY2(!unauthorized.isEmpty(), qPrintable(name));

            const std::optional<ApiResponse> refused =
                control.handle(makeRequest(op.method, op.path));
            QVERIFY2(refused, qPrintable(name));
            QCOMPARE(refused->status, 401);
            const QJsonObject examples = examplesOf(unauthorized);
            QVERIFY2(!examples.isEmpty(), qPrintable(name));
            for (const QJsonValue &example : examples)
                QCOMPARE(compactBody(*refused), compact(example[u"value"_s].toObject()));

            const std::optional<ApiResponse> admitted = control.handle(
                makeRequest(op.method, op.path, "{}", {{headerName, TestKey.toByteArray()}}));
            QVERIFY2(admitted, qPrintable(name));
            QVERIFY2(admitted->status != 401, qPrintable(name + u": the key was not taken"_s));
        }
        QVERIFY(controlOperations > 0);
    }

    // While the control API is off (the default) its paths are unknown to the API, as the 404 of
    // each /_dojo operation says; and they are never served under the /api/v1 alias, which the
    // operations' own servers must reflect.
    void controlPathsWhileOffAndUnderTheAlias()
    {
        SandboxRegistry registry{ServiceConfig{}};
        ApiService &service = registry.shared();
        FaultInjector faults;
        ControlApi control(registry, faults);
        control.setKey(TestKey.toByteArray());
        const QString aliasServer = m_document[u"servers"_s][1][u"url"_s].toString();
        QVERIFY(aliasServer.endsWith(Router::AliasPrefix));

        int checked = 0;
        for (const Operation &op : operations()) {
            if (!isControlPath(op.path))
                continue;
            const QString name = op.name();
            const QString path = QString(op.path).replace(u"{name}"_s, u"alice"_s);
            const ApiRequest request =
                makeRequest(op.method, path, {}, {{"X-Dojo-Key"_ba, TestKey.toByteArray()}});
            QVERIFY(!control.handle(request));
            const ApiResponse off = service.handle(request);
            QCOMPARE(off.status, 404);
            // A 404 of the control API itself (SANDBOX_NOT_FOUND) is checked below.
            const QJsonObject example =
                examplesOf(response(op, u"404"_s))[u"NOT_FOUND"_s].toObject();
            QVERIFY2(!example.isEmpty(), qPrintable(name));
            QCOMPARE(compactBody(off), compact(example[u"value"_s].toObject()));

            control.setEnabled(true);
            ApiRequest aliased = request;
            aliased.path = Router::AliasPrefix + op.path;
            QVERIFY2(!control.handle(aliased), qPrintable(name));
            control.setEnabled(false);
            const QJsonArray servers = m_document[u"paths"_s][op.path][u"servers"_s].toArray();
            QVERIFY2(!servers.isEmpty(), qPrintable(name));
            for (const QJsonValue &server : servers)
                QVERIFY2(server[u"url"_s].toString() != aliasServer, qPrintable(name));
            ++checked;
        }
        QVERIFY(checked > 0);
    }

    // Each example a /_dojo operation shows is what a fresh API answers (with the class of
    // prepareClass): a success example to the request example of the same name (or to no body),
    // an error example to the request listed for it here. 401 and the 404 NOT_FOUND are checked
    // above; 413 comes from the server layer. {name} is alice unless listed here; the request
    // goes through SandboxAddress::resolve first, as the server's admission does.
    void controlExamplesAreWhatTheApiAnswers()
    {
        const QHash<QString, QByteArray> errorRequests{
            {u"INVALID_JSON"_s, "{\"seconds\": "_ba},
            {u"INVALID_FAULT_PLAN_range"_s,
             R"({"rules": [{"action": {"type": "status", "status": 600}}]})"_ba},
            {u"INVALID_FAULT_PLAN_unknown"_s, R"({"latency": {"enabled": true, "fixed": 500}})"_ba},
            {u"INVALID_FAULT_PLAN_type"_s, R"({"rules": [{"action": {"type": "timeout"}}]})"_ba},
            {u"INVALID_FAULT_PLAN_path"_s, R"({"rules": [{"path": "users"}]})"_ba},
            {u"INVALID_TOKEN_TTL"_s, R"({"seconds": 0})"_ba},
            {u"INVALID_FAULT_PLAN_sandboxes"_s,
             R"({"rules": [{"sandboxes": ["alice smith"]}]})"_ba},
        };
        const QHash<QString, QString> names{
            {u"SANDBOX_NOT_FOUND"_s, u"carol"_s},
            {u"INVALID_SANDBOX_name"_s, u"alice.smith"_s},
        };
        const QHash<QString, HttpHeaders> headers{
            {u"in_a_sandbox"_s, {{"X-Sandbox"_ba, "alice"_ba}}},
            {u"no_such_sandbox"_s, {{"X-Sandbox"_ba, "carol"_ba}}},
        };

        int checked = 0;
        for (const Operation &op : operations()) {
            if (!isControlPath(op.path))
                continue;
            const QJsonObject requestExamples =
                op.object[u"requestBody"_s][u"content"_s][u"application/json"_s][u"examples"_s]
                    .toObject();
            const QJsonObject responses = op.object[u"responses"_s].toObject();
            for (auto status = responses.begin(); status != responses.end(); ++status) {
                if (status.key() == u"401" || status.key() == u"405" || status.key() == u"413")
                    continue;
                const QJsonObject examples = examplesOf(response(op, status.key()));
                QVERIFY2(!examples.isEmpty(), qPrintable(op.path + u' ' + status.key()));
                for (auto example = examples.begin(); example != examples.end(); ++example) {
                    const QString name = op.name() + u' ' + status.key() + u' ' + example.key();
                    if ((status.key() == u"404" && example.key() == u"NOT_FOUND") ||
                        ExamplesCheckedElsewhere.contains(example.key()))
                        continue;
                    QByteArray body;
                    if (requestExamples.contains(example.key()))
                        body = compact(requestExamples[example.key()][u"value"_s].toObject());
                    else if (errorRequests.contains(example.key()))
                        body = errorRequests.value(example.key());
                    else if ((!status.key().startsWith(u'2') || !requestExamples.isEmpty()) &&
                             !names.contains(example.key()) && !headers.contains(example.key()))
                        QFAIL(qPrintable(name + u": no request to check the example with"_s));

                    QDateTime now;
                    SandboxRegistry registry{ServiceConfig{}, [&now] {
                                                 return now;
                                             }};
                    prepareClass(registry, now);
                    FaultInjector faults;
                    ControlApi control(registry, faults);
                    control.setKey(TestKey.toByteArray());
                    control.setEnabled(true);
                    const QString path = QString(op.path).replace(
                        u"{name}"_s, names.value(example.key(), u"alice"_s));
                    HttpHeaders sent = headers.value(example.key());
                    sent.append({"X-Dojo-Key"_ba, TestKey.toByteArray()});
                    ApiRequest request = makeRequest(op.method, path, body, sent);
                    QVERIFY2(SandboxAddress::resolve(request), qPrintable(name));
                    const std::optional<ApiResponse> answer = control.handle(request);
                    QVERIFY2(answer, qPrintable(name));
                    QCOMPARE(QString::number(answer->status), status.key());
                    QCOMPARE(compactBody(*answer), compact(example.value()[u"value"_s].toObject()));
                    ++checked;
                }
            }
        }
        QVERIFY(checked > 0);
    }

    // The type enums of FaultAction and FaultTrigger are exactly the types the parser accepts:
    // each documented type is accepted, a made-up one is refused, and the refusal lists the same
    // types as the document.
    void faultTypeEnumsMatchTheParser_data()
    {
        QTest::addColumn<QString>("schemaName");
        QTest::addColumn<QString>("ruleMember");
        QTest::newRow("action") << u"FaultAction"_s << u"action"_s;
        QTest::newRow("trigger") << u"FaultTrigger"_s << u"trigger"_s;
    }

    void faultTypeEnumsMatchTheParser()
    {
        QFETCH(QString, schemaName);
        QFETCH(QString, ruleMember);
        const QStringList rule{u"rules"_s, u"[]"_s, ruleMember, u"type"_s};
        bool reachable = false;
        for (const SchemaMember &member : schemaMembers())
            reachable = reachable || member.path == rule;
        QVERIFY2(reachable, "FaultPlan does not lead to the rule member's type");

        const QJsonArray enumeration = m_document[u"components"_s][u"schemas"_s][schemaName]
                                                 [u"properties"_s][u"type"_s][u"enum"_s]
                                                     .toArray();
        QVERIFY(!enumeration.isEmpty());
        QStringList documented;
        for (const QJsonValue &type : enumeration) {
            documented.append(type.toString());
            const FaultPlanJson::Parsed parsed = FaultPlanJson::fromJson(planWith(rule, type));
            QVERIFY2(parsed.ok(), qPrintable(type.toString() + u": "_s + parsed.error));
        }

        const FaultPlanJson::Parsed madeUp =
            FaultPlanJson::fromJson(planWith(rule, u"no_such_type"_s));
        QVERIFY(!madeUp.ok());
        QStringList accepted;
        static const QRegularExpression quoted(u"\"([^\"]+)\""_s);
        for (const QRegularExpressionMatch &match : quoted.globalMatch(madeUp.error))
            accepted.append(match.captured(1));
        documented.sort();
        accepted.sort();
        QCOMPARE(documented, accepted);
    }

    // Walks the FaultPlan schema: every object refuses unknown members as the parser does, every
    // bounded integer has the parser's bounds, every enum value is accepted and every default is
    // the parser's default.
    void faultPlanSchemaMatchesTheParser()
    {
        FaultPlan withRule;
        withRule.rules.append(FaultRule());
        const QJsonObject defaults = FaultPlanJson::toJson(FaultPlan());
        const QJsonObject ruleDefaults = FaultPlanJson::toJson(withRule);
        auto accepts = [](const QJsonObject &plan) {
            return FaultPlanJson::fromJson(plan).ok();
        };

        int objects = 0;
        int bounded = 0;
        int defaulted = 0;
        for (const SchemaMember &member : schemaMembers()) {
            const QJsonObject &schema = member.schema;
            const QString name = dotted(member.path);
            const QString type = schema[u"type"_s].toString();

            if (type == u"object") {
                ++objects;
                QVERIFY2(schema[u"additionalProperties"_s] == QJsonValue(false), qPrintable(name));
                QVERIFY2(!accepts(planWith(member.path + QStringList{u"made_up"_s}, 1)),
                         qPrintable(name));
            }

            if (schema.contains(u"minimum"_s) || schema.contains(u"maximum"_s)) {
                QCOMPARE(type, u"integer"_s);
                QVERIFY2(schema.contains(u"minimum"_s) && schema.contains(u"maximum"_s),
                         qPrintable(name));
                ++bounded;
                const double min = schema[u"minimum"_s].toDouble();
                const double max = schema[u"maximum"_s].toDouble();
                QVERIFY2(accepts(planWith(member.path, min)), qPrintable(name));
                QVERIFY2(accepts(planWith(member.path, max)), qPrintable(name));
                QVERIFY2(!accepts(planWith(member.path, min - 1)), qPrintable(name));
                QVERIFY2(!accepts(planWith(member.path, max + 1)), qPrintable(name));
                QVERIFY2(!accepts(planWith(member.path, min + 0.5)), qPrintable(name));
            }

            if (schema[u"nullable"_s].toBool())
                QVERIFY2(accepts(planWith(member.path, QJsonValue::Null)), qPrintable(name));

            for (const QJsonValue &value : schema[u"enum"_s].toArray())
                QVERIFY2(accepts(planWith(member.path, value)),
                         qPrintable(name + u": "_s + value.toString()));

            if (schema.contains(u"default"_s)) {
                ++defaulted;
                const QJsonObject &plan = member.path.contains(u"[]"_s) ? ruleDefaults : defaults;
                QCOMPARE(compact({{u"v"_s, schema[u"default"_s]}}),
                         compact({{u"v"_s, valueAt(plan, member.path)}}));
            }
        }
        QVERIFY(objects > 0);
        QVERIFY(bounded > 0);
        QVERIFY(defaulted > 0);
    }

    // The rate limit reaches every operation but the control API's; those it reaches document
    // its 429 with the headers the fault injector really sends, and the examples are its words.
    void rateLimitIsDocumentedWhereItApplies()
    {
        FaultPlan plan;
        plan.rateLimit.enabled = true;
        plan.rateLimit.limit = 1;

        int limited = 0;
        for (const Operation &op : operations()) {
            const QString name = op.name();
            FaultInjector faults;
            faults.setPlan(plan);
            const ApiRequest request =
                makeRequest(op.method, QString(op.path).replace(u"{id}"_s, u"1"_s));
            faults.decide(request, 0);
            const FaultDecision second = faults.decide(request, 0);
            const bool refused = second.delivery == FaultDecision::Delivery::Replace &&
                                 second.replacement.status == 429;
            const QJsonObject responses = op.object[u"responses"_s].toObject();
            QVERIFY2(responses.contains(u"429"_s) == refused, qPrintable(name));
            if (!refused)
                continue;
            ++limited;
            QCOMPARE(responses[u"429"_s][u"$ref"_s].toString(),
                     u"#/components/responses/RateLimited"_s);
            const QJsonObject headers = response(op, u"429"_s)[u"headers"_s].toObject();
            for (const auto &header : second.replacement.headers) {
                if (header.first != "Content-Type")
                    QVERIFY2(headers.contains(QString::fromLatin1(header.first)),
                             header.first.constData());
            }
        }
        QVERIFY(limited > 0);

        const QJsonObject examples =
            examplesOf(m_document[u"components"_s][u"responses"_s][u"RateLimited"_s].toObject());
        QCOMPARE(compactBody(rateLimitedResponse(10, 60, 42)),
                 compact(examples[u"RATE_LIMITED"_s][u"value"_s].toObject()));
        QCOMPARE(compactBody(faultErrorResponse(429)),
                 compact(examples[u"RATE_LIMITED_rule"_s][u"value"_s].toObject()));
    }

    // Each error example of the /products operations is what a fresh API answers (status and
    // whole body, "errors" included) to the request listed for it here, by the caller named.
    void productErrorExamplesAreWhatTheApiAnswers()
    {
        const QByteArray invalidJson = "{\"code\": ";
        checkErrorExamples(
            {u"/products"_s, u"/products/{id}"_s},
            {
                {u"GET INVALID_PRODUCT_TYPE"_s, {u"1"_s, u"?type=Book"_s, "{}", Caller::Admin}},
                {u"GET INVALID_PAGINATION_page"_s, {u"1"_s, u"?page=0"_s, "{}", Caller::Admin}},
                {u"GET INVALID_PAGINATION_per_page"_s,
                 {u"1"_s, u"?per_page=101"_s, "{}", Caller::Admin}},
                {u"GET INVALID_PRODUCT_ID"_s, {u"abc"_s, QString(), "{}", Caller::Admin}},
                {u"GET PRODUCT_NOT_FOUND"_s, {u"999"_s, QString(), "{}", Caller::Admin}},
                {u"POST INVALID_JSON"_s, {u"1"_s, QString(), invalidJson, Caller::Admin}},
                {u"POST VALIDATION_ERROR_missing"_s, {u"1"_s, QString(), "{}", Caller::Admin}},
                {u"POST VALIDATION_ERROR_fields"_s,
                 {u"1"_s, QString(),
                  R"({"code": "Desk Lamp", "name": "   ", "type": "Lamp", "quantity": -1, )"
                  R"("price": 1.999, "url": "ftp://example.com/lamp", )"
                  R"("available_from": "2026-02-30T10:00:00"})"_ba,
                  Caller::Admin}},
                {u"POST VALIDATION_ERROR_quantity_too_large"_s,
                 {u"1"_s, QString(),
                  R"({"code": "big-stock", "name": "Big", "type": "other", )"
                  R"("quantity": 9007199254740992, "price": 1})"_ba,
                  Caller::Admin}},
                {u"POST DUPLICATE_CODE"_s,
                 {u"1"_s, QString(),
                  R"({"code": "clean-code", "name": "Again", "type": "book", "quantity": 1, )"
                  R"("price": 1})"_ba,
                  Caller::Admin}},
                {u"PUT INVALID_PRODUCT_ID"_s, {u"abc"_s, QString(), "{}", Caller::Admin}},
                {u"PUT INVALID_JSON"_s, {u"1"_s, QString(), invalidJson, Caller::Admin}},
                {u"PUT VALIDATION_ERROR"_s,
                 {u"1"_s, QString(), R"({"name": null, "price": "cheap"})"_ba, Caller::Admin}},
                {u"PUT PRODUCT_NOT_FOUND"_s, {u"999"_s, QString(), "{}", Caller::Admin}},
                {u"PUT DUPLICATE_CODE"_s,
                 {u"2"_s, QString(), R"({"code": "clean-code"})"_ba, Caller::Admin}},
                {u"DELETE INVALID_PRODUCT_ID"_s, {u"abc"_s, QString(), "{}", Caller::Admin}},
                {u"DELETE PRODUCT_NOT_FOUND"_s, {u"999"_s, QString(), "{}", Caller::Admin}},
                {u"* FORBIDDEN"_s, {u"1"_s, QString(), "{}", Caller::User}},
                {u"* MISSING_TOKEN"_s, {u"1"_s, QString(), "{}", Caller::None}},
                {u"* INVALID_TOKEN"_s, {u"1"_s, QString(), "{}", Caller::Invalid}},
                {u"* TOKEN_EXPIRED"_s, {u"1"_s, QString(), "{}", Caller::Expired}},
                {u"* TOKEN_REVOKED"_s, {u"1"_s, QString(), "{}", Caller::Revoked}},
            });
    }

    // The same for Part B's accounts: registration, login, tokens, /me and password reset.
    void accountErrorExamplesAreWhatTheApiAnswers()
    {
        const QByteArray invalidJson = "{\"email\": ";
        const auto registration = [](const QJsonObject &changes) {
            QJsonObject body{{u"name"_s, u"Jane Smith"_s},
                             {u"email"_s, u"jane@example.com"_s},
                             {u"password"_s, u"s3cret-pass"_s}};
            for (auto change = changes.begin(); change != changes.end(); ++change)
                body.insert(change.key(), change.value());
            return compact(body);
        };
        const auto password = [](const QJsonValue &value) {
            return compact({{u"password"_s, value}});
        };
        const auto forUser = [](const QByteArray &body) {
            return ExampleRequest{QString(), QString(), body, Caller::User};
        };
        const auto anonymous = [](const QByteArray &body) {
            return ExampleRequest{QString(), QString(), body, Caller::None};
        };
        const auto withResetToken = [](const QByteArray &body) {
            return ExampleRequest{ResetTokenParam, QString(), body, Caller::None};
        };
        const QString tooLongName(101, u'n');
        const QString tooLongPassword(129, u'p');
        checkErrorExamples(
            {u"/register"_s, u"/login"_s, u"/refresh"_s, u"/logout"_s, u"/me"_s,
             u"/password-reset"_s, u"/password-reset/{token}"_s, u"/outbox"_s},
            {
                {u"POST /register INVALID_JSON"_s, anonymous(invalidJson)},
                {u"POST /register MISSING_FIELD_name"_s, anonymous("{}")},
                {u"POST /register MISSING_FIELD_email"_s,
                 anonymous(R"({"name": "Jane Smith"})"_ba)},
                {u"POST /register MISSING_FIELD_password"_s,
                 anonymous(R"({"name": "Jane Smith", "email": "jane@example.com"})"_ba)},
                {u"POST /register INVALID_NAME_type"_s, anonymous(registration({{u"name"_s, 5}}))},
                {u"POST /register INVALID_NAME_short"_s,
                 anonymous(registration({{u"name"_s, u" Jo "_s}}))},
                {u"POST /register INVALID_NAME_long"_s,
                 anonymous(registration({{u"name"_s, tooLongName}}))},
                {u"POST /register INVALID_EMAIL"_s,
                 anonymous(registration({{u"email"_s, u"jane.example.com"_s}}))},
                {u"POST /register INVALID_AGE_type"_s,
                 anonymous(registration({{u"age"_s, u"25"_s}}))},
                {u"POST /register INVALID_AGE_low"_s, anonymous(registration({{u"age"_s, 17}}))},
                {u"POST /register INVALID_AGE_high"_s, anonymous(registration({{u"age"_s, 151}}))},
                {u"POST /register INVALID_PASSWORD_type"_s,
                 anonymous(registration({{u"password"_s, 12345678}}))},
                {u"POST /register INVALID_PASSWORD_short"_s,
                 anonymous(registration({{u"password"_s, u"1234567"_s}}))},
                {u"POST /register INVALID_PASSWORD_long"_s,
                 anonymous(registration({{u"password"_s, tooLongPassword}}))},
                {u"POST /register FORBIDDEN"_s, anonymous(registration({{u"role"_s, u"user"_s}}))},
                {u"POST /register DUPLICATE_EMAIL"_s,
                 anonymous(registration({{u"email"_s, u"John@Example.com"_s}}))},
                {u"POST /login INVALID_JSON"_s, anonymous(invalidJson)},
                {u"POST /login MISSING_FIELD_email"_s, anonymous(R"({"password": "x"})"_ba)},
                {u"POST /login INVALID_EMAIL"_s, anonymous(R"({"email": "admin"})"_ba)},
                {u"POST /login MISSING_FIELD_password"_s,
                 {QString(), QString(), R"({"email": "admin@example.com"})"_ba, Caller::None,
                  true}},
                {u"POST /login INVALID_PASSWORD"_s,
                 anonymous(R"({"email": "admin@example.com", "password": 123})"_ba)},
                {u"POST /login INVALID_CREDENTIALS"_s,
                 anonymous(R"({"email": "admin@example.com", "password": "wrong-pass"})"_ba)},
                {u"POST /login USER_NOT_FOUND"_s,
                 anonymous(R"({"email": "nobody@example.com"})"_ba)},
                {u"POST /refresh MISSING_TOKEN"_s, {QString(), QString(), {}, Caller::None}},
                {u"POST /refresh INVALID_TOKEN"_s, {QString(), QString(), {}, Caller::Admin}},
                {u"POST /refresh TOKEN_EXPIRED"_s,
                 {QString(), QString(), {}, Caller::RefreshExpired}},
                {u"POST /refresh TOKEN_REVOKED"_s,
                 {QString(), QString(), {}, Caller::RefreshRevoked}},
                {u"PUT /me INVALID_JSON"_s, forUser(invalidJson)},
                {u"PUT /me INVALID_NAME_type"_s, forUser(R"({"name": 5})"_ba)},
                {u"PUT /me INVALID_NAME_short"_s, forUser(R"({"name": "Jo"})"_ba)},
                {u"PUT /me INVALID_NAME_long"_s, forUser(compact({{u"name"_s, tooLongName}}))},
                {u"PUT /me INVALID_EMAIL"_s, forUser(R"({"email": "john"})"_ba)},
                {u"PUT /me INVALID_AGE_type"_s, forUser(R"({"age": 25.5})"_ba)},
                {u"PUT /me INVALID_AGE_low"_s, forUser(R"({"age": 17})"_ba)},
                {u"PUT /me INVALID_AGE_high"_s, forUser(R"({"age": 151})"_ba)},
                {u"PUT /me INVALID_ROLE"_s, forUser(R"({"role": "boss"})"_ba)},
                {u"PUT /me FORBIDDEN"_s, forUser(R"({"role": "user"})"_ba)},
                {u"PUT /me DUPLICATE_EMAIL"_s, forUser(R"({"email": "ADMIN@example.com"})"_ba)},
                {u"DELETE /me FRESH_TOKEN_REQUIRED"_s,
                 {QString(), QString(), {}, Caller::NotFresh}},
                {u"POST /password-reset INVALID_JSON"_s, anonymous(invalidJson)},
                {u"POST /password-reset MISSING_FIELD"_s, anonymous("{}")},
                {u"POST /password-reset INVALID_EMAIL"_s, anonymous(R"({"email": "john"})"_ba)},
                {u"POST /password-reset/{token} INVALID_RESET_TOKEN"_s,
                 {u"not-a-reset-token"_s, QString(), password(u"n3w-s3cret-pass"_s), Caller::None}},
                {u"POST /password-reset/{token} INVALID_JSON"_s, withResetToken(invalidJson)},
                {u"POST /password-reset/{token} MISSING_FIELD"_s, withResetToken("{}")},
                {u"POST /password-reset/{token} INVALID_PASSWORD_type"_s,
                 withResetToken(password(12345678))},
                {u"POST /password-reset/{token} INVALID_PASSWORD_short"_s,
                 withResetToken(password(u"1234567"_s))},
                {u"POST /password-reset/{token} INVALID_PASSWORD_long"_s,
                 withResetToken(password(tooLongPassword))},
                {u"* MISSING_TOKEN"_s, {QString(), QString(), {}, Caller::None}},
                {u"* INVALID_TOKEN"_s, {QString(), QString(), {}, Caller::Invalid}},
                {u"* TOKEN_EXPIRED"_s, {QString(), QString(), {}, Caller::Expired}},
                {u"* TOKEN_REVOKED"_s, {QString(), QString(), {}, Caller::Revoked}},
            });
    }

    // POST /reset's example is the live answer of a fresh API, and its schema names every member
    // of that answer's data.
    void resetExampleIsTheLiveAnswer()
    {
        ApiService service(ServiceConfig{});
        const ApiResponse answer = service.handle(makeRequest("POST", u"/reset"_s));
        QCOMPARE(answer.status, 200);
        const Operation reset{u"/reset"_s, "POST",
                              m_document[u"paths"_s][u"/reset"_s][u"post"_s].toObject()};
        const QJsonObject examples = examplesOf(response(reset, u"200"_s));
        QVERIFY(!examples.isEmpty());
        for (const QJsonValue &example : examples)
            QCOMPARE(compactBody(answer), compact(example[u"value"_s].toObject()));

        const QJsonObject data = m_document[u"components"_s][u"schemas"_s][u"ResetResponse"_s]
                                           [u"allOf"_s][1][u"properties"_s][u"data"_s]
                                               .toObject();
        QStringList documented = data[u"properties"_s].toObject().keys();
        QStringList required;
        for (const QJsonValue &member : data[u"required"_s].toArray())
            required.append(member.toString());
        QStringList live = jsonBody(answer)[u"data"_s].toObject().keys();
        documented.sort();
        required.sort();
        live.sort();
        QCOMPARE(documented, live);
        QCOMPARE(required, live);
    }

    // The operations that show CLASS_API_PROTECTED are exactly those the protection refuses (the
    // writes of the shared API), and the example is its answer. Whether a request comes from
    // another computer is the server's to tell.
    void classProtectionIsDocumentedOnTheWrites()
    {
        const QJsonObject refusal = jsonBody(ClassProtection::refusal().toResponse());
        int writes = 0;
        for (const Operation &op : operations()) {
            const QString name = op.name();
            static const QRegularExpression placeholder(u"\\{[a-z_]+\\}"_s);
            const ApiRequest request =
                makeRequest(op.method, QString(op.path).replace(placeholder, u"1"_s));
            const bool refused =
                !isControlPath(request.path) && ClassProtection::changesData(request);
            const QJsonObject example =
                examplesOf(response(op, u"403"_s))[u"CLASS_API_PROTECTED"_s].toObject();
            QVERIFY2(example.isEmpty() != refused, qPrintable(name));
            if (!refused)
                continue;
            ++writes;
            QCOMPARE(compact(example[u"value"_s].toObject()), compact(refusal));
        }
        QCOMPARE(writes, 13);
    }

    // The operations that show SANDBOX_FULL are the three that create records, and the example
    // is what a sandbox at its default limit answers to a valid request; the users' limit counts
    // the seeded users.
    void sandboxFullIsDocumentedOnTheCreateRoutes()
    {
        const QHash<QString, QByteArray> creates{
            {u"POST /users"_s,
             R"({"name": "Ada Lovelace", "email": "ada@example.com", "age": 36})"_ba},
            {u"POST /register"_s,
             R"({"name": "Jane Smith", "email": "jane@example.com", "password": "s3cret-pass"})"_ba},
            {u"POST /products"_s,
             R"({"code": "desk-lamp", "name": "Desk lamp", "type": "other", "quantity": 1, "price": 1})"_ba},
        };
        QStringList documented;
        for (const Operation &op : operations()) {
            const QJsonObject example =
                examplesOf(response(op, u"409"_s))[u"SANDBOX_FULL"_s].toObject();
            if (example.isEmpty())
                continue;
            documented.append(op.name());
            QVERIFY2(creates.contains(op.name()), qPrintable(op.name()));

            SandboxRegistry registry{ServiceConfig{}};
            QCOMPARE(registry.limits().records.maxUsers, SandboxLimits::DefaultMaxRecords);
            ApiService &sandbox = *std::get<ApiService *>(registry.acquire(u"alice"_s));
            const HttpHeaders admin = bearer(prepare(
                sandbox, "POST", u"/login"_s, R"({"email": "admin@example.com"})"_ba)[u"token"_s]);
            for (int i = sandbox.users().count(); i < SandboxLimits::DefaultMaxRecords; ++i)
                sandbox.users().add({u"User %1"_s.arg(i), u"user%1@example.com"_s.arg(i), 30, {}});
            for (int i = sandbox.products().count(); i < SandboxLimits::DefaultMaxRecords; ++i)
                sandbox.products().add({u"product-%1"_s.arg(i),
                                        u"Product %1"_s.arg(i),
                                        ProductType::Other,
                                        1,
                                        1.0,
                                        {},
                                        {}});

            const ApiResponse answer =
                sandbox.handle(makeRequest(op.method, op.path, creates.value(op.name()), admin));
            QCOMPARE(answer.status, 409);
            QCOMPARE(compactBody(answer), compact(example[u"value"_s].toObject()));
            // The sandbox's other tables are unchanged, and the shared API has no limit.
            QCOMPARE(sandbox.users().count(), SandboxLimits::DefaultMaxRecords);
            QCOMPARE(sandbox.products().count(), SandboxLimits::DefaultMaxRecords);
            const HttpHeaders sharedAdmin =
                bearer(prepare(registry.shared(), "POST", u"/login"_s,
                               R"({"email": "admin@example.com"})"_ba)[u"token"_s]);
            QCOMPARE(
                registry.shared()
                    .handle(makeRequest(op.method, op.path, creates.value(op.name()), sharedAdmin))
                    .status,
                201);
        }
        documented.sort();
        QStringList expected = creates.keys();
        expected.sort();
        QCOMPARE(documented, expected);
    }

private:
    // Each error example of the operations on `paths` (status and whole body) is what a fresh
    // API answers to the request listed for it in `cases` under "METHOD /path example",
    // "METHOD example" or "* example" (the first found). Every case must be used. 413 comes from
    // the server layer; 405 and 429 are checked above.
    void checkErrorExamples(const QStringList &paths, const QHash<QString, ExampleRequest> &cases)
    {
        static const QRegularExpression placeholder(u"\\{[a-z_]+\\}"_s);
        QSet<QString> used;
        for (const Operation &op : operations()) {
            if (!paths.contains(op.path))
                continue;
            const QJsonObject responses = op.object[u"responses"_s].toObject();
            for (auto status = responses.begin(); status != responses.end(); ++status) {
                if (status.key().startsWith(u'2') || status.key() == u"405" ||
                    status.key() == u"413" || status.key() == u"429")
                    continue;
                const QJsonObject examples = examplesOf(response(op, status.key()));
                QVERIFY2(!examples.isEmpty(), qPrintable(op.name() + u' ' + status.key()));
                for (auto example = examples.begin(); example != examples.end(); ++example) {
                    const QString name = op.name() + u' ' + example.key();
                    if (ExamplesCheckedElsewhere.contains(example.key()))
                        continue;
                    const QStringList keys{name,
                                           QString::fromLatin1(op.method) + u' ' + example.key(),
                                           u"* "_s + example.key()};
                    const auto key = std::find_if(keys.begin(), keys.end(), [&](const QString &k) {
                        return cases.contains(k);
                    });
                    if (key == keys.end())
                        QFAIL(qPrintable(name + u": no request to check the example with"_s));
                    used.insert(*key);
                    const ExampleRequest test = cases.value(*key);

                    QDateTime now = QDateTime::currentDateTimeUtc();
                    ApiService service(ServiceConfig{}, [&now] { return now; });
                    service.setRequirePasswords(test.requirePasswords);
                    const QString param =
                        test.param == ResetTokenParam ? liveResetToken(service) : test.param;
                    const HttpHeaders headers = authorization(service, test.caller, now);
                    const QString target =
                        QString(op.path).replace(placeholder, param) + test.query;
                    const ApiResponse answer =
                        service.handle(makeRequest(op.method, target, test.body, headers));
                    QVERIFY2(QString::number(answer.status) == status.key(),
                             qPrintable(name + u": "_s + QString::number(answer.status) + u' ' +
                                        QString::fromUtf8(answer.body)));
                    QVERIFY2(compactBody(answer) == compact(example.value()[u"value"_s].toObject()),
                             qPrintable(name + u": "_s + QString::fromUtf8(answer.body)));
                }
            }
        }
        QStringList unused = QStringList(cases.keyBegin(), cases.keyEnd());
        unused.removeIf([&used](const QString &key) { return used.contains(key); });
        unused.sort();
        QVERIFY2(unused.isEmpty(), qPrintable(u"cases of no example: "_s + unused.join(u", "_s)));
    }

    QList<Operation> operations() const { return operationsOf(m_document); }

    static QList<Operation> operationsOf(const QJsonObject &document)
    {
        QList<Operation> result;
        const QJsonObject paths = document[u"paths"_s].toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path.value().toObject();
            for (auto op = item.begin(); op != item.end(); ++op) {
                if (op.key() != u"parameters" && op.key() != u"servers")
                    result.append({path.key(), op.key().toUpper().toLatin1(), op->toObject()});
            }
        }
        return result;
    }

    // Follows a local "$ref" such as "#/components/responses/Unauthorized".
    QJsonObject resolved(const QJsonObject &object) const
    {
        const QString ref = object[u"$ref"_s].toString();
        if (ref.isEmpty())
            return object;
        QJsonValue target = m_document;
        for (const QString &key : ref.mid(2).split(u'/'))
            target = target[key];
        return resolved(target.toObject());
    }

    QJsonObject response(const Operation &op, const QString &status) const
    {
        return resolved(op.object[u"responses"_s][status].toObject());
    }

    // The examples of a response, those given by "$ref" resolved.
    QJsonObject examplesOf(const QJsonObject &response) const
    {
        QJsonObject examples =
            response[u"content"_s][u"application/json"_s][u"examples"_s].toObject();
        for (auto example = examples.begin(); example != examples.end(); ++example)
            *example = resolved(example->toObject());
        return examples;
    }

    QList<SchemaMember> schemaMembers() const
    {
        QList<SchemaMember> members;
        collect(m_document[u"components"_s][u"schemas"_s][u"FaultPlan"_s].toObject(), {}, members);
        return members;
    }

    void collect(const QJsonObject &unresolved, const QStringList &path,
                 QList<SchemaMember> &members) const
    {
        const QJsonObject schema = resolved(unresolved);
        members.append({path, schema});
        const QJsonObject properties = schema[u"properties"_s].toObject();
        for (auto property = properties.begin(); property != properties.end(); ++property)
            collect(property->toObject(), path + QStringList{property.key()}, members);
        if (schema[u"type"_s].toString() == u"array")
            collect(schema[u"items"_s].toObject(), path + QStringList{u"[]"_s}, members);
    }

    QJsonObject m_document;
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
