#pragma once

#include "apierror.h"
#include "apirequest.h"
#include "tokenrecord.h"
#include "user.h"

#include <variant>

class TokenService;
class UserStore;

// Turns a request's Authorization header into the calling user, or the contract's 401 error.
// The role used for authorization is the store's, never the token's.
class Authenticator
{
public:
    // The caller and the token it presented.
    struct Session
    {
        User user;
        TokenRecord token;
    };

    Authenticator(const TokenService &tokens, const UserStore &users);

    // An access token (every route but /refresh).
    std::variant<User, ApiError> authenticate(const ApiRequest &request) const;
    // A token of the given type; the other type is INVALID_TOKEN.
    std::variant<Session, ApiError> session(const ApiRequest &request, TokenType type) const;

    static ApiError missingToken();
    static ApiError invalidToken();
    static ApiError expiredToken();
    static ApiError revokedToken();
    static ApiError freshTokenRequired();

private:
    const TokenService &m_tokens;
    const UserStore &m_users;
};
