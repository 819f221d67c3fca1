#pragma once

#include "apirequest.h"

#include <QJsonObject>
#include <QString>

// The two JSON envelopes of the contract: every response body is one of them.
namespace Envelope {

ApiResponse success(int status, const QJsonObject &data, const QString &message);
ApiResponse error(int status, const QString &errorCode, const QString &message);

// The error_code of an error envelope; empty for anything else (a success, not JSON, a body cut
// short).
QString errorCodeOf(const QByteArray &body);

// Serialises a JSON object the way every response body is written (compact UTF-8).
QByteArray toBody(const QJsonObject &object);

} // namespace Envelope
