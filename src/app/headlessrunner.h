#pragma once

#include "apiservice.h"
#include "exchange.h"

#include <QHostAddress>
#include <QObject>
#include <functional>

class ServerHost;
class StdoutLog;

// Headless mode: starts the server, prints the ready line and one line per request to the log
// (stdout), and quits the event loop with exit code 2 if the server cannot start.
class HeadlessRunner : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessRunner)

public:
    HeadlessRunner(ServerHost &host, StdoutLog &log, QObject *parent = nullptr);

    void start(const ServiceConfig &config, const QHostAddress &address, quint16 port);
    // Lines printed after the ready line (what is switched on, how to reach the control API),
    // made from the base URL the server listens on.
    using StartupNotes = std::function<QStringList(const QString &baseUrl)>;
    void setStartupNotes(StartupNotes notes) { m_startupNotes = std::move(notes); }

    // "<time> <client> <METHOD> <path> <status> <ms>", and when faults touched the exchange
    // ` faults="<source>: <effect>; …"`
    static QByteArray logLine(const Exchange &exchange);

private:
    void printExchanges(const QList<Exchange> &exchanges);
    void printReady(const QHostAddress &address, quint16 port);
    void printFailure(const QString &reason);

    ServerHost &m_host;
    StdoutLog &m_log;
    QHostAddress m_requestedAddress;
    quint16 m_requestedPort = 0;
    StartupNotes m_startupNotes;
};
