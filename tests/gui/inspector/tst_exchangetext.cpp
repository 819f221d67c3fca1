#include "datareset.h"
#include "exchangetext.h"
#include "requests.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestExchangeText : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Numbers follow the locale; the expectations are written in English.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void requestLineReEncodesTheTarget_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("line");

        QTest::newRow("plain") << u"/users"_s << u"GET /users"_s;
        QTest::newRow("query") << u"/users?role=admin&x=%20y"_s
                               << u"GET /users?role=admin&x=%20y"_s;
        QTest::newRow("space and unicode in the path")
            << u"/users/a%20b/%C3%BC"_s << u"GET /users/a%20b/%C3%BC"_s;
        QTest::newRow("percent sign") << u"/100%25"_s << u"GET /100%25"_s;
        QTest::newRow("sub-delims stay") << u"/a:b@c!$&'()*+,;="_s << u"GET /a:b@c!$&'()*+,;="_s;
    }

    void requestLineReEncodesTheTarget()
    {
        QFETCH(QString, target);
        QFETCH(QString, line);
        QCOMPARE(ExchangeText::requestLine(makeRequest("GET", target)), line);
    }

    void unreadableRequestSaysSo()
    {
        QCOMPARE(ExchangeText::requestLine(ApiRequest()), u"(the request could not be read)"_s);
        // The trainer's reset from the window has no request: the headline says what it did.
        Exchange reset = DataReset::trainerRecord(u"alice"_s, {});
        QCOMPARE(ExchangeText::headline(reset), u"\u21BA "_s + reset.dataReset);
        QVERIFY(reset.dataReset.contains(u"alice"_s));
        QCOMPARE(ExchangeText::headline(Exchange()), u"(the request could not be read)"_s);
        QCOMPARE(ExchangeText::requestTarget(ApiRequest()), u"/"_s);
    }

    void headerLinesInOrder()
    {
        const HttpHeaders headers{{"Host"_ba, "localhost"_ba}, {"X-Name"_ba, "Zoë"_ba}};
        QCOMPARE(ExchangeText::headerLines(headers), u"Host: localhost\nX-Name: Zoë"_s);
    }

    void controlKeyIsNeverShown()
    {
        const HttpHeaders headers{{"x-dojo-key"_ba, "secret-key-123"_ba}};
        QCOMPARE(ExchangeText::headerLines(headers),
                 u"x-dojo-key: \u2022\u2022\u2022\u2022\u2022\u2022 (the control key, hidden)"_s);
    }

    void responseHeadAsWritten()
    {
        ApiResponse response;
        response.status = 404;
        response.headers = {{"Content-Type"_ba, "application/json"_ba},
                            {"Content-Length"_ba, "12"_ba}};
        response.body = "not included"_ba;
        QCOMPARE(ExchangeText::responseHead(response),
                 u"HTTP/1.1 404 Not Found\nContent-Type: application/json\nContent-Length: 12"_s);
    }

    // The endpoint's text is ExchangeFormat's (tst_exchangeformat); the inspector says when there
    // is none.
    void clientEndpoint()
    {
        ApiRequest request;
        request.clientPort = 54321;
        request.clientAddress = QHostAddress(u"::ffff:192.168.1.20"_s);
        QCOMPARE(ExchangeText::clientEndpoint(request), u"192.168.1.20:54321"_s);
        request.clientAddress = QHostAddress();
        QCOMPARE(ExchangeText::clientEndpoint(request), u"(unknown)"_s);
    }

    void summaryDetails()
    {
        Exchange exchange;
        exchange.request = makeRequest("GET", u"/users"_s);
        exchange.startedAt = QDateTime(QDate(2026, 2, 18), QTime(10, 32, 1, 123), Qt::LocalTime);
        exchange.durationUs = 1300;
        QCOMPARE(ExchangeText::summaryDetails(exchange),
                 u"1.30 ms · from 127.0.0.1:40000 · 10:32:01.123"_s);
        exchange.delivered = false;
        exchange.rejectedByGuard = true;
        QCOMPARE(ExchangeText::summaryDetails(exchange),
                 u"1.30 ms · from 127.0.0.1:40000 · 10:32:01.123 · refused by the server's guard · "
                 "not delivered"_s);
    }

    void sandboxIsNamedAndItsPrefixKept()
    {
        Exchange exchange;
        exchange.request = makeRequest("GET", u"/users/1?role=admin"_s);
        exchange.request.sandbox = u"alice"_s;
        exchange.request.sandboxPrefix = u"/s/alice"_s;
        exchange.startedAt = QDateTime(QDate(2026, 2, 18), QTime(10, 32, 1, 123), Qt::LocalTime);
        exchange.durationUs = 1300;
        QCOMPARE(ExchangeText::requestLine(exchange.request), u"GET /s/alice/users/1?role=admin"_s);
        QCOMPARE(ExchangeText::summaryDetails(exchange),
                 u"sandbox alice · 1.30 ms · from 127.0.0.1:40000 · 10:32:01.123"_s);
        // Named by the X-Sandbox header: the path has no prefix.
        exchange.request.sandboxPrefix.clear();
        QCOMPARE(ExchangeText::requestLine(exchange.request), u"GET /users/1?role=admin"_s);
        QVERIFY(ExchangeText::summaryDetails(exchange).startsWith(u"sandbox alice · "_s));
    }
};

QTEST_GUILESS_MAIN(TestExchangeText)
#include "tst_exchangetext.moc"
