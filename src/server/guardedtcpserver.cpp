#include "guardedtcpserver.h"

#include "connectionguard.h"
#include "envelope.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

GuardedTcpServer::GuardedTcpServer(const ServerLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{}

void GuardedTcpServer::closeConnections()
{
    const auto sockets = findChildren<QTcpSocket *>(QString(), Qt::FindDirectChildrenOnly);
    for (QTcpSocket *socket : sockets) {
        if (ConnectionGuard *guard = ConnectionGuard::of(socket))
            guard->close();
    }
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    auto *guard = new ConnectionGuard(socket, m_limits);
    connect(guard, &ConnectionGuard::rejected, this, &GuardedTcpServer::rejected);

    const QHostAddress peer = socket->peerAddress();
    if (m_openConnections.value(peer) >= m_limits.maxConnectionsPerAddress) {
        refuse(socket);
        return;
    }
    ++m_openConnections[peer];
    connect(socket, &QObject::destroyed, this, [this, peer] {
        if (--m_openConnections[peer] <= 0)
            m_openConnections.remove(peer);
    });
    addPendingConnection(socket); // QHttpServer connects its readyRead after the guard's
}

void GuardedTcpServer::refuse(QTcpSocket *socket)
{
    // Never handed to QHttpServer, so nobody else deletes it.
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    const QString address = socket->peerAddress().toString();
    ApiResponse response =
        Envelope::error(503, u"TOO_MANY_CONNECTIONS"_s,
                        u"Too many open connections from %1 (limit %2)"_s.arg(address).arg(
                            m_limits.maxConnectionsPerAddress));
    response.setHeader("Access-Control-Allow-Origin"_ba, "*"_ba);
    response.setHeader("Retry-After"_ba, "1"_ba);
    ConnectionGuard::of(socket)->refuse(response,
                                        u"connection limit reached for %1"_s.arg(address));
}
