#pragma once

#include "clock.h"

#include <QString>

class Authenticator;
class Outbox;
class PasswordResets;
class Router;
class TokenService;
class UserStore;

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
    // The service's address for links in emails (no trailing slash), from the server.
    void setBaseUrl(const QString &baseUrl) { m_baseUrl = baseUrl; }

protected:
    const LessonContext &context() const { return m_context; }
    QString baseUrl() const { return m_baseUrl; }

private:
    LessonContext m_context;
    QString m_baseUrl;
};
