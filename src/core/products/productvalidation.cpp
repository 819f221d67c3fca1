#include "productvalidation.h"

#include "envelope.h"

#include <QJsonValue>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr int MaxNameLength = 100;
constexpr double MaxQuantity = 9007199254740991.0; // 2^53 - 1: exact in every JSON reader

// A field's failure: its message for "errors".
struct Failure
{
    QString message;
};

// One field's outcome: the value, or its failure.
template<typename T>
using Checked = std::variant<T, Failure>;

Checked<QString> checkCode(const QJsonValue &value)
{
    if (!value.isString() || !isValidProductCode(value.toString()))
        return Failure{ProductMessages::Code};
    return value.toString();
}

Checked<QString> checkName(const QJsonValue &value)
{
    if (!value.isString())
        return Failure{ProductMessages::Name};
    const QString name = value.toString().trimmed();
    // Characters, not UTF-16 units: an emoji is one character, as for users.
    const qsizetype length = name.toUcs4().size();
    if (length < 1 || length > MaxNameLength)
        return Failure{ProductMessages::Name};
    return name;
}

Checked<ProductType> checkType(const QJsonValue &value)
{
    const auto type = value.isString() ? parseProductType(value.toString()) : std::nullopt;
    if (!type)
        return Failure{ProductMessages::Type};
    return *type;
}

Checked<qint64> checkQuantity(const QJsonValue &value)
{
    const double quantity = value.toDouble();
    if (!value.isDouble() || !std::isfinite(quantity) || std::floor(quantity) != quantity ||
        quantity < 0)
        return Failure{ProductMessages::Quantity};
    if (quantity > MaxQuantity)
        return Failure{ProductMessages::QuantityTooLarge};
    return static_cast<qint64>(quantity);
}

Checked<double> checkPrice(const QJsonValue &value)
{
    const double price = value.toDouble();
    if (!value.isDouble() || !std::isfinite(price) || price < 0 || !hasAtMostTwoDecimals(price))
        return Failure{ProductMessages::Price};
    return price + 0.0; // -0 becomes 0
}

Checked<std::optional<QString>> checkUrl(const QJsonValue &value)
{
    if (value.isNull())
        return std::optional<QString>();
    if (!value.isString() || !isValidProductUrl(value.toString()))
        return Failure{ProductMessages::Url};
    return std::optional<QString>(value.toString());
}

Checked<std::optional<MicroTimestamp>> checkAvailableFrom(const QJsonValue &value)
{
    if (value.isNull())
        return std::optional<MicroTimestamp>();
    const auto timestamp =
        value.isString() ? parseProductTimestamp(value.toString()) : std::nullopt;
    if (!timestamp)
        return Failure{ProductMessages::AvailableFrom};
    return timestamp;
}

// Checks one field when it is present, storing the value or recording the message. A required
// field may not be null; in a create it may not be missing either.
template<typename T, typename Check>
void checkField(const QJsonObject &body, const QString &key, bool required, ValidationMode mode,
                Check check, std::optional<T> &out, FieldErrors &errors)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined()) {
        if (required && mode == ValidationMode::Create)
            errors.insert(key, ProductMessages::Required);
        return;
    }
    if (required && value.isNull()) {
        errors.insert(key, ProductMessages::Required);
        return;
    }
    auto result = check(value);
    if (const auto *failure = std::get_if<Failure>(&result)) {
        errors.insert(key, failure->message);
        return;
    }
    out = std::move(std::get<T>(result));
}

int number(const QString &text)
{
    return text.toInt();
}

} // namespace

namespace ProductErrors {

ApiError invalidProductId()
{
    return {400, u"INVALID_PRODUCT_ID"_s, u"Product ID must be a valid integer"_s};
}

ApiError productNotFound(const QString &id)
{
    return {404, u"PRODUCT_NOT_FOUND"_s, u"Product with ID "_s + id + u" not found"_s};
}

ApiError invalidProductType()
{
    return {400, u"INVALID_PRODUCT_TYPE"_s,
            u"Product type must be one of: book, electronics, food, toy, other"_s};
}

ApiError invalidPagination(const QString &message)
{
    return {400, u"INVALID_PAGINATION"_s, message};
}

ApiError duplicateCode()
{
    return {409, u"DUPLICATE_CODE"_s,
            u"Product code already exists. Please use a different code."_s};
}

} // namespace ProductErrors

ApiResponse validationErrorResponse(const FieldErrors &errors)
{
    QJsonObject fields;
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        fields.insert(it.key(), it.value());
    ApiResponse response =
        Envelope::error(400, u"VALIDATION_ERROR"_s, u"Input payload validation failed"_s);
    response.body = Envelope::toBody({{u"status"_s, u"error"_s},
                                      {u"error_code"_s, u"VALIDATION_ERROR"_s},
                                      {u"message"_s, u"Input payload validation failed"_s},
                                      {u"errors"_s, fields}});
    return response;
}

bool isValidProductCode(const QString &code)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(u"[a-z0-9_-]{3,32}"_s));
    return pattern.match(code).hasMatch();
}

bool isValidProductUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    return url.isValid() && (scheme == u"http" || scheme == u"https") && !url.host().isEmpty();
}

bool hasAtMostTwoDecimals(double price)
{
    if (!std::isfinite(price))
        return false;
    const QString text = QString::number(price, 'f', QLocale::FloatingPointShortest);
    const qsizetype point = text.indexOf(u'.');
    return point < 0 || text.size() - point - 1 <= 2;
}

std::optional<MicroTimestamp> parseProductTimestamp(const QString &text)
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(
        u"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
        u"(?:\\.([0-9]{1,6}))?(Z|([+-])([0-9]{2}):([0-9]{2}))?"_s));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;

    const QDate date(number(match.captured(1)), number(match.captured(2)),
                     number(match.captured(3)));
    const QTime time(number(match.captured(4)), number(match.captured(5)),
                     number(match.captured(6)));
    if (!date.isValid() || !time.isValid())
        return std::nullopt;

    // The fraction, padded to six digits: milliseconds for QDateTime, the rest beside it.
    const int fraction = number(match.captured(7).leftJustified(6, u'0'));
    QDateTime utc(date, time.addMSecs(fraction / 1000), Qt::UTC);

    if (!match.captured(9).isEmpty()) {
        const int hours = number(match.captured(10));
        const int minutes = number(match.captured(11));
        if (hours > 23 || minutes > 59)
            return std::nullopt;
        const int offset = (hours * 60 + minutes) * 60;
        utc = utc.addSecs(match.captured(9) == u"+" ? -offset : offset);
    }
    if (utc.date().year() < 1 || utc.date().year() > 9999)
        return std::nullopt;
    return MicroTimestamp{utc, fraction % 1000};
}

std::variant<ProductFields, FieldErrors> validateProductBody(const QJsonObject &body,
                                                             ValidationMode mode)
{
    ProductFields fields;
    FieldErrors errors;
    checkField(body, u"code"_s, true, mode, checkCode, fields.code, errors);
    checkField(body, u"name"_s, true, mode, checkName, fields.name, errors);
    checkField(body, u"type"_s, true, mode, checkType, fields.type, errors);
    checkField(body, u"quantity"_s, true, mode, checkQuantity, fields.quantity, errors);
    checkField(body, u"price"_s, true, mode, checkPrice, fields.price, errors);
    checkField(body, u"url"_s, false, mode, checkUrl, fields.url, errors);
    checkField(body, u"available_from"_s, false, mode, checkAvailableFrom, fields.availableFrom,
               errors);
    if (!errors.isEmpty())
        return errors;
    return fields;
}
