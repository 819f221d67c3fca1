#include "passwordresethandlers.h"

#include "apierror.h"
#include "envelope.h"
#include "outbox.h"
#include "tokenservice.h"
#include "userstore.h"
#include "uservalidation.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

PasswordResetHandlers::PasswordResetHandlers(UserStore &users, TokenService &tokens, Outbox &outbox,
                                             PasswordResets &resets)
    : m_users(users)
    , m_tokens(tokens)
    , m_outbox(outbox)
    , m_resets(resets)
{}

ApiResponse PasswordResetHandlers::requestReset(const ApiRequest &request) const
{
    const auto body = parseJsonObject(request.body);
    if (!body)
        return ApiError::invalidJson().toResponse();
    const QJsonValue email = body->value(u"email"_s);
    if (email.isUndefined() || email.isNull())
        return ApiError::missingField(u"email"_s).toResponse();
    if (!email.isString() || !isValidEmail(email.toString()))
        return ApiError::invalidEmail().toResponse();

    // The same answer for an unknown email, only without an email: the API does not tell who
    // has an account.
    if (const auto user = m_users.userByEmail(email.toString())) {
        const QString token = m_resets.issue(user->id);
        m_outbox.send(user->email, u"Reset your ApiDojo password"_s, emailBody(user->name, token),
                      token);
    }
    return Envelope::success(200, {}, u"Password reset email sent"_s);
}

QString PasswordResetHandlers::emailBody(const QString &name, const QString &token) const
{
    return u"Hello %1,\n\n"
           "someone asked to reset the password of your ApiDojo account. To choose a new one, "
           "send it to this link:\n\n"
           "POST %2/password-reset/%3\n"
           "{\"password\": \"<your new password>\"}\n\n"
           "The token %3 works once and expires in %4 minutes.\n\n"
           "If you did not ask for this, ignore this email: your password stays as it is.\n"_s.arg(
               name, m_baseUrl, token, QString::number(PasswordResets::LifetimeSeconds / 60));
}

ApiResponse PasswordResetHandlers::resetPassword(const ApiRequest &request,
                                                 const QString &token) const
{
    const std::optional<qint64> userId = m_resets.userOf(token);
    if (!userId) {
        return ApiError{400, u"INVALID_RESET_TOKEN"_s,
                        u"Password reset token is invalid or has expired"_s}
            .toResponse();
    }
    const auto body = parseJsonObject(request.body);
    if (!body)
        return ApiError::invalidJson().toResponse();
    const auto password = validateNewPassword(body->value(u"password"_s));
    if (const auto *error = std::get_if<ApiError>(&password))
        return error->toResponse();

    m_users.setPasswordHash(*userId, m_hasher.hash(std::get<QString>(password)));
    m_resets.consume(*userId);
    // Whoever knew the old password may hold a session: it ends with the password.
    m_tokens.revokeUserTokens(*userId, u"password reset"_s);
    return Envelope::success(200, {}, u"Password has been reset"_s);
}

ApiResponse PasswordResetHandlers::listOutbox() const
{
    QJsonArray emails;
    for (const OutboxEmail &email : m_outbox.emails())
        emails.append(email.toJson());
    const QString count = QString::number(emails.size());
    return Envelope::success(200, {{u"emails"_s, emails}, {u"count"_s, emails.size()}},
                             u"Retrieved "_s + count + u" email(s) successfully"_s);
}
