#include "httpclient.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

// A sample of the contract end to end: the real API on its worker thread, real loopback sockets.
class TestContract : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client = std::make_unique<HttpClient>(m_server.baseUrl());
    }
    void init() { QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200); }

    void errorsAndEnvelopes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");

        QTest::newRow("list") << "GET"_ba << u"/users"_s << QByteArray() << 200 << QString();
        QTest::newRow("alias") << "GET"_ba << u"/api/v1/users/2"_s << QByteArray() << 200
                               << QString();
        QTest::newRow("health") << "GET"_ba << u"/health"_s << QByteArray() << 200 << QString();
        QTest::newRow("404") << "GET"_ba << u"/nowhere"_s << QByteArray() << 404 << u"NOT_FOUND"_s;
        QTest::newRow("bad id") << "GET"_ba << u"/users/abc"_s << QByteArray() << 400
                                << u"INVALID_USER_ID"_s;
        QTest::newRow("error") << "GET"_ba << u"/error"_s << QByteArray() << 500
                               << u"INTERNAL_SERVER_ERROR"_s;
        QTest::newRow("invalid json")
            << "POST"_ba << u"/login"_s << "{oops"_ba << 400 << u"INVALID_JSON"_s;
        QTest::newRow("no token") << "POST"_ba << u"/users"_s << "{}"_ba << 401
                                  << u"MISSING_TOKEN"_s;
        QTest::newRow("percent-encoded path")
            << "GET"_ba << u"/users/%32"_s << QByteArray() << 200 << QString();
    }

    void errorsAndEnvelopes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);

        const HttpResult result = m_client->sendJson(method, path, body);
        QCOMPARE(result.status, status);
        QCOMPARE(result.header("Content-Type"), "application/json"_ba);
        QCOMPARE(result.header("Access-Control-Allow-Origin"), "*"_ba);
        QCOMPARE(result.json()[u"status"_s].toString(), code.isEmpty() ? u"success"_s : u"error"_s);
        QCOMPARE(result.json()[u"error_code"_s].toString(), code);
    }

    void methodNotAllowedCarriesAllow()
    {
        const HttpResult result = m_client->send("PATCH", u"/users/1"_s, "{}"_ba);
        QCOMPARE(result.status, 405);
        QCOMPARE(result.header("Allow"), "GET, PUT, DELETE, HEAD, OPTIONS"_ba);
        QCOMPARE(result.json()[u"message"_s].toString(),
                 u"Method PATCH is not allowed on /users/1"_s);
    }

    void preflight()
    {
        const HttpResult result = m_client->send("OPTIONS", u"/users"_s, {},
                                                 {{"Origin"_ba, "http://example.com"_ba},
                                                  {"Access-Control-Request-Method"_ba, "POST"_ba}});
        QCOMPARE(result.status, 204);
        QVERIFY(result.body.isEmpty());
        QCOMPARE(result.header("Access-Control-Allow-Origin"), "*"_ba);
        QCOMPARE(result.header("Access-Control-Allow-Methods"), "GET, POST, HEAD, OPTIONS"_ba);
        QCOMPARE(result.header("Access-Control-Allow-Headers"),
                 "Authorization, Content-Type, X-Sandbox"_ba);
    }

    void headHasTheHeadersOfGet()
    {
        const HttpResult get = m_client->get(u"/users"_s);
        const HttpResult head = m_client->send("HEAD", u"/users"_s);
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
        QCOMPARE(head.header("Content-Length"), QByteArray::number(get.body.size()));
        QCOMPARE(head.header("Content-Type"), "application/json"_ba);
    }

    void crudOverHttp()
    {
        const QByteArray token =
            m_client->sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})"_ba)
                .json()[u"data"_s][u"token"_s]
                .toString()
                .toLatin1();
        QVERIFY(!token.isEmpty());

        const HttpResult created = m_client->sendJson(
            "POST", u"/users"_s,
            R"({"name":"Grace Hopper","email":"grace@example.com","age":85})"_ba, token);
        QCOMPARE(created.status, 201);
        const int id = created.json()[u"data"_s][u"id"_s].toInt();
        QCOMPARE(id, 3);

        const HttpResult updated =
            m_client->sendJson("PUT", u"/api/v1/users/3"_s, R"({"age":86})"_ba, token);
        QCOMPARE(updated.status, 200);
        QCOMPARE(updated.json()[u"data"_s][u"age"_s].toInt(), 86);

        const HttpResult deleted = m_client->sendJson("DELETE", u"/users/3"_s, {}, token);
        QCOMPARE(deleted.status, 200);
        QCOMPARE(m_client->get(u"/users/3"_s).status, 404);
    }

    void oversizedBodyIs413()
    {
        const QByteArray big = "{\"name\":\"" + QByteArray(1024 * 1024 + 10, 'x') + "\"}";
        const HttpResult result = m_client->sendJson("POST", u"/login"_s, big);
        QCOMPARE(result.status, 413);
        QCOMPARE(result.json()[u"error_code"_s].toString(), u"PAYLOAD_TOO_LARGE"_s);
        QCOMPARE(result.json()[u"message"_s].toString(), u"Request body exceeds 1 MiB"_s);
        QCOMPARE(m_client->get(u"/users"_s).json()[u"data"_s][u"count"_s].toInt(), 2);
    }

    void everyRequestIsRecordedOnce()
    {
        // Exchanges of earlier requests may still be on their way: look only at this test's path.
        QList<Exchange> recorded;
        connect(&m_server.host(), &ServerHost::exchangesRecorded, this,
                [&](const QList<Exchange> &batch) {
                    for (const Exchange &exchange : batch) {
                        if (exchange.request.query.hasQueryItem(u"marker"_s))
                            recorded.append(exchange);
                    }
                });
        m_client->get(u"/users/1?marker"_s);
        m_client->send("DELETE", u"/users/1?marker"_s);
        QTRY_COMPARE(recorded.size(), 2);
        const Exchange first = recorded[0];
        const Exchange second = recorded[1];
        QCOMPARE(first.request.method, "GET"_ba);
        QCOMPARE(first.request.path, u"/users/1"_s);
        QCOMPARE(first.response.status, 200);
        QCOMPARE(second.request.method, "DELETE"_ba);
        QCOMPARE(second.response.status, 401);
    }

private:
    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
};

QTEST_GUILESS_MAIN(TestContract)
#include "tst_contract.moc"
