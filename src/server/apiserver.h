#pragma once

#include "apirequest.h"
#include "exchange.h"
#include "faultdecision.h"
#include "serverlimits.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

class ConnectionGuard;
class DelayedRequests;
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
    // What the fault plan does to a request, asked before anything else happens to it.
    using FaultPolicy = std::function<FaultDecision(const ApiRequest &)>;
    // Asked first of all: may adjust the request (the sandbox it is for, the path within it) and
    // answers a refusal for one that goes no further (no fault, no handler).
    using Admission = std::function<std::optional<ApiResponse>(ApiRequest &)>;

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

    // Every request is decided first, then waits the decision's delay on a timer (no thread, no
    // blocking), only then runs the handler (unless replaced or dropped), and its answer goes out
    // as the decision says. No policy, or one that throws: every request is answered normally.
    void setFaultPolicy(FaultPolicy policy);
    void setAdmission(Admission admission);

    // The requests waiting out an injected delay, and the bytes they hold; beyond
    // ServerLimits::maxDelayedRequestBytes, a request to be delayed is refused with 503.
    qsizetype delayedRequestCount() const;
    qint64 delayedRequestBytes() const;

signals:
    void exchangeRecorded(const Exchange &exchange);

private:
    // A request from its fault decision to the end of its answer. All a delayed request costs
    // while it waits, with the timer.
    struct Pending
    {
        QPointer<ConnectionGuard> guard; // gone with its socket
        Exchange exchange;               // holds the request
        FaultDecision decision;
        QElapsedTimer clock; // since the request was handed over
    };

    void onRequest(const ApiRequest &request, QTcpSocket *socket);
    std::optional<ApiResponse> admit(ApiRequest &request);
    FaultDecision decide(const ApiRequest &request);
    void delay(Pending pending);
    void act(Pending pending);
    ApiResponse responseFor(const Pending &pending);
    ApiResponse respond(const ApiRequest &request);
    void deliver(Pending pending, const ApiResponse &response);
    void sendSlowly(Pending pending);
    void finish(Pending pending);
    void record(Exchange exchange);

    RequestHandler m_handler;
    FaultPolicy m_faultPolicy;
    Admission m_admission;
    QHttpServer *m_httpServer;
    GuardedTcpServer *m_tcpServer;
    DelayedRequests *m_delayed;
    QString m_errorString;
    quint64 m_lastExchangeId = 0;
    bool m_bound = false;
};
