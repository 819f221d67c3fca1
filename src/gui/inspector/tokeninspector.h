#pragma once

#include "apirequest.h"
#include "jwt.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <optional>

// What the inspector found out about the bearer token of one request.
struct TokenReport
{
    enum class Verdict {
        None,        // no "Authorization: Bearer ..." header
        Unchecked,   // decoded, but no secret is known to check it with
        Malformed,   // not a token the API can read
        Forged,      // bad signature, or an algorithm other than HS256 (alg none included)
        Expired,     // exp in the past at the request, missing or not an integer
        NotYetValid, // nbf in the future at the request
        Valid,
    };

    Verdict verdict = Verdict::None;
    QString reason;     // one sentence on why, for people
    QByteArray token;   // as sent
    QJsonObject header; // decoded even when forged or expired; empty when malformed
    QJsonObject payload;
    std::optional<QDateTime> issuedAt;  // iat, UTC
    std::optional<QDateTime> expiresAt; // exp, UTC
    // exp minus the time of the request: time left when positive, how long ago when negative.
    std::optional<qint64> secondsToExpiry;
    QDateTime judgedAt; // when the request arrived: the time everything above refers to
};

// Decodes and checks the bearer tokens of requests as the API judged them: against the secret
// in effect when each request arrived, at that time. The trainer may regenerate the secret; the
// history of secrets keeps older tokens judged as they were then.
class TokenInspector
{
public:
    // The secret the API signs and checks with from `since` on (until the next one).
    void addSecret(const QByteArray &secret, const QDateTime &since);

    TokenReport inspect(const ApiRequest &request) const;

private:
    struct SecretPeriod
    {
        QDateTime since;
        JwtCodec codec;
    };

    const JwtCodec *codecAt(const QDateTime &time) const;

    QList<SecretPeriod> m_secrets; // ordered by since
};
