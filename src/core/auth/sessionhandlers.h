#pragma once

#include "apirequest.h"

class TokenService;
class UserStore;

// POST /login: email (and, from Part B on, password) in, access token out.
class SessionHandlers
{
public:
    SessionHandlers(const UserStore &users, const TokenService &tokens);

    ApiResponse login(const ApiRequest &request) const;

private:
    const UserStore &m_users;
    const TokenService &m_tokens;
};
