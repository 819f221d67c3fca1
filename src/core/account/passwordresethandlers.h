#pragma once

#include "apirequest.h"
#include "passwordhasher.h"
#include "passwordresets.h"

class Outbox;
class TokenService;
class UserStore;

// POST /password-reset (an email with a single-use token lands in the outbox),
// POST /password-reset/{token} (a new password) and GET /outbox.
class PasswordResetHandlers
{
public:
    PasswordResetHandlers(UserStore &users, TokenService &tokens, Outbox &outbox,
                          PasswordResets &resets);

    ApiResponse requestReset(const ApiRequest &request) const;
    ApiResponse resetPassword(const ApiRequest &request, const QString &token) const;
    ApiResponse listOutbox() const;

    // Where the emailed link points: the address the API listens on.
    void setBaseUrl(const QString &baseUrl) { m_baseUrl = baseUrl; }

private:
    QString emailBody(const QString &name, const QString &token) const;

    UserStore &m_users;
    TokenService &m_tokens;
    Outbox &m_outbox;
    PasswordResets &m_resets;
    PasswordHasher m_hasher;
    QString m_baseUrl = QStringLiteral("http://127.0.0.1:5000");
};
