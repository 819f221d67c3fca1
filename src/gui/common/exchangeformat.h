#pragma once

#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QString>

struct AppliedFault;

// The values of an exchange as both the request log and the inspector write them, so that a
// duration or a status reads the same in the table and in the details. Numbers follow the
// default QLocale.
namespace ExchangeFormat {

// "201 Created": the status and its standard reason phrase; "299" for an unusual status.
QString statusText(int status);
// About three significant digits: "0.42 ms", "12.3 ms", "532 ms", "1.20 s", "12.3 s".
QString duration(qint64 microseconds);
// "1 byte", "98 bytes", "1.4 KB", "2.0 MB" (powers of 1024).
QString bodySize(qint64 bytes);
// Local wall-clock time with milliseconds: "10:25:15.079".
QString timeOfDay(const QDateTime &time);
// The address as the client knows itself: an IPv4 client of a dual-stack socket
// ("::ffff:10.0.0.5") as "10.0.0.5". Empty when unknown; each panel shows that its own way.
QString clientAddress(const QHostAddress &address);
// The address with the port, IPv6 in brackets: "10.0.0.5:54321", "[::1]:54321". Empty when the
// address is unknown.
QString clientEndpoint(const QHostAddress &address, quint16 port);
// Each fault with its source, one per line: "Rule 1 (POST /users): 503 Service Unavailable".
QString faultDetails(const QList<AppliedFault> &faults);

} // namespace ExchangeFormat
