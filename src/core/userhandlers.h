#pragma once

#include "apierror.h"
#include "apirequest.h"
#include "user.h"
#include "uservalidation.h"

#include <array>
#include <optional>
#include <variant>

class Authenticator;
class UserStore;

// The /users routes of the contract, in its order of checks: auth, then the id, then the body.
class UserHandlers
{
public:
    UserHandlers(UserStore &users, const Authenticator &authenticator);

    ApiResponse list(const ApiRequest &request) const;
    ApiResponse get(const QString &idText) const;
    ApiResponse create(const ApiRequest &request) const;
    ApiResponse update(const ApiRequest &request, const QString &idText) const;
    ApiResponse remove(const ApiRequest &request, const QString &idText) const;

    // The same operations for a caller already known (the trainer in the window): every check
    // after authentication, with the same errors.
    ApiResponse createAs(const User &caller, const QByteArray &body) const;
    ApiResponse updateAs(const User &caller, const QString &idText, const QByteArray &body) const;
    ApiResponse removeAs(const User &caller, const QString &idText) const;

    // What a body that sets a role gets: nothing for an admin, else the error to answer.
    static std::optional<ApiError> roleRefusalFor(const User &caller);

    // The body of a create or an update: JSON, then validation, then the store checks.
    std::variant<UserFields, ApiError> readUserBody(const QByteArray &body, ValidationMode mode,
                                                    const std::optional<ApiError> &roleRefusal,
                                                    qint64 updatedId) const;
    // Role permission and duplicate email: the checks that need the caller and the store.
    std::optional<ApiError> checkAgainstStore(const UserFields &fields,
                                              const std::optional<ApiError> &roleRefusal,
                                              qint64 updatedId) const;

private:
    // The user named by the path, or INVALID_USER_ID / USER_NOT_FOUND.
    std::variant<User, ApiError> userFromPath(const QString &idText) const;

    ApiResponse buildList(std::optional<UserRole> roleFilter) const;

    UserStore &m_users;
    const Authenticator &m_authenticator;

    // GET /users is what test suites poll most; its answer only changes with the store, so one
    // response per filter (all, admins, users) is kept until the store's revision moves.
    struct CachedList
    {
        quint64 revision = 0;
        std::optional<ApiResponse> response;
    };
    mutable std::array<CachedList, 3> m_listCache;
};
