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
    static constexpr int BatchIntervalMs = 25;
    static constexpr int StopTimeoutMs = 5000;

    explicit ServerHost(QObject *parent = nullptr);
    ~ServerHost() override;

    // Asynchronous: answers with started() or startFailed().
    void start(const ServiceConfig &config, const QHostAddress &address, quint16 port);
    // Waits until the worker has closed its sockets; false if that took longer than timeoutMs
    // (a handler still busy), in which case the worker stops when it gets to it.
    bool stop(int timeoutMs = StopTimeoutMs);

signals:
    void started(const QHostAddress &address, quint16 port);
    void startFailed(const QString &reason);
    // Exchanges in the order they happened, coalesced into a batch every BatchIntervalMs at most:
    // one wake-up of the receiving thread per batch, not per request.
    void exchangesRecorded(const QList<Exchange> &exchanges);

private:
    QThread m_thread;
    ServerWorker *m_worker = nullptr;
};
