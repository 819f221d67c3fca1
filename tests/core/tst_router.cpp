#include "envelope.h"
#include "requests.h"
#include "router.h"

#include <QTest>

using namespace Qt::StringLiterals;

// Routes that answer with their own name and parameters, so the test sees which one ran.
static Router makeRouter()
{
    Router router;
    const auto echo = [](const char *name) {
        return [name](const ApiRequest &, const QStringList &params) {
            return Envelope::success(
                200, {{u"route"_s, QString::fromLatin1(name)}, {u"params"_s, params.join(u',')}},
                u"ok"_s);
        };
    };
    router.addRoute("GET", u"/users"_s, echo("list"));
    router.addRoute("POST", u"/users"_s, echo("create"));
    router.addRoute("GET", u"/users/{id}"_s, echo("get"));
    router.addRoute("DELETE", u"/users/{id}"_s, echo("delete"));
    router.addRoute("POST", u"/reset"_s, echo("reset"));
    return router;
}

class TestRouter : public QObject
{
    Q_OBJECT

private slots:
    void dispatch_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("route");
        QTest::addColumn<QString>("params");

        QTest::newRow("list") << "GET"_ba << u"/users"_s << 200 << u"list"_s << QString();
        QTest::newRow("alias") << "GET"_ba << u"/api/v1/users"_s << 200 << u"list"_s << QString();
        QTest::newRow("query ignored")
            << "GET"_ba << u"/users?role=x"_s << 200 << u"list"_s << QString();
        QTest::newRow("param") << "GET"_ba << u"/users/42"_s << 200 << u"get"_s << u"42"_s;
        QTest::newRow("alias param")
            << "DELETE"_ba << u"/api/v1/users/abc"_s << 200 << u"delete"_s << u"abc"_s;
        QTest::newRow("HEAD runs GET") << "HEAD"_ba << u"/users/7"_s << 200 << u"get"_s << u"7"_s;
        QTest::newRow("trailing slash")
            << "GET"_ba << u"/users/"_s << 404 << QString() << QString();
        QTest::newRow("too deep") << "GET"_ba << u"/users/1/x"_s << 404 << QString() << QString();
        QTest::newRow("unknown") << "GET"_ba << u"/nope"_s << 404 << QString() << QString();
        QTest::newRow("alias alone") << "GET"_ba << u"/api/v1"_s << 404 << QString() << QString();
        QTest::newRow("alias lookalike")
            << "GET"_ba << u"/api/v1users"_s << 404 << QString() << QString();
        QTest::newRow("root") << "GET"_ba << u"/"_s << 404 << QString() << QString();
        QTest::newRow("wrong method") << "PATCH"_ba << u"/users"_s << 405 << QString() << QString();
        QTest::newRow("HEAD without GET")
            << "HEAD"_ba << u"/reset"_s << 405 << QString() << QString();
    }

    void dispatch()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, target);
        QFETCH(int, status);
        QFETCH(QString, route);
        QFETCH(QString, params);

        const ApiResponse response = makeRouter().route(makeRequest(method, target));
        QCOMPARE(response.status, status);
        QCOMPARE(response.header("access-control-allow-origin"), "*"_ba);
        const QJsonObject body = jsonBody(response);
        if (status == 200) {
            QCOMPARE(body[u"data"_s][u"route"_s].toString(), route);
            QCOMPARE(body[u"data"_s][u"params"_s].toString(), params);
        }
    }

    void notFoundNamesThePath()
    {
        const ApiResponse response = makeRouter().route(makeRequest("GET", u"/api/v1/nope"_s));
        QCOMPARE(response.status, 404);
        QCOMPARE(jsonBody(response)[u"error_code"_s].toString(), u"NOT_FOUND"_s);
        QCOMPARE(jsonBody(response)[u"message"_s].toString(),
                 u"Endpoint not found: /api/v1/nope"_s);
    }

    void methodNotAllowedListsAllow_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("allow");
        QTest::newRow("collection") << u"/users"_s << "GET, POST, HEAD, OPTIONS"_ba;
        QTest::newRow("item") << u"/users/1"_s << "GET, DELETE, HEAD, OPTIONS"_ba;
        QTest::newRow("post only") << u"/reset"_s << "POST, OPTIONS"_ba;
    }

    void methodNotAllowedListsAllow()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, allow);
        const ApiResponse response = makeRouter().route(makeRequest("PUT", path));
        QCOMPARE(response.status, 405);
        QCOMPARE(response.header("Allow"), allow);
        QCOMPARE(jsonBody(response)[u"error_code"_s].toString(), u"METHOD_NOT_ALLOWED"_s);
        QCOMPARE(jsonBody(response)[u"message"_s].toString(),
                 u"Method PUT is not allowed on "_s + path);
    }

    void optionsPreflight()
    {
        const ApiResponse response =
            makeRouter().route(makeRequest("OPTIONS", u"/api/v1/users/5"_s));
        QCOMPARE(response.status, 204);
        QVERIFY(response.body.isEmpty());
        QCOMPARE(response.header("Access-Control-Allow-Origin"), "*"_ba);
        QCOMPARE(response.header("Access-Control-Allow-Methods"), "GET, DELETE, HEAD, OPTIONS"_ba);
        QCOMPARE(response.header("Access-Control-Allow-Headers"),
                 "Authorization, Content-Type, X-Sandbox"_ba);
    }

    // A switched-off lesson's paths are unknown: 404 for every method, no Allow, no preflight;
    // switched on again they answer as before. Other paths do not notice.
    void switchedOffPrefixAnswers404()
    {
        Router router = makeRouter();
        router.addRoute("GET", u"/lessons/demo/items"_s,
                        [](const ApiRequest &, const QStringList &) {
                            return Envelope::success(200, {}, u"items"_s);
                        });
        router.setPrefixEnabled(u"/lessons/demo"_s, false);
        for (const QByteArray &method : {"GET"_ba, "POST"_ba, "OPTIONS"_ba}) {
            const ApiResponse response =
                router.route(makeRequest(method, u"/lessons/demo/items"_s));
            QCOMPARE(response.status, 404);
            QVERIFY(response.header("Allow").isEmpty());
        }
        QVERIFY(router.allowedMethods(u"/lessons/demo/items"_s).isEmpty());
        QCOMPARE(router.route(makeRequest("GET", u"/lessons/demonstration"_s)).status, 404);
        QCOMPARE(router.route(makeRequest("GET", u"/users"_s)).status, 200);

        router.setPrefixEnabled(u"/lessons/demo"_s, true);
        QCOMPARE(router.route(makeRequest("GET", u"/lessons/demo/items"_s)).status, 200);
        QCOMPARE(router.route(makeRequest("POST", u"/lessons/demo/items"_s)).status, 405);
    }

    // Headers a lesson reads are allowed in preflights under its prefix only (segment-wise).
    void requestHeadersAllowedUnderAPrefix()
    {
        Router router = makeRouter();
        for (const QString &path : {u"/lessons/demo/items"_s, u"/lessons/demonstration"_s}) {
            router.addRoute("GET", path, [](const ApiRequest &, const QStringList &) {
                return Envelope::success(200, {}, u"items"_s);
            });
        }
        router.allowRequestHeaders(u"/lessons/demo"_s, {"code"_ba, "newcode"_ba});
        const auto allowed = [&router](const QString &path) {
            return router.route(makeRequest("OPTIONS", path))
                .header("Access-Control-Allow-Headers");
        };
        QCOMPARE(allowed(u"/lessons/demo/items"_s),
                 "Authorization, Content-Type, X-Sandbox, code, newcode"_ba);
        QCOMPARE(allowed(u"/lessons/demonstration"_s), "Authorization, Content-Type, X-Sandbox"_ba);
        QCOMPARE(allowed(u"/users"_s), "Authorization, Content-Type, X-Sandbox"_ba);
    }

    void optionsOnUnknownPathIs404()
    {
        QCOMPARE(makeRouter().route(makeRequest("OPTIONS", u"/nope"_s)).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
