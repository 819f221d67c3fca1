#include "tokenreport.h"

#include "jwt.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

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

TokenReport report(TokenReport::Origin kind, const QString &origin, const QByteArray &token,
                   const TokenCheck &check, const QDateTime &judgedAt)
{
    TokenReport report;
    report.kind = kind;
    report.origin = origin;
    report.token = token;
    report.check = check;
    report.judgedAt = judgedAt.isValid() ? judgedAt : QDateTime::currentDateTimeUtc();
    if (const auto decoded = decodeForDisplay(token)) {
        report.header = decoded->header;
        report.payload = decoded->claims;
        report.issuedAt = timeClaim(report.payload, u"iat"_s);
        report.expiresAt = timeClaim(report.payload, u"exp"_s);
        if (report.expiresAt) {
            report.secondsToExpiry =
                report.expiresAt->toSecsSinceEpoch() - report.judgedAt.toSecsSinceEpoch();
        }
    }
    return report;
}

// Why a token the API never read has no verdict.
QString unreadReason(const Exchange &exchange)
{
    if (exchange.rejectedByGuard)
        return u"The server's guard answered before the API read the token."_s;
    if (!exchange.faults.isEmpty())
        return u"An injected fault answered before the API read the token."_s;
    return u"The API answered without reading the token."_s;
}

} // namespace

namespace TokenReports {

std::optional<TokenReport> sent(const Exchange &exchange)
{
    const ApiRequest &request = exchange.request;
    if (!request.hasHeader("Authorization"))
        return std::nullopt;
    const QList<QByteArray> parts = request.header("Authorization").trimmed().split(' ');
    const QByteArray token = parts.size() == 2 ? parts[1] : QByteArray();
    TokenReport sent = report(TokenReport::Origin::Request, u"Sent in the Authorization header"_s,
                              token, exchange.response.tokenCheck, exchange.startedAt);
    if (sent.check.verdict == TokenCheck::Verdict::None) {
        sent.judged = false;
        sent.check.reason = unreadReason(exchange);
    }
    return sent;
}

QList<TokenReport> issued(const Exchange &exchange)
{
    if (exchange.response.status < 200 || exchange.response.status >= 300)
        return {};
    const QJsonObject body = QJsonDocument::fromJson(exchange.response.body).object();
    const QJsonObject data = body.value(u"data"_s).toObject();
    const TokenCheck fresh{TokenCheck::Verdict::Valid,
                           u"Issued by this response: signed with the API's secret."_s, false};
    QList<TokenReport> reports;
    QList<QByteArray> seen;
    for (const QJsonObject *object : {&data, &body}) {
        for (const QString &name : {u"access_token"_s, u"token"_s, u"refresh_token"_s}) {
            const QByteArray token = object->value(name).toString().toLatin1();
            if (token.isEmpty() || seen.contains(token))
                continue;
            seen.append(token);
            reports.append(report(TokenReport::Origin::Response, u"%1 in the response"_s.arg(name),
                                  token, fresh, exchange.startedAt));
        }
    }
    return reports;
}

TokenReport pasted(const QByteArray &token, const TokenCheck &check, const QDateTime &judgedAt)
{
    TokenReport pasted =
        report(TokenReport::Origin::Pasted, u"Pasted into the decoder"_s, token, check, judgedAt);
    pasted.judged = check.verdict != TokenCheck::Verdict::None;
    return pasted;
}

} // namespace TokenReports
