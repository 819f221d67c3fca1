#include "userhandlers.h"

#include "authenticator.h"
#include "envelope.h"
#include "router.h"
#include "userstore.h"
#include "uservalidation.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

UserHandlers::UserHandlers(UserStore &users, const Authenticator &authenticator)
    : m_users(users)
    , m_authenticator(authenticator)
{}

ApiResponse UserHandlers::list(const ApiRequest &request) const
{
    std::optional<UserRole> roleFilter;
    if (request.query.hasQueryItem(u"role"_s)) {
        roleFilter = parseRole(request.query.queryItemValue(u"role"_s, QUrl::FullyDecoded));
        if (!roleFilter)
            return ApiError::invalidRole().toResponse();
    }

    CachedList &cached = m_listCache[roleFilter ? 1 + int(*roleFilter) : 0];
    if (!cached.response || cached.revision != m_users.revision()) {
        cached.response = buildList(roleFilter);
        cached.revision = m_users.revision();
    }
    return *cached.response;
}

ApiResponse UserHandlers::buildList(std::optional<UserRole> roleFilter) const
{
    QJsonArray users;
    m_users.forEachUser([&](const User &user) {
        if (!roleFilter || user.role == *roleFilter)
            users.append(m_users.userJson(user.id));
    });
    const QString count = QString::number(users.size());
    return Envelope::success(200, {{u"users"_s, users}, {u"count"_s, users.size()}},
                             u"Retrieved "_s + count + u" user(s) successfully"_s);
}

ApiResponse UserHandlers::get(const QString &idText) const
{
    const auto user = userFromPath(idText);
    if (const auto *error = std::get_if<ApiError>(&user))
        return error->toResponse();
    return Envelope::successJson(200, m_users.userJsonBytes(std::get<User>(user).id),
                                 u"User retrieved successfully"_s);
}

ApiResponse UserHandlers::create(const ApiRequest &request) const
{
    const auto caller = m_authenticator.authenticate(request);
    if (const auto *error = std::get_if<ApiError>(&caller))
        return error->toResponse();
    return createAs(std::get<User>(caller), request.body);
}

ApiResponse UserHandlers::createAs(const User &caller, const QByteArray &body) const
{
    const auto fields = readUserBody(body, ValidationMode::Create, roleRefusalFor(caller), 0);
    if (const auto *error = std::get_if<ApiError>(&fields))
        return error->toResponse();
    if (m_users.isFull())
        return ApiError::sandboxFull(u"users"_s, m_users.capacity()).toResponse();

    const User created = m_users.add(std::get<UserFields>(fields));
    return Envelope::successJson(201, m_users.userJsonBytes(created.id),
                                 u"User created successfully"_s);
}

ApiResponse UserHandlers::update(const ApiRequest &request, const QString &idText) const
{
    const auto caller = m_authenticator.authenticate(request);
    if (const auto *error = std::get_if<ApiError>(&caller))
        return error->toResponse();
    return updateAs(std::get<User>(caller), idText, request.body);
}

ApiResponse UserHandlers::updateAs(const User &caller, const QString &idText,
                                   const QByteArray &body) const
{
    const auto target = userFromPath(idText);
    if (const auto *error = std::get_if<ApiError>(&target))
        return error->toResponse();

    const qint64 id = std::get<User>(target).id;
    const auto fields = readUserBody(body, ValidationMode::Update, roleRefusalFor(caller), id);
    if (const auto *error = std::get_if<ApiError>(&fields))
        return error->toResponse();

    m_users.update(id, std::get<UserFields>(fields));
    return Envelope::successJson(200, m_users.userJsonBytes(id), u"User updated successfully"_s);
}

ApiResponse UserHandlers::remove(const ApiRequest &request, const QString &idText) const
{
    const auto caller = m_authenticator.authenticate(request);
    if (const auto *error = std::get_if<ApiError>(&caller))
        return error->toResponse();
    return removeAs(std::get<User>(caller), idText);
}

ApiResponse UserHandlers::removeAs(const User &caller, const QString &idText) const
{
    if (!caller.isAdmin())
        return ApiError::forbiddenAdminOnly().toResponse();
    const auto target = userFromPath(idText);
    if (const auto *error = std::get_if<ApiError>(&target))
        return error->toResponse();

    const auto removed = m_users.remove(std::get<User>(target).id);
    return Envelope::success(200, removed->toJson(), u"User deleted successfully"_s);
}

std::variant<User, ApiError> UserHandlers::userFromPath(const QString &idText) const
{
    const std::optional<qint64> id = Router::integerParam(idText);
    if (!id)
        return ApiError::invalidUserId();
    const auto user = m_users.user(*id);
    if (!user)
        return ApiError::userNotFound(idText);
    return *user;
}

std::optional<ApiError> UserHandlers::roleRefusalFor(const User &caller)
{
    if (caller.isAdmin())
        return std::nullopt;
    return ApiError::forbiddenAdminOnly();
}

std::variant<UserFields, ApiError>
UserHandlers::readUserBody(const QByteArray &requestBody, ValidationMode mode,
                           const std::optional<ApiError> &roleRefusal, qint64 updatedId) const
{
    const auto body = parseJsonObject(requestBody);
    if (!body)
        return ApiError::invalidJson();
    auto fields = validateUserBody(*body, mode);
    if (std::holds_alternative<ApiError>(fields))
        return fields;
    if (const auto error = checkAgainstStore(std::get<UserFields>(fields), roleRefusal, updatedId))
        return *error;
    return fields;
}

std::optional<ApiError> UserHandlers::checkAgainstStore(const UserFields &fields,
                                                        const std::optional<ApiError> &roleRefusal,
                                                        qint64 updatedId) const
{
    if (fields.role && roleRefusal)
        return *roleRefusal;
    if (fields.email) {
        const auto owner = m_users.userByEmail(*fields.email);
        if (owner && owner->id != updatedId) {
            return ApiError{409, u"DUPLICATE_EMAIL"_s,
                            u"Email already exists. Please use a different email."_s};
        }
    }
    return std::nullopt;
}
