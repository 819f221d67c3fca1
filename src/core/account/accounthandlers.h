#pragma once

#include "apirequest.h"
#include "passwordhasher.h"

class Authenticator;
class TokenService;
class UserHandlers;
class UserStore;

// The caller's own account: POST /register and GET/PUT/DELETE /me.
class AccountHandlers
{
public:
    AccountHandlers(UserStore &users, TokenService &tokens, const Authenticator &authenticator,
                    const UserHandlers &userHandlers);

    ApiResponse registerUser(const ApiRequest &request) const;
    ApiResponse me(const ApiRequest &request) const;
    ApiResponse updateMe(const ApiRequest &request) const;
    // Needs a fresh token: a stolen refresh token must not be enough to delete an account.
    ApiResponse deleteMe(const ApiRequest &request) const;

private:
    UserStore &m_users;
    TokenService &m_tokens;
    const Authenticator &m_authenticator;
    const UserHandlers &m_userHandlers;
    PasswordHasher m_hasher;
};
