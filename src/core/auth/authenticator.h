#pragma once

#include "apierror.h"
#include "apirequest.h"
#include "user.h"

#include <variant>

class TokenService;
class UserStore;

// Turns a request's Authorization header into the calling user, or the contract's 401 error.
// The role used for authorization is the store's, never the token's.
class Authenticator
{
public:
    Authenticator(const TokenService &tokens, const UserStore &users);

    std::variant<User, ApiError> authenticate(const ApiRequest &request) const;

    static ApiError missingToken();
    static ApiError invalidToken();
    static ApiError expiredToken();

private:
    const TokenService &m_tokens;
    const UserStore &m_users;
};
