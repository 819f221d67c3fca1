#include "faultresponses.h"
#include "requests.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ApiResponse handlerAnswer()
{
    ApiResponse response;
    response.status = 200;
    response.headers = {{"Content-Type"_ba, "application/json"_ba}};
    response.body = R"({"status":"success","data":{"id":1,"name":"Ada"},"message":"ok"})"_ba;
    return response;
}

FaultDecision decisionWith(FaultDecision::Delivery delivery)
{
    FaultDecision decision;
    decision.delivery = delivery;
    return decision;
}

} // namespace

class TestFaultResponses : public QObject
{
    Q_OBJECT

private slots:
    void errorEnvelope_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QByteArray>("retryAfter");

        QTest::newRow("503") << 503 << u"SERVICE_UNAVAILABLE"_s
                             << u"The service is temporarily unavailable. Please try again later."_s
                             << "1"_ba;
        QTest::newRow("429") << 429 << u"RATE_LIMITED"_s
                             << u"Too many requests. Please slow down and try again later."_s
                             << "1"_ba;
        QTest::newRow("502") << 502 << u"BAD_GATEWAY"_s
                             << u"The upstream service returned an invalid response."_s
                             << QByteArray();
        QTest::newRow("504") << 504 << u"GATEWAY_TIMEOUT"_s
                             << u"The upstream service did not respond in time."_s << QByteArray();
        QTest::newRow("500") << 500 << u"INTERNAL_SERVER_ERROR"_s
                             << u"An unexpected error occurred. Please try again later."_s
                             << QByteArray();
        QTest::newRow("401") << 401 << u"INVALID_TOKEN"_s
                             << u"Invalid token. Please log in again."_s << QByteArray();
        QTest::newRow("teapot: phrase as code")
            << 418 << u"IM_A_TEAPOT"_s << u"I'm a teapot."_s << QByteArray();
        QTest::newRow("phrase with spaces") << 505 << u"HTTP_VERSION_NOT_SUPPORTED"_s
                                            << u"HTTP Version Not Supported."_s << QByteArray();
        QTest::newRow("no phrase")
            << 599 << u"HTTP_599"_s << u"The request failed with status 599."_s << QByteArray();
    }

    void errorEnvelope()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(QByteArray, retryAfter);

        const ApiResponse response = faultErrorResponse(status);
        QCOMPARE(response.status, status);
        QCOMPARE(response.header("Content-Type"), "application/json"_ba);
        QCOMPARE(response.header("Access-Control-Allow-Origin"), "*"_ba);
        QCOMPARE(response.header("Retry-After"), retryAfter);
        const QJsonObject body = jsonBody(response);
        QCOMPARE(body.keys(), QStringList({u"error_code"_s, u"message"_s, u"status"_s}));
        QCOMPARE(body[u"status"_s].toString(), u"error"_s);
        QCOMPARE(body[u"error_code"_s].toString(), code);
        QCOMPARE(body[u"message"_s].toString(), message);
    }

    void rateLimited()
    {
        const ApiResponse response = rateLimitedResponse(10, 60, 17);
        QCOMPARE(response.status, 429);
        QCOMPARE(response.header("Retry-After"), "17"_ba);
        QCOMPARE(response.header("Access-Control-Allow-Origin"), "*"_ba);
        const QJsonObject body = jsonBody(response);
        QCOMPARE(body[u"status"_s].toString(), u"error"_s);
        QCOMPARE(body[u"error_code"_s].toString(), u"RATE_LIMITED"_s);
        QCOMPARE(body[u"message"_s].toString(),
                 u"Too many requests: the limit is 10 per 60 seconds. Try again in 17 seconds."_s);
    }

    void malformedBodyIsInvalidJson()
    {
        const ApiResponse original = handlerAnswer();
        const ApiResponse shaped =
            shapeResponse(decisionWith(FaultDecision::Delivery::MalformedBody), original);
        QCOMPARE(shaped.status, 200);
        QVERIFY(!shaped.body.isEmpty());
        QVERIFY(shaped.body.size() < original.body.size());
        QVERIFY(original.body.startsWith(shaped.body));
        QJsonParseError error;
        QJsonDocument::fromJson(shaped.body, &error);
        QVERIFY(error.error != QJsonParseError::NoError);
        QCOMPARE(shaped.header("Content-Type"), "application/json"_ba);
    }

    void emptyBody()
    {
        const ApiResponse shaped =
            shapeResponse(decisionWith(FaultDecision::Delivery::EmptyBody), handlerAnswer());
        QCOMPARE(shaped.status, 200);
        QVERIFY(shaped.body.isEmpty());
        QCOMPARE(shaped.header("Content-Type"), "application/json"_ba);
    }

    void wrongContentType()
    {
        const ApiResponse shaped =
            shapeResponse(decisionWith(FaultDecision::Delivery::WrongContentType), handlerAnswer());
        QCOMPARE(shaped.header("Content-Type"), "text/html; charset=utf-8"_ba);
        QCOMPARE(shaped.body, handlerAnswer().body);
        QCOMPARE(shaped.headers.size(), 1); // relabelled, not labelled twice
    }

    void passesUnchanged_data()
    {
        QTest::addColumn<int>("delivery");
        QTest::newRow("normal") << int(FaultDecision::Delivery::Normal);
        QTest::newRow("reset") << int(FaultDecision::Delivery::Reset);
        QTest::newRow("slow body") << int(FaultDecision::Delivery::SlowBody);
    }

    void passesUnchanged()
    {
        QFETCH(int, delivery);
        const ApiResponse shaped =
            shapeResponse(decisionWith(FaultDecision::Delivery(delivery)), handlerAnswer());
        QCOMPARE(shaped.status, 200);
        QCOMPARE(shaped.headers, handlerAnswer().headers);
        QCOMPARE(shaped.body, handlerAnswer().body);
    }

    void addsExtraHeaders()
    {
        FaultDecision decision = decisionWith(FaultDecision::Delivery::EmptyBody);
        decision.extraHeaders = {{"X-RateLimit-Limit"_ba, "10"_ba},
                                 {"X-RateLimit-Remaining"_ba, "3"_ba}};
        ApiResponse answer = handlerAnswer();
        answer.headers.append({"x-ratelimit-limit"_ba, "stale"_ba});
        const ApiResponse shaped = shapeResponse(decision, answer);
        QCOMPARE(shaped.header("X-RateLimit-Limit"), "10"_ba);
        QCOMPARE(shaped.header("X-RateLimit-Remaining"), "3"_ba);
        QCOMPARE(shaped.headers.size(), 3); // replaced, not added twice
        QVERIFY(shaped.body.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFaultResponses)
#include "tst_faultresponses.moc"
