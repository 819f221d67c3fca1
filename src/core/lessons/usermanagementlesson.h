#pragma once

#include "authenticator.h"
#include "lessonapi.h"
#include "passwordhasher.h"

// Reference 001, the Flask user-management API: /v1/api/register, login, logout, password
// reset, the caller's profile and the admin's list of users, answered with its own
// {"error": ...} and {"message": ...} bodies. Its users are the service's users.
class UserManagementLesson : public LessonApi
{
public:
    using LessonApi::LessonApi;

    QString name() const override { return QStringLiteral("user-management"); }
    QString title() const override
    {
        return QStringLiteral("Flask user management (reference 001)");
    }
    void addRoutes(Router &router) override;

private:
    ApiResponse registerUser(const ApiRequest &request) const;
    ApiResponse login(const ApiRequest &request) const;
    ApiResponse logout(const ApiRequest &request) const;
    ApiResponse requestPasswordReset(const ApiRequest &request) const;
    ApiResponse resetPassword(const ApiRequest &request, const QString &token) const;
    ApiResponse profile(const ApiRequest &request) const;
    ApiResponse updateProfile(const ApiRequest &request) const;
    ApiResponse deleteProfile(const ApiRequest &request) const;
    ApiResponse allUsers(const ApiRequest &request) const;

    // The caller's token, "Bearer <token>" as documented or bare as the reference's code
    // reads it; the verdict is recorded for the inspector.
    Authenticator::Judgement judgeCaller(const ApiRequest &request) const;
    QString resetEmailBody(const User &user, const QString &token) const;

    PasswordHasher m_hasher;
};
