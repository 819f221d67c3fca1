#pragma once

#include "exchange.h"

#include <QString>
#include <QUrl>

// The text in single quotes for a POSIX shell: safe for any content (a ' becomes '\'').
QString shellQuote(const QString &text);

// A curl command line that sends the exchange's request again from a POSIX shell. The host is
// the request's Host header when that is a plain host[:port], otherwise fallbackBase's. Headers
// that curl makes itself from the command (Host, Content-Length, Connection, Transfer-Encoding,
// Accept-Encoding) are left out. A body that cannot be a shell argument (not UTF-8, or with a
// NUL) is piped in through printf instead of --data-raw.
QString curlCommand(const Exchange &exchange, const QUrl &fallbackBase);
