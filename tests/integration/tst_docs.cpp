#include "apiservice.h"
#include "controlapi.h"
#include "faultinjector.h"
#include "httpclient.h"
#include "sandboxes/sandboxregistry.h"
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
            if (path.startsWith(u"/lessons/"_s))
                continue; // in the lesson's own document (tst_openapi)
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
        QVERIFY(init.contains("/documents.json"));
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

    // The refusals the server gives before any route, as the document shows them: its
    // INVALID_SANDBOX examples for a bad name as a prefix and as the header it documents, its
    // SANDBOX_LIMIT examples for one sandbox more than the default limit allows.
    void sandboxRefusalsAreTheServers()
    {
        const QJsonObject document = m_client->get(u"/openapi.json"_s).json();
        const QJsonObject parameter =
            document[u"components"_s][u"parameters"_s][u"Sandbox"_s].toObject();
        QCOMPARE(parameter[u"in"_s].toString(), u"header"_s);
        const QByteArray header = parameter[u"name"_s].toString().toLatin1();
        QCOMPARE(header, "X-Sandbox"_ba);
        const auto examplesOf = [&document](QJsonObject response) {
            const QString ref = response[u"$ref"_s].toString();
            if (!ref.isEmpty())
                response =
                    document[u"components"_s][u"responses"_s][ref.section(u'/', -1)].toObject();
            QJsonObject examples =
                response[u"content"_s][u"application/json"_s][u"examples"_s].toObject();
            for (auto example = examples.begin(); example != examples.end(); ++example) {
                const QString exampleRef = example->toObject()[u"$ref"_s].toString();
                if (!exampleRef.isEmpty())
                    *example =
                        document[u"components"_s][u"examples"_s][exampleRef.section(u'/', -1)];
            }
            return examples;
        };
        struct Refusal
        {
            QByteArray method;
            QString path;
            int status;
            QJsonObject body;
        };
        QList<Refusal> invalid;
        QList<Refusal> limit;
        const QJsonObject paths = document[u"paths"_s].toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path->toObject();
            for (auto op = item.begin(); op != item.end(); ++op) {
                const QJsonObject responses = op->toObject()[u"responses"_s].toObject();
                for (auto status = responses.begin(); status != responses.end(); ++status) {
                    const QJsonObject examples = examplesOf(status->toObject());
                    const Refusal refusal{
                        op.key().toUpper().toLatin1(), path.key(), status.key().toInt(), {}};
                    if (examples.contains(u"INVALID_SANDBOX"_s)) {
                        invalid.append(refusal);
                        invalid.last().body = examples[u"INVALID_SANDBOX"_s][u"value"_s].toObject();
                    }
                    if (examples.contains(u"SANDBOX_LIMIT"_s)) {
                        limit.append(refusal);
                        limit.last().body = examples[u"SANDBOX_LIMIT"_s][u"value"_s].toObject();
                    }
                }
            }
        }
        QVERIFY(invalid.size() >= 5);
        // Every route that names a sandbox may find the limit, but the control API's: it makes
        // no sandbox.
        QCOMPARE(limit.size(), invalid.size() - 1);

        for (const Refusal &refusal : std::as_const(invalid)) {
            const QString name = QString::fromLatin1(refusal.method) + u' ' + refusal.path;
            for (const HttpResult &answer :
                 {m_client->send(refusal.method, refusal.path, "{}", {{header, "alice.smith"_ba}}),
                  m_client->send(refusal.method, u"/s/alice.smith"_s + refusal.path, "{}")}) {
                QVERIFY2(answer.status == refusal.status, qPrintable(name));
                QVERIFY2(answer.json() == refusal.body, qPrintable(name));
            }
        }

        m_server.host().removeAllSandboxes();
        for (int i = 0; i < SandboxLimits::DefaultMaxSandboxes; ++i)
            QCOMPARE(m_client->get(u"/s/student-%1/health"_s.arg(i)).status, 200);
        for (const Refusal &refusal : std::as_const(limit)) {
            const QString name = QString::fromLatin1(refusal.method) + u' ' + refusal.path;
            const HttpResult answer =
                m_client->send(refusal.method, refusal.path, "{}", {{header, "one-too-many"_ba}});
            QVERIFY2(answer.status == refusal.status, qPrintable(name));
            QVERIFY2(answer.json() == refusal.body, qPrintable(name));
        }
        m_server.host().removeAllSandboxes();
        QCOMPARE(m_client->get(u"/s/one-too-many/health"_s).status, 200);
        m_server.host().removeAllSandboxes();
    }

    // A sandbox's document lists the sandbox's base URLs as its servers, as the shared one says.
    void sandboxDocument()
    {
        const QJsonObject document = m_client->get(u"/s/alice/openapi.json"_s).json();
        QStringList urls;
        for (const QJsonValue &server : document[u"servers"_s].toArray())
            urls.append(server[u"url"_s].toString());
        QCOMPARE(urls, (QStringList{u"/s/alice"_s, u"/s/alice/api/v1"_s}));
        QCOMPARE(m_client->get(u"/s/alice/docs"_s).status, 200);
        m_server.host().removeAllSandboxes();
    }

    // The /docs page's selector: ApiDojo's document first, then every lesson API's, each served.
    void documentList_data()
    {
        QTest::addColumn<QString>("basePath");
        QTest::addColumn<QString>("pagePath");
        QTest::newRow("shared") << QString() << u"/docs"_s;
        QTest::newRow("alias") << QString() << u"/api/v1/docs"_s;
        QTest::newRow("sandbox") << u"/s/alice"_s << u"/s/alice/docs"_s;
    }

    void documentList()
    {
        QFETCH(QString, basePath);
        QFETCH(QString, pagePath);
        const HttpResult result = m_client->get(pagePath + u"/documents.json"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.header("Content-Type"), "application/json"_ba);
        const QJsonArray documents = result.json()[u"urls"_s].toArray();

        QStringList expected{basePath + u"/openapi.json"_s};
        const ApiService service{ServiceConfig{}};
        for (const auto &lesson : service.lessons())
            expected.append(basePath + lesson->prefix() + u"/openapi.json"_s);
        QStringList urls;
        for (const QJsonValue &entry : documents) {
            const QString url = entry[u"url"_s].toString();
            urls.append(url);
            QVERIFY2(!entry[u"name"_s].toString().isEmpty(), qPrintable(url));
            const HttpResult document = m_client->get(url);
            QVERIFY2(document.status == 200, qPrintable(url));
            QVERIFY2(document.json()[u"openapi"_s].toString().startsWith(u"3.0."_s),
                     qPrintable(url));
        }
        QCOMPARE(urls, expected);
        QCOMPARE(documents.first()[u"name"_s].toString(), u"ApiDojo"_s);
        m_server.host().removeAllSandboxes();
    }

    // A lesson switched off in Settings is not offered (its document would be a 404).
    void aSwitchedOffLessonIsNotOffered()
    {
        const auto offered = [this] {
            QStringList urls;
            for (const QJsonValue &entry :
                 m_client->get(u"/docs/documents.json"_s).json()[u"urls"_s].toArray())
                urls.append(entry[u"url"_s].toString());
            return urls;
        };
        const QString inventory = u"/lessons/inventory/openapi.json"_s;
        QVERIFY(offered().contains(inventory));
        m_server.host().setLessonEnabled(u"inventory"_s, false);
        QTRY_VERIFY(!offered().contains(inventory));
        QCOMPARE(m_client->get(inventory).status, 404);
        m_server.host().setLessonEnabled(u"inventory"_s, true);
        QTRY_VERIFY(offered().contains(inventory));
    }

private:
    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
};

QTEST_GUILESS_MAIN(TestDocs)
#include "tst_docs.moc"
