#include "apierror.h"

#include "envelope.h"

using namespace Qt::StringLiterals;

ApiResponse ApiError::toResponse() const
{
    return Envelope::error(status, code, message);
}

ApiError ApiError::invalidJson()
{
    return {400, u"INVALID_JSON"_s, u"Request body must be a valid JSON object"_s};
}

ApiError ApiError::missingField(const QString &field)
{
    return {400, u"MISSING_FIELD"_s, u"Missing required field: "_s + field};
}

ApiError ApiError::invalidPassword(const QString &message)
{
    return {400, u"INVALID_PASSWORD"_s, message};
}

ApiError ApiError::invalidEmail()
{
    return {400, u"INVALID_EMAIL"_s, u"Invalid email format"_s};
}

ApiError ApiError::invalidRole()
{
    return {400, u"INVALID_ROLE"_s, u"Role must be either 'admin' or 'user'"_s};
}

ApiError ApiError::forbiddenAdminOnly()
{
    return {403, u"FORBIDDEN"_s,
            u"Admin access required. You do not have permission to perform this action."_s};
}

ApiError ApiError::invalidUserId()
{
    return {400, u"INVALID_USER_ID"_s, u"User ID must be a valid integer"_s};
}

ApiError ApiError::userNotFound(const QString &id)
{
    return {404, u"USER_NOT_FOUND"_s, u"User with ID "_s + id + u" not found"_s};
}

ApiError ApiError::sandboxFull(const QString &records, int limit)
{
    return {409, u"SANDBOX_FULL"_s,
            u"This sandbox already holds %1 %2, its limit. Delete some, or POST /reset to start "
            u"again from the seeded data."_s.arg(limit)
                .arg(records)};
}
