#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

// The five product types of the contract, in its order.
enum class ProductType { Book, Electronics, Food, Toy, Other };

QString productTypeName(ProductType type);
// Parses "book", "electronics", "food", "toy" or "other" exactly (case-sensitive).
std::optional<ProductType> parseProductType(const QString &text);
// The five names in the contract's order, for messages and menus.
const QStringList &productTypeNames();

// A UTC time to the microsecond. QDateTime keeps milliseconds; available_from is echoed to the
// microsecond exactly as the client sent it, so the rest is kept beside it.
struct MicroTimestamp
{
    QDateTime time; // UTC, to the millisecond
    int micros = 0; // 0..999: the microseconds below time's millisecond

    friend bool operator==(const MicroTimestamp &a, const MicroTimestamp &b)
    {
        return a.time == b.time && a.micros == b.micros;
    }
    friend bool operator!=(const MicroTimestamp &a, const MicroTimestamp &b) { return !(a == b); }
};

// The contract's timestamp format, UTC "YYYY-MM-DDTHH:MM:SS.ffffff", all six digits significant.
QString formatMicroTimestamp(const MicroTimestamp &timestamp);

struct Product
{
    qint64 id = 0;
    QString code; // unique; ^[a-z0-9_-]{3,32}$
    QString name;
    ProductType type = ProductType::Other;
    qint64 quantity = 0;
    double price = 0; // at most 2 decimals
    std::optional<QString> url;
    std::optional<MicroTimestamp> availableFrom;
    QDateTime createdAt;
    QDateTime updatedAt;

    // The contract's product object: price a JSON number, url and available_from null when unset.
    QJsonObject toJson() const;

    friend bool operator==(const Product &a, const Product &b);
    friend bool operator!=(const Product &a, const Product &b) { return !(a == b); }
};

// The fields of a create or an update; an unset optional leaves the stored value alone. url and
// available_from can also be cleared: an engaged outer optional holding an empty one (JSON null).
struct ProductFields
{
    std::optional<QString> code;
    std::optional<QString> name;
    std::optional<ProductType> type;
    std::optional<qint64> quantity;
    std::optional<double> price;
    std::optional<std::optional<QString>> url;
    std::optional<std::optional<MicroTimestamp>> availableFrom;
};

Q_DECLARE_METATYPE(Product)
