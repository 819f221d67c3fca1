#pragma once

#include "apierror.h"
#include "apirequest.h"
#include "passwordhasher.h"
#include "tokenservice.h"
#include "user.h"

#include <QJsonObject>
#include <variant>

class Authenticator;
class UserStore;

// The session routes: POST /login (email, and a password from Part B on), /refresh and /logout.
class SessionHandlers
{
public:
    SessionHandlers(const UserStore &users, TokenService &tokens,
                    const Authenticator &authenticator);

    ApiResponse login(const ApiRequest &request) const;
    ApiResponse refresh(const ApiRequest &request) const;
    ApiResponse logout(const ApiRequest &request) const;

    // The trainer's "require passwords": Part A's email-only login then answers MISSING_FIELD.
    void setRequirePasswords(bool required) { m_requirePasswords = required; }
    bool requirePasswords() const { return m_requirePasswords; }

private:
    // The user a login body names, with its password checked when one is given.
    std::variant<User, ApiError> checkCredentials(const QJsonObject &body) const;
    // A login answer (with a refresh token and the user) or a refresh answer (without).
    ApiResponse tokenResponse(const QByteArray &access, const QByteArray &refresh,
                              const QByteArray &userJson, const QString &message) const;
    ApiResponse answerLogin(const ApiRequest &request) const;
    ApiResponse answerRefresh(const ApiRequest &request) const;

    const UserStore &m_users;
    TokenService &m_tokens;
    const Authenticator &m_authenticator;
    PasswordHasher m_hasher;
    bool m_requirePasswords = false;
};
