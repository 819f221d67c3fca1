#include "apiserver.h"

#include "connectionguard.h"
#include "delayedrequests.h"
#include "envelope.h"
#include "faultresponses.h"
#include "guardedtcpserver.h"
#include "passwordredaction.h"
#include "qt64http.h"
#include "slowbody.h"
#include "wireresponse.h"

#include <QHttpServer>
#include <QLoggingCategory>
#include <exception>

using namespace Qt::StringLiterals;

namespace {
Q_LOGGING_CATEGORY(lcApiServer, "apidojo.server")

// Enough for a class's worth of clients connecting at once (the kernel caps it at somaxconn):
// Qt's default of 50 makes the rest of a burst wait for SYN retransmission, a second or more.
constexpr int ListenBacklog = 1024;

// What a request costs while it waits: its body, head and path.
qint64 heldBytes(const ApiRequest &request)
{
    qint64 bytes = request.method.size() + request.body.size() + request.path.size() * 2 +
                   request.query.query().size() * 2;
    for (const auto &[name, value] : request.headers)
        bytes += name.size() + value.size();
    return bytes;
}

ApiResponse serverBusyResponse()
{
    ApiResponse response = errorResponse(
        503, u"SERVER_BUSY"_s, u"Too many delayed requests are pending; try again later."_s);
    response.setHeader("Retry-After"_ba, "1"_ba);
    return response;
}

// What an exchange records when nothing was written.
ApiResponse noResponse()
{
    ApiResponse response;
    response.status = 0;
    return response;
}
} // namespace

ApiServer::ApiServer(RequestHandler handler, ServerLimits limits, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_httpServer(new QHttpServer(this))
    , m_tcpServer(new GuardedTcpServer(limits, this))
    , m_delayed(new DelayedRequests(limits.maxDelayedRequestBytes, this))
{
    m_tcpServer->setListenBacklogSize(ListenBacklog);
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

void ApiServer::setFaultPolicy(FaultPolicy policy)
{
    m_faultPolicy = std::move(policy);
}

void ApiServer::setAdmission(Admission admission)
{
    m_admission = std::move(admission);
}

qsizetype ApiServer::delayedRequestCount() const
{
    return m_delayed->count();
}

qint64 ApiServer::delayedRequestBytes() const
{
    return m_delayed->bytes();
}

void ApiServer::onRequest(const ApiRequest &parsed, QTcpSocket *socket)
{
    ConnectionGuard *guard = ConnectionGuard::of(socket);
    Pending pending;
    pending.exchange.request = parsed;
    if (!guard || !guard->acceptDispatch(pending.exchange.request)) {
        qCWarning(lcApiServer) << "Dropping a request that no connection guard handed over";
        return;
    }
    pending.clock.start();
    pending.guard = guard;
    pending.exchange.startedAt = parsed.receivedAt;
    if (std::optional<ApiResponse> refusal = admit(pending.exchange.request)) {
        pending.decision.delivery = FaultDecision::Delivery::Replace;
        pending.decision.replacement = std::move(*refusal);
        act(std::move(pending));
        return;
    }
    pending.decision = decide(pending.exchange.request);
    pending.exchange.faults = pending.decision.applied;

    if (pending.decision.delayMs > 0)
        delay(std::move(pending));
    else
        act(std::move(pending));
}

// A client that leaves ends the wait: its request is acted on at once (and recorded as not
// delivered), so that nothing it sent stays held.
void ApiServer::delay(Pending pending)
{
    const qint64 bytes = heldBytes(pending.exchange.request);
    if (!m_delayed->fits(bytes)) {
        pending.exchange.note =
            u"refused: delayed requests already hold %1 of the %2 bytes allowed"_s
                .arg(m_delayed->bytes())
                .arg(m_delayed->maxBytes());
        pending.decision.delayMs = 0;
        pending.decision.delivery = FaultDecision::Delivery::Replace;
        pending.decision.replacement = serverBusyResponse();
        act(std::move(pending));
        return;
    }
    const int delayMs = pending.decision.delayMs;
    const ConnectionGuard *connection = pending.guard;
    m_delayed->hold(bytes, delayMs, connection,
                    [this, pending = std::move(pending)]() mutable { act(std::move(pending)); });
}

std::optional<ApiResponse> ApiServer::admit(ApiRequest &request)
{
    if (!m_admission)
        return std::nullopt;
    try {
        return m_admission(request);
    } catch (...) {
        qCWarning(lcApiServer) << "Admission threw; refusing the request";
        return errorResponse(500, u"INTERNAL_SERVER_ERROR"_s, u"Internal server error"_s);
    }
}

FaultDecision ApiServer::decide(const ApiRequest &request)
{
    if (!m_faultPolicy)
        return {};
    try {
        return m_faultPolicy(request);
    } catch (...) {
        qCWarning(lcApiServer) << "Fault policy threw; answering normally";
        return {};
    }
}

// The handler runs only now, after the delay: a delayed POST changes the data when it is
// answered. It runs also when the client has left meanwhile, as it would on a real server.
void ApiServer::act(Pending pending)
{
    const ApiResponse response = responseFor(pending);
    if (pending.guard && pending.guard->canAnswer()) {
        deliver(std::move(pending), response);
        return;
    }
    Exchange &exchange = pending.exchange;
    exchange.response = response;
    exchange.delivered = false;
    exchange.note = pending.decision.delayMs > 0
                        ? u"client disconnected during the injected delay"_s
                        : u"client disconnected before the response was sent"_s;
    finish(std::move(pending));
}

ApiResponse ApiServer::responseFor(const Pending &pending)
{
    const FaultDecision &decision = pending.decision;
    if (decision.delivery == FaultDecision::Delivery::Drop)
        return noResponse();
    ApiResponse response =
        decision.runsHandler() ? respond(pending.exchange.request) : decision.replacement;
    return shapeResponse(decision, std::move(response));
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

// A wire response without a body (HEAD, 204) has nothing to break off or dribble: it is
// answered whole.
void ApiServer::deliver(Pending pending, const ApiResponse &response)
{
    ConnectionGuard &guard = *pending.guard;
    Exchange &exchange = pending.exchange;
    switch (pending.decision.delivery) {
    case FaultDecision::Delivery::Drop:
        guard.drop();
        exchange.response = response;
        exchange.note = u"connection dropped by a fault (no response)"_s;
        break;
    case FaultDecision::Delivery::Reset:
        exchange.response = guard.startAnswer(response, response.body.size() / 2);
        if (guard.bodyBytesUnsent() == 0) {
            guard.finishAnswer();
            break;
        }
        exchange.note = u"connection reset mid-response by a fault (%1 of %2 body bytes sent)"_s
                            .arg(guard.bodyBytesSent())
                            .arg(exchange.response.body.size());
        exchange.response.body.truncate(guard.bodyBytesSent()); // as written
        guard.resetAnswer();
        break;
    case FaultDecision::Delivery::SlowBody:
        exchange.response = guard.startAnswer(response, 0);
        if (guard.bodyBytesUnsent() == 0) {
            guard.finishAnswer();
            break;
        }
        sendSlowly(std::move(pending));
        return;
    default:
        exchange.response = guard.answer(response);
        break;
    }
    finish(std::move(pending));
}

// Recorded once the body is out, or the client gone.
void ApiServer::sendSlowly(Pending pending)
{
    auto *slowBody = new SlowBody(pending.guard, pending.decision.slowBodyMs, this);
    connect(slowBody, &SlowBody::finished, this,
            [this, pending = std::move(pending)](bool complete, qint64 bodyBytesSent) mutable {
                Exchange &exchange = pending.exchange;
                if (!complete) {
                    exchange.delivered = false;
                    exchange.note =
                        u"client disconnected during the slow body (%1 of %2 body bytes sent)"_s
                            .arg(bodyBytesSent)
                            .arg(exchange.response.body.size());
                    exchange.response.body.truncate(bodyBytesSent); // as written
                }
                finish(std::move(pending));
            });
}

// durationUs covers the injected delay and a slow body.
void ApiServer::finish(Pending pending)
{
    pending.exchange.durationUs = pending.clock.nsecsElapsed() / 1000;
    record(std::move(pending.exchange));
}

void ApiServer::record(Exchange exchange)
{
    exchange.id = ++m_lastExchangeId;
    // The handler has had the password; nothing that keeps or shows exchanges gets it.
    exchange.request.body = redactPasswords(exchange.request.body);
    if (exchange.response.status >= 400)
        exchange.errorCode = Envelope::errorCodeOf(exchange.response.body);
    emit exchangeRecorded(exchange);
}
