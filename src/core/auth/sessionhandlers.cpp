#include "sessionhandlers.h"

#include "authenticator.h"
#include "credentials.h"
#include "envelope.h"
#include "userstore.h"
#include "uservalidation.h"

using namespace Qt::StringLiterals;

namespace {

ApiError invalidCredentials()
{
    return {401, u"INVALID_CREDENTIALS"_s, u"Invalid email or password"_s};
}

} // namespace

SessionHandlers::SessionHandlers(const UserStore &users, TokenService &tokens,
                                 const Authenticator &authenticator)
    : m_users(users)
    , m_tokens(tokens)
    , m_authenticator(authenticator)
{}

std::variant<User, ApiError> SessionHandlers::checkCredentials(const QJsonObject &body) const
{
    const QJsonValue email = body.value(u"email"_s);
    if (email.isUndefined() || email.isNull())
        return ApiError::missingField(u"email"_s);
    if (!email.isString() || !isValidEmail(email.toString()))
        return ApiError::invalidEmail();

    const QJsonValue password = body.value(u"password"_s);
    const bool hasPassword = !password.isUndefined() && !password.isNull();
    if (!hasPassword && m_requirePasswords)
        return ApiError::missingField(u"password"_s);
    if (hasPassword && !password.isString())
        return ApiError::invalidPassword(u"Password must be a string"_s);

    if (!hasPassword) {
        const auto user = m_users.userByEmail(email.toString());
        if (!user)
            return ApiError{404, u"USER_NOT_FOUND"_s, u"User not found with provided email"_s};
        return *user;
    }
    // One answer, and about the same time, whether the email or the password was wrong.
    if (auto user = userWithPassword(m_users, m_hasher, email.toString(), password.toString()))
        return std::move(*user);
    return invalidCredentials();
}

ApiResponse SessionHandlers::tokenResponse(const QByteArray &access, const QByteArray &refresh,
                                           const QByteArray &userJson, const QString &message) const
{
    // Written by hand: login is the busiest route that no cache can answer.
    JsonObjectWriter data(2 * access.size() + refresh.size() + 400);
    data.string("access_token"_L1, QLatin1StringView(access))
        .number("expires_in"_L1, m_tokens.lifetimeSeconds(TokenType::Access));
    if (!refresh.isEmpty())
        data.string("refresh_token"_L1, QLatin1StringView(refresh));
    data.string("token"_L1, QLatin1StringView(access)).string("token_type"_L1, "Bearer"_L1);
    if (!userJson.isEmpty())
        data.json("user"_L1, userJson);
    return Envelope::successJson(200, data.finish(), message);
}

ApiResponse SessionHandlers::login(const ApiRequest &request) const
{
    return uncached(answerLogin(request));
}

ApiResponse SessionHandlers::refresh(const ApiRequest &request) const
{
    return uncached(answerRefresh(request));
}

ApiResponse SessionHandlers::answerLogin(const ApiRequest &request) const
{
    const auto body = parseJsonObject(request.body);
    if (!body)
        return ApiError::invalidJson().toResponse();
    const auto user = checkCredentials(*body);
    if (const auto *error = std::get_if<ApiError>(&user))
        return error->toResponse();

    const User &caller = std::get<User>(user);
    const auto access = m_tokens.issue(caller, TokenType::Access, true);
    const auto refresh = m_tokens.issue(caller, TokenType::Refresh);
    return tokenResponse(access.token, refresh.token, m_users.userJsonBytes(caller.id),
                         u"Login successful"_s);
}

ApiResponse SessionHandlers::answerRefresh(const ApiRequest &request) const
{
    const auto session = m_authenticator.session(request, TokenType::Refresh);
    if (const auto *error = std::get_if<ApiError>(&session))
        return error->toResponse();
    // Not fresh: a refreshed session may read and edit, not delete the account (DELETE /me).
    const auto access =
        m_tokens.issue(std::get<Authenticator::Session>(session).user, TokenType::Access, false);
    return tokenResponse(access.token, {}, {}, u"Token refreshed successfully"_s);
}

ApiResponse SessionHandlers::logout(const ApiRequest &request) const
{
    const auto session = m_authenticator.session(request, TokenType::Access);
    if (const auto *error = std::get_if<ApiError>(&session))
        return error->toResponse();
    const auto &caller = std::get<Authenticator::Session>(session);
    m_tokens.revokeToken(caller.token, u"logout"_s);
    m_tokens.revokeUserRefreshTokens(caller.user.id, u"logout"_s);
    return Envelope::success(200, {}, u"Logout successful"_s);
}
