#include "tokeninspector.h"

#include <QJsonValue>
#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

// The API's reading of the header (see Authenticator): a case-insensitive "Bearer" scheme and
// exactly one token after it. nullopt when there is no bearer token at all; an empty token
// when the scheme is there but what follows is not one token.
std::optional<QByteArray> bearerToken(const ApiRequest &request)
{
    const QList<QByteArray> parts = request.header("Authorization").trimmed().split(' ');
    if (parts[0].compare("bearer", Qt::CaseInsensitive) != 0)
        return std::nullopt;
    return parts.size() == 2 ? parts[1] : QByteArray();
}

// A whole number of seconds since the epoch, as the API reads iat and exp; nullopt otherwise.
std::optional<QDateTime> timeClaim(const QJsonObject &payload, const QString &name)
{
    constexpr qint64 NotAnInteger = std::numeric_limits<qint64>::min();
    const qint64 seconds = payload.value(name).toInteger(NotAnInteger);
    if (seconds == NotAnInteger)
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

// JwtCodec::decode, and also for an unsigned token ("header.payload.", the usual form of an
// alg none attack), which it refuses for its empty signature: students should see what it says.
std::optional<JwtCodec::Decoded> decodeForDisplay(const QByteArray &token)
{
    if (token.endsWith('.'))
        return JwtCodec::decode(QByteArray(token + "AA")); // a stand-in signature, never checked
    return JwtCodec::decode(token);
}

// Fills the verdict and its reason; `decoded` tells whether the token could be read at all.
void judge(TokenReport &report, const JwtCodec::Result &result, bool decoded)
{
    using Verdict = TokenReport::Verdict;
    switch (result.verdict) {
    case JwtCodec::Verdict::Valid:
        report.verdict = Verdict::Valid;
        report.reason = u"Signed with the secret in effect when the request arrived, and within "
                        "its validity period."_s;
        break;
    case JwtCodec::Verdict::Malformed:
        report.verdict = Verdict::Malformed;
        report.reason = decoded
                            ? u"Its nbf (not before) is not an integer: the API cannot read it."_s
                            : u"Not three base64url segments of JSON objects: the API cannot "
                              "read it."_s;
        break;
    case JwtCodec::Verdict::WrongAlgorithm:
        report.verdict = Verdict::Forged;
        report.reason = u"The header says alg %1; the API accepts only HS256."_s.arg(
            result.header.contains(u"alg"_s)
                ? u'"' + result.header.value(u"alg"_s).toVariant().toString() + u'"'
                : u"nothing"_s);
        break;
    case JwtCodec::Verdict::BadSignature:
        report.verdict = Verdict::Forged;
        report.reason = u"The signature does not match the secret in effect when the request "
                        "arrived: signed with another secret, or changed after signing."_s;
        break;
    case JwtCodec::Verdict::Expired:
        report.verdict = Verdict::Expired;
        report.reason = report.expiresAt
                            ? u"The token had expired when the request arrived."_s
                            : u"The token has no integer exp (expiry), so it counts as expired."_s;
        break;
    case JwtCodec::Verdict::NotYetValid:
        report.verdict = Verdict::NotYetValid;
        report.reason = u"Its nbf (not before) is after the time of the request."_s;
        break;
    }
}

} // namespace

void TokenInspector::addSecret(const QByteArray &secret, const QDateTime &since)
{
    const auto later = std::upper_bound(
        m_secrets.begin(), m_secrets.end(), since,
        [](const QDateTime &time, const SecretPeriod &period) { return time < period.since; });
    m_secrets.insert(later, SecretPeriod{since, JwtCodec(secret)});
}

const JwtCodec *TokenInspector::codecAt(const QDateTime &time) const
{
    if (m_secrets.isEmpty())
        return nullptr;
    // The first secret also covers anything before it: there was no other then.
    const auto later = std::upper_bound(
        m_secrets.begin(), m_secrets.end(), time,
        [](const QDateTime &when, const SecretPeriod &period) { return when < period.since; });
    return later == m_secrets.begin() ? &m_secrets.front().codec : &std::prev(later)->codec;
}

TokenReport TokenInspector::inspect(const ApiRequest &request) const
{
    TokenReport report;
    const std::optional<QByteArray> token = bearerToken(request);
    if (!token)
        return report;

    report.token = *token;
    report.judgedAt =
        request.receivedAt.isValid() ? request.receivedAt : QDateTime::currentDateTimeUtc();
    if (token->isEmpty()) {
        report.verdict = TokenReport::Verdict::Malformed;
        report.reason = u"\"Bearer\" must be followed by exactly one token."_s;
        return report;
    }

    const qint64 requestSeconds = report.judgedAt.toSecsSinceEpoch();
    const std::optional<JwtCodec::Decoded> decoded = decodeForDisplay(*token);
    if (decoded) {
        report.header = decoded->header;
        report.payload = decoded->claims;
        report.issuedAt = timeClaim(report.payload, u"iat"_s);
        report.expiresAt = timeClaim(report.payload, u"exp"_s);
        if (report.expiresAt)
            report.secondsToExpiry = report.expiresAt->toSecsSinceEpoch() - requestSeconds;
    }

    const JwtCodec *codec = codecAt(report.judgedAt);
    if (!codec && decoded) {
        report.verdict = TokenReport::Verdict::Unchecked;
        report.reason = u"No signing secret is known for the time of the request."_s;
        return report;
    }
    // Without a secret a token that does not even decode is still judged by its form.
    JwtCodec::Result result = codec ? codec->verify(*token, requestSeconds) : JwtCodec::Result{};
    if (result.verdict == JwtCodec::Verdict::Malformed && decoded && token->endsWith('.')) {
        // Unsigned: the API refuses it for its form, but what matters to a student is that it
        // carries no valid signature.
        result.verdict = decoded->header.value(u"alg"_s) == u"HS256"_s
                             ? JwtCodec::Verdict::BadSignature
                             : JwtCodec::Verdict::WrongAlgorithm;
        result.header = decoded->header;
    }
    judge(report, result, decoded.has_value());
    return report;
}
