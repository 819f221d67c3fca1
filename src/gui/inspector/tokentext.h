#pragma once

#include "tokeninspector.h"

#include <QColor>
#include <QString>

// A TokenReport put into words and colours for the Token tab.
namespace TokenText {

// "Valid token", "Expired token", "Forged token", ...
QString verdictTitle(TokenReport::Verdict verdict);
// Green for valid, orange for a time problem, red for forged or malformed, grey otherwise:
// the colours of the statuses the API answers them with.
QColor verdictColor(TokenReport::Verdict verdict);
// A span of time the way people say it: "45 s", "59 min 57 s", "1 h 0 min", "2 d 3 h".
QString span(qint64 seconds);
// "Issued 10:31:00, 1 min 2 s before the request", or that there is no iat.
QString issuedText(const TokenReport &report);
// "Expires 11:31:00, 59 min 58 s after the request" / "Expired 10:31:00, 1 min 2 s before the
// request", or that there is no exp.
QString expiryText(const TokenReport &report);

} // namespace TokenText
