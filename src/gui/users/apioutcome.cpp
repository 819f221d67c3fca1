#include "apioutcome.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

QString compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

} // namespace

ApiOutcome ApiOutcome::fromResponse(const ApiResponse &response)
{
    ApiOutcome outcome;
    outcome.status = response.status;
    outcome.succeeded = response.status >= 200 && response.status < 300;
    const QJsonDocument document = QJsonDocument::fromJson(response.body);
    if (!document.isObject()) {
        // Not the API's envelope (the API not started yet): the body is all there is.
        outcome.message = QString::fromUtf8(response.body);
        return outcome;
    }
    const QJsonObject envelope = document.object();
    outcome.message = envelope.value(u"message").toString();
    outcome.errorCode = envelope.value(u"error_code").toString();
    outcome.details = envelope.value(u"details");
    outcome.data = envelope.value(u"data").toObject();
    return outcome;
}

QString ApiOutcome::errorSummary() const
{
    QStringList parts;
    if (status > 0)
        parts.append(u"HTTP "_s + QString::number(status));
    if (!errorCode.isEmpty())
        parts.append(errorCode);
    if (!details.isUndefined() && !details.isNull())
        parts.append(compactJson(details));
    return parts.join(u" · "_s);
}
