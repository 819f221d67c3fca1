#include "connectionguard.h"

#include "envelope.h"
#include "halfclose.h"
#include "qt64http.h"
#include "wireresponse.h"

#include <QTcpSocket>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

// How long a closing connection keeps draining what the client still sends.
constexpr int LingerMs = 2000;

ApiRequest partialRequest(const RequestHead &head, const QDateTime &receivedAt)
{
    const QUrl url = QUrl::fromEncoded(head.target);
    ApiRequest request;
    request.method = head.method;
    request.path = url.path(QUrl::FullyDecoded);
    request.query = QUrlQuery(url.query(QUrl::FullyEncoded));
    request.headers = head.headers;
    request.receivedAt = receivedAt;
    return request;
}

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const ServerLimits &limits)
    : QObject(socket)
    , m_socket(socket)
    , m_peerAddress(socket->peerAddress())
    , m_peerPort(socket->peerPort())
    , m_limits(limits)
    , m_framer(limits.maxHeadBytes, limits.maxBodyBytes)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &ConnectionGuard::onBytesWritten);
    m_timer.start(m_limits.requestTimeoutMs);
}

ConnectionGuard *ConnectionGuard::of(const QTcpSocket *socket)
{
    if (!socket)
        return nullptr;
    return socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly);
}

void ConnectionGuard::refuse(const ApiResponse &response, const QString &note)
{
    const ApiResponse wire = writeResponse(response, false, true);
    emit rejected(rejection({}, wire, note));
    closeGracefully();
}

bool ConnectionGuard::acceptDispatch()
{
    if (m_phase != Phase::InFlight || m_dispatched)
        return false;
    m_dispatched = true;
    return true;
}

bool ConnectionGuard::canAnswer() const
{
    return m_phase == Phase::InFlight && m_dispatched &&
           m_socket->state() == QAbstractSocket::ConnectedState;
}

ApiResponse ConnectionGuard::answer(const ApiResponse &response)
{
    Q_ASSERT(canAnswer());
    const bool closing = !m_inFlight.keepAlive;
    const ApiResponse wire = writeResponse(response, m_inFlight.method == "HEAD", closing);
    if (m_phase == Phase::Closing)
        return wire; // the client went away while the response was written
    if (closing)
        closeGracefully();
    else
        resumeAfterAnswer();
    return wire;
}

void ConnectionGuard::close()
{
    if (m_phase == Phase::Closing)
        return;
    enterClosing();
    m_timer.stop();
    m_socket->disconnectFromHost();
}

void ConnectionGuard::onReadyRead()
{
    if (m_handingOver)
        return; // our own re-emission, meant for QHttpServer
    const QByteArray bytes = Qt64Http::takeUnparsedBytes(*m_socket);
    if (bytes.isEmpty() || m_phase == Phase::Closing)
        return;
    if (m_phase == Phase::Waiting)
        beginReceiving();
    m_framer.append(bytes);
    if (m_phase == Phase::InFlight) {
        // Pipelined requests wait until the pending answer is out; more than one request's
        // worth of them is not pipelining but flooding.
        if (m_framer.bufferedBytes() > m_limits.maxHeadBytes + m_limits.maxBodyBytes)
            abortWithNote(m_framer.head(),
                          u"client sent more pipelined data than one request may hold"_s);
        return;
    }
    advance();
}

void ConnectionGuard::onTimeout()
{
    switch (m_phase) {
    case Phase::Waiting:
        enterClosing(); // idle: there is nothing to answer
        m_socket->disconnectFromHost();
        break;
    case Phase::Receiving:
        reject({408, u"REQUEST_TIMEOUT"_s,
                u"Request was not completed within %1 ms"_s.arg(m_limits.requestTimeoutMs),
                u"request not completed in time"_s});
        break;
    case Phase::Closing:
        m_socket->abort();
        break;
    case Phase::InFlight:
        break;
    }
}

void ConnectionGuard::onBytesWritten()
{
    if (m_phase != Phase::Closing || m_sendingShutDown || m_socket->bytesToWrite() > 0)
        return;
    m_sendingShutDown = true;
    if (!shutdownSending(*m_socket))
        m_socket->disconnectFromHost();
}

void ConnectionGuard::beginReceiving()
{
    m_phase = Phase::Receiving;
    m_requestStartedAt = QDateTime::currentDateTimeUtc();
    m_requestClock.start();
    m_timer.start(m_limits.requestTimeoutMs); // total time, so trickling bytes does not extend it
}

void ConnectionGuard::advance()
{
    while (m_phase == Phase::Receiving) {
        switch (m_framer.advance()) {
        case RequestFramer::Progress::NeedMore:
            return;
        case RequestFramer::Progress::HeadComplete:
            if (m_framer.head().expectsContinue && !m_framer.hasBodyBytes())
                m_socket->write(continueResponse());
            break;
        case RequestFramer::Progress::RequestComplete:
            handOver();
            return;
        case RequestFramer::Progress::Failed:
            reject(m_framer.error());
            return;
        }
    }
}

void ConnectionGuard::handOver()
{
    m_inFlight = m_framer.head();
    const QByteArray request = m_framer.takeRequest();
    m_phase = Phase::InFlight;
    m_timer.stop();
    m_dispatched = false;

    m_handingOver = true;
    Qt64Http::handOver(*m_socket, request);
    m_handingOver = false;

    if (!m_dispatched) {
        abortWithNote(m_inFlight,
                      m_socket->isReadable()
                          ? u"QHttpServer did not accept a request the guard had framed"_s
                          : u"client disconnected before its request was handled"_s);
    } else if (m_socket->bytesAvailable() > 0) {
        abortWithNote(m_inFlight, u"QHttpServer framed a request differently than the guard"_s);
    }
}

void ConnectionGuard::resumeAfterAnswer()
{
    m_phase = Phase::Waiting;
    m_timer.start(m_limits.keepAliveTimeoutMs);
    // Queued: answer() may run inside QHttpServer's readyRead handling, which must return
    // before it is handed the next pipelined request.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_phase == Phase::Waiting && m_framer.hasBufferedBytes()) {
                beginReceiving();
                advance();
            }
        },
        Qt::QueuedConnection);
}

void ConnectionGuard::reject(const FramingError &error)
{
    ApiResponse response = Envelope::error(error.status, error.errorCode, error.message);
    response.setHeader("Access-Control-Allow-Origin"_ba, "*"_ba);
    const ApiResponse wire = writeResponse(response, m_framer.head().method == "HEAD", true);
    emit rejected(rejection(m_framer.head(), wire, error.note));
    closeGracefully();
}

void ConnectionGuard::abortWithNote(const RequestHead &head, const QString &note)
{
    ApiResponse nothingSent;
    nothingSent.status = 0;
    Exchange exchange = rejection(head, nothingSent, note);
    exchange.delivered = false;
    enterClosing();
    m_timer.stop();
    emit rejected(exchange);
    m_socket->abort();
}

ApiResponse ConnectionGuard::writeResponse(const ApiResponse &response, bool headRequest,
                                           bool closing)
{
    ConnectionHeader connection = ConnectionHeader::Omit;
    if (closing)
        connection = ConnectionHeader::Close;
    else if (m_inFlight.version == "HTTP/1.0")
        connection = ConnectionHeader::KeepAlive;
    const ApiResponse wire = toWireResponse(response, headRequest, connection);
    m_socket->write(serializeResponse(wire));
    // Qt treats a client's half-close (FIN after the request, as "nc -N" sends) as a full close
    // and drops unsent data; pushing the response to the kernel now gets it out first.
    m_socket->flush();
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        enterClosing(); // the flush found the client gone
    return wire;
}

void ConnectionGuard::closeGracefully()
{
    enterClosing();
    m_timer.start(LingerMs);
    onBytesWritten(); // shuts sending down at once when nothing is pending
}

void ConnectionGuard::enterClosing()
{
    m_phase = Phase::Closing;
    Qt64Http::detachParser(*m_socket);
}

Exchange ConnectionGuard::rejection(const RequestHead &head, const ApiResponse &wire,
                                    const QString &note) const
{
    Exchange exchange;
    exchange.startedAt =
        m_requestStartedAt.isValid() ? m_requestStartedAt : QDateTime::currentDateTimeUtc();
    exchange.request = partialRequest(head, exchange.startedAt);
    exchange.request.clientAddress = m_peerAddress;
    exchange.request.clientPort = m_peerPort;
    exchange.response = wire;
    exchange.durationUs = m_requestClock.isValid() ? m_requestClock.nsecsElapsed() / 1000 : 0;
    exchange.rejectedByGuard = true;
    exchange.note = note;
    return exchange;
}
