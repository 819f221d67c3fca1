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

std::variant<User, ApiError> Authenticator::authenticate(const ApiRequest &request) const
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
    if (!result.isValid() || result.claims.value(u"type"_s).toString() != u"access")
        return invalidToken();

    bool isNumber = false;
    const qint64 userId = result.claims.value(u"sub"_s).toString().toLongLong(&isNumber);
    const auto user = isNumber ? m_users.user(userId) : std::nullopt;
    if (!user)
        return invalidToken();
    return *user;
}
