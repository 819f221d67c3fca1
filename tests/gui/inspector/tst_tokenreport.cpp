#include "guistyle.h"
#include "jwt.h"
#include "requests.h"
#include "tokenreport.h"
#include "tokentext.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

using Verdict = TokenCheck::Verdict;

namespace {

const QByteArray secret = "the secret the API signs with, 32 bytes"_ba;
// The request time of most tests: 2026-02-18 10:30:00 UTC.
const QDateTime requestTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC);
const qint64 now = requestTime.toSecsSinceEpoch();

QJsonObject claims(qint64 issuedAt, qint64 expiresAt, const QString &type = u"access"_s)
{
    return {{u"sub"_s, u"1"_s},      {u"email"_s, u"admin@example.com"_s},
            {u"role"_s, u"admin"_s}, {u"iat"_s, issuedAt},
            {u"exp"_s, expiresAt},   {u"jti"_s, QString(type + u"-abc"_s)},
            {u"type"_s, type},       {u"fresh"_s, bool(type == u"access"_s)}};
}

QByteArray signedToken(const QJsonObject &payload)
{
    return JwtCodec(secret).sign(payload);
}

QByteArray base64Url(const QJsonObject &object)
{
    return QJsonDocument(object)
        .toJson(QJsonDocument::Compact)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// An exchange whose request sent `authorization` and whose API judged it `check`.
Exchange exchangeWith(const QByteArray &authorization, const TokenCheck &check)
{
    Exchange exchange;
    exchange.startedAt = requestTime;
    exchange.request = makeRequest("GET", u"/me"_s, {}, {{"Authorization"_ba, authorization}});
    exchange.request.receivedAt = requestTime;
    exchange.response.status = check.isValid() ? 200 : 401;
    exchange.response.tokenCheck = check;
    return exchange;
}

TokenCheck check(Verdict verdict, bool required = true)
{
    return {verdict, u"the API's reason"_s, required};
}

} // namespace

// The window decodes tokens for display and shows the verdict the server recorded.
class TestTokenReport : public QObject
{
    Q_OBJECT

private slots:
    void noAuthorizationHeaderIsNoReport()
    {
        Exchange exchange = exchangeWith({}, {});
        exchange.request.headers.clear();
        QVERIFY(!TokenReports::sent(exchange));
        QVERIFY(TokenReports::issued(exchange).isEmpty());
    }

    void sentTokenCarriesTheRecordedVerdictAndItsTimes()
    {
        const QByteArray token = signedToken(claims(now - 62, now + 3538));
        const auto report =
            TokenReports::sent(exchangeWith("Bearer " + token, check(Verdict::Revoked)));
        QVERIFY(report);
        QCOMPARE(report->token, token);
        QVERIFY(report->judged);
        QCOMPARE(report->check.verdict, Verdict::Revoked);
        QCOMPARE(report->check.reason, u"the API's reason"_s);
        QCOMPARE(report->header.value(u"alg"_s).toString(), u"HS256"_s);
        QCOMPARE(report->payload.value(u"email"_s).toString(), u"admin@example.com"_s);
        QCOMPARE(report->issuedAt, requestTime.addSecs(-62));
        QCOMPARE(report->expiresAt, requestTime.addSecs(3538));
        QCOMPARE(report->secondsToExpiry, 3538);
        QCOMPARE(report->judgedAt, requestTime);
        // Even a valid signature and time do not make it valid: the verdict is the server's.
        QCOMPARE(TokenText::verdictTitle(*report), u"Revoked token"_s);
        QCOMPARE(TokenText::consequence(*report), u"The API answered 401 TOKEN_REVOKED."_s);
    }

    void unsignedTokenIsStillDecodedForDisplay()
    {
        const QByteArray token =
            base64Url({{u"alg"_s, u"none"_s}}) + '.' + base64Url(claims(now, now + 60)) + '.';
        const auto report =
            TokenReports::sent(exchangeWith("Bearer " + token, check(Verdict::Forged)));
        QCOMPARE(report->header.value(u"alg"_s).toString(), u"none"_s);
        QCOMPARE(report->payload.value(u"role"_s).toString(), u"admin"_s);
    }

    void tokenTheApiNeverReadSaysWhy_data()
    {
        QTest::addColumn<bool>("byGuard");
        QTest::addColumn<bool>("byFault");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("guard") << true << false << u"guard"_s;
        QTest::newRow("fault") << false << true << u"fault"_s;
    }

    void tokenTheApiNeverReadSaysWhy()
    {
        QFETCH(bool, byGuard);
        QFETCH(bool, byFault);
        QFETCH(QString, reasonPart);
        Exchange exchange = exchangeWith("Bearer " + signedToken(claims(now, now + 60)), {});
        exchange.rejectedByGuard = byGuard;
        if (byFault)
            exchange.faults.append(AppliedFault{});
        const auto report = TokenReports::sent(exchange);
        QVERIFY(!report->judged);
        QVERIFY2(report->check.reason.contains(reasonPart), qPrintable(report->check.reason));
        QCOMPARE(TokenText::verdictTitle(*report), u"Token not checked"_s);
        QCOMPARE(TokenText::verdictColor(*report), GuiStyle::statusColor(0));
        QVERIFY(TokenText::consequence(*report).isEmpty());
    }

    void tokensIssuedByTheResponseEachOnce()
    {
        const QByteArray access = signedToken(claims(now, now + 3600));
        const QByteArray refresh = signedToken(claims(now, now + 7 * 86400, u"refresh"_s));
        Exchange exchange;
        exchange.startedAt = requestTime;
        exchange.response.status = 200;
        exchange.response.body =
            QJsonDocument(
                QJsonObject{
                    {u"data"_s, QJsonObject{{u"token"_s, QString::fromLatin1(access)},
                                            {u"access_token"_s, QString::fromLatin1(access)},
                                            {u"refresh_token"_s, QString::fromLatin1(refresh)}}}})
                .toJson();
        const QList<TokenReport> issued = TokenReports::issued(exchange);
        QCOMPARE(issued.size(), 2);
        QCOMPARE(issued[0].token, access);
        QCOMPARE(issued[0].origin, u"access_token in the response"_s);
        QCOMPARE(issued[1].token, refresh);
        QCOMPARE(issued[1].payload.value(u"type"_s).toString(), u"refresh"_s);
        QCOMPARE(issued[1].secondsToExpiry, 7 * 86400);
        QCOMPARE(TokenText::verdictTitle(issued[1]), u"Issued token"_s);

        // Top-level tokens (the lesson APIs' shape) count too; an error response issues none.
        exchange.response.body = "{\"access_token\":\"" + access + "\"}";
        QCOMPARE(TokenReports::issued(exchange).size(), 1);
        exchange.response.status = 401;
        QVERIFY(TokenReports::issued(exchange).isEmpty());
    }

    void pastedTokenWithoutAJudgeIsUnjudged()
    {
        const QByteArray token = signedToken(claims(now, now + 60));
        QVERIFY(TokenReports::pasted(token, check(Verdict::Valid, false), requestTime).judged);
        const TokenReport unjudged = TokenReports::pasted(token, {}, requestTime);
        QVERIFY(!unjudged.judged);
        QCOMPARE(unjudged.payload.value(u"sub"_s).toString(), u"1"_s);
    }

    void verdictTitlesColoursAndConsequences_data()
    {
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<bool>("required");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("colourOfStatus");
        QTest::addColumn<QString>("consequence");
        QTest::newRow("valid") << Verdict::Valid << true << u"Valid token"_s << 200
                               << u"The API accepted it."_s;
        QTest::newRow("valid, not needed")
            << Verdict::Valid << false << u"Valid token"_s << 200
            << u"This route needs no token; the API would accept this one."_s;
        QTest::newRow("expired") << Verdict::Expired << true << u"Expired token"_s << 401
                                 << u"The API answered 401 TOKEN_EXPIRED."_s;
        QTest::newRow("revoked, not needed")
            << Verdict::Revoked << false << u"Revoked token"_s << 401
            << u"This route needs no token, so the API answered anyway; a route that needs one "
               "would refuse it."_s;
        QTest::newRow("not fresh") << Verdict::NotFresh << true << u"Token not fresh"_s << 401
                                   << u"The API answered 401 FRESH_TOKEN_REQUIRED."_s;
        QTest::newRow("forged") << Verdict::Forged << true << u"Forged token"_s << 500
                                << u"The API answered 401 INVALID_TOKEN."_s;
        QTest::newRow("malformed") << Verdict::Malformed << true << u"Malformed token"_s << 500
                                   << u"The API answered 401 INVALID_TOKEN."_s;
        QTest::newRow("wrong type") << Verdict::WrongType << true << u"Wrong token type"_s << 500
                                    << u"The API answered 401 INVALID_TOKEN."_s;
        QTest::newRow("user deleted") << Verdict::UserDeleted << true << u"User deleted"_s << 500
                                      << u"The API answered 401 INVALID_TOKEN."_s;
    }

    void verdictTitlesColoursAndConsequences()
    {
        QFETCH(Verdict, verdict);
        QFETCH(bool, required);
        QFETCH(QString, title);
        QFETCH(int, colourOfStatus);
        QFETCH(QString, consequence);
        const auto report = TokenReports::sent(
            exchangeWith("Bearer " + signedToken(claims(now, now + 60)), check(verdict, required)));
        QCOMPARE(TokenText::verdictTitle(*report), title);
        QCOMPARE(TokenText::verdictColor(*report), GuiStyle::statusColor(colourOfStatus));
        QCOMPARE(TokenText::consequence(*report), consequence);
    }

    void span_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("seconds") << qint64(45) << u"45 s"_s;
        QTest::newRow("minutes") << qint64(3597) << u"59 min 57 s"_s;
        QTest::newRow("hours") << qint64(3600) << u"1 h 0 min"_s;
        QTest::newRow("days") << qint64(2 * 86400 + 3 * 3600 + 59) << u"2 d 3 h"_s;
    }

    void span()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(TokenText::span(seconds), text);
    }

    void expiryAndIssueRelativeToTheRequest()
    {
        TokenReport report;
        report.judgedAt = requestTime;
        QCOMPARE(TokenText::expiryText(report), u"No expiry time (exp)"_s);
        QCOMPARE(TokenText::issuedText(report), u"No issue time (iat)"_s);

        report.issuedAt = requestTime.addSecs(-62);
        report.expiresAt = requestTime.addSecs(3538);
        report.secondsToExpiry = 3538;
        const auto local = [](const QDateTime &time) {
            return time.toLocalTime().toString(u"HH:mm:ss"_s);
        };
        QCOMPARE(TokenText::issuedText(report),
                 u"Issued "_s + local(*report.issuedAt) + u", 1 min 2 s before the request"_s);
        QCOMPARE(TokenText::expiryText(report),
                 u"Expires "_s + local(*report.expiresAt) + u", 58 min 58 s after the request"_s);

        report.expiresAt = requestTime.addSecs(-5);
        report.secondsToExpiry = -5;
        QCOMPARE(TokenText::expiryText(report),
                 u"Expired "_s + local(*report.expiresAt) + u", 5 s before the request"_s);

        // A pasted token is judged now, not at a request.
        report.kind = TokenReport::Origin::Pasted;
        QCOMPARE(TokenText::expiryText(report),
                 u"Expired "_s + local(*report.expiresAt) + u", 5 s ago"_s);
        QCOMPARE(TokenText::issuedText(report),
                 u"Issued "_s + local(*report.issuedAt) + u", 1 min 2 s ago"_s);
        report.expiresAt = requestTime.addSecs(65);
        report.secondsToExpiry = 65;
        QCOMPARE(TokenText::expiryText(report),
                 u"Expires "_s + local(*report.expiresAt) + u", in 1 min 5 s"_s);
        report.kind = TokenReport::Origin::Request;

        // Another day is shown with its date.
        report.expiresAt = requestTime.addDays(3);
        report.secondsToExpiry = 3 * 86400;
        QVERIFY(TokenText::expiryText(report).startsWith(
            u"Expires "_s + report.expiresAt->toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s)));
    }
};

QTEST_GUILESS_MAIN(TestTokenReport)
#include "tst_tokenreport.moc"
