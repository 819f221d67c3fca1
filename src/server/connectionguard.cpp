#include "connectionguard.h"

#include "envelope.h"
#include "flushbatch.h"
#include "halfclose.h"
#include "qt64http.h"
#include "requesttarget.h"
#include "resetconnection.h"
#include "wireresponse.h"
#include "writenow.h"

#include <QTcpSocket>
#include <QTimer>
#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

// Deadlines are checked this often at most and at least; see deadlineResolutionMs().
constexpr int FinestResolutionMs = 10;
constexpr int CoarsestResolutionMs = 250;
// From a fault's broken-off answer leaving to the reset: on loopback or a LAN the bytes have
// arrived by then, so the client reads them before it reads the reset.
constexpr int ResetDelayMs = 50;

ApiRequest partialRequest(const RequestHead &head, const QDateTime &receivedAt)
{
    ApiRequest request;
    request.method = head.method;
    applyRequestTarget(request, head.target);
    request.headers = head.headers;
    request.receivedAt = receivedAt;
    return request;
}

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const ServerLimits &limits,
                                 FlushBatch &flushBatch)
    : QObject(socket)
    , m_socket(socket)
    , m_flushBatch(flushBatch)
    , m_peerAddress(socket->peerAddress())
    , m_peerPort(socket->peerPort())
    , m_limits(limits)
    , m_framer(limits.maxHeadBytes, limits.maxBodyBytes)
{
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &ConnectionGuard::onSendProgress);
    setDeadline(m_limits.requestTimeoutMs);
}

ConnectionGuard *ConnectionGuard::of(const QTcpSocket *socket)
{
    if (!socket)
        return nullptr;
    return socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly);
}

int ConnectionGuard::deadlineResolutionMs(const ServerLimits &limits)
{
    // A quarter of the shortest limit keeps every limit within 25% of what it says.
    const int shortest =
        std::min({limits.requestTimeoutMs, limits.keepAliveTimeoutMs, limits.lingerMs});
    return std::clamp(shortest / 4, FinestResolutionMs, CoarsestResolutionMs);
}

void ConnectionGuard::refuse(const ApiResponse &response, const QString &note)
{
    const ApiResponse wire = writeResponse(response, false, true);
    emit rejected(rejection({}, wire, note));
    shutDown(Shutdown::Graceful);
}

bool ConnectionGuard::acceptDispatch(ApiRequest &request)
{
    if (m_phase != Phase::InFlight || m_dispatched)
        return false;
    m_dispatched = true;
    applyRequestTarget(request, m_inFlight.target);
    return true;
}

bool ConnectionGuard::canAnswer() const
{
    return m_phase == Phase::InFlight && m_dispatched && !m_answering &&
           m_socket->state() == QAbstractSocket::ConnectedState;
}

ApiResponse ConnectionGuard::answer(const ApiResponse &response)
{
    const ApiResponse wire = startAnswer(response, std::numeric_limits<qsizetype>::max());
    finishAnswer();
    return wire;
}

ApiResponse ConnectionGuard::startAnswer(const ApiResponse &response, qsizetype bodyBytes)
{
    Q_ASSERT(canAnswer());
    m_answering = true;
    const ApiResponse wire =
        writeResponse(response, m_inFlight.method == "HEAD", !m_inFlight.keepAlive, bodyBytes);
    m_answerBody = wire.body; // shared, not copied
    m_answerBodySent = std::min(bodyBytes, wire.body.size());
    return wire;
}

bool ConnectionGuard::isAnswering() const
{
    return m_phase == Phase::InFlight && m_answering &&
           m_socket->state() == QAbstractSocket::ConnectedState;
}

// These three only assert that an answer was started: writing it may have found the client gone.
void ConnectionGuard::sendBody(qsizetype bytes)
{
    Q_ASSERT(m_answering);
    bytes = std::min(bytes, bodyBytesUnsent());
    if (bytes <= 0)
        return;
    send(m_answerBody.mid(m_answerBodySent, bytes));
    m_answerBodySent += bytes;
}

void ConnectionGuard::finishAnswer()
{
    Q_ASSERT(m_answering && bodyBytesUnsent() == 0);
    endAnswer();
    if (m_inFlight.keepAlive)
        resumeAfterAnswer();
    else
        shutDown(Shutdown::Graceful);
}

void ConnectionGuard::resetAnswer()
{
    Q_ASSERT(m_answering);
    endAnswer();
    shutDown(Shutdown::Reset);
}

void ConnectionGuard::endAnswer()
{
    m_answering = false;
    m_answerBody.clear(); // a large body is not kept while the connection idles
    m_answerBodySent = 0;
}

void ConnectionGuard::drop()
{
    Q_ASSERT(canAnswer());
    shutDown(Shutdown::Graceful);
}

void ConnectionGuard::close()
{
    if (m_phase == Phase::Closing)
        return;
    flushOutput();
    shutDown(Shutdown::Graceful);
}

void ConnectionGuard::checkDeadline()
{
    // Not reading, the guard would not otherwise hear of it until the answer goes out.
    if (m_holdingIncoming && m_phase == Phase::InFlight && peerHasReset(*m_socket)) {
        shutDown(Shutdown::Abort);
        return;
    }
    if (m_deadline.hasExpired()) {
        clearDeadline();
        onTimeout();
    }
}

void ConnectionGuard::onReadyRead()
{
    if (m_handingOver)
        return; // our own re-emission, meant for QHttpServer
    const QByteArray bytes = Qt64Http::takeUnparsedBytes(*m_socket);
    if (bytes.isEmpty() || m_phase == Phase::Closing)
        return;
    m_framer.append(bytes);
    if (m_phase == Phase::Waiting && !isBacklogged())
        beginReceiving();
    if (m_phase != Phase::Receiving) {
        // Pipelined requests wait until the pending answer is out, or until the client has
        // read enough of the answers; more than one request's worth of them is flooding.
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
        shutDown(Shutdown::Graceful); // idle, or the client stopped reading its answers
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

void ConnectionGuard::flushOutput()
{
    if (m_output.isEmpty())
        return;
    if (!m_socket->isWritable()) {
        m_output.clear(); // aborted since: nobody is there to read it
        return;
    }
    writeNow(*m_socket, std::exchange(m_output, {}));
    onSendProgress(); // writeNow() emits bytesWritten only for what QTcpSocket sent itself
}

// The client took some of its answers: that is activity, and may unblock pipelined requests.
void ConnectionGuard::onSendProgress()
{
    if (m_phase == Phase::Waiting) {
        setDeadline(m_limits.keepAliveTimeoutMs);
        if (m_framer.hasBufferedBytes() && !m_resumeQueued && !isBacklogged()) {
            // Queued: this may run inside QTcpSocket's write notification.
            m_resumeQueued = true;
            QMetaObject::invokeMethod(this, &ConnectionGuard::resumeReceiving,
                                      Qt::QueuedConnection);
        }
    } else if (m_phase == Phase::Closing && !m_sendingEnded) {
        setDeadline(m_limits.lingerMs);
    }
    onBytesWritten();
    releaseIncomingOnceSent();
}

bool ConnectionGuard::isBacklogged() const
{
    return m_output.size() + m_socket->bytesToWrite() > m_limits.maxPendingOutputBytes;
}

void ConnectionGuard::resumeReceiving()
{
    m_resumeQueued = false;
    if (m_phase == Phase::Waiting && m_framer.hasBufferedBytes() && !isBacklogged()) {
        beginReceiving();
        advance();
    }
}

void ConnectionGuard::onBytesWritten()
{
    if (m_phase != Phase::Closing || m_sendingEnded || isSending())
        return;
    m_sendingEnded = true;
    if (!shutdownSending(*m_socket))
        m_socket->disconnectFromHost();
    if (m_holdingIncoming)
        releaseIncoming(); // to drain what the client still sends
}

void ConnectionGuard::holdIncoming()
{
    m_holdingIncoming = true;
    Qt64Http::holdIncoming(*m_socket);
}

// Once the answers are out in full: the FIN read then closes nothing that is still to be sent.
void ConnectionGuard::releaseIncomingOnceSent()
{
    if (m_holdingIncoming && m_phase == Phase::Waiting && !isSending())
        releaseIncoming();
}

void ConnectionGuard::releaseIncoming()
{
    m_holdingIncoming = false;
    Qt64Http::releaseIncoming(*m_socket);
}

void ConnectionGuard::beginReceiving()
{
    m_phase = Phase::Receiving;
    m_requestClock.start();
    setDeadline(m_limits.requestTimeoutMs); // total time, so trickling bytes does not extend it
}

void ConnectionGuard::advance()
{
    while (m_phase == Phase::Receiving) {
        switch (m_framer.advance()) {
        case RequestFramer::Progress::NeedMore:
            return;
        case RequestFramer::Progress::HeadComplete:
            if (m_framer.head().expectsContinue && !m_framer.hasBodyBytes())
                send(continueResponse());
            break;
        case RequestFramer::Progress::RequestComplete:
            handOver();
            // Answered at once: go on with what the client pipelined behind it, so that all
            // the answers leave in one flush, before Qt reads a FIN that may follow them. Unless
            // the client is not reading them: then the rest waits for onSendProgress().
            if (m_phase == Phase::Waiting && m_framer.hasBufferedBytes() && !isBacklogged())
                beginReceiving();
            break;
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
    clearDeadline(); // an answer may be held back or sent slowly; its bounds are the server's
    m_dispatched = false;

    m_handingOver = true;
    Qt64Http::handOver(*m_socket, request);
    m_handingOver = false;

    if (!m_dispatched) {
        abortWithNote(m_inFlight,
                      m_socket->isReadable()
                          ? u"QHttpServer did not accept a request the guard had framed"_s
                          : u"client disconnected before its request was handled"_s);
        // 6.4 may have dropped its own connections (and with them the deleteLater that frees
        // the per-address slot) on a parse failure.
        m_socket->deleteLater();
    } else if (m_socket->bytesAvailable() > 0) {
        abortWithNote(m_inFlight, u"QHttpServer framed a request differently than the guard"_s);
    } else if (m_phase == Phase::InFlight) {
        holdIncoming(); // answered later: delayed, or sent slowly
    }
}

void ConnectionGuard::resumeAfterAnswer()
{
    m_phase = Phase::Waiting;
    setDeadline(m_limits.keepAliveTimeoutMs);
    releaseIncomingOnceSent();
    // Answered during handOver(): advance() goes on with pipelined requests once QHttpServer's
    // readyRead handling has returned. Nothing pipelined: the next request brings a readyRead.
    if (m_handingOver || !m_framer.hasBufferedBytes())
        return;
    // A late answer. Queued, so that whoever answered finishes (and records its exchange)
    // before the next request is handed over.
    if (!m_resumeQueued) {
        m_resumeQueued = true;
        QMetaObject::invokeMethod(this, &ConnectionGuard::resumeReceiving, Qt::QueuedConnection);
    }
}

void ConnectionGuard::reject(const FramingError &error)
{
    const ApiResponse response = errorResponse(error.status, error.errorCode, error.message);
    const ApiResponse wire = writeResponse(response, m_framer.head().method == "HEAD", true);
    emit rejected(rejection(m_framer.head(), wire, error.note));
    shutDown(Shutdown::Graceful);
}

void ConnectionGuard::abortWithNote(const RequestHead &head, const QString &note)
{
    ApiResponse nothingSent;
    nothingSent.status = 0;
    Exchange exchange = rejection(head, nothingSent, note);
    exchange.delivered = false;
    enterClosing(); // before anyone hears of it: nothing more reaches QHttpServer
    emit rejected(exchange);
    shutDown(Shutdown::Abort);
}

ApiResponse ConnectionGuard::writeResponse(const ApiResponse &response, bool headRequest,
                                           bool closing, qsizetype bodyBytes)
{
    ConnectionHeader connection = ConnectionHeader::Omit;
    if (closing)
        connection = ConnectionHeader::Close;
    else if (m_inFlight.version == "HTTP/1.0")
        connection = ConnectionHeader::KeepAlive;
    const ApiResponse wire = toWireResponse(response, headRequest, connection);
    QByteArray bytes = serializeResponse(wire);
    // The body ends the serialized response: holding some of it back is cutting the end off.
    bytes.chop(wire.body.size() - std::min(bodyBytes, wire.body.size()));
    send(bytes);
    return wire;
}

void ConnectionGuard::send(const QByteArray &bytes)
{
    const bool batched = !m_output.isEmpty();
    m_output += bytes;
    if (!batched)
        m_flushBatch.add(this);
}

bool ConnectionGuard::isSending() const
{
    return !m_output.isEmpty() || m_socket->bytesToWrite() > 0;
}

// Every way a connection ends. Graceful: send what is pending, then shut sending down and drain
// what the client still sends, all within lingerMs of the last progress; reset after that, so
// that a client that does not read cannot keep the connection (and its address's slot) open.
// Reset: send what is pending now and reset (RST) shortly after, once it has had time to arrive.
// Abort: close now, discarding what is pending.
void ConnectionGuard::shutDown(Shutdown how)
{
    enterClosing();
    if (how == Shutdown::Abort) {
        clearDeadline();
        m_output.clear();
        m_socket->abort();
        return;
    }
    if (how == Shutdown::Reset) {
        clearDeadline();
        m_sendingEnded = true; // no FIN before the reset
        flushOutput();
        // The guard is the timer's context: a connection that went first takes the timer along.
        QTimer::singleShot(ResetDelayMs, Qt::PreciseTimer, this, [this] {
            m_output.clear();
            resetConnection(*m_socket);
        });
        return;
    }
    setDeadline(m_limits.lingerMs);
    onBytesWritten(); // shuts sending down at once when nothing is pending
}

void ConnectionGuard::setDeadline(int ms)
{
    m_deadline.setRemainingTime(ms);
}

void ConnectionGuard::clearDeadline()
{
    m_deadline = QDeadlineTimer(QDeadlineTimer::Forever);
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
    // The wall clock is read only for the rare rejection; the start is reckoned back from here.
    exchange.startedAt = QDateTime::currentDateTimeUtc();
    if (m_requestClock.isValid())
        exchange.startedAt = exchange.startedAt.addMSecs(-m_requestClock.elapsed());
    exchange.request = partialRequest(head, exchange.startedAt);
    exchange.request.clientAddress = m_peerAddress;
    exchange.request.clientPort = m_peerPort;
    exchange.response = wire;
    exchange.durationUs = m_requestClock.isValid() ? m_requestClock.nsecsElapsed() / 1000 : 0;
    exchange.rejectedByGuard = true;
    exchange.note = note;
    return exchange;
}
