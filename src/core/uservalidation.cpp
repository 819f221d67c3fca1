#include "uservalidation.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr int MinNameLength = 3;
constexpr int MaxNameLength = 100;
constexpr int MinAge = 18;
constexpr int MaxAge = 150;
constexpr int MinPasswordLength = 8;
// Long enough for any passphrase; short enough that nobody makes the server hash a megabyte.
constexpr int MaxPasswordLength = 128;

// Required fields count null as missing; optional ones check null like any other wrong type.
bool isPresent(const QJsonValue &value)
{
    return !value.isUndefined() && !value.isNull();
}

ApiError invalidName(const QString &message)
{
    return {400, u"INVALID_NAME"_s, message};
}

ApiError invalidAge(const QString &message)
{
    return {400, u"INVALID_AGE"_s, message};
}

std::variant<QString, ApiError> validateName(const QJsonValue &value)
{
    if (!value.isString())
        return invalidName(u"Name must be a string"_s);
    const QString name = value.toString().trimmed();
    // Characters, not UTF-16 units: an emoji is one character, as in Python's len().
    const qsizetype length = name.toUcs4().size();
    if (length < MinNameLength)
        return invalidName(u"Name must be at least 3 characters long"_s);
    if (length > MaxNameLength)
        return invalidName(u"Name must be at most 100 characters long"_s);
    return name;
}

std::variant<QString, ApiError> validateEmail(const QJsonValue &value)
{
    if (!value.isString() || !isValidEmail(value.toString()))
        return ApiError::invalidEmail();
    return value.toString();
}

std::variant<int, ApiError> validateAge(const QJsonValue &value)
{
    // JSON has one number type: 25 and 25.0 are the same integer (as in JavaScript); 25.5 is not.
    const double age = value.toDouble();
    if (!value.isDouble() || !std::isfinite(age) || std::floor(age) != age)
        return invalidAge(u"Age must be a valid integer"_s);
    if (age < MinAge)
        return invalidAge(u"Age must be 18 or older"_s);
    if (age > MaxAge)
        return invalidAge(u"Age must be 150 or younger"_s);
    return int(age);
}

std::variant<UserRole, ApiError> validateRole(const QJsonValue &value)
{
    const auto role = value.isString() ? parseRole(value.toString()) : std::nullopt;
    if (!role)
        return ApiError::invalidRole();
    return *role;
}

// Runs one field's check when the field is present, storing the value or reporting the error.
template<typename T, typename Check>
bool checkField(const QJsonObject &body, const QString &key, Check check, std::optional<T> &out,
                std::optional<ApiError> &error)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined())
        return true;
    auto result = check(value);
    if (auto *failure = std::get_if<ApiError>(&result)) {
        error = *failure;
        return false;
    }
    out = std::get<T>(result);
    return true;
}

} // namespace

std::variant<QString, ApiError> validateNewPassword(const QJsonValue &value)
{
    if (!isPresent(value))
        return ApiError::missingField(u"password"_s);
    if (!value.isString())
        return ApiError::invalidPassword(u"Password must be a string"_s);
    const qsizetype length = value.toString().toUcs4().size();
    if (length < MinPasswordLength)
        return ApiError::invalidPassword(u"Password must be at least 8 characters long"_s);
    if (length > MaxPasswordLength)
        return ApiError::invalidPassword(u"Password must be at most 128 characters long"_s);
    return value.toString();
}

std::optional<QJsonObject> parseJsonObject(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

bool isValidEmail(const QString &email)
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(
        // Domain labels of 1..63 letters, digits and inner hyphens; the last alphabetic, 2+.
        u"[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}"_s));
    return pattern.match(email).hasMatch();
}

std::variant<UserFields, ApiError> validateUserBody(const QJsonObject &requestBody,
                                                    ValidationMode mode)
{
    // /register's age is optional: null there means not given, as if absent.
    QJsonObject body = requestBody;
    if (mode == ValidationMode::Register && body.value(u"age"_s).isNull())
        body.remove(u"age"_s);

    static const QStringList requiredToCreate{u"name"_s, u"email"_s, u"age"_s};
    static const QStringList requiredToRegister{u"name"_s, u"email"_s, u"password"_s};
    const QStringList required = mode == ValidationMode::Create     ? requiredToCreate
                                 : mode == ValidationMode::Register ? requiredToRegister
                                                                    : QStringList();
    for (const QString &field : required) {
        if (!isPresent(body.value(field)))
            return ApiError::missingField(field);
    }

    UserFields fields;
    std::optional<ApiError> error;
    const bool valid = checkField(body, u"name"_s, validateName, fields.name, error) &&
                       checkField(body, u"email"_s, validateEmail, fields.email, error) &&
                       checkField(body, u"age"_s, validateAge, fields.age, error) &&
                       checkField(body, u"role"_s, validateRole, fields.role, error);
    if (!valid)
        return *error;
    return fields;
}
