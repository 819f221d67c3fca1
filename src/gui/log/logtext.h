#pragma once

#include "exchange.h"

#include <QString>

// The request log's cells as text: short, and the same in the table and in its filter.
namespace LogText {

// Local wall-clock time with milliseconds: "10:32:01.123".
QString time(const QDateTime &time);
// The client's address; an IPv4 client of a dual-stack socket ("::ffff:10.0.0.5") as "10.0.0.5".
QString clientAddress(const QHostAddress &address);
// "GET"; an em dash for a request refused before its method was read.
QString method(const QByteArray &method);
// The path and query as the API understood them: "/users?role=admin". Control characters show as
// their Unicode pictures, so that a crafted path stays on one line.
QString target(const ApiRequest &request);
// "201 Created"; a response the client never got because it had gone says so.
QString status(const Exchange &exchange);
// "0.42 ms", "12.5 ms", "532 ms", "1.2 s": about three significant digits.
QString duration(qint64 microseconds);
// "512 bytes", "1.4 KB", "2.0 MB" (powers of 1024).
QString size(qint64 bytes);

} // namespace LogText
