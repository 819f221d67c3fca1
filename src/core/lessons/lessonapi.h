#pragma once

#include "clock.h"

#include <QByteArrayList>
#include <QJsonArray>
#include <QString>
#include <QStringList>

class Authenticator;
class Outbox;
class PasswordResets;
class Router;
class TokenService;
class UserStore;

// A lesson's own list as the window shows it (the Products tab's selector): its records as JSON
// objects, the columns in the order shown, the first one the record's key.
struct LessonList
{
    QString title;       // "Widgets"; empty: the lesson keeps no list
    QStringList columns; // field names of the records, e.g. {"code", "type", "quantity"}
    QJsonArray records;
};

// What a lesson API works on: the service's shared users, tokens and outbox (a user registered
// at a lesson logs in at /login; its tokens are in the Tokens tab), and the service's clock.
struct LessonContext
{
    UserStore &users;
    TokenService &tokens;
    const Authenticator &authenticator;
    Outbox &outbox;
    PasswordResets &passwordResets;
    Clock clock;
};

// One lesson API of API.md Part C: a published practice API served literally under
// "/lessons/<name>", its routes, body shapes and messages its own, over the shared stores.
class LessonApi
{
public:
    explicit LessonApi(const LessonContext &context)
        : m_context(context)
    {}
    virtual ~LessonApi() = default;
    Q_DISABLE_COPY_MOVE(LessonApi)

    // "user-management": the last segment of its prefix.
    virtual QString name() const = 0;
    // How /docs' selector names it: "Inventory (reference 004)".
    virtual QString title() const { return name(); }
    QString prefix() const { return QStringLiteral("/lessons/") + name(); }
    // Adds its routes to the service's router, each pattern under prefix().
    virtual void addRoutes(Router &router) = 0;
    // Its OpenAPI document, embedded (served at prefix() + "/openapi.json").
    QString openApiResource() const
    {
        return QStringLiteral(":/docs/lessons/") + name() + QStringLiteral(".json");
    }
    // Its own list back to its seed, with the service's POST /reset.
    virtual void reset() {}
    // Its own list, for the window; none by default.
    virtual LessonList list() const { return {}; }
    // At most this many records in its own list (a sandbox's products limit); 0: no limit.
    virtual void setRecordLimit(int limit) { Q_UNUSED(limit) }
    // More paths under prefix() that serve its OpenAPI document, and the path of a Swagger UI
    // page over it, where its reference promises them (002: "/api/v1/swagger.json", "/api/v1/ui").
    virtual QStringList documentAliases() const { return {}; }
    virtual QString swaggerUiPath() const { return {}; }
    // Request headers its routes read beyond Authorization and Content-Type (004 reads "code"),
    // allowed in a browser's CORS preflight under prefix().
    virtual QByteArrayList requestHeaders() const { return {}; }
    // The service's address for links in emails (no trailing slash), from the server.
    void setBaseUrl(const QString &baseUrl) { m_baseUrl = baseUrl; }

protected:
    const LessonContext &context() const { return m_context; }
    QString baseUrl() const { return m_baseUrl; }

private:
    LessonContext m_context;
    QString m_baseUrl;
};
