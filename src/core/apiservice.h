#pragma once

#include "apirequest.h"
#include "authenticator.h"
#include "clock.h"
#include "producthandlers.h"
#include "productstore.h"
#include "router.h"
#include "sessionhandlers.h"
#include "tokenservice.h"
#include "trainerrequest.h"
#include "userhandlers.h"
#include "userstore.h"

#include <QObject>

struct ServiceConfig
{
    QByteArray jwtSecret;
    qint64 tokenLifetimeSeconds = TokenService::DefaultLifetimeSeconds;
    QString version = QStringLiteral(APIDOJO_VERSION);
};

// The whole API as a function: ApiRequest in, ApiResponse out. Owns the store and the tokens;
// lives on the server thread.
class ApiService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiService)

public:
    explicit ApiService(const ServiceConfig &config, Clock clock = systemClock(),
                        QObject *parent = nullptr);

    ApiResponse handle(const ApiRequest &request) const;
    // The trainer's edits from the window; answers exactly as the matching API route would.
    ApiResponse handle(const TrainerRequest &request);

    const Router &router() const { return m_router; }
    UserStore &users() { return m_users; }
    ProductStore &products() { return m_products; }
    TokenService &tokens() { return m_tokens; }

private:
    void addRoutes();
    ApiResponse health() const;
    ApiResponse reset();

    Clock m_clock;
    QString m_version;
    UserStore m_users;
    ProductStore m_products;
    TokenService m_tokens;
    Authenticator m_authenticator;
    UserHandlers m_userHandlers;
    SessionHandlers m_sessionHandlers;
    ProductHandlers m_productHandlers;
    Router m_router;
};
