#pragma once

#include "apierror.h"
#include "user.h"

#include <QByteArray>
#include <QJsonObject>
#include <optional>
#include <variant>

// Parses a request body that must be a JSON object; anything else is INVALID_JSON.
std::optional<QJsonObject> parseJsonObject(const QByteArray &body);

enum class ValidationMode {
    Create,   // name, email and age are required
    Register, // name, email and password are required (the password is checked apart)
    Update,   // every field is optional; only the fields present are checked
};

// Steps 1-5 of the contract's user validation, in its order; the first failure wins. The role
// permission (403) and the duplicate email (409) need the caller and the store, so the handler
// checks them after this.
std::variant<UserFields, ApiError> validateUserBody(const QJsonObject &body, ValidationMode mode);

bool isValidEmail(const QString &email);

// A new password (/register, /password-reset/{token}): a string of 8 to 128 characters, or
// INVALID_PASSWORD. Absent or null is MISSING_FIELD.
std::variant<QString, ApiError> validateNewPassword(const QJsonValue &value);
