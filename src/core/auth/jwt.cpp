#include "jwt.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QString>
#include <climits>
#include <initializer_list>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

constexpr auto EncodeOptions = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr auto DecodeOptions =
    QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors;

struct Segments
{
    QByteArrayView header;
    QByteArrayView payload;
    QByteArrayView signature;
    QByteArrayView signingInput; // header '.' payload, exactly as received
};

bool isBase64UrlChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

// Qt's decoder is lenient (it accepts a lone trailing character, for one), so the alphabet and
// the length are checked here rather than left to it.
bool isBase64UrlSegment(QByteArrayView segment)
{
    // 4n+1 characters cannot come out of any encoder: the last one would carry no whole byte.
    if (segment.isEmpty() || segment.size() % 4 == 1)
        return false;
    for (const char c : segment) {
        if (!isBase64UrlChar(c))
            return false;
    }
    return true;
}

std::optional<Segments> splitToken(QByteArrayView token)
{
    const qsizetype firstDot = token.indexOf('.');
    if (firstDot < 0)
        return std::nullopt;
    const qsizetype secondDot = token.indexOf('.', firstDot + 1);
    if (secondDot < 0)
        return std::nullopt;

    Segments segments;
    segments.header = token.first(firstDot);
    segments.payload = token.sliced(firstDot + 1, secondDot - firstDot - 1);
    segments.signature = token.sliced(secondDot + 1); // a further '.' fails the alphabet check
    segments.signingInput = token.first(secondDot);
    for (const QByteArrayView segment : {segments.header, segments.payload, segments.signature}) {
        if (!isBase64UrlSegment(segment))
            return std::nullopt;
    }
    return segments;
}

std::optional<QJsonObject> decodeObject(QByteArrayView segment)
{
    const auto decoded = QByteArray::fromBase64Encoding(segment.toByteArray(), DecodeOptions);
    if (!decoded)
        return std::nullopt;
    // Checked explicitly so that the verdict does not depend on how lenient the JSON parser is.
    if (!decoded.decoded.isValidUtf8())
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(decoded.decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// JSON has one number type; QJsonValue hands back the default for anything that is not a whole
// number in qint64 range, so two different defaults tell "0" apart from "not an integer".
std::optional<qint64> integerValue(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const qint64 number = value.toInteger(0);
    if (number == 0 && value.toInteger(1) != 0)
        return std::nullopt;
    return number;
}

} // namespace

JwtCodec::JwtCodec(QByteArray secret)
{
    EVP_MAC *hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX *keyed = hmac ? EVP_MAC_CTX_new(hmac) : nullptr;
    EVP_MAC_free(hmac);
    char digest[] = "SHA256";
    const OSSL_PARAM parameters[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end()};
    if (!keyed || !EVP_MAC_init(keyed, reinterpret_cast<const unsigned char *>(secret.constData()),
                                static_cast<size_t>(secret.size()), parameters)) {
        qFatal("JwtCodec: OpenSSL cannot set up HMAC-SHA256");
    }
    m_keyedMac.reset(keyed, [](const EVP_MAC_CTX *context) {
        EVP_MAC_CTX_free(const_cast<EVP_MAC_CTX *>(context));
    });
}

QByteArray JwtCodec::signatureOf(QByteArrayView signingInput) const
{
    EVP_MAC_CTX *context = EVP_MAC_CTX_dup(m_keyedMac.get());
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t macLength = 0;
    const bool signedOk =
        context &&
        EVP_MAC_update(context, reinterpret_cast<const unsigned char *>(signingInput.data()),
                       static_cast<size_t>(signingInput.size())) &&
        EVP_MAC_final(context, mac, &macLength, sizeof mac);
    EVP_MAC_CTX_free(context);
    // Only an OpenSSL malfunction gets here; an empty signature would be worse than stopping.
    if (!signedOk)
        qFatal("JwtCodec: OpenSSL HMAC failed");
    return QByteArray(reinterpret_cast<const char *>(mac), static_cast<qsizetype>(macLength))
        .toBase64(EncodeOptions);
}

QByteArray JwtCodec::sign(const QJsonObject &claims) const
{
    return signJson(QJsonDocument(claims).toJson(QJsonDocument::Compact));
}

QByteArray JwtCodec::signJson(QByteArrayView claimsJson) const
{
    static const QByteArray encodedHeader =
        R"({"alg":"HS256","typ":"JWT"})"_ba.toBase64(EncodeOptions);
    const QByteArray signingInput =
        encodedHeader + '.' + claimsJson.toByteArray().toBase64(EncodeOptions);
    return signingInput + '.' + signatureOf(signingInput);
}

JwtCodec::Result JwtCodec::verify(QByteArrayView token, qint64 nowSeconds) const
{
    // The header comes first because alg decides how the signature is checked, and nothing in the
    // payload is read before the signature holds, so a forged token can never reach Expired.
    Result result; // Malformed until proven otherwise

    const std::optional<Segments> segments = splitToken(token);
    if (!segments)
        return result;

    const std::optional<QJsonObject> header = decodeObject(segments->header);
    if (!header)
        return result;
    result.header = *header;

    const QJsonValue alg = header->value(u"alg"_s);
    if (!alg.isString() || alg.toString() != u"HS256"_s) {
        result.verdict = Verdict::WrongAlgorithm;
        return result;
    }

    // Compare the encoded text, not decoded bytes: the decoder ignores spare bits, so a decoded
    // compare would accept a signature segment that differs from the one we issued.
    const QByteArray expected = signatureOf(segments->signingInput);
    if (expected.size() != segments->signature.size() ||
        CRYPTO_memcmp(expected.constData(), segments->signature.data(),
                      static_cast<size_t>(expected.size())) != 0) {
        result.verdict = Verdict::BadSignature;
        return result;
    }

    const std::optional<QJsonObject> claims = decodeObject(segments->payload);
    if (!claims)
        return result;
    result.claims = *claims;

    const std::optional<qint64> exp = integerValue(claims->value(u"exp"_s));
    if (!exp || *exp <= nowSeconds) {
        result.verdict = Verdict::Expired;
        return result;
    }

    const QJsonValue nbfValue = claims->value(u"nbf"_s);
    if (!nbfValue.isUndefined()) {
        const std::optional<qint64> nbf = integerValue(nbfValue);
        if (!nbf)
            return result;
        if (*nbf > nowSeconds) {
            result.verdict = Verdict::NotYetValid;
            return result;
        }
    }

    result.verdict = Verdict::Valid;
    return result;
}

std::optional<JwtCodec::Decoded> JwtCodec::decode(QByteArrayView token)
{
    const std::optional<Segments> segments = splitToken(token);
    if (!segments)
        return std::nullopt;
    std::optional<QJsonObject> header = decodeObject(segments->header);
    std::optional<QJsonObject> claims = decodeObject(segments->payload);
    if (!header || !claims)
        return std::nullopt;
    return Decoded{std::move(*header), std::move(*claims)};
}

QByteArray JwtCodec::signature(QByteArrayView key, QByteArrayView signingInput)
{
    return JwtCodec(key.toByteArray()).signatureOf(signingInput);
}

QByteArray randomBytes(int count)
{
    if (count <= 0)
        return {};
    QByteArray result(count, Qt::Uninitialized);
    // Never fall back to a weaker generator: these bytes become signing secrets.
    if (RAND_bytes(reinterpret_cast<unsigned char *>(result.data()), count) != 1)
        qFatal("randomBytes: OpenSSL RAND_bytes failed");
    return result;
}

QByteArray pooledRandomBytes(int count)
{
    constexpr int PoolSize = 4096;
    if (count <= 0 || count > PoolSize)
        return randomBytes(count);
    thread_local QByteArray pool;
    thread_local int used = PoolSize;
    if (used + count > PoolSize) {
        pool = randomBytes(PoolSize);
        used = 0;
    }
    // Handed out once: each byte goes to exactly one caller.
    const QByteArray bytes = pool.sliced(used, count);
    used += count;
    return bytes;
}
