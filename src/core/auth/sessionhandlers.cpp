#include "sessionhandlers.h"

#include "apierror.h"
#include "envelope.h"
#include "tokenservice.h"
#include "userstore.h"
#include "uservalidation.h"

using namespace Qt::StringLiterals;

SessionHandlers::SessionHandlers(const UserStore &users, const TokenService &tokens)
    : m_users(users)
    , m_tokens(tokens)
{}

ApiResponse SessionHandlers::login(const ApiRequest &request) const
{
    const auto body = parseJsonObject(request.body);
    if (!body)
        return ApiError::invalidJson().toResponse();
    const QJsonValue email = body->value(u"email"_s);
    if (email.isUndefined() || email.isNull())
        return ApiError::missingField(u"email"_s).toResponse();
    if (!email.isString() || !isValidEmail(email.toString()))
        return ApiError::invalidEmail().toResponse();
    const auto user = m_users.userByEmail(email.toString());
    if (!user) {
        return ApiError{404, u"USER_NOT_FOUND"_s, u"User not found with provided email"_s}
            .toResponse();
    }

    const QString token = QString::fromLatin1(m_tokens.issueAccessToken(*user));
    ApiResponse response = Envelope::success(
        200, {{u"token"_s, token}, {u"user"_s, m_users.userJson(user->id)}}, u"Login successful"_s);
    // Responses that carry tokens must not be cached (RFC 6749 section 5.1).
    response.setHeader("Cache-Control"_ba, "no-store"_ba);
    response.setHeader("Pragma"_ba, "no-cache"_ba);
    return response;
}
