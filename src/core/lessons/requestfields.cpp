#include "requestfields.h"

#include "uservalidation.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

QJsonObject requestFields(const ApiRequest &request)
{
    if (const auto json = parseJsonObject(request.body))
        return *json;
    if (!request.header("Content-Type").startsWith("application/x-www-form-urlencoded"))
        return {};
    QJsonObject fields;
    const QUrlQuery form(QString::fromUtf8(request.body).replace(u'+', u' '));
    for (const auto &[key, value] : form.queryItems(QUrl::FullyDecoded))
        fields.insert(key, value);
    return fields;
}
