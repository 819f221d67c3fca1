#include "requestframer.h"

#include <QTest>

using namespace Qt::StringLiterals;

using Progress = RequestFramer::Progress;

namespace {

constexpr qint64 MaxHead = 1024;
constexpr qint64 MaxBody = 64;

// Feeds bytes and advances until something other than HeadComplete happens.
Progress feed(RequestFramer &framer, const QByteArray &bytes)
{
    framer.append(bytes);
    Progress progress = framer.advance();
    while (progress == Progress::HeadComplete)
        progress = framer.advance();
    return progress;
}

} // namespace

class tst_RequestFramer : public QObject
{
    Q_OBJECT

private slots:
    void framesPipelinedRequestsOneByOne();
    void framesTheSameWhateverTheSegmentation_data();
    void framesTheSameWhateverTheSegmentation();
    void reportsHeadBeforeBody();
    void decidesConnectionPersistence_data();
    void decidesConnectionPersistence();
    void acceptsRepeatedIdenticalContentLength();
    void hidesUpgradeFromQHttpServer();
    void refuses_data();
    void refuses();
    void refusesGarbageOnItsFirstBytes();
};

void tst_RequestFramer::framesPipelinedRequestsOneByOne()
{
    const QByteArray first = "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"_ba;
    const QByteArray second = "GET /b HTTP/1.1\r\n\r\n"_ba;
    RequestFramer framer(MaxHead, MaxBody);

    QCOMPARE(feed(framer, "\r\n" + first + second), Progress::RequestComplete);
    QCOMPARE(framer.head().method, "POST"_ba);
    QCOMPARE(framer.takeRequest(), first);
    QCOMPARE(framer.advance(), Progress::HeadComplete);
    QCOMPARE(framer.advance(), Progress::RequestComplete);
    QCOMPARE(framer.head().target, "/b"_ba);
    QCOMPARE(framer.takeRequest(), second);
    QVERIFY(!framer.hasBufferedBytes());
    QCOMPARE(framer.advance(), Progress::NeedMore);
}

void tst_RequestFramer::framesTheSameWhateverTheSegmentation_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("framed");

    const QByteArray put = "PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"_ba;
    QTest::newRow("content-length") << put << put;
    // Handed over de-chunked: 6.4's chunk parser is quadratic in the number of chunks.
    QTest::newRow("chunked") << "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\nHost: h\r\n\r\n"
                                "5;name=value\r\nhello\r\nA\r\n0123456789\r\n0\r\n\r\n"_ba
                             << "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 15\r\n\r\n"
                                "hello0123456789"_ba;
    const QByteArray lf = "GET /x HTTP/1.1\nHost: h\n\n"_ba;
    QTest::newRow("LF line endings") << lf << lf;
}

void tst_RequestFramer::framesTheSameWhateverTheSegmentation()
{
    QFETCH(QByteArray, request);

    RequestFramer framer(MaxHead, MaxBody);
    Progress progress = Progress::NeedMore;
    for (qsizetype i = 0; i < request.size(); ++i) {
        QCOMPARE(progress, Progress::NeedMore);
        progress = feed(framer, request.mid(i, 1));
    }
    QCOMPARE(progress, Progress::RequestComplete);
    QTEST(framer.takeRequest(), "framed");
}

void tst_RequestFramer::reportsHeadBeforeBody()
{
    RequestFramer framer(MaxHead, MaxBody);
    framer.append("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"_ba);
    QCOMPARE(framer.advance(), Progress::HeadComplete);
    QVERIFY(framer.head().expectsContinue);
    QVERIFY(!framer.hasBodyBytes());
    QCOMPARE(framer.advance(), Progress::NeedMore);
    QCOMPARE(feed(framer, "ok"_ba), Progress::RequestComplete);
}

void tst_RequestFramer::decidesConnectionPersistence_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("keepAlive");

    QTest::newRow("1.1") << "GET / HTTP/1.1\r\n\r\n"_ba << true;
    QTest::newRow("1.1 close") << "GET / HTTP/1.1\r\nConnection: close\r\n\r\n"_ba << false;
    QTest::newRow("1.1 close in list")
        << "GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n"_ba << false;
    QTest::newRow("1.0") << "GET / HTTP/1.0\r\n\r\n"_ba << false;
    QTest::newRow("1.0 keep-alive")
        << "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"_ba << true;
}

void tst_RequestFramer::decidesConnectionPersistence()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, keepAlive);

    RequestFramer framer(MaxHead, MaxBody);
    QCOMPARE(feed(framer, request), Progress::RequestComplete);
    QCOMPARE(framer.head().keepAlive, keepAlive);
}

void tst_RequestFramer::acceptsRepeatedIdenticalContentLength()
{
    RequestFramer framer(MaxHead, MaxBody);
    QCOMPARE(feed(framer, "POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"_ba),
             Progress::RequestComplete);
    QCOMPARE(framer.head().contentLength, 2);
}

void tst_RequestFramer::hidesUpgradeFromQHttpServer()
{
    RequestFramer framer(MaxHead, MaxBody);
    QCOMPARE(feed(framer, "GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                          "Host: h\r\n\r\n"_ba),
             Progress::RequestComplete);
    QCOMPARE(framer.takeRequest(), "GET / HTTP/1.1\r\nConnection: Upgrade\r\nHost: h\r\n\r\n"_ba);
}

void tst_RequestFramer::refuses_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorCode");

    const QByteArray post = "POST / HTTP/1.1\r\n"_ba;
    QTest::newRow("no version") << "GET /\r\n\r\n"_ba << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("two spaces") << "GET  / HTTP/1.1\r\n\r\n"_ba << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("lower-case version") << "GET / http/1.1\r\n\r\n"_ba << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("relative target") << "GET x HTTP/1.1\r\n\r\n"_ba << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("HTTP/2.0") << "GET / HTTP/2.0\r\n\r\n"_ba << 505
                              << u"HTTP_VERSION_NOT_SUPPORTED"_s;
    QTest::newRow("unknown method") << "BREW / HTTP/1.1\r\n\r\n"_ba << 501 << u"NOT_IMPLEMENTED"_s;
    QTest::newRow("space before colon")
        << "GET / HTTP/1.1\r\nHost : h\r\n\r\n"_ba << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("NUL in value") << "GET / HTTP/1.1\r\nX: a\0b\r\n\r\n"_ba << 400
                                  << u"BAD_REQUEST"_s;
    QTest::newRow("bare CR") << "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n"_ba << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("folded line") << "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n"_ba << 400
                                 << u"BAD_REQUEST"_s;
    QTest::newRow("two hosts") << "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"_ba << 400
                               << u"BAD_REQUEST"_s;
    QTest::newRow("CL and TE") << post + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
                               << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("CL list") << post + "Content-Length: 1, 1\r\n\r\nx" << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("CL conflict") << post + "Content-Length: 1\r\nContent-Length: 2\r\n\r\n"
                                 << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("CL 19 digits") << post + "Content-Length: 1000000000000000000\r\n\r\n"
                                  << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("CL over limit") << post + "Content-Length: 65\r\n\r\n"
                                   << 413 << u"PAYLOAD_TOO_LARGE"_s;
    QTest::newRow("TE gzip") << post + "Transfer-Encoding: gzip, chunked\r\n\r\n"
                             << 501 << u"NOT_IMPLEMENTED"_s;
    QTest::newRow("TE in 1.0") << "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << 400
                               << u"BAD_REQUEST"_s;
    const QByteArray chunked = post + "Transfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("chunk size not hex") << chunked + "zz\r\n" << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("chunk size LF only") << chunked + "1\nx\r\n" << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("chunk longer than size") << chunked + "1\r\nxy\r\n" << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("chunk trailer") << chunked + "0\r\nX-Sum: 1\r\n\r\n" << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("chunks over limit") << chunked + "40\r\n" + QByteArray(64, 'x') + "\r\n1\r\n"
                                       << 413 << u"PAYLOAD_TOO_LARGE"_s;
    QByteArray padded = chunked;
    for (int i = 0; i < 64 * 1024 / 16 + 1; ++i)
        padded += "000000000000001\r\nx\r\n";
    QTest::newRow("chunked framing over limit") << padded << 413 << u"PAYLOAD_TOO_LARGE"_s;
    QTest::newRow("chunk extension too long") << chunked + "1;" + QByteArray(200, 'e') + "\r\n"
                                              << 400 << u"BAD_REQUEST"_s;
    QTest::newRow("unknown expectation") << post + "Expect: tea\r\nContent-Length: 1\r\n\r\n"
                                         << 417 << u"EXPECTATION_FAILED"_s;
    QTest::newRow("head too large")
        << "GET / HTTP/1.1\r\nX: " + QByteArray(MaxHead, 'a') << 431 << u"HEADERS_TOO_LARGE"_s;
    QTest::newRow("request line too long")
        << "GET /" + QByteArray(MaxHead, 'a') << 414 << u"URI_TOO_LONG"_s;
    QTest::newRow("empty line flood") << QByteArray(9, '\n') << 400 << u"BAD_REQUEST"_s;
}

void tst_RequestFramer::refuses()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, errorCode);

    RequestFramer framer(MaxHead, MaxBody);
    QCOMPARE(feed(framer, request), Progress::Failed);
    QCOMPARE(framer.error().status, status);
    QCOMPARE(framer.error().errorCode, errorCode);
    QVERIFY(!framer.error().message.isEmpty());
}

void tst_RequestFramer::refusesGarbageOnItsFirstBytes()
{
    RequestFramer tls(MaxHead, MaxBody);
    QCOMPARE(feed(tls, "\x16\x03\x01\x02\x00"_ba), Progress::Failed);
    QCOMPARE(tls.error().note, u"TLS handshake sent to a plain HTTP port"_s);

    RequestFramer binary(MaxHead, MaxBody);
    QCOMPARE(feed(binary, "\x01\x02\xff"_ba), Progress::Failed);
}

QTEST_GUILESS_MAIN(tst_RequestFramer)
#include "tst_requestframer.moc"
