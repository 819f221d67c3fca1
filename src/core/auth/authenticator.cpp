#include "authenticator.h"

#include "tokenservice.h"
#include "userstore.h"

using namespace Qt::StringLiterals;

Authenticator::Authenticator(const TokenService &tokens, const UserStore &users)
    : m_tokens(tokens)
    , m_users(users)
{}

ApiError Authenticator::missingToken()
{
    return {401, u"MISSING_TOKEN"_s,
            u"Authorization token is missing. Please include a valid token in the request."_s};
}

ApiError Authenticator::invalidToken()
{
    return {401, u"INVALID_TOKEN"_s, u"Invalid token. Please log in again."_s};
}

ApiError Authenticator::expiredToken()
{
    return {401, u"TOKEN_EXPIRED"_s, u"Token has expired. Please log in again."_s};
}

ApiError Authenticator::revokedToken()
{
    return {401, u"TOKEN_REVOKED"_s, u"Token has been revoked. Please log in again."_s};
}

ApiError Authenticator::freshTokenRequired()
{
    return {401, u"FRESH_TOKEN_REQUIRED"_s, u"A fresh login is required for this action."_s};
}

std::variant<User, ApiError> Authenticator::authenticate(const ApiRequest &request) const
{
    auto result = session(request, TokenType::Access);
    if (auto *error = std::get_if<ApiError>(&result))
        return std::move(*error);
    return std::get<Session>(std::move(result)).user;
}

std::variant<Authenticator::Session, ApiError> Authenticator::session(const ApiRequest &request,
                                                                      TokenType type) const
{
    if (!request.hasHeader("Authorization"))
        return missingToken();

    // The scheme is case-insensitive (RFC 7235); exactly one token must follow it.
    const QList<QByteArray> parts = request.header("Authorization").trimmed().split(' ');
    if (parts.size() != 2 || parts[0].compare("bearer", Qt::CaseInsensitive) != 0)
        return invalidToken();

    const JwtCodec::Result result = m_tokens.verify(parts[1]);
    if (result.verdict == JwtCodec::Verdict::Expired)
        return expiredToken();
    if (!result.isValid())
        return invalidToken();
    const auto token = TokenService::recordOf(result.claims);
    if (!token || token->type != type)
        return invalidToken();
    // A deleted user's tokens: the contract names that case INVALID_TOKEN.
    const auto user = m_users.user(token->userId);
    if (!user)
        return invalidToken();
    // Issued to whoever had the id before this user (before a reset, or in an earlier run).
    if (m_tokens.isForEarlierHolder(*token))
        return invalidToken();
    if (m_tokens.isRevoked(*token))
        return revokedToken();
    return Session{*user, *token};
}
