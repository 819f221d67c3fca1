#include "producthandlers.h"

#include "authenticator.h"
#include "envelope.h"
#include "productstore.h"
#include "router.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MaxPage = 9007199254740991; // 2^53 - 1: exact in every JSON reader

// A whole number written with digits only, within [min, max]; nullopt otherwise.
std::optional<qint64> parseBoundedNumber(const QString &text, qint64 min, qint64 max)
{
    static const QRegularExpression digits(QRegularExpression::anchoredPattern(u"[0-9]+"_s));
    if (!digits.match(text).hasMatch())
        return std::nullopt;
    bool fits = false;
    const qint64 value = text.toLongLong(&fits);
    if (!fits || value < min || value > max)
        return std::nullopt;
    return value;
}

} // namespace

ProductHandlers::ProductHandlers(ProductStore &products, const Authenticator &authenticator)
    : m_products(products)
    , m_authenticator(authenticator)
{}

ApiResponse ProductHandlers::list(const ApiRequest &request) const
{
    const QUrlQuery &query = request.query;
    std::optional<ProductType> typeFilter;
    if (query.hasQueryItem(u"type"_s)) {
        typeFilter = parseProductType(query.queryItemValue(u"type"_s, QUrl::FullyDecoded));
        if (!typeFilter)
            return ProductErrors::invalidProductType().toResponse();
    }
    qint64 page = 1;
    if (query.hasQueryItem(u"page"_s)) {
        const auto value =
            parseBoundedNumber(query.queryItemValue(u"page"_s, QUrl::FullyDecoded), 1, MaxPage);
        if (!value) {
            return ProductErrors::invalidPagination(u"page must be a whole number of at least 1"_s)
                .toResponse();
        }
        page = *value;
    }
    qint64 perPage = DefaultPerPage;
    if (query.hasQueryItem(u"per_page"_s)) {
        const auto value = parseBoundedNumber(
            query.queryItemValue(u"per_page"_s, QUrl::FullyDecoded), 1, MaxPerPage);
        if (!value) {
            return ProductErrors::invalidPagination(
                       u"per_page must be a whole number from 1 to 100"_s)
                .toResponse();
        }
        perPage = *value;
    }

    const qint64 first = (page - 1) * perPage; // at most about 9.0e17: no overflow
    qint64 total = 0;
    QJsonArray products;
    m_products.forEachProduct([&](const Product &product) {
        if (typeFilter && product.type != *typeFilter)
            return;
        if (total >= first && total < first + perPage)
            products.append(m_products.productJson(product.id));
        ++total;
    });
    const QString count = QString::number(products.size());
    return Envelope::success(200,
                             {{u"products"_s, products},
                              {u"count"_s, products.size()},
                              {u"page"_s, page},
                              {u"per_page"_s, perPage},
                              {u"total"_s, total}},
                             u"Retrieved "_s + count + u" product(s) successfully"_s);
}

ApiResponse ProductHandlers::get(const QString &idText) const
{
    const auto product = productFromPath(idText);
    if (const auto *error = std::get_if<ApiError>(&product))
        return error->toResponse();
    return Envelope::success(200, m_products.productJson(std::get<Product>(product).id),
                             u"Product retrieved successfully"_s);
}

ApiResponse ProductHandlers::create(const ApiRequest &request) const
{
    const auto caller = m_authenticator.authenticate(request);
    if (const auto *error = std::get_if<ApiError>(&caller))
        return error->toResponse();
    return createAs(std::get<User>(caller), request.body);
}

ApiResponse ProductHandlers::createAs(const User &caller, const QByteArray &body) const
{
    if (!caller.isAdmin())
        return ApiError::forbiddenAdminOnly().toResponse();
    const auto fields = readProductBody(body, ValidationMode::Create, 0);
    if (const auto *error = std::get_if<ApiResponse>(&fields))
        return *error;
    if (m_products.isFull())
        return ApiError::sandboxFull(u"products"_s, m_products.capacity()).toResponse();

    const Product created = m_products.add(std::get<ProductFields>(fields));
    return Envelope::success(201, m_products.productJson(created.id),
                             u"Product created successfully"_s);
}

ApiResponse ProductHandlers::update(const ApiRequest &request, const QString &idText) const
{
    const auto caller = m_authenticator.authenticate(request);
    if (const auto *error = std::get_if<ApiError>(&caller))
        return error->toResponse();
    return updateAs(std::get<User>(caller), idText, request.body);
}

ApiResponse ProductHandlers::updateAs(const User &caller, const QString &idText,
                                      const QByteArray &body) const
{
    if (!caller.isAdmin())
        return ApiError::forbiddenAdminOnly().toResponse();
    const auto target = productFromPath(idText);
    if (const auto *error = std::get_if<ApiError>(&target))
        return error->toResponse();

    const qint64 id = std::get<Product>(target).id;
    const auto fields = readProductBody(body, ValidationMode::Update, id);
    if (const auto *error = std::get_if<ApiResponse>(&fields))
        return *error;

    m_products.update(id, std::get<ProductFields>(fields));
    return Envelope::success(200, m_products.productJson(id), u"Product updated successfully"_s);
}

ApiResponse ProductHandlers::remove(const ApiRequest &request, const QString &idText) const
{
    const auto caller = m_authenticator.authenticate(request);
    if (const auto *error = std::get_if<ApiError>(&caller))
        return error->toResponse();
    return removeAs(std::get<User>(caller), idText);
}

ApiResponse ProductHandlers::removeAs(const User &caller, const QString &idText) const
{
    if (!caller.isAdmin())
        return ApiError::forbiddenAdminOnly().toResponse();
    const auto target = productFromPath(idText);
    if (const auto *error = std::get_if<ApiError>(&target))
        return error->toResponse();

    const auto removed = m_products.remove(std::get<Product>(target).id);
    Q_ASSERT(removed);
    return Envelope::success(200, removed ? removed->toJson() : QJsonObject(),
                             u"Product deleted successfully"_s);
}

std::variant<Product, ApiError> ProductHandlers::productFromPath(const QString &idText) const
{
    const std::optional<qint64> id = Router::integerParam(idText);
    if (!id)
        return ProductErrors::invalidProductId();
    const auto product = m_products.product(*id);
    if (!product)
        return ProductErrors::productNotFound(idText);
    return *product;
}

std::variant<ProductFields, ApiResponse>
ProductHandlers::readProductBody(const QByteArray &requestBody, ValidationMode mode,
                                 qint64 updatedId) const
{
    const auto body = parseJsonObject(requestBody);
    if (!body)
        return ApiError::invalidJson().toResponse();
    auto fields = validateProductBody(*body, mode);
    if (const auto *errors = std::get_if<FieldErrors>(&fields))
        return validationErrorResponse(*errors);
    const ProductFields &valid = std::get<ProductFields>(fields);
    if (valid.code) {
        const auto owner = m_products.productByCode(*valid.code);
        if (owner && owner->id != updatedId)
            return ProductErrors::duplicateCode().toResponse();
    }
    return valid;
}
