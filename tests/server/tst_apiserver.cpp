#include "apiserver.h"
#include "envelope.h"
#include "testkit.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <stdexcept>

using namespace Qt::StringLiterals;

class tst_ApiServer : public QObject
{
    Q_OBJECT

private slots:
    void requestReachesHandlerByValue();
    void exchangeIsRecordedOncePerRequest();
    void serverOwnsResponseFraming();
    void handlerExceptionBecomesInternalError();
    void servesQNetworkAccessManager();
    void listenReportsBusyPort();
    void closeStopsServing();
};

void tst_ApiServer::requestReachesHandlerByValue()
{
    ApiRequest seen;
    ApiServer server([&seen](const ApiRequest &request) {
        seen = request;
        return echoHandler(request);
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    RawClient client;
    QVERIFY(client.connectTo(server.serverPort()));
    const QDateTime before = QDateTime::currentDateTimeUtc();

    client.send("POST /caf%C3%A9/a%20b?x=1&y=two%20words&z=%26 HTTP/1.1\r\nHost: t\r\n"
                "X-Dup: 1\r\nX-Dup: 2\r\nContent-Length: 4\r\n\r\nbody"_ba);
    QTRY_VERIFY(client.hasReply());

    QCOMPARE(client.takeReply().status, 200);
    QCOMPARE(seen.method, "POST"_ba);
    QCOMPARE(seen.path, u"/café/a b"_s);
    QCOMPARE(seen.query.queryItemValue(u"x"_s), u"1"_s);
    QCOMPARE(seen.query.queryItemValue(u"y"_s, QUrl::FullyDecoded), u"two words"_s);
    QCOMPARE(seen.query.queryItemValue(u"z"_s, QUrl::FullyDecoded), u"&"_s);
    const HttpHeaders duplicates{{"X-Dup"_ba, "1"_ba}, {"X-Dup"_ba, "2"_ba}};
    QCOMPARE(seen.headers.mid(1, 2), duplicates);
    QCOMPARE(seen.body, "body"_ba);
    QCOMPARE(seen.clientAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(seen.clientPort, client.socket().localPort());
    QCOMPARE(seen.receivedAt.timeSpec(), Qt::UTC);
    QVERIFY(seen.receivedAt >= before.addSecs(-1));
}

void tst_ApiServer::exchangeIsRecordedOncePerRequest()
{
    ApiServer server([](const ApiRequest &request) {
        ApiResponse response = echoHandler(request);
        if (request.method == "POST")
            response.status = 201;
        return response;
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QSignalSpy spy(&server, &ApiServer::exchangeRecorded);
    RawClient client;
    QVERIFY(client.connectTo(server.serverPort()));

    client.send("GET /a HTTP/1.1\r\nHost: t\r\n\r\n"
                "POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nx"
                "DELETE /c HTTP/1.1\r\nHost: t\r\n\r\n"
                "HEAD /a HTTP/1.1\r\nHost: t\r\n\r\n"_ba);
    QTRY_COMPARE(spy.count(), 4);

    const QList<std::pair<QByteArray, int>> expected{
        {"GET"_ba, 200}, {"POST"_ba, 201}, {"DELETE"_ba, 200}, {"HEAD"_ba, 200}};
    quint64 previousId = 0;
    for (int i = 0; i < expected.size(); ++i) {
        const auto exchange = spy.at(i).at(0).value<Exchange>();
        QCOMPARE(exchange.request.method, expected.at(i).first);
        QCOMPARE(exchange.response.status, expected.at(i).second);
        QVERIFY(exchange.id > previousId);
        QVERIFY(exchange.delivered);
        QVERIFY(!exchange.rejectedByGuard);
        QVERIFY(exchange.durationUs >= 0);
        previousId = exchange.id;
    }
    const auto head = spy.at(3).at(0).value<Exchange>();
    QVERIFY(head.response.body.isEmpty());
    QVERIFY(head.response.header("Content-Length").toInt() > 0);

    RawClient garbage;
    QVERIFY(garbage.connectTo(server.serverPort()));
    const quint16 garbagePort = garbage.socket().localPort();
    garbage.send("HELLO\r\n\r\n"_ba);
    QTRY_COMPARE(spy.count(), 5);
    const auto rejected = spy.at(4).at(0).value<Exchange>();
    QVERIFY(rejected.rejectedByGuard);
    QCOMPARE(rejected.response.status, 400);
    QCOMPARE(rejected.request.clientAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(rejected.request.clientPort, garbagePort);
    QVERIFY(!rejected.note.isEmpty());
    QTRY_VERIFY(garbage.isClosed());
    QCOMPARE(spy.count(), 5);
}

void tst_ApiServer::serverOwnsResponseFraming()
{
    ApiServer server([](const ApiRequest &request) {
        if (request.path == u"/ok")
            return echoHandler(request);
        ApiResponse response;
        response.status = 204;
        response.body = "must not be sent"_ba;
        response.headers = {{"Content-Length"_ba, "999"_ba},
                            {"Transfer-Encoding"_ba, "chunked"_ba},
                            {"X-Split"_ba, "a\r\nInjected: 1"_ba},
                            {"X-Fine"_ba, "yes"_ba}};
        return response;
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    RawClient client;
    QVERIFY(client.connectTo(server.serverPort()));

    client.send("DELETE /x HTTP/1.1\r\nHost: t\r\n\r\nGET /ok HTTP/1.1\r\nHost: t\r\n\r\n"_ba);
    QTRY_VERIFY(client.hasReply());
    const RawReply noContent = client.takeReply();
    QCOMPARE(noContent.status, 204);
    const HttpHeaders onlySafeHeaders{{"X-Fine"_ba, "yes"_ba}};
    QCOMPARE(noContent.headers, onlySafeHeaders);
    QTRY_VERIFY(client.hasReply());
    QCOMPARE(client.takeReply().json()[u"data"_s][u"path"_s].toString(), u"/ok"_s);
    QVERIFY(client.received().isEmpty());
}

void tst_ApiServer::handlerExceptionBecomesInternalError()
{
    ApiServer server([](const ApiRequest &request) -> ApiResponse {
        if (request.path == u"/boom")
            throw std::runtime_error("handler bug");
        return echoHandler(request);
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));

    const auto failed = roundTrip(server.serverPort(), "GET /boom HTTP/1.1\r\nHost: t\r\n\r\n"_ba);
    QVERIFY(failed.has_value());
    QCOMPARE(failed->status, 500);
    QCOMPARE(failed->json()[u"error_code"_s].toString(), u"INTERNAL_SERVER_ERROR"_s);
    QCOMPARE(failed->json()[u"message"_s].toString(), u"Internal server error"_s);
    QCOMPARE(failed->header("Access-Control-Allow-Origin"), "*"_ba);
    const auto fine = roundTrip(server.serverPort(), "GET /fine HTTP/1.1\r\nHost: t\r\n\r\n"_ba);
    QVERIFY(fine.has_value());
    QCOMPARE(fine->status, 200);
}

void tst_ApiServer::servesQNetworkAccessManager()
{
    ApiServer server(echoHandler);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QNetworkAccessManager manager;
    QUrl url(u"http://127.0.0.1/hello?name=dojo"_s);
    url.setPort(server.serverPort());

    std::unique_ptr<QNetworkReply> get(manager.get(QNetworkRequest(url)));
    QTRY_VERIFY(get->isFinished());
    QCOMPARE(get->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject data = QJsonDocument::fromJson(get->readAll()).object()[u"data"_s].toObject();
    QCOMPARE(data[u"path"_s].toString(), u"/hello"_s);
    QCOMPARE(data[u"query"_s].toString(), u"name=dojo"_s);

    QNetworkRequest postRequest(url);
    postRequest.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    std::unique_ptr<QNetworkReply> post(manager.post(postRequest, R"({"a":1})"_ba));
    QTRY_VERIFY(post->isFinished());
    QCOMPARE(post->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(QJsonDocument::fromJson(post->readAll()).object()[u"data"_s][u"body"_s].toString(),
             uR"({"a":1})"_s);
}

void tst_ApiServer::listenReportsBusyPort()
{
    ApiServer first(echoHandler);
    QVERIFY(first.listen(QHostAddress::LocalHost, 0));
    ApiServer second(echoHandler);

    QVERIFY(!second.listen(QHostAddress::LocalHost, first.serverPort()));
    QVERIFY(!second.errorString().isEmpty());
    QVERIFY(!second.isListening());
}

void tst_ApiServer::closeStopsServing()
{
    ApiServer server(echoHandler);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    RawClient client;
    QVERIFY(client.connectTo(port));
    client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"_ba);
    QTRY_VERIFY(client.hasReply());

    server.close();

    QVERIFY(!server.isListening());
    QTRY_VERIFY(client.isClosed());
    QVERIFY(!roundTrip(port, "GET / HTTP/1.1\r\nHost: t\r\n\r\n"_ba).has_value());
}

QTEST_GUILESS_MAIN(tst_ApiServer)
#include "tst_apiserver.moc"
