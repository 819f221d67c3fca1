#include "envelope.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Envelope {

QByteArray toBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

static ApiResponse jsonResponse(int status, const QJsonObject &body)
{
    ApiResponse response;
    response.status = status;
    response.headers.append({"Content-Type"_ba, "application/json"_ba});
    response.body = toBody(body);
    return response;
}

ApiResponse success(int status, const QJsonObject &data, const QString &message)
{
    return jsonResponse(status,
                        {{u"status"_s, u"success"_s}, {u"data"_s, data}, {u"message"_s, message}});
}

ApiResponse error(int status, const QString &errorCode, const QString &message)
{
    return jsonResponse(
        status, {{u"status"_s, u"error"_s}, {u"error_code"_s, errorCode}, {u"message"_s, message}});
}

QString errorCodeOf(const QByteArray &body)
{
    // Every error envelope has one; a quick look spares parsing the many bodies without it.
    if (!body.contains("\"error_code\""))
        return {};
    const QJsonValue code = QJsonDocument::fromJson(body).object().value(u"error_code"_s);
    return code.toString();
}

} // namespace Envelope
