#include "envelope.h"
#include "jwt.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

// Found by argument-dependent lookup, so failed comparisons print names instead of numbers.
static char *toString(JwtCodec::Verdict verdict)
{
    switch (verdict) {
    case JwtCodec::Verdict::Valid:
        return qstrdup("Valid");
    case JwtCodec::Verdict::Malformed:
        return qstrdup("Malformed");
    case JwtCodec::Verdict::WrongAlgorithm:
        return qstrdup("WrongAlgorithm");
    case JwtCodec::Verdict::BadSignature:
        return qstrdup("BadSignature");
    case JwtCodec::Verdict::Expired:
        return qstrdup("Expired");
    case JwtCodec::Verdict::NotYetValid:
        return qstrdup("NotYetValid");
    }
    return qstrdup("?");
}

namespace {

using Verdict = JwtCodec::Verdict;

constexpr qint64 Now = 1'700'000'000;
constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
const QByteArray Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"_ba;
const QByteArray Hs256Header = R"({"alg":"HS256","typ":"JWT"})"_ba;

QByteArray secret()
{
    return "test-secret-not-for-production-0123456789"_ba;
}

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64(Base64Url);
}

QByteArray b64Decode(const QByteArray &text)
{
    return QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding);
}

// Signed with Qt's own HMAC, not the code under test, so both sides are checked independently.
QByteArray signedToken(const QByteArray &headerJson, const QByteArray &payloadJson,
                       const QByteArray &key = secret())
{
    const QByteArray input = b64(headerJson) + '.' + b64(payloadJson);
    const QByteArray mac = QMessageAuthenticationCode::hash(input, key, QCryptographicHash::Sha256);
    return input + '.' + b64(mac);
}

QByteArray claimsJson(const QByteArray &extra = {})
{
    QByteArray json = "{\"sub\":\"42\",\"exp\":" + QByteArray::number(Now + 3600);
    if (!extra.isEmpty())
        json += ',' + extra;
    return json + '}';
}

QByteArray goodToken()
{
    return signedToken(Hs256Header, claimsJson());
}

QByteArray replaceSegment(const QByteArray &token, int index, const QByteArray &segment)
{
    QList<QByteArray> parts = token.split('.');
    parts[index] = segment;
    return parts.join('.');
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private slots:
    void rfc7515Signature();
    void rfc7515Verify_data();
    void rfc7515Verify();
    void roundTrip();
    void signedHeaderIsExact();
    void spareBitsInSignature_data();
    void spareBitsInSignature();
    void rejected_data();
    void rejected();
    void timeClaims_data();
    void timeClaims();
    void forgedTokenNeverReachesClaims_data();
    void forgedTokenNeverReachesClaims();
    void hugeTokens_data();
    void hugeTokens();
    void decodeSkipsChecks();
    void decodeRejectsMalformed();
    void randomBytesAreFreshAndSized();
    void pooledRandomBytesAreNeverHandedOutTwice();
    void handWrittenClaimsMatchQJsonDocument_data();
    void handWrittenClaimsMatchQJsonDocument();

private:
    static QByteArray rfcKey();
    static QByteArray rfcToken();
};

namespace {
const QByteArray RfcSigningInput =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
    "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ"_ba;
const QByteArray RfcSignature = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_ba;
constexpr qint64 RfcExp = 1300819380;
} // namespace

QByteArray TestJwt::rfcKey()
{
    return b64Decode(
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1"
        "Z9CAow"_ba);
}

QByteArray TestJwt::rfcToken()
{
    return RfcSigningInput + '.' + RfcSignature;
}

void TestJwt::rfc7515Signature()
{
    QCOMPARE(rfcKey().size(), qsizetype(64));
    QCOMPARE(JwtCodec::signature(rfcKey(), RfcSigningInput), RfcSignature);
}

void TestJwt::rfc7515Verify_data()
{
    QTest::addColumn<qint64>("now");
    QTest::addColumn<Verdict>("expected");

    QTest::newRow("long before exp") << qint64(0) << Verdict::Valid;
    QTest::newRow("one second before exp") << RfcExp - 1 << Verdict::Valid;
    QTest::newRow("at exp") << RfcExp << Verdict::Expired;
    QTest::newRow("after exp") << RfcExp + 1 << Verdict::Expired;
    QTest::newRow("today") << Now << Verdict::Expired;
}

void TestJwt::rfc7515Verify()
{
    QFETCH(qint64, now);
    QFETCH(Verdict, expected);

    const JwtCodec::Result result = JwtCodec(rfcKey()).verify(rfcToken(), now);
    QCOMPARE(result.verdict, expected);
    QCOMPARE(result.isValid(), expected == Verdict::Valid);
    QCOMPARE(result.header.value(u"alg"_s).toString(), u"HS256"_s);
    QCOMPARE(result.claims.value(u"iss"_s).toString(), u"joe"_s);
    QCOMPARE(result.claims.value(u"exp"_s).toInteger(), RfcExp);
    QCOMPARE(result.claims.value(u"http://example.com/is_root"_s).toBool(), true);
}

void TestJwt::roundTrip()
{
    const JwtCodec codec(secret());
    const QJsonObject claims{{u"sub"_s, u"7"_s},
                             {u"role"_s, u"admin"_s},
                             {u"name"_s, u"Zoë 🥋"_s},
                             {u"exp"_s, Now + 60},
                             {u"nbf"_s, Now}};
    const QByteArray token = codec.sign(claims);

    QCOMPARE(token.count('.'), 2);
    QVERIFY(!token.contains('='));

    const JwtCodec::Result result = codec.verify(token, Now);
    QCOMPARE(result.verdict, Verdict::Valid);
    QVERIFY(result.isValid());
    QCOMPARE(result.claims, claims);

    // Qt's independent HMAC must agree with the signature we emitted.
    const qsizetype lastDot = token.lastIndexOf('.');
    QCOMPARE(token.mid(lastDot + 1),
             b64(QMessageAuthenticationCode::hash(token.left(lastDot), secret(),
                                                  QCryptographicHash::Sha256)));
    // Another installation's secret must not accept it.
    QCOMPARE(JwtCodec("another-secret"_ba).verify(token, Now).verdict, Verdict::BadSignature);
}

void TestJwt::signedHeaderIsExact()
{
    const QByteArray token = JwtCodec(secret()).sign(QJsonObject{{u"exp"_s, Now + 1}});
    const QByteArray header = token.left(token.indexOf('.'));
    QCOMPARE(b64Decode(header), Hs256Header);
    QCOMPARE(header, b64(Hs256Header));
}

void TestJwt::spareBitsInSignature_data()
{
    QTest::addColumn<int>("mask");
    // 32 bytes take 43 characters: the last one carries two bits the decoder throws away.
    QTest::newRow("low spare bit") << 1;
    QTest::newRow("high spare bit") << 2;
    QTest::newRow("both spare bits") << 3;
}

void TestJwt::spareBitsInSignature()
{
    QFETCH(int, mask);

    const QByteArray token = goodToken();
    QCOMPARE(JwtCodec(secret()).verify(token, Now).verdict, Verdict::Valid);

    QByteArray altered = token;
    const qsizetype index = Alphabet.indexOf(altered.back());
    QVERIFY(index >= 0);
    altered.back() = Alphabet.at(index ^ mask);
    QVERIFY(altered != token);

    // Precondition: the altered signature really decodes to the same bytes.
    const QByteArray original = token.mid(token.lastIndexOf('.') + 1);
    const QByteArray changed = altered.mid(altered.lastIndexOf('.') + 1);
    QCOMPARE(b64Decode(changed), b64Decode(original));

    QCOMPARE(JwtCodec(secret()).verify(altered, Now).verdict, Verdict::BadSignature);
}

void TestJwt::rejected_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<Verdict>("expected");

    const QByteArray good = goodToken();
    const QList<QByteArray> parts = good.split('.');
    const QByteArray &header = parts.at(0);
    const QByteArray &payload = parts.at(1);
    const QByteArray &sig = parts.at(2);

    // Tampering.
    QTest::newRow("tampered payload")
        << replaceSegment(good, 1, b64(claimsJson(R"("role":"admin")"_ba)))
        << Verdict::BadSignature;
    QByteArray flippedFirst = sig;
    flippedFirst[0] = flippedFirst.at(0) == 'A' ? 'B' : 'A';
    QTest::newRow("tampered signature")
        << replaceSegment(good, 2, flippedFirst) << Verdict::BadSignature;
    QTest::newRow("signature truncated")
        << replaceSegment(good, 2, sig.chopped(4)) << Verdict::BadSignature;
    QTest::newRow("signature extended")
        << replaceSegment(good, 2, sig + "AAAA") << Verdict::BadSignature;
    QTest::newRow("signature of another token")
        << replaceSegment(good, 2, signedToken(Hs256Header, "{}").split('.').at(2))
        << Verdict::BadSignature;
    QTest::newRow("wrong secret") << signedToken(Hs256Header, claimsJson(), "wrong")
                                  << Verdict::BadSignature;
    QTest::newRow("header re-encoded with typ swapped")
        << replaceSegment(good, 0, b64(R"({"typ":"JWT","alg":"HS256"})")) << Verdict::BadSignature;

    // Algorithms: correctly HMAC-signed, so only the alg check can reject them.
    const QList<QByteArray> algHeaders = {
        R"({"alg":"none","typ":"JWT"})",
        R"({"alg":"None","typ":"JWT"})",
        R"({"alg":"NONE","typ":"JWT"})",
        R"({"alg":"nOnE"})",
        R"({"alg":"HS384","typ":"JWT"})",
        R"({"alg":"HS512"})",
        R"({"alg":"RS256","typ":"JWT"})",
        R"({"alg":"hs256"})",
        R"({"alg":"HS256 "})",
        R"({"alg":"HS256\u0000"})",
        R"({"alg":""})",
        R"({"alg":null})",
        R"({"alg":256})",
        R"({"alg":["HS256"]})",
        R"({"alg":{"name":"HS256"}})",
        R"({"typ":"JWT"})",
        R"({})",
    };
    for (const QByteArray &algHeader : algHeaders) {
        const QByteArray token = signedToken(algHeader, claimsJson());
        QTest::addRow("alg %s, signed", algHeader.constData()) << token << Verdict::WrongAlgorithm;
        QTest::addRow("alg %s, no signature", algHeader.constData())
            << token.left(token.lastIndexOf('.') + 1) << Verdict::Malformed;
        QTest::addRow("alg %s, two segments", algHeader.constData())
            << token.left(token.lastIndexOf('.')) << Verdict::Malformed;
    }

    // Header JSON that is not an object, or not JSON at all.
    const QList<QByteArray> badHeaders = {R"(["alg","HS256"])",
                                          R"("HS256")",
                                          "256",
                                          "null",
                                          "alg=HS256",
                                          R"({"alg":"HS256")",
                                          R"({"alg":"HS256"} x)",
                                          R"({"alg":"HS256",})",
                                          ""};
    for (const QByteArray &badHeader : badHeaders)
        QTest::addRow("header %s", badHeader.constData())
            << signedToken(badHeader, claimsJson()) << Verdict::Malformed;
    QTest::newRow("header invalid UTF-8")
        << signedToken("{\"alg\":\"HS256\",\"kid\":\"\xc3\x28\"}", claimsJson())
        << Verdict::Malformed;

    // Characters outside base64url, in each segment.
    const QList<QByteArray> badChars = {"+",  "/", "=", " ",  "\t",       "\n",
                                        "\r", "%", "*", "\\", "\xc3\xa9", QByteArray(1, '\0')};
    for (const QByteArray &badChar : badChars) {
        const QByteArray shown = badChar.toPercentEncoding();
        QTest::addRow("'%s' in header", shown.constData())
            << replaceSegment(good, 0, header.left(4) + badChar + header.mid(4))
            << Verdict::Malformed;
        QTest::addRow("'%s' in payload", shown.constData())
            << replaceSegment(good, 1, payload.left(4) + badChar + payload.mid(4))
            << Verdict::Malformed;
        QTest::addRow("'%s' in signature", shown.constData())
            << replaceSegment(good, 2, sig.left(4) + badChar + sig.mid(4)) << Verdict::Malformed;
        QTest::addRow("'%s' after signature", shown.constData())
            << QByteArray(good + badChar) << Verdict::Malformed;
        QTest::addRow("'%s' before token", shown.constData())
            << QByteArray(badChar + good) << Verdict::Malformed;
    }
    QTest::newRow("standard base64 signature")
        << replaceSegment(good, 2, b64Decode(sig).toBase64()) << Verdict::Malformed;
    QTest::newRow("padded header")
        << replaceSegment(good, 0, b64(Hs256Header + "  ") + "==") << Verdict::Malformed;
    QTest::newRow("Bearer prefix") << QByteArray("Bearer " + good) << Verdict::Malformed;

    // Segment counts and empty segments.
    QTest::newRow("empty") << QByteArray() << Verdict::Malformed;
    QTest::newRow("one segment") << header << Verdict::Malformed;
    QTest::newRow("two segments") << QByteArray(header + '.' + payload) << Verdict::Malformed;
    QTest::newRow("four segments") << QByteArray(good + '.' + sig) << Verdict::Malformed;
    QTest::newRow("four segments, empty last") << QByteArray(good + '.') << Verdict::Malformed;
    QTest::newRow("only dots") << "..."_ba << Verdict::Malformed;
    QTest::newRow("two dots") << ".."_ba << Verdict::Malformed;
    QTest::newRow("empty header") << QByteArray('.' + payload + '.' + sig) << Verdict::Malformed;
    QTest::newRow("empty payload") << QByteArray(header + ".." + sig) << Verdict::Malformed;
    QTest::newRow("empty signature")
        << QByteArray(header + '.' + payload + '.') << Verdict::Malformed;
    QTest::newRow("double dot") << QByteArray(header + ".." + payload + '.' + sig)
                                << Verdict::Malformed;
    // A 4n+1 length has no valid decoding; Qt's decoder would silently drop the last character.
    QTest::newRow("signature of 4n+1 characters")
        << replaceSegment(good, 2, sig + "AA") << Verdict::Malformed;
    QTest::newRow("header of 4n+1 characters")
        << replaceSegment(good, 0, header.left(header.size() - header.size() % 4) + 'A')
        << Verdict::Malformed;

    // Correctly signed payloads that are not a JSON object in UTF-8.
    const QList<QByteArray> badPayloads = {
        "{\"sub\":\"\xc3\x28\",\"exp\":9999999999}",     // invalid continuation byte
        "{\"sub\":\"\xc0\xaf\",\"exp\":9999999999}",     // overlong encoding
        "{\"sub\":\"\xed\xa0\x80\",\"exp\":9999999999}", // UTF-16 surrogate
        "{\"sub\":\"\xff\",\"exp\":9999999999}",
        "not json",
        "[{\"exp\":9999999999}]",
        "9999999999",
        "\"exp\"",
        "{\"exp\":9999999999",
        "{\"exp\":9999999999}}",
        "",
    };
    for (const QByteArray &badPayload : badPayloads)
        QTest::addRow("payload %s", badPayload.toPercentEncoding("{}\":,[]").constData())
            << signedToken(Hs256Header, badPayload) << Verdict::Malformed;
}

void TestJwt::rejected()
{
    QFETCH(QByteArray, token);
    QFETCH(Verdict, expected);

    const JwtCodec::Result result = JwtCodec(secret()).verify(token, Now);
    QCOMPARE(result.verdict, expected);
    QVERIFY(!result.isValid());
    // Claims are only handed out once the signature and payload have been checked.
    QVERIFY(result.claims.isEmpty());
}

void TestJwt::timeClaims_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<Verdict>("expected");

    // Claims JSON with the given raw exp and nbf values; an empty value leaves the claim out.
    const auto claims = [](const QByteArray &exp, const QByteArray &nbf = {}) {
        QByteArrayList members{R"("sub":"42")"_ba};
        if (!exp.isEmpty())
            members << QByteArray(R"("exp":)" + exp);
        if (!nbf.isEmpty())
            members << QByteArray(R"("nbf":)" + nbf);
        return QByteArray('{' + members.join(',') + '}');
    };
    const QByteArray later = QByteArray::number(Now + 1);
    const QByteArray earlier = QByteArray::number(Now - 1);
    const QByteArray now = QByteArray::number(Now);

    QTest::newRow("exp in the future") << claims(later) << Verdict::Valid;
    QTest::newRow("exp far in the future") << claims("9223372036854775807") << Verdict::Valid;
    QTest::newRow("exp whole double") << claims(later + ".0") << Verdict::Valid;
    QTest::newRow("exp missing") << claims({}) << Verdict::Expired;
    QTest::newRow("exp string") << claims('"' + later + '"') << Verdict::Expired;
    QTest::newRow("exp fractional") << claims("1.5") << Verdict::Expired;
    QTest::newRow("exp fractional future") << claims(later + ".5") << Verdict::Expired;
    QTest::newRow("exp true") << claims("true") << Verdict::Expired;
    QTest::newRow("exp null") << claims("null") << Verdict::Expired;
    QTest::newRow("exp object") << claims("{}") << Verdict::Expired;
    QTest::newRow("exp array") << claims("[" + later + "]") << Verdict::Expired;
    QTest::newRow("exp too large") << claims("1e300") << Verdict::Expired;
    QTest::newRow("exp zero") << claims("0") << Verdict::Expired;
    QTest::newRow("exp negative") << claims("-1") << Verdict::Expired;
    QTest::newRow("exp in the past") << claims(earlier) << Verdict::Expired;
    QTest::newRow("exp equal to now") << claims(now) << Verdict::Expired;

    QTest::newRow("nbf in the past") << claims(later, earlier) << Verdict::Valid;
    QTest::newRow("nbf equal to now") << claims(later, now) << Verdict::Valid;
    QTest::newRow("nbf in the future") << claims(later, later) << Verdict::NotYetValid;
    QTest::newRow("nbf string") << claims(later, R"("0")") << Verdict::Malformed;
    QTest::newRow("nbf fractional") << claims(later, "0.5") << Verdict::Malformed;
    QTest::newRow("nbf null") << claims(later, "null") << Verdict::Malformed;
    QTest::newRow("nbf bool") << claims(later, "false") << Verdict::Malformed;
    // exp is checked before nbf.
    QTest::newRow("expired and not yet valid") << claims(earlier, later) << Verdict::Expired;
    QTest::newRow("expired with bad nbf") << claims(earlier, R"("x")") << Verdict::Expired;
}

void TestJwt::timeClaims()
{
    QFETCH(QByteArray, payload);
    QFETCH(Verdict, expected);

    const QByteArray token = signedToken(Hs256Header, payload);
    const JwtCodec::Result result = JwtCodec(secret()).verify(token, Now);
    QCOMPARE(result.verdict, expected);
    QCOMPARE(result.isValid(), expected == Verdict::Valid);
    // Once the signature holds, the claims are there to explain the verdict.
    QCOMPARE(result.claims, QJsonDocument::fromJson(payload).object());
}

void TestJwt::forgedTokenNeverReachesClaims_data()
{
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("expired") << R"({"exp":1})"_ba;
    QTest::newRow("exp missing") << R"({"sub":"42"})"_ba;
    QTest::newRow("not yet valid") << R"({"exp":9999999999,"nbf":9999999998})"_ba;
    QTest::newRow("bad nbf") << R"({"exp":9999999999,"nbf":"x"})"_ba;
    QTest::newRow("payload not JSON") << "garbage"_ba;
    QTest::newRow("payload invalid UTF-8") << "{\"exp\":9999999999,\"x\":\"\xc3\x28\"}"_ba;
}

void TestJwt::forgedTokenNeverReachesClaims()
{
    QFETCH(QByteArray, payload);

    const QByteArray forged = signedToken(Hs256Header, payload, "attacker-guess");
    const JwtCodec::Result result = JwtCodec(secret()).verify(forged, Now);
    QCOMPARE(result.verdict, Verdict::BadSignature);
    QVERIFY(result.claims.isEmpty());
}

void TestJwt::hugeTokens_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<Verdict>("expected");

    constexpr int MiB = 1024 * 1024;
    const QByteArray letters(MiB, 'A');
    QTest::newRow("1 MiB of one letter") << letters << Verdict::Malformed;
    QTest::newRow("1 MiB of random bytes") << randomBytes(MiB) << Verdict::Malformed;
    QTest::newRow("1 MiB of dots") << QByteArray(MiB, '.') << Verdict::Malformed;
    QTest::newRow("1 MiB base64url header")
        << QByteArray(letters + ".e30.AAAA") << Verdict::Malformed;
    const QByteArray good = goodToken();
    QTest::newRow("1 MiB base64url payload, old signature")
        << replaceSegment(good, 1, b64(randomBytes(MiB))) << Verdict::BadSignature;
    QTest::newRow("1 MiB signature")
        << replaceSegment(good, 2, letters.left(MiB - 2)) << Verdict::BadSignature;
    QTest::newRow("1 MiB appended") << QByteArray(good + letters) << Verdict::BadSignature;
}

void TestJwt::hugeTokens()
{
    QFETCH(QByteArray, token);
    QFETCH(Verdict, expected);

    QCOMPARE(JwtCodec(secret()).verify(token, Now).verdict, expected);
}

void TestJwt::decodeSkipsChecks()
{
    // Unsigned, expired and alg none: decode() shows it anyway.
    const QByteArray token = signedToken(R"({"alg":"none"})", R"({"exp":1,"sub":"x"})", "other");
    const std::optional<JwtCodec::Decoded> decoded = JwtCodec::decode(token);
    QVERIFY(decoded.has_value());
    QCOMPARE(decoded->header.value(u"alg"_s).toString(), u"none"_s);
    QCOMPARE(decoded->claims.value(u"sub"_s).toString(), u"x"_s);
    QCOMPARE(decoded->claims.value(u"exp"_s).toInteger(), qint64(1));

    const std::optional<JwtCodec::Decoded> rfc = JwtCodec::decode(rfcToken());
    QVERIFY(rfc.has_value());
    QCOMPARE(rfc->claims.value(u"iss"_s).toString(), u"joe"_s);
}

void TestJwt::decodeRejectsMalformed()
{
    const QByteArray good = goodToken();
    QVERIFY(JwtCodec::decode(good).has_value());
    QVERIFY(!JwtCodec::decode({}).has_value());
    QVERIFY(!JwtCodec::decode(good.left(good.lastIndexOf('.'))).has_value());
    QVERIFY(!JwtCodec::decode(QByteArray(good + '=')).has_value());
    QVERIFY(!JwtCodec::decode(signedToken(Hs256Header, "[]")).has_value());
    QVERIFY(!JwtCodec::decode(signedToken("\xc3\x28", "{}")).has_value());
}

void TestJwt::randomBytesAreFreshAndSized()
{
    const QByteArray first = randomBytes(32);
    const QByteArray second = randomBytes(32);
    QCOMPARE(first.size(), qsizetype(32));
    QCOMPARE(second.size(), qsizetype(32));
    QVERIFY(first != second);
    QVERIFY(first != QByteArray(32, '\0'));
    QCOMPARE(randomBytes(1).size(), qsizetype(1));
    QVERIFY(randomBytes(0).isEmpty());
}

void TestJwt::pooledRandomBytesAreNeverHandedOutTwice()
{
    // Enough 8-byte ids to span several refills of the pool, and odd sizes across its edges.
    QSet<QByteArray> seen;
    for (int i = 0; i < 3000; ++i) {
        const QByteArray id = pooledRandomBytes(8);
        QCOMPARE(id.size(), qsizetype(8));
        QVERIFY(!seen.contains(id));
        seen.insert(id);
    }
    for (const int size : {1, 7, 4095, 4096, 4097}) {
        const QByteArray a = pooledRandomBytes(size);
        const QByteArray b = pooledRandomBytes(size);
        QCOMPARE(a.size(), qsizetype(size));
        QVERIFY(size == 1 || a != b);
    }
    QVERIFY(pooledRandomBytes(0).isEmpty());
}

void TestJwt::handWrittenClaimsMatchQJsonDocument_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << u"admin@example.com"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("quote and backslash") << u"a\"b\\c/d"_s;
    QTest::newRow("control characters") << QString::fromUtf16(u"\b\f\n\r\t\x01\x1f\x7f");
    QTest::newRow("Latin-1") << u"Zoë Müller"_s;
    QTest::newRow("non-BMP") << QString::fromUtf16(u"rocket \U0001F680");
    QTest::newRow("lone surrogate") << QString(QChar(0xd800)) + u"x"_s;
}

void TestJwt::handWrittenClaimsMatchQJsonDocument()
{
    QFETCH(QString, text);
    const QByteArray latin1 = text.toLatin1();
    const bool isLatin1 = QString::fromLatin1(latin1) == text;
    const QJsonObject object{{u"a"_s, text},   {u"b"_s, 1'700'000'000},
                             {u"c"_s, -1},     {u"d"_s, true},
                             {u"e"_s, false},  {u"f"_s, QJsonObject{}},
                             {u"g"_s, u"x"_s}, {u"h"_s, isLatin1 ? text : QString()}};
    const QByteArray written = JsonObjectWriter()
                                   .string("a"_L1, text)
                                   .number("b"_L1, 1'700'000'000)
                                   .number("c"_L1, -1)
                                   .boolean("d"_L1, true)
                                   .boolean("e"_L1, false)
                                   .json("f"_L1, "{}")
                                   .string("g"_L1, "x"_L1)
                                   .string("h"_L1, QLatin1StringView(isLatin1 ? latin1 : ""))
                                   .finish();
    QCOMPARE(written, QJsonDocument(object).toJson(QJsonDocument::Compact));

    const JwtCodec codec(secret());
    QCOMPARE(codec.signJson(written), codec.sign(object));
}

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
