#pragma once

#include "authenticator.h"
#include "lessonapi.h"
#include "passwordhasher.h"

#include <variant>

// Reference 003, FlaskAPI-Advanced (Flask-Smorest + Flask-JWT-Extended), under
// /lessons/flask-advanced: register (a welcome email to the outbox), login, refresh, logout, the
// three developer endpoints that show the JWT rules, and /user/<id>. Bodies are the reference's
// own: {"message"}, {"message","error"} for token errors, per-field lists for validation.
class FlaskAdvancedLesson : public LessonApi
{
public:
    explicit FlaskAdvancedLesson(const LessonContext &context);

    QString name() const override { return QStringLiteral("flask-advanced"); }
    QString title() const override { return QStringLiteral("FlaskAPI-Advanced (reference 003)"); }
    void addRoutes(Router &router) override;

private:
    ApiResponse registerUser(const ApiRequest &request) const;
    ApiResponse login(const ApiRequest &request) const;
    ApiResponse refresh(const ApiRequest &request) const;
    ApiResponse logout(const ApiRequest &request) const;
    ApiResponse protectedEndpoint(const ApiRequest &request) const;
    ApiResponse freshProtectedEndpoint(const ApiRequest &request) const;
    ApiResponse user(const ApiRequest &request, const QString &id) const;
    // Needs a fresh access token of that user or of an admin: the reference leaves it open.
    ApiResponse deleteUser(const ApiRequest &request, const QString &id) const;

    // The caller's session for a token of this type, or the reference's 401 body.
    std::variant<Authenticator::Session, ApiResponse> session(const ApiRequest &request,
                                                              TokenType type) const;

    PasswordHasher m_hasher;
};
