#pragma once

#include "exchange.h"

#include <QString>

// The request log's own cell texts, short and the same in the table and in its filter; the
// values the inspector shows too are in ExchangeFormat.
namespace LogText {

// The text, or an em dash for a value the exchange does not have (a request refused before it
// was read has no method, path or client).
QString orMissing(const QString &text);
// "GET"; an em dash for a request refused before its method was read.
QString method(const QByteArray &method);
// The path and query as the client sent them, a sandbox's prefix included:
// "/s/alice/users?role=admin". Control characters show as their Unicode pictures, so that a
// crafted path stays on one line.
QString target(const ApiRequest &request);
// target() with a lesson API's prefix as a tag, as the Path column shows it, so that a class
// reads the route the lesson's own docs name: "[inventory] /auth/login" for
// "/lessons/inventory/auth/login" ("/s/alice [inventory] /auth/login" in a sandbox). Empty for
// a path that is no lesson API's.
QString lessonTagged(const ApiRequest &request);
// "201 Created"; a response the client never got because it had gone says so.
QString status(const Exchange &exchange);
// The log's fault marker, short because the status column already tells the outcome: the added
// latency and which rule or limit stepped in ("⚡ +512 ms, Rule 1"); empty for an exchange no
// fault touched.
QString faultMarker(const Exchange &exchange);

} // namespace LogText
