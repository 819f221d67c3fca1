#pragma once

#include "apirequest.h"

#include <QString>

// A failure of the contract: status, error_code and message, turned into the error envelope.
struct ApiError
{
    int status = 400;
    QString code;
    QString message;

    ApiResponse toResponse() const;

    static ApiError invalidJson();
    static ApiError missingField(const QString &field);
    static ApiError invalidEmail();
    static ApiError invalidPassword(const QString &message);
    static ApiError invalidRole();
    static ApiError forbiddenAdminOnly();
    static ApiError invalidUserId();
    static ApiError userNotFound(const QString &id);
    // 409: a sandbox's table holds its limit of records ("users", "products").
    static ApiError sandboxFull(const QString &records, int limit);
};
