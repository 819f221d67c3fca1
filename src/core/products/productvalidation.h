#pragma once

#include "apierror.h"
#include "apirequest.h"
#include "product.h"
#include "uservalidation.h" // ValidationMode, parseJsonObject

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <variant>

// Validation of the products resource. Where the contract is silent, these are the choices made
// (each message below is exact and part of the promise to test suites):
//
// * Every failing field is reported at once: 400 VALIDATION_ERROR "Input payload validation
//   failed" with "errors": {field: message}, one message per field.
// * Create needs code, name, type, quantity and price; a missing one, or null, is "This field is
//   required". Update (PUT) is partial: only the fields present are checked and changed; null on
//   one of those five is "This field is required" too (they cannot be unset). url and
//   available_from are optional; null means none (and clears them on update).
// * Unknown fields, id, created_at and updated_at are ignored.
// * code: a string matching ^[a-z0-9_-]{3,32}$, exactly as sent (no trimming, no case folding).
// * name: a string, trimmed; 1 to 100 characters after trimming, counted as characters (an emoji
//   is one), as for users.
// * type: exactly one of book, electronics, food, toy, other (case-sensitive).
// * quantity: a JSON number that is a whole number (5 and 5.0 alike, as in JavaScript), at least
//   0 and at most 9007199254740991 (2^53 - 1, the largest integer every JSON client reads
//   exactly; above it "Must be at most 9007199254740991").
// * price: a JSON number, at least 0, with at most 2 decimals. The decimals are counted in the
//   shortest text that reads back as the same double (what JSON.stringify or Python's repr print),
//   so 19.99 passes although 19.99 * 100 is not exactly 1999 in binary, and 1.999 or
//   0.30000000000000004 fail. No upper bound (JSON numbers are always finite here: 1e400 is not
//   valid JSON to the parser, so INVALID_JSON). -0 is stored as 0.
// * url: a string that is an absolute http or https URL (scheme case-insensitive) with a host, in
//   strict URL syntax (no spaces); stored exactly as sent.
// * available_from: a string "YYYY-MM-DDTHH:MM:SS" with an optional fraction of 1 to 6 digits and
//   an optional zone, "Z" or "+HH:MM"/"-HH:MM"; no zone means UTC (the contract's own format).
//   Stored in UTC and always returned in the contract's format, to the microsecond:
//   "2026-02-18T12:30:00.5+02:00" comes back as "2026-02-18T10:30:00.500000". Calendar dates
//   only (no Feb 30, no leap second 60); the year, in UTC, from 0001 to 9999.
// * Wrong JSON types (a string for quantity, true for price, 1.5 for quantity, a number for code)
//   fail the field with its usual message.

// The exact messages, by field.
namespace ProductMessages {
inline const QString Required = QStringLiteral("This field is required");
inline const QString Code =
    QStringLiteral("Must be 3 to 32 characters: lowercase letters, digits, _ or -");
inline const QString Name = QStringLiteral("Must be 1 to 100 characters");
inline const QString Type = QStringLiteral("Must be one of: book, electronics, food, toy, other");
inline const QString Quantity = QStringLiteral("Must be a whole number of at least 0");
inline const QString QuantityTooLarge = QStringLiteral("Must be at most 9007199254740991");
inline const QString Price =
    QStringLiteral("Must be a number of at least 0 with at most 2 decimals");
inline const QString Url = QStringLiteral("Must be an http or https URL");
inline const QString AvailableFrom =
    QStringLiteral("Must be a timestamp like 2026-02-18T10:30:00.000000");
} // namespace ProductMessages

// The errors of the products resource that users do not have.
namespace ProductErrors {
// 400 INVALID_PRODUCT_ID "Product ID must be a valid integer"
ApiError invalidProductId();
// 404 PRODUCT_NOT_FOUND "Product with ID <id> not found" (the id as written in the path)
ApiError productNotFound(const QString &id);
// 400 INVALID_PRODUCT_TYPE "Product type must be one of: book, electronics, food, toy, other"
ApiError invalidProductType();
// 400 INVALID_PAGINATION with the given message
ApiError invalidPagination(const QString &message);
// 409 DUPLICATE_CODE "Product code already exists. Please use a different code."
ApiError duplicateCode();
} // namespace ProductErrors

// Field name -> message, for "errors"; sorted by field name.
using FieldErrors = QMap<QString, QString>;

// 400 VALIDATION_ERROR "Input payload validation failed" with "errors": {field: message}.
ApiResponse validationErrorResponse(const FieldErrors &errors);

// Checks every field of a create or update body (see the rules above); never stops at the first
// failure. The duplicate code (409) needs the store, so the handler checks it after this.
std::variant<ProductFields, FieldErrors> validateProductBody(const QJsonObject &body,
                                                             ValidationMode mode);

bool isValidProductCode(const QString &code);
bool isValidProductUrl(const QString &url);
// True when the shortest decimal form of price has at most 2 digits after the point.
bool hasAtMostTwoDecimals(double price);
// Parses available_from as described above; nullopt when it is not such a timestamp.
std::optional<MicroTimestamp> parseProductTimestamp(const QString &text);
