#include "guardedtcpserver.h"

#include "connectionguard.h"
#include "wireresponse.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

GuardedTcpServer::GuardedTcpServer(const ServerLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{
    m_deadlineSweep.setInterval(ConnectionGuard::deadlineResolutionMs(limits));
    connect(&m_deadlineSweep, &QTimer::timeout, this, &GuardedTcpServer::checkDeadlines);
}

void GuardedTcpServer::closeConnections()
{
    for (const QPointer<ConnectionGuard> &guard : guards()) {
        if (guard)
            guard->close();
    }
}

// Sockets stay children of this server while QHttpServer serves them, until they are deleted.
// Guarded pointers: acting on one connection emits signals whose receivers may close others.
QList<QPointer<ConnectionGuard>> GuardedTcpServer::guards() const
{
    QList<QPointer<ConnectionGuard>> guards;
    const auto sockets = findChildren<QTcpSocket *>(QString(), Qt::FindDirectChildrenOnly);
    for (const QTcpSocket *socket : sockets) {
        if (ConnectionGuard *guard = ConnectionGuard::of(socket))
            guards.append(guard);
    }
    return guards;
}

void GuardedTcpServer::checkDeadlines()
{
    const QList<QPointer<ConnectionGuard>> open = guards();
    if (open.isEmpty()) {
        m_deadlineSweep.stop(); // an idle server does not wake up
        return;
    }
    for (const QPointer<ConnectionGuard> &guard : open) {
        if (guard)
            guard->checkDeadline();
    }
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    auto *guard = new ConnectionGuard(socket, m_limits, m_flushBatch);
    connect(guard, &ConnectionGuard::rejected, this, &GuardedTcpServer::rejected);
    if (!m_deadlineSweep.isActive())
        m_deadlineSweep.start();

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
        errorResponse(503, u"TOO_MANY_CONNECTIONS"_s,
                      u"Too many open connections from %1 (limit %2)"_s.arg(address).arg(
                          m_limits.maxConnectionsPerAddress));
    response.setHeader("Retry-After"_ba, "1"_ba);
    ConnectionGuard::of(socket)->refuse(response,
                                        u"connection limit reached for %1"_s.arg(address));
}
