#pragma once

#include "authenticator.h"
#include "flaskjwtinputs.h"
#include "lessonapi.h"
#include "passwordhasher.h"
#include "widgetstore.h"

#include <variant>

// Reference 002, the Flask-RESTx JWT tutorial (parts 3-6), under /lessons/flask-jwt: /api/v1/auth
// register, login, user and logout (a blacklist), and the widgets of /api/v1/widgets (admins
// create, update and delete; every user lists and reads), with the tutorial's bodies word for
// word: {"status", "message", ...} from its code, {"message"} and WWW-Authenticate from its
// token decorators, {"message", "errors"} from Flask-RESTx's request parsers. Its users are the
// service's users (role admin is the tutorial's admin flag); its widgets are its own list.
class FlaskJwtLesson : public LessonApi
{
public:
    explicit FlaskJwtLesson(const LessonContext &context);

    QString name() const override { return QStringLiteral("flask-jwt"); }
    QString title() const override
    {
        return QStringLiteral("Flask-RESTx JWT tutorial (reference 002)");
    }
    void addRoutes(Router &router) override;
    void reset() override { m_store.reset(); }
    LessonList list() const override;
    void setRecordLimit(int limit) override { m_store.setCapacity(limit); }
    QStringList documentAliases() const override
    {
        return {QStringLiteral("/api/v1/swagger.json")};
    }
    QString swaggerUiPath() const override { return QStringLiteral("/api/v1/ui"); }

private:
    // Who may use a route: the tutorial's @token_required and @admin_token_required.
    enum class Access { RegisteredUser, Admin };

    ApiResponse registerUser(const ApiRequest &request) const;
    ApiResponse login(const ApiRequest &request) const;
    ApiResponse currentUser(const ApiRequest &request) const;
    ApiResponse logout(const ApiRequest &request) const;
    ApiResponse createWidget(const ApiRequest &request);
    ApiResponse widgetList(const ApiRequest &request) const;
    ApiResponse retrieveWidget(const ApiRequest &request, const QString &name) const;
    // PUT creates the widget when there is none of that name (RFC 7231, as the tutorial does).
    ApiResponse updateWidget(const ApiRequest &request, const QString &name);
    ApiResponse deleteWidget(const ApiRequest &request, const QString &name);

    // The caller's session, or the tutorial's 401/403 with its WWW-Authenticate header.
    std::variant<Authenticator::Session, ApiResponse> caller(const ApiRequest &request,
                                                             Access access) const;
    // A resource's arguments and its caller, in the tutorial's order: the request parser first
    // (a bad body is a 400 even without a token), then the token decorator.
    struct Permitted
    {
        FlaskRestx::Values values;
        Authenticator::Session session;
    };
    std::variant<Permitted, ApiResponse> permitted(const ApiRequest &request,
                                                   const QJsonObject &source,
                                                   const QList<FlaskRestx::Argument> &arguments,
                                                   Access access) const;
    // 200/201 with a new access token, uncached.
    ApiResponse authenticated(int status, const QString &message, const User &user) const;
    ApiResponse addWidget(const ApiRequest &request, const User &owner, const QString &name,
                          const FlaskRestx::Values &values);
    QJsonObject widgetJson(const ApiRequest &request, const Widget &widget) const;
    // "/lessons/flask-jwt" as the client reached it (in a sandbox: "/s/<name>/lessons/...").
    QString basePath(const ApiRequest &request) const;
    // Its "link": basePath() + "/api/v1/widgets/<name>".
    QString widgetPath(const ApiRequest &request, const QString &name) const;
    QDateTime now() const { return context().clock(); }

    PasswordHasher m_hasher;
    WidgetStore m_store;
};
