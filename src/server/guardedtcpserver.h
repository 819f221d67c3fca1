#pragma once

#include "exchange.h"
#include "serverlimits.h"

#include <QHash>
#include <QHostAddress>
#include <QTcpServer>

// The listening socket QHttpServer is bound to. Every accepted connection gets a
// ConnectionGuard before QHttpServer sees it; connections over the per-address limit are
// answered with 503 and never reach QHttpServer.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)

public:
    explicit GuardedTcpServer(const ServerLimits &limits, QObject *parent = nullptr);

    void closeConnections();

signals:
    void rejected(const Exchange &exchange);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void refuse(QTcpSocket *socket);

    ServerLimits m_limits;
    QHash<QHostAddress, int> m_openConnections;
};
