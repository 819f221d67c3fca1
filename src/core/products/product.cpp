#include "product.h"

#include "clock.h"

#include <QJsonValue>
#include <cstdio>

using namespace Qt::StringLiterals;

const QStringList &productTypeNames()
{
    static const QStringList names = {u"book"_s, u"electronics"_s, u"food"_s, u"toy"_s, u"other"_s};
    return names;
}

QString productTypeName(ProductType type)
{
    return productTypeNames().at(static_cast<int>(type));
}

std::optional<ProductType> parseProductType(const QString &text)
{
    const qsizetype index = productTypeNames().indexOf(text);
    if (index < 0)
        return std::nullopt;
    return static_cast<ProductType>(index);
}

QString formatMicroTimestamp(const MicroTimestamp &timestamp)
{
    const QDateTime utc = timestamp.time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    char text[40];
    const int length = std::snprintf(
        text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%03d", date.year(), date.month(),
        date.day(), clock.hour(), clock.minute(), clock.second(), clock.msec(), timestamp.micros);
    return QString::fromLatin1(text, length);
}

QJsonObject Product::toJson() const
{
    return {{u"id"_s, id},
            {u"code"_s, code},
            {u"name"_s, name},
            {u"type"_s, productTypeName(type)},
            {u"quantity"_s, quantity},
            {u"price"_s, price},
            {u"url"_s, url ? QJsonValue(*url) : QJsonValue(QJsonValue::Null)},
            {u"available_from"_s, availableFrom ? QJsonValue(formatMicroTimestamp(*availableFrom))
                                                : QJsonValue(QJsonValue::Null)},
            {u"created_at"_s, formatTimestamp(createdAt)},
            {u"updated_at"_s, formatTimestamp(updatedAt)}};
}

bool operator==(const Product &a, const Product &b)
{
    return a.id == b.id && a.code == b.code && a.name == b.name && a.type == b.type &&
           a.quantity == b.quantity && a.price == b.price && a.url == b.url &&
           a.availableFrom == b.availableFrom && a.createdAt == b.createdAt &&
           a.updatedAt == b.updatedAt;
}
