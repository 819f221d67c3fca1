#include "servercontroller.h"

#include "serverhost.h"
#include "serverurls.h"

#include <algorithm>

using namespace Qt::StringLiterals;

ServerController::ServerController(ServerHost &host, const ServiceConfig &config, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_config(config)
{
    connect(&m_host, &ServerHost::started, this, &ServerController::onStarted);
    connect(&m_host, &ServerHost::startFailed, this, &ServerController::onStartFailed);
    connect(&m_host, &ServerHost::stopped, this, &ServerController::onStopped);
}

void ServerController::start(const QHostAddress &address, quint16 port)
{
    m_address = address;
    m_requestedPort = port;
    m_problem.clear();
    m_freePortSuggestion = 0;
    setState(State::Starting);
    m_host.start(m_config, address, port);
}

void ServerController::stop()
{
    m_host.requestStop();
}

bool ServerController::servesLocalNetwork() const
{
    return !m_address.isLoopback();
}

QUrl ServerController::studentUrl() const
{
    const auto onNetwork = std::find_if(m_urls.cbegin(), m_urls.cend(), [](const QUrl &url) {
        return !QHostAddress(url.host()).isLoopback();
    });
    if (servesLocalNetwork() && onNetwork != m_urls.cend())
        return *onNetwork;
    return m_urls.value(0);
}

void ServerController::onStarted(const QHostAddress &address, quint16 port)
{
    m_listeningPort = port;
    m_urls = reachableUrls(address, port);
    setState(State::Listening);
}

void ServerController::onStartFailed(QAbstractSocket::SocketError error, const QString &reason)
{
    m_listeningPort = 0;
    m_urls.clear();
    if (error == QAbstractSocket::AddressInUseError) {
        m_problem = u"Port %1 is already in use by another program."_s.arg(m_requestedPort);
        m_freePortSuggestion = findFreePort(m_address, quint16(qMin(65535, m_requestedPort + 1)));
    } else if (error == QAbstractSocket::SocketAccessError) {
        m_problem = u"Port %1 needs administrator rights on this system; choose a port above "
                    u"1023."_s.arg(m_requestedPort);
        m_freePortSuggestion = findFreePort(m_address, FallbackFirstPort);
    } else {
        m_problem = u"The API could not start on %1 port %2: %3."_s.arg(
            m_address.toString(), QString::number(m_requestedPort), reason);
    }
    setState(State::Failed);
}

void ServerController::onStopped()
{
    m_listeningPort = 0;
    m_urls.clear();
    // A restart stops first: only report Stopped if no start is on its way.
    if (m_state == State::Listening)
        setState(State::Stopped);
}

void ServerController::setState(State state)
{
    m_state = state;
    emit stateChanged(state);
}
