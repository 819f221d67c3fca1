#include "inventoryhandlers.h"

#include "apierror.h"
#include "envelope.h"
#include "uservalidation.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MaxTextLength = 100;

std::optional<QString> textField(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString().trimmed();
    if (text.isEmpty() || text.size() > MaxTextLength)
        return std::nullopt;
    return text;
}

// A whole number of items: a JSON integer, or digits (a form or a header sends text).
std::optional<int> quantityField(const QJsonValue &value)
{
    qint64 quantity = -1;
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number != static_cast<double>(static_cast<qint64>(number)))
            return std::nullopt;
        quantity = static_cast<qint64>(number);
    } else if (value.isString()) {
        bool ok = false;
        quantity = value.toString().trimmed().toLongLong(&ok);
        if (!ok)
            return std::nullopt;
    }
    if (quantity < 0 || quantity > std::numeric_limits<int>::max())
        return std::nullopt;
    return static_cast<int>(quantity);
}

// The reference signs the product's id as if it were a user's, so that its "auth_token" logs in
// as the user with the same id: this one is random and opens nothing.
QString receipt()
{
    quint32 words[6];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words), sizeof(words))
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QJsonArray toJsonArray(const QList<InventoryProduct> &products)
{
    QJsonArray array;
    for (const InventoryProduct &product : products)
        array.append(product.toJson());
    return array;
}

} // namespace

namespace InventoryBodies {

namespace {

ApiResponse reply(int httpStatus, const QString &status, QJsonObject fields)
{
    fields.insert(u"status"_s, status);
    return Envelope::bare(httpStatus, fields);
}

} // namespace

ApiResponse success(int httpStatus, const QString &message, const QJsonObject &fields)
{
    QJsonObject body = fields;
    body.insert(u"message"_s, message);
    return reply(httpStatus, u"success"_s, body);
}

ApiResponse successData(const QJsonObject &data)
{
    return reply(200, u"success"_s, {{u"data"_s, data}});
}

ApiResponse fail(int httpStatus, const QString &message)
{
    return reply(httpStatus, u"fail"_s, {{u"message"_s, message}});
}

ApiResponse someErrorOccurred()
{
    return fail(401, u"Some error occurred. Please try again."_s);
}

} // namespace InventoryBodies

ApiResponse InventoryHandlers::alreadyExists()
{
    return InventoryBodies::fail(404,
                                 u"Product already exists. Please try with another product."_s);
}

ApiResponse InventoryHandlers::doesNotExist()
{
    return InventoryBodies::fail(404, u"Product does not exist in inventory."_s);
}

ApiResponse InventoryHandlers::add(const QJsonObject &fields, bool withReceipt) const
{
    const auto code = textField(fields.value(u"code"_s));
    if (code && m_store.contains(*code))
        return alreadyExists();
    const auto type = textField(fields.value(u"type"_s));
    const auto quantity = quantityField(fields.value(u"quantity"_s));
    if (!code || !type || !quantity)
        return InventoryBodies::someErrorOccurred();
    if (m_store.isFull()) {
        const ApiError full = ApiError::sandboxFull(u"products"_s, m_store.capacity());
        return InventoryBodies::fail(full.status, full.message);
    }

    const InventoryProduct product{*code, *type, *quantity};
    m_store.add(product);
    QJsonObject answer{{u"data"_s, product.toJson()}};
    if (withReceipt)
        answer.insert(u"auth_token"_s, receipt());
    return InventoryBodies::success(201, u"Successfully added."_s, answer);
}

ApiResponse InventoryHandlers::find(const QString &code) const
{
    const auto product = m_store.product(code);
    if (!product)
        return doesNotExist();
    return InventoryBodies::success(200, u"Product found in inventory."_s,
                                    {{u"data"_s, product->toJson()}});
}

ApiResponse InventoryHandlers::list(const std::optional<QString> &type) const
{
    const QList<InventoryProduct> products =
        type ? m_store.productsOfType(*type) : m_store.products();
    return InventoryBodies::success(200, u"Products retrieved successfully."_s,
                                    {{u"data"_s, toJsonArray(products)}});
}

ApiResponse InventoryHandlers::edit(const QString &code, const QJsonObject &changes) const
{
    auto product = m_store.product(code);
    if (!product)
        return doesNotExist();
    const bool changesSomething = changes.contains(u"code"_s) || changes.contains(u"type"_s) ||
                                  changes.contains(u"quantity"_s);
    if (!changesSomething)
        return InventoryBodies::someErrorOccurred();
    if (changes.contains(u"code"_s)) {
        const auto newCode = textField(changes.value(u"code"_s));
        if (!newCode)
            return InventoryBodies::someErrorOccurred();
        if (*newCode != code && m_store.contains(*newCode))
            return alreadyExists();
        product->code = *newCode;
    }
    if (changes.contains(u"type"_s)) {
        const auto type = textField(changes.value(u"type"_s));
        if (!type)
            return InventoryBodies::someErrorOccurred();
        product->type = *type;
    }
    if (changes.contains(u"quantity"_s)) {
        const auto quantity = quantityField(changes.value(u"quantity"_s));
        if (!quantity)
            return InventoryBodies::someErrorOccurred();
        product->quantity = *quantity;
    }

    m_store.replace(code, *product);
    return InventoryBodies::success(200, u"Product edited successfully."_s,
                                    {{u"data"_s, product->toJson()}});
}

ApiResponse InventoryHandlers::remove(const QString &code) const
{
    if (!m_store.remove(code))
        return InventoryBodies::fail(
            404, u"Product delete failed. Product does not exist in inventory."_s);
    return InventoryBodies::success(200, u"Product deleted successfully."_s);
}
