#pragma once

#include "exchange.h"
#include "flushbatch.h"
#include "serverlimits.h"

#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>

class ConnectionGuard;

// The listening socket QHttpServer is bound to. Every accepted connection gets a
// ConnectionGuard before QHttpServer sees it; connections over the per-address limit are
// answered with 503 and never reach QHttpServer. While any connection is open, one coarse timer
// has every guard check its time limit.
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
    QList<QPointer<ConnectionGuard>> guards() const;
    void checkDeadlines();

    ServerLimits m_limits;
    QHash<QHostAddress, int> m_openConnections;
    // Children, so that they follow the server into its thread.
    QTimer m_deadlineSweep{this};
    FlushBatch m_flushBatch{this};
};
