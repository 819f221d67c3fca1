#include "apiserver.h"

#include "connectionguard.h"
#include "envelope.h"
#include "guardedtcpserver.h"
#include "qt64http.h"
#include "wireresponse.h"

#include <QHttpServer>
#include <QLoggingCategory>
#include <QTimer>
#include <exception>

using namespace Qt::StringLiterals;

namespace {
Q_LOGGING_CATEGORY(lcApiServer, "apidojo.server")
} // namespace

ApiServer::ApiServer(RequestHandler handler, ServerLimits limits, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_httpServer(new QHttpServer(this))
    , m_tcpServer(new GuardedTcpServer(limits, this))
{
    Qt64Http::routeEverythingTo(
        *m_httpServer,
        [this](const ApiRequest &request, QTcpSocket *socket) { onRequest(request, socket); });
    connect(m_tcpServer, &GuardedTcpServer::rejected, this, &ApiServer::record);
}

ApiServer::~ApiServer()
{
    // Sockets go down with the QHttpServer that owns the TCP server; do that while the handler
    // and this object's slots are still intact.
    delete m_httpServer;
}

bool ApiServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcpServer->listen(address, port)) {
        m_errorString = m_tcpServer->errorString();
        return false;
    }
    if (!m_bound) {
        Qt64Http::bind(*m_httpServer, *m_tcpServer);
        m_bound = true;
    }
    m_errorString.clear();
    return true;
}

void ApiServer::close()
{
    m_tcpServer->close();
    m_tcpServer->closeConnections();
}

bool ApiServer::isListening() const
{
    return m_tcpServer->isListening();
}

quint16 ApiServer::serverPort() const
{
    return m_tcpServer->serverPort();
}

QHostAddress ApiServer::serverAddress() const
{
    return m_tcpServer->serverAddress();
}

QString ApiServer::errorString() const
{
    return m_errorString;
}

QAbstractSocket::SocketError ApiServer::serverError() const
{
    return m_tcpServer->serverError();
}

void ApiServer::setDelayPolicy(DelayPolicy policy)
{
    m_delayPolicy = std::move(policy);
}

void ApiServer::onRequest(const ApiRequest &parsed, QTcpSocket *socket)
{
    ConnectionGuard *guard = ConnectionGuard::of(socket);
    ApiRequest request = parsed;
    if (!guard || !guard->acceptDispatch(request)) {
        qCWarning(lcApiServer) << "Dropping a request that no connection guard handed over";
        return;
    }
    QElapsedTimer clock;
    clock.start();
    Exchange exchange;
    exchange.startedAt = request.receivedAt;
    exchange.request = request;
    const ApiResponse response = respond(request);

    const int delayMs = delayFor(request);
    if (delayMs <= 0) {
        deliver(guard, std::move(exchange), response, clock);
        return;
    }
    // Everything the late answer needs is captured by value; the guard dies with its socket.
    QTimer::singleShot(delayMs, this,
                       [this, guard = QPointer<ConnectionGuard>(guard),
                        exchange = std::move(exchange), response,
                        clock]() mutable { deliver(guard, std::move(exchange), response, clock); });
}

ApiResponse ApiServer::respond(const ApiRequest &request)
{
    // An exception must not unwind through Qt's event loop; the client gets a 500 instead.
    try {
        return m_handler(request);
    } catch (const std::exception &error) {
        qCWarning(lcApiServer) << "Request handler threw:" << error.what();
    } catch (...) {
        qCWarning(lcApiServer) << "Request handler threw";
    }
    return errorResponse(500, u"INTERNAL_SERVER_ERROR"_s, u"Internal server error"_s);
}

int ApiServer::delayFor(const ApiRequest &request)
{
    if (!m_delayPolicy)
        return 0;
    try {
        return m_delayPolicy(request);
    } catch (...) {
        qCWarning(lcApiServer) << "Delay policy threw; answering without delay";
        return 0;
    }
}

void ApiServer::deliver(const QPointer<ConnectionGuard> &guard, Exchange exchange,
                        const ApiResponse &response, const QElapsedTimer &clock)
{
    if (guard && guard->canAnswer()) {
        exchange.response = guard->answer(response);
    } else {
        exchange.response = response;
        exchange.delivered = false;
        exchange.note = u"client disconnected before the response was sent"_s;
    }
    exchange.durationUs = clock.nsecsElapsed() / 1000;
    record(std::move(exchange));
}

void ApiServer::record(Exchange exchange)
{
    exchange.id = ++m_lastExchangeId;
    emit exchangeRecorded(exchange);
}
