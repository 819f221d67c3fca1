#pragma once

#include "apiservice.h"
#include "exchange.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>

class ServerWorker;

// Runs the API (store, tokens, HTTP server) on a worker thread with its own event loop, so the
// API keeps answering while the caller's thread is busy. Talks to it only through queued calls.
class ServerHost : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerHost)

public:
    explicit ServerHost(QObject *parent = nullptr);
    ~ServerHost() override;

    // Asynchronous: answers with started() or startFailed().
    void start(const ServiceConfig &config, const QHostAddress &address, quint16 port);
    // Blocks until the worker has closed its sockets.
    void stop();

signals:
    void started(const QHostAddress &address, quint16 port);
    void startFailed(const QString &reason);
    void exchangeRecorded(const Exchange &exchange);

private:
    QThread m_thread;
    ServerWorker *m_worker = nullptr;
};
