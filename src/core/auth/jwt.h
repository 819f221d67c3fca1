#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <memory>
#include <optional>

struct evp_mac_ctx_st; // OpenSSL's EVP_MAC_CTX

// HS256 JSON Web Tokens (RFC 7519) signed with OpenSSL's HMAC. Nothing but HS256 is accepted.
class JwtCodec
{
public:
    enum class Verdict {
        Valid,
        Malformed,      // not three non-empty base64url segments, invalid UTF-8 or JSON, a header
                        // or claims that are not objects, nbf not an integer
        WrongAlgorithm, // alg missing or anything but exactly "HS256"
        BadSignature,
        Expired,     // exp missing, not an integer, or not in the future
        NotYetValid, // nbf in the future
    };

    // header is filled once it has been parsed, claims only once the signature has been checked;
    // neither is trustworthy unless isValid().
    struct Result
    {
        Verdict verdict = Verdict::Malformed;
        QJsonObject header;
        QJsonObject claims;
        bool isValid() const { return verdict == Verdict::Valid; }
    };

    // The two JSON objects of a well-formed token, read WITHOUT checking alg, signature or time.
    struct Decoded
    {
        QJsonObject header;
        QJsonObject claims;
    };

    explicit JwtCodec(QByteArray secret);

    // Signs the claims with the header {"alg":"HS256","typ":"JWT"}.
    QByteArray sign(const QJsonObject &claims) const;
    // The same for claims already serialised as a compact JSON object (e.g. by JsonObjectWriter).
    QByteArray signJson(QByteArrayView claimsJson) const;
    // Checks a token against the secret at the given time (seconds since the epoch, UTC).
    Result verify(QByteArrayView token, qint64 nowSeconds) const;

    // For display only (e.g. a token inspector): nullopt unless the token has three base64url
    // segments whose first two are JSON objects in valid UTF-8.
    static std::optional<Decoded> decode(QByteArrayView token);

    // The base64url HS256 signature of a signing input (exposed for the RFC 7515 test vector).
    static QByteArray signature(QByteArrayView key, QByteArrayView signingInput);

private:
    QByteArray signatureOf(QByteArrayView signingInput) const;

    // HMAC-SHA256 already keyed with the secret; each signature works on a copy of it, which
    // skips OpenSSL's algorithm look-up and key set-up on every request. Shared and never
    // changed after construction, so copies of the codec and other threads may use it.
    std::shared_ptr<const evp_mac_ctx_st> m_keyedMac;
};

// Bytes from OpenSSL's CSPRNG; used for the per-installation JWT secret.
QByteArray randomBytes(int count);
// The same CSPRNG's bytes through a per-thread buffer refilled 4 KiB at a time, for the few bytes
// of each token id: OpenSSL's cost per call (locks, a fork check) dwarfs that of 8 bytes.
QByteArray pooledRandomBytes(int count);
