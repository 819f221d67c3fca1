#pragma once

#include "exchange.h"
#include "requestframer.h"
#include "serverlimits.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>

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
    bool canAnswer() const;
    // Writes the response to the dispatched request and returns it as written.
    ApiResponse answer(const ApiResponse &response);
    // Sends what is pending and closes; see shutDown().
    void close();
    // Acts on the current phase's time limit once it has passed.
    void checkDeadline();
    // Sends what was written since the last call.
    void flushOutput();

signals:
    void rejected(const Exchange &exchange);

private:
    enum class Phase { Waiting, Receiving, InFlight, Closing };
    enum class Shutdown { Graceful, Abort };

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
    void reject(const FramingError &error);
    void abortWithNote(const RequestHead &head, const QString &note);
    ApiResponse writeResponse(const ApiResponse &response, bool headRequest, bool closing);
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
    bool m_handingOver = false;
    bool m_sendingShutDown = false;
    bool m_resumeQueued = false;
    QElapsedTimer m_requestClock; // since the current request's first byte
};
