#pragma once

#include "exchange.h"
#include "requestframer.h"
#include "serverlimits.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

class QTcpSocket;

// Runs the HTTP/1.1 connection protocol of one socket in front of QHttpServer. It reads every
// byte first, frames requests itself, refuses bad ones with an error envelope, and hands
// QHttpServer one complete request at a time, the next only once the previous is answered, so
// responses leave in request order. It also enforces the time limits and closes the connection
// when HTTP says so.
class ConnectionGuard : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionGuard)

public:
    // Becomes a child of socket. Create it before QHttpServer sees the socket, so that its
    // readyRead slot is connected first.
    ConnectionGuard(QTcpSocket *socket, const ServerLimits &limits);

    static ConnectionGuard *of(const QTcpSocket *socket);

    // Answers at once and closes; nothing the client sends reaches QHttpServer.
    void refuse(const ApiResponse &response, const QString &note);
    // QHttpServer delivered the handed-over request. False when none was expected.
    bool acceptDispatch();
    bool canAnswer() const;
    // Writes the response to the dispatched request and returns it as written.
    ApiResponse answer(const ApiResponse &response);
    void close();

signals:
    void rejected(const Exchange &exchange);

private:
    enum class Phase { Waiting, Receiving, InFlight, Closing };

    void onReadyRead();
    void onTimeout();
    void onBytesWritten();
    void beginReceiving();
    void advance();
    void handOver();
    void resumeAfterAnswer();
    void reject(const FramingError &error);
    void abortWithNote(const RequestHead &head, const QString &note);
    ApiResponse writeResponse(const ApiResponse &response, bool headRequest, bool closing);
    void closeGracefully();
    void enterClosing();
    Exchange rejection(const RequestHead &head, const ApiResponse &wire, const QString &note) const;

    QTcpSocket *m_socket;
    QHostAddress m_peerAddress; // kept: the socket forgets it once closed
    quint16 m_peerPort;
    ServerLimits m_limits;
    RequestFramer m_framer;
    QTimer m_timer;
    Phase m_phase = Phase::Waiting;
    RequestHead m_inFlight;
    bool m_dispatched = false;
    bool m_handingOver = false;
    bool m_sendingShutDown = false;
    QDateTime m_requestStartedAt;
    QElapsedTimer m_requestClock;
};
