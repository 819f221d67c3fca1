#include "serverfixture.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;

ServerFixture::ServerFixture(ServerHost::Publishes publishes)
    : m_host(std::make_unique<ServerHost>(publishes))
{}

ServerFixture::~ServerFixture() = default;

bool ServerFixture::start(qint64 tokenLifetimeSeconds)
{
    ServiceConfig config;
    config.jwtSecret = randomBytes(32);
    config.tokenLifetimeSeconds = tokenLifetimeSeconds;
    QSignalSpy started(m_host.get(), &ServerHost::started);
    m_host->start(config, QHostAddress(QHostAddress::LocalHost), 0);
    if (!started.wait(10000))
        return false;
    m_baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(started[0][1].value<quint16>()));
    return true;
}
