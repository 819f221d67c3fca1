#include "guistyle.h"
#include "requests.h"
#include "tokeninspector.h"
#include "tokentext.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

using Verdict = TokenReport::Verdict;

namespace {

const QByteArray secret = "the secret the API signs with, 32 bytes"_ba;
const QByteArray otherSecret = "a secret that the API never had"_ba;
// The request time of most tests: 2026-02-18 10:30:00 UTC.
const QDateTime requestTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC);
const qint64 now = requestTime.toSecsSinceEpoch();

QJsonObject claims(qint64 issuedAt, qint64 expiresAt)
{
    return {{u"sub"_s, u"1"_s},       {u"email"_s, u"admin@example.com"_s},
            {u"role"_s, u"admin"_s},  {u"iat"_s, issuedAt},
            {u"exp"_s, expiresAt},    {u"jti"_s, u"abc"_s},
            {u"type"_s, u"access"_s}, {u"fresh"_s, true}};
}

QByteArray signedWith(const QByteArray &key, const QJsonObject &payload)
{
    return JwtCodec(key).sign(payload);
}

QByteArray base64Url(const QJsonObject &object)
{
    return QJsonDocument(object)
        .toJson(QJsonDocument::Compact)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

ApiRequest requestWith(const QByteArray &authorization, const QDateTime &at = requestTime)
{
    ApiRequest request = makeRequest("GET", u"/users"_s, {}, {{"Authorization"_ba, authorization}});
    request.receivedAt = at;
    return request;
}

TokenInspector inspectorWithSecret()
{
    TokenInspector inspector;
    inspector.addSecret(secret, requestTime.addDays(-1));
    return inspector;
}

} // namespace

class TestTokenInspector : public QObject
{
    Q_OBJECT

private slots:
    void noBearerTokenIsNone_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("absent") << QByteArray();
        QTest::newRow("basic") << "Basic YWRtaW46YWRtaW4="_ba;
    }

    void noBearerTokenIsNone()
    {
        QFETCH(QByteArray, authorization);
        ApiRequest request = makeRequest("GET", u"/users"_s);
        if (!authorization.isNull())
            request.headers.append({"Authorization"_ba, authorization});
        const TokenReport report = inspectorWithSecret().inspect(request);
        QCOMPARE(report.verdict, Verdict::None);
        QVERIFY(report.token.isEmpty());
    }

    void validTokenIsDecodedAndTimed()
    {
        const QByteArray token = signedWith(secret, claims(now - 60, now + 3540));
        // The scheme is case-insensitive, as for the API.
        const TokenReport report = inspectorWithSecret().inspect(requestWith("bearer " + token));
        QCOMPARE(report.verdict, Verdict::Valid);
        QCOMPARE(report.token, token);
        QCOMPARE(report.header[u"alg"_s].toString(), u"HS256"_s);
        QCOMPARE(report.header[u"typ"_s].toString(), u"JWT"_s);
        QCOMPARE(report.payload[u"email"_s].toString(), u"admin@example.com"_s);
        QCOMPARE(report.issuedAt, requestTime.addSecs(-60));
        QCOMPARE(report.expiresAt, requestTime.addSecs(3540));
        QCOMPARE(report.secondsToExpiry, 3540);
        QCOMPARE(report.judgedAt, requestTime);
        QVERIFY(!report.reason.isEmpty());
    }

    void expiredToken()
    {
        const QByteArray token = signedWith(secret, claims(now - 3700, now - 100));
        const TokenReport report = inspectorWithSecret().inspect(requestWith("Bearer " + token));
        QCOMPARE(report.verdict, Verdict::Expired);
        QCOMPARE(report.secondsToExpiry, -100);
        QCOMPARE(report.payload[u"sub"_s].toString(), u"1"_s);
        QCOMPARE(report.reason, u"The token had expired when the request arrived."_s);
    }

    void expiryAtTheSecondOfTheRequestHasExpired()
    {
        const QByteArray token = signedWith(secret, claims(now - 3600, now));
        const TokenReport report = inspectorWithSecret().inspect(requestWith("Bearer " + token));
        QCOMPARE(report.verdict, Verdict::Expired);
        QCOMPARE(report.secondsToExpiry, 0);
        QCOMPARE(report.reason, u"The token had expired when the request arrived."_s);
    }

    void tokenWithoutExpiryCountsAsExpired()
    {
        QJsonObject payload = claims(now, now + 60);
        payload.remove(u"exp"_s);
        const TokenReport report =
            inspectorWithSecret().inspect(requestWith("Bearer " + signedWith(secret, payload)));
        QCOMPARE(report.verdict, Verdict::Expired);
        QCOMPARE(report.expiresAt, std::nullopt);
        QVERIFY(report.reason.contains(u"no integer exp"_s));
    }

    void notYetValid()
    {
        QJsonObject payload = claims(now, now + 3600);
        payload[u"nbf"_s] = now + 600;
        const TokenReport report =
            inspectorWithSecret().inspect(requestWith("Bearer " + signedWith(secret, payload)));
        QCOMPARE(report.verdict, Verdict::NotYetValid);
    }

    void signedWithAnotherSecretIsForgedButDecoded()
    {
        const QByteArray token = signedWith(otherSecret, claims(now, now + 3600));
        const TokenReport report = inspectorWithSecret().inspect(requestWith("Bearer " + token));
        QCOMPARE(report.verdict, Verdict::Forged);
        QVERIFY(report.reason.contains(u"signature does not match"_s));
        QCOMPARE(report.payload[u"role"_s].toString(), u"admin"_s);
        QCOMPARE(report.secondsToExpiry, 3600);
    }

    void tamperedPayloadIsForged()
    {
        const QList<QByteArray> parts = signedWith(secret, claims(now, now + 3600)).split('.');
        QJsonObject promoted = claims(now, now + 3600);
        promoted[u"role"_s] = u"superuser"_s;
        const QByteArray token = parts[0] + '.' + base64Url(promoted) + '.' + parts[2];
        QCOMPARE(inspectorWithSecret().inspect(requestWith("Bearer " + token)).verdict,
                 Verdict::Forged);
    }

    void algNoneIsForged_data()
    {
        QTest::addColumn<QByteArray>("signature");
        QTest::newRow("unsigned, as alg none tokens come") << QByteArray();
        QTest::newRow("with a signature anyway") << "c2lnbmF0dXJl"_ba;
    }

    void algNoneIsForged()
    {
        QFETCH(QByteArray, signature);
        const QByteArray token = base64Url({{u"alg"_s, u"none"_s}, {u"typ"_s, u"JWT"_s}}) + '.' +
                                 base64Url(claims(now, now + 3600)) + '.' + signature;
        const TokenReport report = inspectorWithSecret().inspect(requestWith("Bearer " + token));
        QCOMPARE(report.verdict, Verdict::Forged);
        QCOMPARE(report.header[u"alg"_s].toString(), u"none"_s);
        QCOMPARE(report.payload[u"email"_s].toString(), u"admin@example.com"_s);
        QVERIFY2(report.reason.contains(u"\"none\""_s), qPrintable(report.reason));
    }

    void malformedTokens_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("not a JWT") << "Bearer abc"_ba;
        QTest::newRow("not JSON") << "Bearer YWJj.ZGVm.Z2hp"_ba;
        QTest::newRow("bad base64url") << "Bearer a*b.c$d.e!f"_ba;
        QTest::newRow("scheme alone") << "Bearer"_ba;
        QTest::newRow("two tokens") << "Bearer a.b.c d.e.f"_ba;
    }

    void malformedTokens()
    {
        QFETCH(QByteArray, authorization);
        const TokenReport report = inspectorWithSecret().inspect(requestWith(authorization));
        QCOMPARE(report.verdict, Verdict::Malformed);
        QVERIFY(report.header.isEmpty());
        QVERIFY(report.payload.isEmpty());
        QVERIFY(!report.reason.isEmpty());
    }

    void withoutSecretsTokensAreUnchecked()
    {
        const TokenInspector inspector;
        const TokenReport report =
            inspector.inspect(requestWith("Bearer " + signedWith(secret, claims(now, now + 60))));
        QCOMPARE(report.verdict, Verdict::Unchecked);
        QCOMPARE(report.payload[u"sub"_s].toString(), u"1"_s);
        QCOMPARE(inspector.inspect(requestWith("Bearer abc"_ba)).verdict, Verdict::Malformed);
    }

    // The trainer regenerates the secret at `regenerated`: every token is judged with the
    // secret the API had when its request arrived.
    void secretHistory()
    {
        const QDateTime regenerated = requestTime.addSecs(600);
        const QByteArray newSecret = "the regenerated secret"_ba;
        TokenInspector inspector;
        // Added out of order on purpose.
        inspector.addSecret(newSecret, regenerated);
        inspector.addSecret(secret, requestTime.addSecs(-600));

        const QByteArray oldToken = signedWith(secret, claims(now, now + 3600));
        const QByteArray newToken = signedWith(newSecret, claims(now + 700, now + 4300));
        const auto verdictAt = [&](const QByteArray &token, const QDateTime &at) {
            return inspector.inspect(requestWith("Bearer " + token, at)).verdict;
        };

        QCOMPARE(verdictAt(oldToken, requestTime), Verdict::Valid);
        QCOMPARE(verdictAt(oldToken, regenerated.addMSecs(-1)), Verdict::Valid);
        QCOMPARE(verdictAt(oldToken, regenerated), Verdict::Forged);
        QCOMPARE(verdictAt(oldToken, regenerated.addSecs(60)), Verdict::Forged);
        QCOMPARE(verdictAt(newToken, regenerated.addSecs(120)), Verdict::Valid);
        QCOMPARE(verdictAt(newToken, requestTime), Verdict::Forged);
        // Before the first secret there was no other: the first one judges.
        QCOMPARE(verdictAt(oldToken, requestTime.addSecs(-3000)), Verdict::Valid);
    }

    // The window adds the secret it starts with as in effect "since always" (an invalid time).
    void secretSinceAlways()
    {
        const QByteArray newSecret = "the regenerated secret"_ba;
        TokenInspector inspector;
        inspector.addSecret(secret, QDateTime());
        inspector.addSecret(newSecret, requestTime);
        const QByteArray oldToken = signedWith(secret, claims(now - 7200, now + 3600));
        QCOMPARE(inspector.inspect(requestWith("Bearer " + oldToken, requestTime.addSecs(-3600)))
                     .verdict,
                 Verdict::Valid);
        QCOMPARE(inspector.inspect(requestWith("Bearer " + oldToken, requestTime)).verdict,
                 Verdict::Forged);
    }

    void verdictTitlesAndColours()
    {
        QCOMPARE(TokenText::verdictTitle(Verdict::Valid), u"Valid token"_s);
        QCOMPARE(TokenText::verdictTitle(Verdict::Expired), u"Expired token"_s);
        QCOMPARE(TokenText::verdictTitle(Verdict::Forged), u"Forged token"_s);
        QCOMPARE(TokenText::verdictColor(Verdict::Valid), GuiStyle::statusColor(200));
        QCOMPARE(TokenText::verdictColor(Verdict::Expired), GuiStyle::statusColor(401));
        QCOMPARE(TokenText::verdictColor(Verdict::NotYetValid), GuiStyle::statusColor(401));
        QCOMPARE(TokenText::verdictColor(Verdict::Forged), GuiStyle::statusColor(500));
        QCOMPARE(TokenText::verdictColor(Verdict::Malformed), GuiStyle::statusColor(500));
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

        // Another day is shown with its date.
        report.expiresAt = requestTime.addDays(3);
        report.secondsToExpiry = 3 * 86400;
        QVERIFY(TokenText::expiryText(report).startsWith(
            u"Expires "_s + report.expiresAt->toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s)));
    }
};

QTEST_GUILESS_MAIN(TestTokenInspector)
#include "tst_tokeninspector.moc"
