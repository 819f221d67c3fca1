#pragma once

#include "exchange.h"

#include <QString>

// One exchange put into words for the inspector, as plain strings that tests can compare.
namespace ExchangeText {

// The request target re-encoded for a URL: "/users/1?role=admin" ("/" when there was none).
QString requestTarget(const ApiRequest &request);
// "POST /users?dry=1"; a request the server could not read says so instead.
QString requestLine(const ApiRequest &request);
// "Name: value", one per line, in the order sent.
QString headerLines(const HttpHeaders &headers);
// "201 Created": the status and the reason phrase the server wrote.
QString statusText(int status);
// "HTTP/1.1 201 Created" followed by the header lines, exactly as written to the client.
QString responseHead(const ApiResponse &response);
// "850 µs", "1.3 ms", "2.41 s".
QString duration(qint64 microseconds);
// "127.0.0.1:54321", "[::1]:54321".
QString clientEndpoint(const ApiRequest &request);
// Local wall-clock time with milliseconds, "10:32:01.123".
QString clockTime(const QDateTime &time);
// "1.3 ms · from 127.0.0.1:54321 · 10:32:01.123": what follows the status in the summary,
// and whether the guard answered or the response never reached the client.
QString summaryDetails(const Exchange &exchange);

} // namespace ExchangeText
