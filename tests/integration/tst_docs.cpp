#include "apiservice.h"
#include "controlapi.h"
#include "sandboxes/sandboxregistry.h"
#include "faultinjector.h"
#include "httpclient.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The URLs a page loads or links to: its src and href attributes.
QStringList references(const QByteArray &page)
{
    static const QRegularExpression attribute(u"\\b(?:src|href)=\"([^\"]*)\""_s);
    QStringList urls;
    for (const QRegularExpressionMatch &match : attribute.globalMatch(QString::fromUtf8(page)))
        urls.append(match.captured(1));
    return urls;
}

QByteArray expectedType(const QString &path)
{
    if (path.endsWith(u".js"))
        return "text/javascript; charset=utf-8"_ba;
    if (path.endsWith(u".css"))
        return "text/css; charset=utf-8"_ba;
    if (path.endsWith(u".svg"))
        return "image/svg+xml"_ba;
    return "text/plain; charset=utf-8"_ba; // the licence files
}

} // namespace

// The documentation over real HTTP: the OpenAPI document, the /docs page and every file it loads,
// and the router's usual answers around them.
class TestDocs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client = std::make_unique<HttpClient>(m_server.baseUrl());
    }

    // The document, not in an envelope, describes every route the app has.
    void document()
    {
        const HttpResult result = m_client->get(u"/openapi.json"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.header("Content-Type"), "application/json"_ba);
        QCOMPARE(result.header("Cache-Control"), "no-cache"_ba);
        QJsonParseError error;
        const QJsonObject document = QJsonDocument::fromJson(result.body, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(document[u"openapi"_s].toString().startsWith(u"3.0."_s));
        // Relative, so that "Try it out" calls this server, whatever its port.
        for (const QJsonValue &server : document[u"servers"_s].toArray())
            QVERIFY(server[u"url"_s].toString().startsWith(u'/'));

        SandboxRegistry registry{ServiceConfig{}};
        ApiService &service = registry.shared();
        FaultInjector faults;
        ControlApi control(registry, faults);
        const QJsonObject paths = document[u"paths"_s].toObject();
        for (const QString &route : service.router().routeNames() + control.router().routeNames()) {
            const QString method = route.section(u' ', 0, 0).toLower();
            const QString path = route.section(u' ', 1);
            QVERIFY2(paths[path].toObject().contains(method), qPrintable(route));
        }
        QCOMPARE(m_client->get(u"/api/v1/openapi.json"_s).body, result.body);
    }

    void page_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("root") << u"/docs"_s;
        QTest::newRow("alias") << u"/api/v1/docs"_s;
    }

    // The page loads only files of this server, by absolute path (so it works under the alias
    // too), and has no inline script: it can run offline and under a strict CSP.
    void page()
    {
        QFETCH(QString, path);
        const HttpResult result = m_client->get(path);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.header("Content-Type"), "text/html; charset=utf-8"_ba);
        QVERIFY(result.body.contains("<title>ApiDojo API docs</title>"));
        QVERIFY(!result.body.contains("http://"));
        QVERIFY(!result.body.contains("https://"));
        const QByteArray policy = result.header("Content-Security-Policy");
        QVERIFY(policy.startsWith("default-src 'self';"));
        QVERIFY(!policy.contains("unsafe"));
        static const QRegularExpression inlineScript(u"<script(?![^>]*\\bsrc=)"_s);
        QVERIFY(!inlineScript.match(QString::fromUtf8(result.body)).hasMatch());

        const QStringList urls = references(result.body);
        QVERIFY(urls.contains(u"/docs/swagger-ui-bundle.js"_s));
        QVERIFY(urls.contains(u"/docs/swagger-ui.css"_s));
        QVERIFY(urls.contains(u"/docs/docs-init.js"_s));
        for (const QString &url : urls)
            // The document is relative to the page: /s/alice/docs shows the sandbox's.
            QVERIFY2(url.startsWith(u"/docs/"_s) || url == u"openapi.json", qPrintable(url));
    }

    // Every file the page references is served with its type and a real body.
    void assets()
    {
        const QStringList urls = references(m_client->get(u"/docs"_s).body);
        int files = 0;
        for (const QString &url : urls) {
            if (!url.startsWith(u"/docs/"_s))
                continue;
            ++files;
            const HttpResult result = m_client->get(url);
            QVERIFY2(result.status == 200, qPrintable(url));
            QVERIFY2(result.header("Content-Type") == expectedType(url), qPrintable(url));
            QVERIFY2(result.header("X-Content-Type-Options") == "nosniff", qPrintable(url));
            QVERIFY2(result.body.size() >= 50, qPrintable(url));
        }
        QVERIFY(files >= 3);
        QVERIFY(m_client->get(u"/docs/swagger-ui-bundle.js"_s).body.size() > 1000000);
        const QByteArray init = m_client->get(u"/docs/docs-init.js"_s).body;
        QVERIFY(init.contains("SwaggerUIBundle("));
        QVERIFY(init.contains("url: \"openapi.json\""));
    }

    void head()
    {
        const HttpResult get = m_client->get(u"/docs"_s);
        const HttpResult head = m_client->send("HEAD", u"/docs"_s);
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
        QCOMPARE(head.header("Content-Type"), get.header("Content-Type"));
        QCOMPARE(head.header("Content-Length"), QByteArray::number(get.body.size()));
    }

    void unknownFile_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("root") << u"/docs/nope.js"_s;
        QTest::newRow("alias") << u"/api/v1/docs/nope.js"_s;
        QTest::newRow("trailing slash") << u"/docs/"_s;
    }

    // Like any unknown path.
    void unknownFile()
    {
        QFETCH(QString, path);
        const HttpResult result = m_client->get(path);
        QCOMPARE(result.status, 404);
        QCOMPARE(result.header("Content-Type"), "application/json"_ba);
        const QJsonObject body = result.json();
        QCOMPARE(body[u"status"_s].toString(), u"error"_s);
        QCOMPARE(body[u"error_code"_s].toString(), u"NOT_FOUND"_s);
        QCOMPARE(body[u"message"_s].toString(), u"Endpoint not found: "_s + path);
    }

    void optionsAndOtherMethods_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("document") << u"/openapi.json"_s;
        QTest::newRow("page") << u"/docs"_s;
        QTest::newRow("file") << u"/docs/swagger-ui.css"_s;
    }

    void optionsAndOtherMethods()
    {
        QFETCH(QString, path);
        const HttpResult preflight = m_client->send("OPTIONS", path);
        QCOMPARE(preflight.status, 204);
        QCOMPARE(preflight.header("Allow"), "GET, HEAD, OPTIONS"_ba);
        QCOMPARE(preflight.header("Access-Control-Allow-Origin"), "*"_ba);

        const HttpResult post = m_client->send("POST", path, "{}");
        QCOMPARE(post.status, 405);
        QCOMPARE(post.header("Allow"), "GET, HEAD, OPTIONS"_ba);
        QCOMPARE(post.json()[u"error_code"_s].toString(), u"METHOD_NOT_ALLOWED"_s);
    }

private:
    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
};

QTEST_GUILESS_MAIN(TestDocs)
#include "tst_docs.moc"
