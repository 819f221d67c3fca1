#pragma once

#include "exchange.h"
#include "requestframer.h"
#include "serverlimits.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <limits>

class FlushBatch;
class QTcpSocket;

// Runs the HTTP/1.1 connection protocol of one socket in front of QHttpServer. It reads every
// byte first, frames requests itself, refuses bad ones with an error envelope, and hands
// QHttpServer one complete request at a time, the next only once the previous is answered, so
// responses leave in request order. It also enforces the time limits and closes the connection
// when HTTP says so.
//
// The time limits are deadlines, not timers: starting and stopping a QTimer three times per
// request was a measurable part of what a request costs. The owner calls checkDeadline() every
// deadlineResolutionMs(), so a limit takes effect at most that much late, and never early.
class ConnectionGuard : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionGuard)

public:
    // Becomes a child of socket. Create it before QHttpServer sees the socket, so that its
    // readyRead slot is connected first. What it writes waits for flushBatch.
    ConnectionGuard(QTcpSocket *socket, const ServerLimits &limits, FlushBatch &flushBatch);

    static ConnectionGuard *of(const QTcpSocket *socket);
    // How often the owner must call checkDeadline() for limits this far apart.
    static int deadlineResolutionMs(const ServerLimits &limits);

    // Answers at once and closes; nothing the client sends reaches QHttpServer.
    void refuse(const ApiResponse &response, const QString &note);
    // QHttpServer delivered the handed-over request; sets its path and query from the target
    // the guard framed. False when none was expected.
    bool acceptDispatch(ApiRequest &request);
    // The dispatched request is still unanswered and its client still connected.
    bool canAnswer() const;
    // Writes the response to the dispatched request and returns it as written.
    ApiResponse answer(const ApiResponse &response);

    // An answer in steps, for the faults that send one slowly or break it off. startAnswer()
    // writes the head and the first bodyBytes of the body and returns the response as it goes on
    // the wire (its whole body). Until finishAnswer() or resetAnswer(), the connection stays on
    // this request: pipelined requests wait. A wire response without a body (HEAD, 204) is
    // finished like any other.
    ApiResponse startAnswer(const ApiResponse &response, qsizetype bodyBytes);
    // An answer was started and not ended, and the client is still connected.
    bool isAnswering() const;
    // Of the answer under way; 0 once it has ended.
    qsizetype bodyBytesSent() const { return m_answerBodySent; }
    qsizetype bodyBytesUnsent() const { return m_answerBody.size() - m_answerBodySent; }
    // Writes the next bytes of the started answer's body (at most what is left).
    void sendBody(qsizetype bytes);
    // The whole body is out: on to the next request, or close as HTTP says.
    void finishAnswer();
    // Sends what was written of the started answer, then resets the connection (RST) a moment
    // later, so that the client reads a truncated answer and then an error.
    void resetAnswer();
    // Closes the connection without answering the dispatched request: FIN, nothing written.
    void drop();
    // Sends what is pending and closes; see shutDown().
    void close();
    // Acts on the current phase's time limit once it has passed, and ends a connection whose
    // client reset it while its request waits.
    void checkDeadline();
    // Sends what was written since the last call.
    void flushOutput();

signals:
    void rejected(const Exchange &exchange);

private:
    enum class Phase { Waiting, Receiving, InFlight, Closing };
    enum class Shutdown { Graceful, Reset, Abort };

    void onReadyRead();
    void onTimeout();
    void setDeadline(int ms);
    void clearDeadline();
    void onSendProgress();
    void onBytesWritten();
    bool isBacklogged() const;
    void resumeReceiving();
    void beginReceiving();
    void advance();
    void handOver();
    void resumeAfterAnswer();
    void endAnswer();
    void holdIncoming();
    void releaseIncomingOnceSent();
    void releaseIncoming();
    void reject(const FramingError &error);
    void abortWithNote(const RequestHead &head, const QString &note);
    // Writes the head and at most bodyBytes of the body.
    ApiResponse writeResponse(const ApiResponse &response, bool headRequest, bool closing,
                              qsizetype bodyBytes = std::numeric_limits<qsizetype>::max());
    void send(const QByteArray &bytes);
    bool isSending() const;
    void shutDown(Shutdown how);
    void enterClosing();
    Exchange rejection(const RequestHead &head, const ApiResponse &wire, const QString &note) const;

    QTcpSocket *m_socket;
    FlushBatch &m_flushBatch;
    QHostAddress m_peerAddress; // kept: the socket forgets it once closed
    quint16 m_peerPort;
    ServerLimits m_limits;
    RequestFramer m_framer;
    QDeadlineTimer m_deadline{QDeadlineTimer::Forever};
    Phase m_phase = Phase::Waiting;
    QByteArray m_output; // written, waiting for the flush batch
    RequestHead m_inFlight;
    bool m_dispatched = false;
    bool m_answering = false; // between startAnswer() and finishAnswer()
    QByteArray m_answerBody;  // the started answer's whole body, as on the wire
    qsizetype m_answerBodySent = 0;
    bool m_handingOver = false;
    // FIN sent, or a reset on its way: the end of sending needs nothing more.
    bool m_sendingEnded = false;
    bool m_resumeQueued = false;
    // Not reading while an answer is owed and until it is out: a client's FIN must not close
    // the connection before that (see Qt64Http::holdIncoming()).
    bool m_holdingIncoming = false;
    QElapsedTimer m_requestClock; // since the current request's first byte
};
