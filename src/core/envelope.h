#pragma once

#include "apirequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QLatin1StringView>
#include <QString>
#include <QStringView>

// Writes one compact JSON object field by field, byte for byte as QJsonDocument would write the
// same QJsonObject, for the few bodies built on every request (login answers, token claims):
// QJsonObject costs an allocation per value there. Keys must come in ascending order, as
// QJsonObject keeps them.
class JsonObjectWriter
{
public:
    // capacity: the expected size in bytes, to spare reallocations.
    explicit JsonObjectWriter(qsizetype capacity = 256);

    JsonObjectWriter &string(QLatin1StringView key, QStringView value);
    JsonObjectWriter &string(QLatin1StringView key, QLatin1StringView value);
    JsonObjectWriter &number(QLatin1StringView key, qint64 value);
    JsonObjectWriter &boolean(QLatin1StringView key, bool value);
    // A value already serialised as compact JSON (an object, an array, a literal).
    JsonObjectWriter &json(QLatin1StringView key, QByteArrayView value);

    // The object, closed; the writer is spent afterwards.
    QByteArray finish();

private:
    void beginField(QLatin1StringView key);
    void appendEscaped(QStringView value);

    QByteArray m_json;
    QLatin1StringView m_lastKey;
};

// The two JSON envelopes of the contract: every response body is one of them.
namespace Envelope {

ApiResponse success(int status, const QJsonObject &data, const QString &message);
// The same envelope around data already serialised (by JsonObjectWriter or toBody()).
ApiResponse successJson(int status, QByteArrayView dataJson, const QString &message);
ApiResponse error(int status, const QString &errorCode, const QString &message);

// The error_code of an error envelope; empty for anything else (a success, not JSON, a body cut
// short).
QString errorCodeOf(const QByteArray &body);

// Serialises a JSON object the way every response body is written (compact UTF-8).
QByteArray toBody(const QJsonObject &object);

// A JSON object as the whole body, no envelope: the lesson APIs' own shapes.
ApiResponse bare(int status, const QJsonObject &body);

} // namespace Envelope

// Answers that carry a token, errors included, are never cached (RFC 6749 sections 5.1, 5.2).
ApiResponse uncached(ApiResponse response);
