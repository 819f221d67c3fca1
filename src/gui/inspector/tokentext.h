#pragma once

#include "tokenreport.h"

#include <QColor>
#include <QString>

// A TokenReport put into words and colours for the Token tab.
namespace TokenText {

// "Valid token", "Revoked token", "Forged token", "Issued token", "Token not checked", ...
QString verdictTitle(const TokenReport &report);
// Green for valid, orange for what a new login mends (expired, revoked, not fresh), red for
// what no login mends (forged, malformed, the wrong type, a deleted user), grey when unjudged.
QColor verdictColor(const TokenReport &report);
// What the verdict means for the request: "accepted", "401 TOKEN_REVOKED", "not needed here".
QString consequence(const TokenReport &report);
// A span of time the way people say it: "45 s", "59 min 57 s", "1 h 0 min", "2 d 3 h".
QString span(qint64 seconds);
// "Issued 10:31:00, 1 min 2 s before the request", or that there is no iat.
QString issuedText(const TokenReport &report);
// "Expires 11:31:00, 59 min 58 s after the request" / "Expired 10:31:00, 1 min 2 s before the
// request", or that there is no exp.
QString expiryText(const TokenReport &report);

} // namespace TokenText
