#include "apiserver.h"
#include "envelope.h"
#include "halfclose.h"
#include "resetconnection.h"
#include "router.h"
#include "testkit.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QByteArray simpleGet = "GET /ping HTTP/1.1\r\nHost: test\r\n\r\n"_ba;

ServerLimits shortTimeouts()
{
    ServerLimits limits;
    limits.requestTimeoutMs = 300;
    limits.keepAliveTimeoutMs = 300;
    return limits;
}

} // namespace

// Everything here goes over real loopback sockets: each case is something a student can type
// into nc, and each must leave the server serving the next client.
class tst_Hardening : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void delayedAnswerToVanishedClientIsDropped_data();
    void delayedAnswerToVanishedClientIsDropped();
    void delayedAnswersKeepPipelinedOrder();
    void headAnswerHasNoBody_data();
    void headAnswerHasNoBody();
    void connectionLifetimeFollowsHttp_data();
    void connectionLifetimeFollowsHttp();
    void oversizedHeadIsRefused_data();
    void oversizedHeadIsRefused();
    void oversizedBodyIsRefusedBeforeItArrives();
    void bodyLimitIsExact_data();
    void bodyLimitIsExact();
    void stalledRequestIsDropped_data();
    void stalledRequestIsDropped();
    void tricklingRequestIsDropped();
    void silentConnectionIsClosed();
    void idleKeptAliveConnectionIsClosed();
    void timeLimitsAreNotCutShort();
    void connectionsPerAddressAreLimited();
    void ambiguousFramingIsRefused_data();
    void ambiguousFramingIsRefused();
    void chunkedBodyIsDecoded();
    void garbageIsRefused_data();
    void garbageIsRefused();
    void unknownMethodIsNotImplemented_data();
    void unknownMethodIsNotImplemented();
    void bodyArrivingInSegmentsIsComplete_data();
    void bodyArrivingInSegmentsIsComplete();
    void expectContinueIsHonoured();
    void clientVanishingMidResponseIsHarmless();
    void halfClosingClientIsAnswered_data();
    void halfClosingClientIsAnswered();
    void upgradeRequestIsServedAsPlainHttp();
    void tinyChunksCannotStallTheServer();
    void manyChunksAreServedDeChunked();
    void nonReadingClientIsNotAnsweredWithoutLimit();
    void nonReadingClientIsDropped();
    void pathIsTakenFromTheRawTarget();

private:
    void startServer(const ServerLimits &limits = {});
    void verifyRefusal(RawClient &client, int status, const QString &errorCode,
                       const QString &message = {});
    void verifyStillServing();

    std::unique_ptr<ApiServer> m_server;
    int m_handled = 0;
    quint16 m_port = 0;
};

void tst_Hardening::init()
{
    m_handled = 0;
}

void tst_Hardening::cleanup()
{
    m_server.reset();
}

void tst_Hardening::startServer(const ServerLimits &limits)
{
    m_server = std::make_unique<ApiServer>(
        [this](const ApiRequest &request) {
            ++m_handled;
            if (request.path == u"/big")
                return Envelope::success(200, {{u"blob"_s, QString(8 * 1024 * 1024, u'x')}}, {});
            if (request.path == u"/mib")
                return Envelope::success(200, {{u"blob"_s, QString(1024 * 1024, u'x')}}, {});
            // Like the API core: HEAD gets the GET's response and the server drops the body.
            ApiRequest asGet = request;
            if (asGet.method == "HEAD")
                asGet.method = "GET"_ba;
            return echoHandler(asGet);
        },
        limits);
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    m_port = m_server->serverPort();
}

// Refusals are error envelopes like any other API error, and end the connection.
void tst_Hardening::verifyRefusal(RawClient &client, int status, const QString &errorCode,
                                  const QString &message)
{
    QTRY_VERIFY(client.hasReply());
    const RawReply reply = client.takeReply();
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("Content-Type"), "application/json"_ba);
    QCOMPARE(reply.header("Access-Control-Allow-Origin"), "*"_ba);
    QCOMPARE(reply.header("Connection"), "close"_ba);
    QCOMPARE(reply.json().value(u"status"_s).toString(), u"error"_s);
    QCOMPARE(reply.json().value(u"error_code"_s).toString(), errorCode);
    QVERIFY(!reply.json().value(u"message"_s).toString().isEmpty());
    if (!message.isEmpty())
        QCOMPARE(reply.json().value(u"message"_s).toString(), message);
    QTRY_VERIFY(client.isClosed());
    QCOMPARE(m_handled, 0);
}

void tst_Hardening::verifyStillServing()
{
    const auto reply = roundTrip(m_port, simpleGet);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
}

void tst_Hardening::delayedAnswerToVanishedClientIsDropped_data()
{
    QTest::addColumn<bool>("abortive");
    QTest::newRow("client closes") << false;
    QTest::newRow("client resets") << true;
}

void tst_Hardening::delayedAnswerToVanishedClientIsDropped()
{
    QFETCH(bool, abortive);
    startServer();
    int decided = 0;
    m_server->setFaultPolicy([&decided](const ApiRequest &request) {
        ++decided;
        return delayedBy(request.path == u"/slow" ? 500 : 0);
    });
    QSignalSpy exchanges(m_server.get(), &ApiServer::exchangeRecorded);

    {
        RawClient client;
        QVERIFY(client.connectTo(m_port));
        client.send("GET /slow HTTP/1.1\r\nHost: test\r\n\r\n"_ba);
        QTRY_COMPARE(decided, 1); // the handler runs only after the delay
        QCOMPARE(m_handled, 0);
        if (abortive)
            resetConnection(client.socket());
        else
            client.socket().disconnectFromHost();
    }

    QTRY_COMPARE(exchanges.count(), 1);
    const auto exchange = exchanges.at(0).at(0).value<Exchange>();
    QCOMPARE(exchange.request.path, u"/slow"_s);
    // A FIN alone may come from a client that still reads (a half-close): it is answered, and
    // the kernel takes the answer before the peer's reset can say it was not read.
    if (abortive) {
        QVERIFY(!exchange.delivered);
        QVERIFY(!exchange.note.isEmpty());
    } else {
        QVERIFY(exchange.delivered);
    }
    QCOMPARE(m_handled, 1);
    verifyStillServing();
}

void tst_Hardening::delayedAnswersKeepPipelinedOrder()
{
    startServer();
    m_server->setFaultPolicy(
        [](const ApiRequest &request) { return delayedBy(request.path == u"/slow" ? 150 : 0); });
    RawClient client;
    QVERIFY(client.connectTo(m_port));
    client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\nGET /fast HTTP/1.1\r\nHost: t\r\n\r\n"_ba);

    QTRY_VERIFY(client.hasReply());
    QCOMPARE(client.takeReply().json()[u"data"_s][u"path"_s].toString(), u"/slow"_s);
    QTRY_VERIFY(client.hasReply());
    QCOMPARE(client.takeReply().json()[u"data"_s][u"path"_s].toString(), u"/fast"_s);
    QVERIFY(client.received().isEmpty());
}

void tst_Hardening::headAnswerHasNoBody_data()
{
    QTest::addColumn<bool>("pipelined");
    QTest::newRow("pipelined") << true;
    QTest::newRow("kept alive") << false;
}

void tst_Hardening::headAnswerHasNoBody()
{
    QFETCH(bool, pipelined);
    startServer();
    const QByteArray head = "HEAD /thing HTTP/1.1\r\nHost: t\r\n\r\n"_ba;
    const QByteArray get = "GET /thing HTTP/1.1\r\nHost: t\r\n\r\n"_ba;
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(pipelined ? head + get : head);
    QTRY_VERIFY(client.hasReply(true));
    const RawReply headReply = client.takeReply(true);
    if (!pipelined)
        client.send(get);
    QTRY_VERIFY(client.hasReply());
    const RawReply getReply = client.takeReply();

    QCOMPARE(headReply.status, 200);
    QCOMPARE(getReply.status, 200);
    QVERIFY(!getReply.body.isEmpty());
    QCOMPARE(headReply.header("Content-Length"), QByteArray::number(getReply.body.size()));
    QCOMPARE(headReply.header("Content-Type"), getReply.header("Content-Type"));
    QCOMPARE(getReply.json()[u"data"_s][u"method"_s].toString(), u"GET"_s);
    QVERIFY(client.received().isEmpty()); // nothing left over: both answers parsed exactly
}

void tst_Hardening::connectionLifetimeFollowsHttp_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("closes");
    QTest::addColumn<QByteArray>("connectionHeader");

    QTest::newRow("1.1 Connection: close")
        << "GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"_ba << true << "close"_ba;
    QTest::newRow("1.1 close among options")
        << "GET / HTTP/1.1\r\nHost: t\r\nConnection: TE, Close\r\n\r\n"_ba << true << "close"_ba;
    QTest::newRow("1.0") << "GET / HTTP/1.0\r\n\r\n"_ba << true << "close"_ba;
    QTest::newRow("1.0 keep-alive")
        << "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"_ba << false << "keep-alive"_ba;
    QTest::newRow("1.1") << "GET / HTTP/1.1\r\nHost: t\r\n\r\n"_ba << false << QByteArray();
}

void tst_Hardening::connectionLifetimeFollowsHttp()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, closes);
    QFETCH(QByteArray, connectionHeader);
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(request);
    QTRY_VERIFY(client.hasReply());
    const RawReply reply = client.takeReply();
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Connection"), connectionHeader);
    if (closes) {
        QTRY_VERIFY(client.isClosed());
        QVERIFY(client.received().isEmpty());
    } else {
        client.send(request);
        QTRY_VERIFY(client.hasReply());
        QCOMPARE(client.takeReply().status, 200);
        QVERIFY(!client.isClosed());
    }
}

void tst_Hardening::oversizedHeadIsRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("message");

    QTest::newRow("one huge header")
        << "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n"
        << 431 << u"HEADERS_TOO_LARGE"_s << u"Request headers exceed 64 KiB"_s;
    QByteArray manyHeaders = "GET / HTTP/1.1\r\n"_ba;
    for (int i = 0; i < 150; ++i)
        manyHeaders += "X-H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("too many fields")
        << manyHeaders + "\r\n"
        << 431 << u"HEADERS_TOO_LARGE"_s << u"Request has more than 100 header fields"_s;
    QTest::newRow("huge target") << "GET /" + QByteArray(70 * 1024, 'a') + " HTTP/1.1\r\n\r\n"
                                 << 414 << u"URI_TOO_LONG"_s << u"Request line exceeds 64 KiB"_s;
}

void tst_Hardening::oversizedHeadIsRefused()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, errorCode);
    QFETCH(QString, message);
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(request);
    verifyRefusal(client, status, errorCode, message);
    verifyStillServing();
}

void tst_Hardening::oversizedBodyIsRefusedBeforeItArrives()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 2097152\r\n\r\n"_ba);
    verifyRefusal(client, 413, u"PAYLOAD_TOO_LARGE"_s, u"Request body exceeds 1 MiB"_s);

    RawClient chunked;
    QVERIFY(chunked.connectTo(m_port));
    chunked.send(
        "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n" +
        QByteArray(1024 * 1024, 'x') + "\r\n1\r\n");
    verifyRefusal(chunked, 413, u"PAYLOAD_TOO_LARGE"_s);
    verifyStillServing();
}

void tst_Hardening::bodyLimitIsExact_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("status");
    QTest::newRow("at the limit") << 1024 << 200;
    QTest::newRow("one byte over") << 1025 << 413;
}

void tst_Hardening::bodyLimitIsExact()
{
    QFETCH(int, size);
    QFETCH(int, status);
    ServerLimits limits;
    limits.maxBodyBytes = 1024;
    startServer(limits);
    const QByteArray request =
        "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: " + QByteArray::number(size) +
        "\r\n\r\n" + QByteArray(size, 'b');

    const auto reply = roundTrip(m_port, request);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, status);
    if (status == 413)
        QCOMPARE(reply->json()[u"message"_s].toString(), u"Request body exceeds 1 KiB"_s);
}

void tst_Hardening::stalledRequestIsDropped_data()
{
    QTest::addColumn<QByteArray>("partialRequest");
    QTest::newRow("head unfinished") << "GET / HTTP/1.1\r\nHost: t\r\n"_ba;
    QTest::newRow("request line unfinished") << "GET /slowlor"_ba;
    QTest::newRow("body unfinished") << "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"_ba;
    QTest::newRow("chunked body unfinished")
        << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"_ba;
}

void tst_Hardening::stalledRequestIsDropped()
{
    QFETCH(QByteArray, partialRequest);
    startServer(shortTimeouts());
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(partialRequest);
    verifyRefusal(client, 408, u"REQUEST_TIMEOUT"_s);
    verifyStillServing();
}

void tst_Hardening::tricklingRequestIsDropped()
{
    startServer(shortTimeouts());
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    // Slowloris: every byte is fresh activity, but the request as a whole must finish in time.
    const QByteArray endless = "GET / HTTP/1.1\r\nX-Slow: " + QByteArray(200, 'a');
    for (char byte : endless) {
        if (client.isClosed())
            break;
        client.send(QByteArray(1, byte));
        QTest::qWait(20);
    }
    verifyRefusal(client, 408, u"REQUEST_TIMEOUT"_s);
}

void tst_Hardening::silentConnectionIsClosed()
{
    startServer(shortTimeouts());
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    QTRY_VERIFY(client.isClosed());
    QVERIFY(client.received().isEmpty());
}

void tst_Hardening::idleKeptAliveConnectionIsClosed()
{
    startServer(shortTimeouts());
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(simpleGet);
    QTRY_VERIFY(client.hasReply());
    QCOMPARE(client.takeReply().status, 200);
    QTRY_VERIFY(client.isClosed());
    QVERIFY(client.received().isEmpty());
}

// Limits are checked periodically, so they take effect a little late, but never early.
void tst_Hardening::timeLimitsAreNotCutShort()
{
    const ServerLimits limits = shortTimeouts();
    startServer(limits);
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    QElapsedTimer sinceRequest; // starts before the server's idle time does
    sinceRequest.start();
    client.send(simpleGet);
    QTRY_VERIFY(client.hasReply());
    QTRY_VERIFY(client.isClosed());
    QCOMPARE_GE(sinceRequest.elapsed(), limits.keepAliveTimeoutMs);
}

void tst_Hardening::connectionsPerAddressAreLimited()
{
    ServerLimits limits;
    limits.maxConnectionsPerAddress = 2;
    startServer(limits);
    QSignalSpy exchanges(m_server.get(), &ApiServer::exchangeRecorded);
    RawClient first;
    RawClient second;
    for (RawClient *client : {&first, &second}) {
        QVERIFY(client->connectTo(m_port));
        client->send(simpleGet);
        QTRY_VERIFY(client->hasReply());
        QCOMPARE(client->takeReply().status, 200);
    }

    m_handled = 0;
    RawClient third;
    QVERIFY(third.connectTo(m_port));
    verifyRefusal(third, 503, u"TOO_MANY_CONNECTIONS"_s);
    QVERIFY(exchanges.last().at(0).value<Exchange>().rejectedByGuard);

    first.socket().disconnectFromHost();
    QTRY_VERIFY([this] {
        const auto reply = roundTrip(m_port, simpleGet);
        return reply && reply->status == 200;
    }());
}

void tst_Hardening::ambiguousFramingIsRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");

    const QByteArray post = "POST /items HTTP/1.1\r\nHost: t\r\n"_ba;
    const QByteArray chunkedBody = "5\r\nhello\r\n0\r\n\r\n"_ba;
    QTest::newRow("Content-Length with Transfer-Encoding")
        << post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody << 400;
    QTest::newRow("Transfer-Encoding with Content-Length")
        << post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n" + chunkedBody << 400;
    QTest::newRow("two different Content-Lengths")
        << post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!" << 400;
    QTest::newRow("Content-Length list") << post + "Content-Length: 5, 6\r\n\r\nhello!" << 400;
    QTest::newRow("Content-Length list of equals")
        << post + "Content-Length: 5, 5\r\n\r\nhello" << 400;
    QTest::newRow("negative Content-Length") << post + "Content-Length: -5\r\n\r\nhello" << 400;
    QTest::newRow("non-numeric Content-Length") << post + "Content-Length: five\r\n\r\n" << 400;
    QTest::newRow("signed Content-Length") << post + "Content-Length: +5\r\n\r\nhello" << 400;
    QTest::newRow("empty Content-Length") << post + "Content-Length:\r\n\r\n" << 400;
    QTest::newRow("huge Content-Length")
        << post + "Content-Length: 99999999999999999999\r\n\r\nhello" << 400;
    QTest::newRow("Transfer-Encoding in HTTP/1.0")
        << "POST /items HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody << 400;
    QTest::newRow("two Host headers") << "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"_ba << 400;
    const QByteArray chunked = post + "Transfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("chunk size not hex") << chunked + "5x\r\nhello\r\n0\r\n\r\n" << 400;
    QTest::newRow("chunk longer than declared") << chunked + "3\r\nhello\r\n0\r\n\r\n" << 400;
    QTest::newRow("chunked trailer fields") << chunked + "5\r\nhello\r\n0\r\nX: 1\r\n\r\n" << 400;
    QTest::newRow("unsupported coding") << post + "Transfer-Encoding: gzip\r\n\r\n" << 501;
    QTest::newRow("chunked twice") << post + "Transfer-Encoding: chunked, chunked\r\n\r\n" << 501;
}

void tst_Hardening::ambiguousFramingIsRefused()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(request);
    verifyRefusal(client, status, status == 400 ? u"BAD_REQUEST"_s : u"NOT_IMPLEMENTED"_s);
    verifyStillServing();
}

void tst_Hardening::chunkedBodyIsDecoded()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(
        "POST /items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhel"_ba);
    QTRY_COMPARE(client.socket().bytesToWrite(), 0);
    client.send("lo\r\n6\r\n world\r\n0\r\n\r\n"_ba);
    QTRY_VERIFY(client.hasReply());
    const RawReply reply = client.takeReply();
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json()[u"data"_s][u"body"_s].toString(), u"hello world"_s);
    QVERIFY(!client.isClosed());
    client.send(simpleGet); // the connection is still in sync
    QTRY_VERIFY(client.hasReply());
    QCOMPARE(client.takeReply().json()[u"data"_s][u"path"_s].toString(), u"/ping"_s);
}

void tst_Hardening::garbageIsRefused_data()
{
    QTest::addColumn<QByteArray>("garbage");
    QTest::addColumn<int>("status");

    QTest::newRow("TLS client hello")
        << "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\x9a\x7f"_ba + QByteArray(64, '\x42')
        << 400;
    QTest::newRow("HELLO") << "HELLO\r\n\r\n"_ba << 400;
    QTest::newRow("method only") << "GET\r\n\r\n"_ba << 400;
    QTest::newRow("HTTP/0.9") << "GET /\r\n\r\n"_ba << 400;
    QTest::newRow("binary junk") << "\x00\x01\x02\x03\xff\xfe\xfd"_ba << 400;
    QTest::newRow("bare LF flood") << QByteArray(4096, '\n') << 400;
    QTest::newRow("bare CR") << "GET / HTTP/1.1\rHost: t\r\n\r\n"_ba << 400;
    QTest::newRow("folded header") << "GET / HTTP/1.1\r\nX-A: 1\r\n  more\r\n\r\n"_ba << 400;
    QTest::newRow("header without colon") << "GET / HTTP/1.1\r\nNoColonHere\r\n\r\n"_ba << 400;
    QTest::newRow("space before colon") << "GET / HTTP/1.1\r\nHost : t\r\n\r\n"_ba << 400;
    QTest::newRow("NUL in header") << "GET / HTTP/1.1\r\nX-A: a\0b\r\n\r\n"_ba << 400;
    QTest::newRow("target without slash") << "GET index.html HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("HTTP/2.0") << "GET / HTTP/2.0\r\n\r\n"_ba << 505;
}

void tst_Hardening::garbageIsRefused()
{
    QFETCH(QByteArray, garbage);
    QFETCH(int, status);
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(garbage);
    verifyRefusal(client, status,
                  status == 400 ? u"BAD_REQUEST"_s : u"HTTP_VERSION_NOT_SUPPORTED"_s);
    verifyStillServing();
}

void tst_Hardening::unknownMethodIsNotImplemented_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("FOO") << "FOO / HTTP/1.1\r\nHost: t\r\n\r\n"_ba;
    QTest::newRow("PROPFIND") << "PROPFIND / HTTP/1.1\r\nHost: t\r\n\r\n"_ba;
    QTest::newRow("TRACE") << "TRACE / HTTP/1.1\r\nHost: t\r\n\r\n"_ba;
    QTest::newRow("CONNECT") << "CONNECT example.com:443 HTTP/1.1\r\nHost: t\r\n\r\n"_ba;
    QTest::newRow("lower-case get") << "get / HTTP/1.1\r\nHost: t\r\n\r\n"_ba;
}

void tst_Hardening::unknownMethodIsNotImplemented()
{
    QFETCH(QByteArray, request);
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(request);
    verifyRefusal(client, 501, u"NOT_IMPLEMENTED"_s);
    verifyStillServing();
}

void tst_Hardening::bodyArrivingInSegmentsIsComplete_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("small") << "hello, segmented world"_ba;
    QTest::newRow("900 KiB") << QByteArray(900 * 1024, 'z');
}

void tst_Hardening::bodyArrivingInSegmentsIsComplete()
{
    QFETCH(QByteArray, body);
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send("POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                QByteArray::number(body.size()) + "\r\n\r\n");
    QTRY_COMPARE(client.socket().bytesToWrite(), 0);
    QTest::qWait(50); // let the server see the head alone
    QCOMPARE(m_handled, 0);
    const qsizetype half = body.size() / 2;
    client.send(body.first(half));
    QTRY_COMPARE(client.socket().bytesToWrite(), 0);
    QTest::qWait(20);
    QCOMPARE(m_handled, 0);
    client.send(body.sliced(half));

    QTRY_VERIFY(client.hasReply());
    const QJsonObject data = client.takeReply().json()[u"data"_s].toObject();
    QCOMPARE(data[u"bodySize"_s].toInteger(), body.size());
    QVERIFY(data[u"body"_s].toString().toUtf8() == body);
    QCOMPARE(m_handled, 1);
}

void tst_Hardening::expectContinueIsHonoured()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(
        "POST /items HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"_ba);
    QTRY_VERIFY(client.hasReply());
    QCOMPARE(client.takeReply().status, 100);
    client.send("data"_ba);
    QTRY_VERIFY(client.hasReply());
    const RawReply reply = client.takeReply();
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json()[u"data"_s][u"body"_s].toString(), u"data"_s);
    QVERIFY(client.received().isEmpty());
}

void tst_Hardening::clientVanishingMidResponseIsHarmless()
{
    startServer();
    QSignalSpy exchanges(m_server.get(), &ApiServer::exchangeRecorded);
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n"_ba);
    QTRY_VERIFY(!client.received().isEmpty());
    client.socket().abort();

    QTRY_COMPARE(exchanges.count(), 1);
    verifyStillServing();
}

void tst_Hardening::halfClosingClientIsAnswered_data()
{
    QTest::addColumn<int>("requests");
    QTest::newRow("one request") << 1;
    QTest::newRow("pipelined requests") << 5;
}

void tst_Hardening::halfClosingClientIsAnswered()
{
    QFETCH(int, requests);
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    // What "printf 'GET / HTTP/1.0\r\n\r\n' | nc -N host port" does. Qt takes the FIN for a
    // full close and drops what it has not sent, so every answer must be out before it reads it.
    QByteArray pipelined;
    for (int i = 0; i < requests; ++i)
        pipelined += "GET /" + QByteArray::number(i) + " HTTP/1.1\r\nHost: t\r\n\r\n";
    client.send(pipelined);
    QVERIFY(shutdownSending(client.socket()));
    for (int i = 0; i < requests; ++i) {
        QTRY_VERIFY(client.hasReply());
        const RawReply reply = client.takeReply();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()[u"data"_s][u"path"_s].toString(), u"/%1"_s.arg(i));
    }
}

void tst_Hardening::upgradeRequestIsServedAsPlainHttp()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    // 6.4 would answer this and then close the connection.
    client.send(
        "GET /chat HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"_ba);
    QTRY_VERIFY(client.hasReply());
    QCOMPARE(client.takeReply().status, 200);
    client.send(simpleGet);
    QTRY_VERIFY(client.hasReply());
    QCOMPARE(client.takeReply().status, 200);
    QVERIFY(!client.isClosed());
}

// 1-byte chunks with zero-padded sizes make the raw body 20 times its decoded size; 6.4's chunk
// parser took seconds for that, blocking the whole worker thread.
void tst_Hardening::tinyChunksCannotStallTheServer()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    QByteArray request = "POST /items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"_ba;
    const QByteArray tinyChunk = "000000000000001\r\n \r\n"_ba;
    request.reserve(request.size() + 1024 * 1024 * tinyChunk.size() + 5);
    for (int i = 0; i < 1024 * 1024; ++i)
        request += tinyChunk;
    request += "0\r\n\r\n";
    QElapsedTimer clock;
    clock.start();
    client.send(request);
    verifyRefusal(client, 413, u"PAYLOAD_TOO_LARGE"_s, u"Request body exceeds 1 MiB"_s);
    verifyStillServing();
    QCOMPARE_LT(clock.elapsed(), 5000); // a sanity bound only; the refusal is the point
}

void tst_Hardening::manyChunksAreServedDeChunked()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    QByteArray request = "POST /items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"_ba;
    for (int i = 0; i < 3000; ++i)
        request += "1\r\nx\r\n";
    request += "0\r\n\r\n" + simpleGet;
    client.send(request);
    QTRY_VERIFY(client.hasReply());
    const RawReply reply = client.takeReply();
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json()[u"data"_s][u"bodySize"_s].toInt(), 3000);
    const QJsonArray headerNames = reply.json()[u"data"_s][u"headerNames"_s].toArray();
    QVERIFY(headerNames.contains(u"Content-Length"_s));
    QVERIFY(!headerNames.contains(u"Transfer-Encoding"_s));
    QTRY_VERIFY(client.hasReply()); // the pipelined request behind it
    QCOMPARE(client.takeReply().json()[u"data"_s][u"path"_s].toString(), u"/ping"_s);
}

// Pipelined requests are answered only as fast as the client reads the answers.
void tst_Hardening::nonReadingClientIsNotAnsweredWithoutLimit()
{
    ServerLimits limits;
    limits.maxPendingOutputBytes = 64 * 1024;
    startServer(limits);
    QTcpSocket client;
    client.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    client.setReadBufferSize(4096); // Qt stops reading once it holds this much
    client.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(client.waitForConnected(5000));

    constexpr int Requests = 40; // 1 MiB answers: 40 MiB unless the server holds back
    QByteArray pipelined;
    for (int i = 0; i < Requests; ++i)
        pipelined += "GET /mib HTTP/1.1\r\nHost: t\r\n\r\n";
    client.write(pipelined);
    QTRY_VERIFY(m_handled > 0);
    QTest::qWait(300);
    const int handledWhileNotReading = m_handled;
    QTest::qWait(200);
    QCOMPARE(m_handled, handledWhileNotReading); // waiting for the client, not buffering
    // Only what the kernel's socket buffers held could have been answered.
    QCOMPARE_LT(handledWhileNotReading, Requests / 2);

    client.setReadBufferSize(0); // the client reads from now on
    int replies = 0;
    QByteArray received;
    const auto readReplies = [&] {
        received += client.readAll();
        while (const auto reply = ::takeReply(received))
            replies += reply->status == 200 ? 1 : 1000;
        return replies;
    };
    QTRY_COMPARE_WITH_TIMEOUT(readReplies(), Requests, 20000);
    QCOMPARE(m_handled, Requests);
}

// A client that stops reading cannot keep its connection, nor its address's slot, forever.
void tst_Hardening::nonReadingClientIsDropped()
{
    ServerLimits limits = shortTimeouts();
    limits.lingerMs = 200;
    limits.maxConnectionsPerAddress = 1;
    startServer(limits);
    QSignalSpy exchanges(m_server.get(), &ApiServer::exchangeRecorded);
    {
        QTcpSocket client;
        client.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        client.setReadBufferSize(4096);
        client.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(client.waitForConnected(5000));
        // Keep-alive and Connection: close answers, both far larger than the socket buffers.
        client.write("GET /big HTTP/1.1\r\nHost: t\r\n\r\n"_ba);
        QTRY_COMPARE(exchanges.count(), 1);
        // The client does not read, so it would not notice; the server frees the slot.
        QTRY_VERIFY([this] {
            const auto reply = roundTrip(m_port, simpleGet);
            return reply && reply->status == 200;
        }());
    }
    {
        QTcpSocket client;
        client.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        client.setReadBufferSize(4096);
        client.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(client.waitForConnected(5000));
        const qsizetype before = exchanges.count();
        client.write("GET /big HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"_ba);
        QTRY_COMPARE(exchanges.count(), before + 1);
        QTRY_VERIFY([this] {
            const auto reply = roundTrip(m_port, simpleGet);
            return reply && reply->status == 200;
        }());
    }
}

void tst_Hardening::pathIsTakenFromTheRawTarget()
{
    Router router;
    router.addRoute("GET"_ba, u"/users"_s, [](const ApiRequest &, const QStringList &) {
        return Envelope::success(200, QJsonObject(), {});
    });
    router.addRoute("GET"_ba, u"/users/{id}"_s, [](const ApiRequest &, const QStringList &params) {
        return Envelope::success(200, QJsonObject{{u"id"_s, params.value(0)}}, {});
    });
    ApiServer routed([&router](const ApiRequest &request) { return router.route(request); });
    QVERIFY(routed.listen(QHostAddress::LocalHost, 0));
    const auto notFound =
        roundTrip(routed.serverPort(), "GET //users HTTP/1.1\r\nHost: t\r\n\r\n"_ba);
    QVERIFY(notFound.has_value());
    QCOMPARE(notFound->status, 404);
    QCOMPARE(notFound->json()[u"message"_s].toString(), u"Endpoint not found: //users"_s);
    const auto user =
        roundTrip(routed.serverPort(), "GET /users/%32 HTTP/1.1\r\nHost: t\r\n\r\n"_ba);
    QVERIFY(user.has_value());
    QCOMPARE(user->status, 200);
    QCOMPARE(user->json()[u"data"_s][u"id"_s].toString(), u"2"_s);

    startServer();
    const auto doubleSlash = roundTrip(m_port, "GET //users HTTP/1.1\r\nHost: t\r\n\r\n"_ba);
    QVERIFY(doubleSlash.has_value());
    QCOMPARE(doubleSlash->json()[u"data"_s][u"path"_s].toString(), u"//users"_s);

    const auto encoded = roundTrip(m_port, "GET /users/%32?a=%31&b HTTP/1.1\r\nHost: t\r\n\r\n"_ba);
    QVERIFY(encoded.has_value());
    QCOMPARE(encoded->json()[u"data"_s][u"path"_s].toString(), u"/users/2"_s);
    QCOMPARE(encoded->json()[u"data"_s][u"query"_s].toString(), u"a=1&b"_s);

    const auto absolute =
        roundTrip(m_port, "GET http://t/users/%32?x=1 HTTP/1.1\r\nHost: t\r\n\r\n"_ba);
    QVERIFY(absolute.has_value());
    QCOMPARE(absolute->json()[u"data"_s][u"path"_s].toString(), u"/users/2"_s);
    QCOMPARE(absolute->json()[u"data"_s][u"query"_s].toString(), u"x=1"_s);
}

QTEST_GUILESS_MAIN(tst_Hardening)
#include "tst_hardening.moc"
