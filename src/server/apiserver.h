#pragma once

#include "apirequest.h"
#include "exchange.h"
#include "serverlimits.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <functional>

class ConnectionGuard;
class GuardedTcpServer;
class QHttpServer;
class QTcpSocket;

// Serves the API over HTTP/1.1: QHttpServer parses, a ConnectionGuard in front of it keeps
// malformed or abusive traffic away, and every request goes to one handler. Lives in one thread.
class ApiServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    using RequestHandler = std::function<ApiResponse(const ApiRequest &)>;
    // Milliseconds to hold the handler's response back before sending it (0: send now).
    using DelayPolicy = std::function<int(const ApiRequest &)>;

    explicit ApiServer(RequestHandler handler, ServerLimits limits = {}, QObject *parent = nullptr);
    ~ApiServer() override;

    bool listen(const QHostAddress &address, quint16 port); // port 0: any free port
    // Stops listening and closes every open connection.
    void close();
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    QString errorString() const;
    QAbstractSocket::SocketError serverError() const;

    // The handler still runs at once; only the response waits.
    void setDelayPolicy(DelayPolicy policy);

signals:
    void exchangeRecorded(const Exchange &exchange);

private:
    void onRequest(const ApiRequest &request, QTcpSocket *socket);
    ApiResponse respond(const ApiRequest &request);
    int delayFor(const ApiRequest &request);
    void deliver(const QPointer<ConnectionGuard> &guard, Exchange exchange,
                 const ApiResponse &response, const QElapsedTimer &clock);
    void record(Exchange exchange);

    RequestHandler m_handler;
    DelayPolicy m_delayPolicy;
    QHttpServer *m_httpServer;
    GuardedTcpServer *m_tcpServer;
    QString m_errorString;
    quint64 m_lastExchangeId = 0;
    bool m_bound = false;
};
