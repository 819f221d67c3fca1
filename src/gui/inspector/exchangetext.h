#pragma once

#include "exchange.h"

#include <QString>

// One exchange put into words for the inspector, as plain strings that tests can compare. The
// values the request log shows too (status, duration, client, time) are in ExchangeFormat.
namespace ExchangeText {

// The request target as sent (a sandbox's /s/<name> prefix included), re-encoded for a URL:
// "/s/alice/users/1?role=admin" ("/" when there was none).
QString requestTarget(const ApiRequest &request);
// "POST /users?dry=1"; a request the server could not read says so instead.
QString requestLine(const ApiRequest &request);
// The request line, or for the trainer's reset from the window (no request behind it) what it
// did: "↺ Data reset — by the trainer (window)".
QString headline(const Exchange &exchange);
// "Name: value", one per line, in the order sent.
QString headerLines(const HttpHeaders &headers);
// "HTTP/1.1 201 Created" followed by the header lines, exactly as written to the client.
QString responseHead(const ApiResponse &response);
// "127.0.0.1:54321", "[::1]:54321"; "(unknown)" for a client the server could not tell.
QString clientEndpoint(const ApiRequest &request);
// "1.30 ms · from 127.0.0.1:54321 · 10:32:01.123": what follows the status in the summary,
// and whether the guard answered or the response never reached the client; "sandbox alice · "
// first for a request to a student's sandbox (by path or X-Sandbox header).
QString summaryDetails(const Exchange &exchange);
// "⚡ Injected by the fault plan:" and one line per fault ("Rule 1 (POST /users): 503 Service
// Unavailable"); empty when no fault touched the exchange.
QString faultLines(const Exchange &exchange);

} // namespace ExchangeText
