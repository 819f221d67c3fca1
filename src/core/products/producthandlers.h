#pragma once

#include "apierror.h"
#include "apirequest.h"
#include "product.h"
#include "productvalidation.h"
#include "user.h"

#include <optional>
#include <variant>

class Authenticator;
class ProductStore;

// The /products routes of the contract, in its order of checks: auth (401, then 403 for a
// non-admin), then the id in the path, then the body (INVALID_JSON, VALIDATION_ERROR, then
// DUPLICATE_CODE). Choices where the contract is silent (exact codes and messages):
//
// * GET /products/abc (or 1.5, or -x): 400 INVALID_PRODUCT_ID "Product ID must be a valid
//   integer"; an unknown id, negative ids and ids too large for 64 bits included: 404
//   PRODUCT_NOT_FOUND "Product with ID <id> not found", the id as written in the path.
// * GET /products query, checked in the order type, page, per_page; the first failure wins.
//   A parameter given twice counts with its first value; a parameter given empty (?type=) is
//   checked like any other value, so it fails.
//   - ?type= not one of the five (case-sensitive): 400 INVALID_PRODUCT_TYPE "Product type must
//     be one of: book, electronics, food, toy, other".
//   - ?page= not digits only, or 0: 400 INVALID_PAGINATION "page must be a whole number of at
//     least 1" (also above 9007199254740991, the JSON-safe limit).
//   - ?per_page= not digits only, or outside 1..100: 400 INVALID_PAGINATION "per_page must be a
//     whole number from 1 to 100". Default 20. Digits only: no sign, no spaces, no "2.0".
//   - data {"products", "count", "page", "per_page", "total"}: products ordered by id; count is
//     the number in this page; total the number matching the type filter over all pages. A page
//     past the end is 200 with an empty list, count 0 and the real total.
//   - message "Retrieved <count> product(s) successfully".
// * Messages of success: "Product retrieved successfully", "Product created successfully" (201),
//   "Product updated successfully", "Product deleted successfully" (data: the deleted product).
// * PUT is partial; PUT {} is 200 and moves updated_at. Changing the code to another product's
//   is 409 DUPLICATE_CODE "Product code already exists. Please use a different code."; keeping
//   its own code is not a duplicate.
// * Body rules and field messages: see productvalidation.h.
class ProductHandlers
{
public:
    static constexpr int DefaultPerPage = 20;
    static constexpr int MaxPerPage = 100;

    ProductHandlers(ProductStore &products, const Authenticator &authenticator);

    ApiResponse list(const ApiRequest &request) const;
    ApiResponse get(const QString &idText) const;
    ApiResponse create(const ApiRequest &request) const;
    ApiResponse update(const ApiRequest &request, const QString &idText) const;
    ApiResponse remove(const ApiRequest &request, const QString &idText) const;

    // The same operations for a caller already known (the trainer in the window): every check
    // after authentication, the admin check included, with the same errors.
    ApiResponse createAs(const User &caller, const QByteArray &body) const;
    ApiResponse updateAs(const User &caller, const QString &idText, const QByteArray &body) const;
    ApiResponse removeAs(const User &caller, const QString &idText) const;

private:
    // The product named by the path, or INVALID_PRODUCT_ID / PRODUCT_NOT_FOUND.
    std::variant<Product, ApiError> productFromPath(const QString &idText) const;
    // The body of a create or an update: JSON, then validation, then the duplicate code. The
    // error is a full response because VALIDATION_ERROR carries "errors".
    std::variant<ProductFields, ApiResponse>
    readProductBody(const QByteArray &body, ValidationMode mode, qint64 updatedId) const;

    ProductStore &m_products;
    const Authenticator &m_authenticator;
};
