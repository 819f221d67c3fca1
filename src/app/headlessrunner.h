#pragma once

#include "apiservice.h"
#include "exchange.h"

#include <QHostAddress>
#include <QObject>

class ServerHost;

// Headless mode: starts the server, prints the ready line and one line per request to stdout,
// and quits the event loop with exit code 2 if the server cannot start.
class HeadlessRunner : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessRunner)

public:
    HeadlessRunner(ServerHost &host, QObject *parent = nullptr);

    void start(const ServiceConfig &config, const QHostAddress &address, quint16 port);

    // "<time> <client> <METHOD> <path> <status> <ms>"
    static QByteArray logLine(const Exchange &exchange);

private:
    void printExchanges(const QList<Exchange> &exchanges);
    void printReady(const QHostAddress &address, quint16 port);
    void printFailure(const QString &reason);

    ServerHost &m_host;
    QHostAddress m_requestedAddress;
    quint16 m_requestedPort = 0;
};
