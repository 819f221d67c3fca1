#pragma once

#include "serverhost.h"

#include <QUrl>
#include <memory>

// Starts the real API on its worker thread on 127.0.0.1 and a free port, for integration tests.
class ServerFixture
{
public:
    explicit ServerFixture(ServerHost::Publishes publishes = ServerHost::Publishes::Everything);
    ~ServerFixture();

    bool start(qint64 tokenLifetimeSeconds = TokenService::DefaultLifetimeSeconds);
    QUrl baseUrl() const { return m_baseUrl; }
    ServerHost &host() { return *m_host; }

private:
    std::unique_ptr<ServerHost> m_host;
    QUrl m_baseUrl;
};
