#include "accounthandlers.h"

#include "authenticator.h"
#include "envelope.h"
#include "tokenservice.h"
#include "userhandlers.h"
#include "userstore.h"
#include "uservalidation.h"

using namespace Qt::StringLiterals;

AccountHandlers::AccountHandlers(UserStore &users, TokenService &tokens,
                                 const Authenticator &authenticator,
                                 const UserHandlers &userHandlers)
    : m_users(users)
    , m_tokens(tokens)
    , m_authenticator(authenticator)
    , m_userHandlers(userHandlers)
{}

ApiResponse AccountHandlers::registerUser(const ApiRequest &request) const
{
    const auto body = parseJsonObject(request.body);
    if (!body)
        return ApiError::invalidJson().toResponse();
    const auto fields = validateUserBody(*body, ValidationMode::Register);
    if (const auto *error = std::get_if<ApiError>(&fields))
        return error->toResponse();
    const auto password = validateNewPassword(body->value(u"password"_s));
    if (const auto *error = std::get_if<ApiError>(&password))
        return error->toResponse();
    // Nobody registers as an admin: an anonymous caller has no right to set a role.
    if (const auto error = m_userHandlers.checkAgainstStore(std::get<UserFields>(fields),
                                                            ApiError::forbiddenAdminOnly(), 0)) {
        return error->toResponse();
    }
    if (m_users.isFull())
        return ApiError::sandboxFull(u"users"_s, m_users.capacity()).toResponse();

    const User created =
        m_users.add(std::get<UserFields>(fields), m_hasher.hash(std::get<QString>(password)));
    return Envelope::success(201, m_users.userJson(created.id), u"User registered successfully"_s);
}

ApiResponse AccountHandlers::me(const ApiRequest &request) const
{
    const auto caller = m_authenticator.authenticate(request);
    if (const auto *error = std::get_if<ApiError>(&caller))
        return error->toResponse();
    return Envelope::success(200, m_users.userJson(std::get<User>(caller).id),
                             u"User retrieved successfully"_s);
}

ApiResponse AccountHandlers::updateMe(const ApiRequest &request) const
{
    const auto caller = m_authenticator.authenticate(request);
    if (const auto *error = std::get_if<ApiError>(&caller))
        return error->toResponse();
    const qint64 id = std::get<User>(caller).id;
    // Not even an admin changes a role here: that is PUT /users/{id}, where it is visible.
    static const ApiError roleRefusal{403, u"FORBIDDEN"_s, u"Role cannot be changed through /me"_s};
    const auto fields =
        m_userHandlers.readUserBody(request.body, ValidationMode::Update, roleRefusal, id);
    if (const auto *error = std::get_if<ApiError>(&fields))
        return error->toResponse();

    m_users.update(id, std::get<UserFields>(fields));
    return Envelope::success(200, m_users.userJson(id), u"User updated successfully"_s);
}

ApiResponse AccountHandlers::deleteMe(const ApiRequest &request) const
{
    const auto session = m_authenticator.session(request, TokenType::Access);
    if (const auto *error = std::get_if<ApiError>(&session))
        return error->toResponse();
    const auto &caller = std::get<Authenticator::Session>(session);
    if (const auto notFresh = m_authenticator.requireFresh(caller))
        return notFresh->toResponse();

    // The store's removal revokes the user's tokens (ApiService).
    const auto removed = m_users.remove(caller.user.id);
    return Envelope::success(200, removed->toJson(), u"User deleted successfully"_s);
}
