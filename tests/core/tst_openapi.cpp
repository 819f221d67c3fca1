#include "apiservice.h"
#include "controlapi.h"
#include "faultinjector.h"
#include "faultplanjson.h"
#include "faultresponses.h"
#include "requests.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr QByteArrayView TestKey = "openapi-test-control-key";

struct Operation
{
    QString path;
    QByteArray method; // upper case
    QJsonObject object;
};

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

    void everyRouteIsDocumented()
    {
        ApiService service(ServiceConfig{});
        FaultInjector faults;
        ControlApi control(service, faults);
        QStringList documented;
        for (const Operation &op : operations())
            documented.append(QString::fromLatin1(op.method) + u' ' + op.path);
        QStringList routes = service.router().routeNames() + control.router().routeNames();
        routes.sort();
        documented.sort();
        QCOMPARE(documented, routes);
    }

    void everyOperationDocumentsItsErrors()
    {
        for (const Operation &op : operations()) {
            const QString name = QString::fromLatin1(op.method) + u' ' + op.path;
            const QJsonObject responses = op.object[u"responses"_s].toObject();
            QVERIFY2(!responses.isEmpty(), qPrintable(name));
            const bool protectedRoute = op.object[u"security"_s].toArray().size() > 0;
            if (protectedRoute)
                QVERIFY2(responses.contains(u"401"_s), qPrintable(name));
        }
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

        ApiService service(ServiceConfig{});
        FaultInjector faults;
        ControlApi control(service, faults);
        control.setKey(TestKey.toByteArray());
        control.setEnabled(true);

        int controlOperations = 0;
        for (const Operation &op : operations()) {
            const QString name = QString::fromLatin1(op.method) + u' ' + op.path;
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
        ApiService service(ServiceConfig{});
        FaultInjector faults;
        ControlApi control(service, faults);
        control.setKey(TestKey.toByteArray());
        const QString aliasServer = m_document[u"servers"_s][1][u"url"_s].toString();
        QVERIFY(aliasServer.endsWith(Router::AliasPrefix));

        int checked = 0;
        for (const Operation &op : operations()) {
            if (!isControlPath(op.path))
                continue;
            const QString name = QString::fromLatin1(op.method) + u' ' + op.path;
            const ApiRequest request =
                makeRequest(op.method, op.path, {}, {{"X-Dojo-Key"_ba, TestKey.toByteArray()}});
            QVERIFY(!control.handle(request));
            const ApiResponse off = service.handle(request);
            QCOMPARE(off.status, 404);
            const QJsonObject examples = examplesOf(response(op, u"404"_s));
            QVERIFY2(!examples.isEmpty(), qPrintable(name));
            for (const QJsonValue &example : examples)
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

    // Each example a /_dojo operation shows is what a fresh API answers: a success example to
    // the request example of the same name (or to no body), an error example to the request
    // listed for it here. 401 and 404 are checked above; 413 comes from the server layer.
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
                if (status.key() == u"401" || status.key() == u"404" || status.key() == u"413")
                    continue;
                const QJsonObject examples = examplesOf(response(op, status.key()));
                QVERIFY2(!examples.isEmpty(), qPrintable(op.path + u' ' + status.key()));
                for (auto example = examples.begin(); example != examples.end(); ++example) {
                    const QString name = QString::fromLatin1(op.method) + u' ' + op.path + u' ' +
                                         status.key() + u' ' + example.key();
                    QByteArray body;
                    if (requestExamples.contains(example.key()))
                        body = compact(requestExamples[example.key()][u"value"_s].toObject());
                    else if (errorRequests.contains(example.key()))
                        body = errorRequests.value(example.key());
                    else if (!status.key().startsWith(u'2') || !requestExamples.isEmpty())
                        QFAIL(qPrintable(name + u": no request to check the example with"_s));

                    ApiService service(ServiceConfig{});
                    FaultInjector faults;
                    ControlApi control(service, faults);
                    control.setKey(TestKey.toByteArray());
                    control.setEnabled(true);
                    const std::optional<ApiResponse> answer = control.handle(makeRequest(
                        op.method, op.path, body, {{"X-Dojo-Key"_ba, TestKey.toByteArray()}}));
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
            const QString name = QString::fromLatin1(op.method) + u' ' + op.path;
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
    // 413 comes from the server layer and 429 is checked above.
    void productErrorExamplesAreWhatTheApiAnswers()
    {
        enum class Caller { Admin, User, None, Invalid, Expired };
        struct Case
        {
            QString id; // for {id}
            QString query;
            QByteArray body;
            Caller caller;
        };
        const QByteArray invalidJson = "{\"code\": ";
        // Keyed by "METHOD example"; "* example" for the answers of authentication.
        const QHash<QString, Case> cases{
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
        };

        int checked = 0;
        for (const Operation &op : operations()) {
            if (op.path != u"/products" && !op.path.startsWith(u"/products/"))
                continue;
            const QJsonObject responses = op.object[u"responses"_s].toObject();
            for (auto status = responses.begin(); status != responses.end(); ++status) {
                if (status.key().startsWith(u'2') || status.key() == u"413" ||
                    status.key() == u"429")
                    continue;
                const QJsonObject examples = examplesOf(response(op, status.key()));
                QVERIFY2(!examples.isEmpty(), qPrintable(op.path + u' ' + status.key()));
                for (auto example = examples.begin(); example != examples.end(); ++example) {
                    const QString method = QString::fromLatin1(op.method);
                    const QString name =
                        method + u' ' + op.path + u' ' + status.key() + u' ' + example.key();
                    const QString key = method + u' ' + example.key();
                    const QString anyMethod = u"* "_s + example.key();
                    if (!cases.contains(key) && !cases.contains(anyMethod))
                        QFAIL(qPrintable(name + u": no request to check the example with"_s));
                    const Case test = cases.value(key, cases.value(anyMethod));

                    QDateTime now = QDateTime::currentDateTimeUtc();
                    ApiService service(ServiceConfig{}, [&now] { return now; });
                    HttpHeaders headers;
                    if (test.caller == Caller::Invalid)
                        headers.append({"Authorization"_ba, "Bearer not-a-token"_ba});
                    if (test.caller == Caller::Admin || test.caller == Caller::User ||
                        test.caller == Caller::Expired) {
                        const QString email = test.caller == Caller::User ? u"john@example.com"_s
                                                                          : u"admin@example.com"_s;
                        const ApiResponse login = service.handle(
                            makeRequest("POST", u"/login"_s, compact({{u"email"_s, email}})));
                        QCOMPARE(login.status, 200);
                        const QByteArray token =
                            jsonBody(login)[u"data"_s][u"token"_s].toString().toLatin1();
                        headers.append({"Authorization"_ba, "Bearer " + token});
                    }
                    if (test.caller == Caller::Expired)
                        now = now.addSecs(2 * 3600);

                    const QString target =
                        QString(op.path).replace(u"{id}"_s, test.id) + test.query;
                    const ApiResponse answer =
                        service.handle(makeRequest(op.method, target, test.body, headers));
                    QVERIFY2(QString::number(answer.status) == status.key(), qPrintable(name));
                    QCOMPARE(compactBody(answer), compact(example.value()[u"value"_s].toObject()));
                    ++checked;
                }
            }
        }
        QVERIFY(checked >= cases.size());
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

private:
    QList<Operation> operations() const
    {
        QList<Operation> result;
        const QJsonObject paths = m_document[u"paths"_s].toObject();
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

    static QJsonObject examplesOf(const QJsonObject &response)
    {
        return response[u"content"_s][u"application/json"_s][u"examples"_s].toObject();
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
