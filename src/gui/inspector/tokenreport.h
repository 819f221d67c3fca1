#pragma once

#include "exchange.h"
#include "tokencheck.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <optional>

// One token as the window shows it: where it came from, what it says, and the API's verdict.
struct TokenReport
{
    enum class Origin { Request, Response, Pasted };

    Origin kind = Origin::Request;
    QString origin;     // "Sent in the Authorization header", "access_token in the response", ...
    QByteArray token;   // as sent or issued
    TokenCheck check;   // the API's own verdict; see judged
    bool judged = true; // false: the API never read it (a fault or the guard answered first)
    QJsonObject header; // decoded even when forged or expired; empty when it does not decode
    QJsonObject payload;
    std::optional<QDateTime> issuedAt;  // iat, UTC
    std::optional<QDateTime> expiresAt; // exp, UTC
    // exp minus judgedAt: time left when positive, how long ago when negative.
    std::optional<qint64> secondsToExpiry;
    QDateTime judgedAt; // the moment everything above refers to (the request's arrival)
};

// The tokens of an exchange, decoded for display, with the verdicts the server recorded: the
// window never judges a token itself.
namespace TokenReports {

// The request's bearer token; nullopt when it sent no Authorization header.
std::optional<TokenReport> sent(const Exchange &exchange);
// The tokens a login or refresh response issued (data.token, access_token, refresh_token,
// in the envelope's data or at the top level), each once.
QList<TokenReport> issued(const Exchange &exchange);
// A token pasted into the decoder, with the verdict the API gave it at `judgedAt`.
TokenReport pasted(const QByteArray &token, const TokenCheck &check, const QDateTime &judgedAt);

} // namespace TokenReports
