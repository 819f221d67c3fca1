#include "usermanagementlesson.h"

#include "apierror.h"
#include "credentials.h"
#include "envelope.h"
#include "outbox.h"
#include "passwordresets.h"
#include "router.h"
#include "tokenservice.h"
#include "userstore.h"
#include "uservalidation.h"

#include <QJsonArray>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

using Params = QStringList;

ApiResponse error(int status, const QString &text)
{
    return Envelope::bare(status, {{u"error"_s, text}});
}

ApiResponse message(int status, const QString &text)
{
    return Envelope::bare(status, {{u"message"_s, text}});
}

ApiResponse invalidToken()
{
    return error(401, u"Invalid token"_s);
}

ApiResponse userNotFound()
{
    return error(404, u"User not found"_s);
}

// The body as the reference's handlers read it; anything but a JSON object has no fields, so
// it answers the route's "Missing ..." error.
QJsonObject bodyOf(const ApiRequest &request)
{
    return parseJsonObject(request.body).value_or(QJsonObject());
}

// Python's `if not value`: a field counts when it is a non-empty string (the store keeps text).
std::optional<QString> textField(const QJsonObject &body, QStringView key)
{
    const QJsonValue value = body.value(key);
    if (!value.isString() || value.toString().isEmpty())
        return std::nullopt;
    return value.toString();
}

// validate_token() of the reference accepts a signed, unexpired token even when its user is
// gone (the route then answers "User not found"); revoked tokens end here too.
bool passesTokenCheck(const Authenticator::Judgement &judgement)
{
    return judgement.session || judgement.check.verdict == TokenCheck::Verdict::UserDeleted;
}

// The reference's user object without its password: id, name, email, admin.
QJsonObject userObject(const User &user)
{
    return {{u"id"_s, user.id},
            {u"name"_s, user.name},
            {u"email"_s, user.email},
            {u"admin"_s, user.isAdmin()}};
}

} // namespace

void UserManagementLesson::addRoutes(Router &router)
{
    const QString api = prefix() + u"/v1/api"_s;
    router.addRoute(
        "POST", api + u"/register"_s,
        [this](const ApiRequest &request, const Params &) { return registerUser(request); });
    router.addRoute("POST", api + u"/login"_s,
                    [this](const ApiRequest &request, const Params &) { return login(request); });
    router.addRoute("POST", api + u"/logout"_s,
                    [this](const ApiRequest &request, const Params &) { return logout(request); });
    router.addRoute("POST", api + u"/reset_password"_s,
                    [this](const ApiRequest &request, const Params &) {
                        return requestPasswordReset(request);
                    });
    router.addRoute("POST", api + u"/reset_password/{token}"_s,
                    [this](const ApiRequest &request, const Params &params) {
                        return resetPassword(request, params[0]);
                    });
    router.addRoute("GET", api + u"/user"_s,
                    [this](const ApiRequest &request, const Params &) { return profile(request); });
    router.addRoute("PUT", api + u"/user"_s, [this](const ApiRequest &request, const Params &) {
        return updateProfile(request);
    });
    router.addRoute("DELETE", api + u"/user"_s, [this](const ApiRequest &request, const Params &) {
        return deleteProfile(request);
    });
    router.addRoute("GET", api + u"/users"_s, [this](const ApiRequest &request, const Params &) {
        return allUsers(request);
    });
}

Authenticator::Judgement UserManagementLesson::judgeCaller(const ApiRequest &request) const
{
    const Authenticator &authenticator = context().authenticator;
    const QByteArray header = request.header("Authorization").trimmed();
    if (header.isEmpty() || header.contains(' '))
        return authenticator.judgeAndRecord(request, TokenType::Access);
    Authenticator::Judgement judgement = authenticator.judgeToken(header, TokenType::Access);
    authenticator.recordCheck(judgement.check);
    return judgement;
}

ApiResponse UserManagementLesson::registerUser(const ApiRequest &request) const
{
    const QJsonObject body = bodyOf(request);
    const auto email = textField(body, u"email");
    const auto password = textField(body, u"password");
    const auto name = textField(body, u"name");
    if (!email || !password || !name)
        return error(400, u"Missing required fields"_s);

    UserStore &users = context().users;
    if (users.userByEmail(*email))
        return error(400, u"Email already exists"_s);
    if (users.isFull())
        return ApiError::sandboxFull(u"users"_s, users.capacity()).toResponse();

    users.add(UserFields{*name, *email, std::nullopt, UserRole::User}, m_hasher.hash(*password));
    return message(201, u"User registered successfully"_s);
}

ApiResponse UserManagementLesson::login(const ApiRequest &request) const
{
    const QJsonObject body = bodyOf(request);
    const auto email = textField(body, u"email");
    const auto password = textField(body, u"password");
    if (!email || !password)
        return error(400, u"Missing email or password"_s);

    const auto user = userWithPassword(context().users, m_hasher, *email, *password);
    if (!user)
        return error(401, u"Invalid credentials"_s);
    const auto issued = context().tokens.issue(*user, TokenType::Access, true);
    return uncached(Envelope::bare(200, {{u"message"_s, u"Login successful"_s},
                                         {u"token"_s, QString::fromLatin1(issued.token)}}));
}

ApiResponse UserManagementLesson::logout(const ApiRequest &request) const
{
    const Authenticator::Judgement judgement = judgeCaller(request);
    if (!judgement.session)
        return invalidToken();
    TokenService &tokens = context().tokens;
    tokens.revokeToken(judgement.session->token, u"logout"_s);
    tokens.revokeUserRefreshTokens(judgement.session->user.id, u"logout"_s);
    return message(200, u"Logout successful"_s);
}

ApiResponse UserManagementLesson::requestPasswordReset(const ApiRequest &request) const
{
    const auto email = textField(bodyOf(request), u"email");
    if (!email)
        return error(400, u"Missing email"_s);
    const auto user = context().users.userByEmail(*email);
    if (!user)
        return userNotFound();

    const QString token = context().passwordResets.issue(user->id);
    context().outbox.send(user->email, u"Reset your password"_s, resetEmailBody(*user, token),
                          token);
    return message(200, u"Password reset token sent"_s);
}

QString UserManagementLesson::resetEmailBody(const User &user, const QString &token) const
{
    return u"Hello %1,\n\n"
           "someone asked to reset your password. To choose a new one, send it to this link:\n\n"
           "POST %2%3/v1/api/reset_password/%4\n"
           "{\"password\": \"<your new password>\"}\n\n"
           "The token works once and expires in %5 minutes.\n\n"
           "If you did not ask for this, ignore this email: your password stays as it is.\n"_s.arg(
               user.name, baseUrl(), prefix(), token,
               QString::number(PasswordResets::LifetimeSeconds / 60));
}

ApiResponse UserManagementLesson::resetPassword(const ApiRequest &request,
                                                const QString &token) const
{
    const auto password = textField(bodyOf(request), u"password");
    if (!password)
        return error(400, u"Missing password"_s);
    PasswordResets &resets = context().passwordResets;
    const std::optional<qint64> userId = resets.userOf(token);
    if (!userId)
        return error(400, u"Invalid or expired token"_s);

    context().users.setPasswordHash(*userId, m_hasher.hash(*password));
    resets.consume(*userId);
    // Whoever knew the old password may hold a session: it ends with the password.
    context().tokens.revokeUserTokens(*userId, u"password reset"_s);
    return message(200, u"Password reset successful"_s);
}

ApiResponse UserManagementLesson::profile(const ApiRequest &request) const
{
    const Authenticator::Judgement judgement = judgeCaller(request);
    if (!passesTokenCheck(judgement))
        return invalidToken();
    if (!judgement.session)
        return userNotFound();
    return Envelope::bare(200, {{u"user"_s, userObject(judgement.session->user)}});
}

ApiResponse UserManagementLesson::updateProfile(const ApiRequest &request) const
{
    const Authenticator::Judgement judgement = judgeCaller(request);
    if (!passesTokenCheck(judgement))
        return invalidToken();
    const QJsonObject body = bodyOf(request);
    const auto name = textField(body, u"name");
    const auto email = textField(body, u"email");
    if (!name || !email)
        return error(400, u"Missing name or email"_s);
    if (!judgement.session)
        return userNotFound();

    UserStore &users = context().users;
    const qint64 id = judgement.session->user.id;
    if (const auto holder = users.userByEmail(*email); holder && holder->id != id)
        return error(400, u"Email already exists"_s);
    users.update(id, UserFields{*name, *email, std::nullopt, std::nullopt});
    return message(200, u"User profile updated successfully"_s);
}

ApiResponse UserManagementLesson::deleteProfile(const ApiRequest &request) const
{
    const Authenticator::Judgement judgement = judgeCaller(request);
    if (!passesTokenCheck(judgement))
        return invalidToken();
    if (!judgement.session)
        return userNotFound();
    // As DELETE /me: a token renewed at /refresh is not enough to delete an account.
    if (context().authenticator.requireFresh(*judgement.session))
        return invalidToken();
    // The store's removal revokes the user's tokens (ApiService).
    context().users.remove(judgement.session->user.id);
    return message(200, u"User profile deleted successfully"_s);
}

ApiResponse UserManagementLesson::allUsers(const ApiRequest &request) const
{
    const Authenticator::Judgement judgement = judgeCaller(request);
    if (!passesTokenCheck(judgement))
        return invalidToken();
    if (!judgement.session || !judgement.session->user.isAdmin())
        return error(403, u"Admin access required"_s);
    QJsonArray users;
    context().users.forEachUser([&users](const User &user) { users.append(userObject(user)); });
    return Envelope::bare(200, {{u"users"_s, users}});
}
