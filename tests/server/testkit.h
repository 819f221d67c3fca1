#pragma once

#include "apirequest.h"
#include "faultdecision.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QTcpSocket>
#include <optional>

// One HTTP response as a raw client read it off the wire.
struct RawReply
{
    int status = 0;
    HttpHeaders headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
    QJsonObject json() const;
};

// Takes one complete response off the front of buffer; nothing while it is incomplete. HEAD
// answers and 1xx/204/304 have no body whatever their Content-Length says.
std::optional<RawReply> takeReply(QByteArray &buffer, bool headRequest = false);

// A TCP client that sends exactly the bytes a test wants, malformed ones included, and collects
// what comes back while the test spins the event loop (QTRY_*).
class RawClient
{
    Q_DISABLE_COPY_MOVE(RawClient)

public:
    // One read: when (ms since the client was made) and how much had arrived by then in all.
    struct Arrival
    {
        qint64 atMs;
        qsizetype totalBytes;
    };

    RawClient();

    bool connectTo(quint16 port);
    void send(const QByteArray &bytes);
    bool hasReply(bool headRequest = false) const;
    RawReply takeReply(bool headRequest = false);
    bool isClosed() const;
    const QByteArray &received() const { return m_received; }
    QTcpSocket &socket() { return m_socket; }
    // Every read so far, in order; for answers that must arrive spread out in time.
    const QList<Arrival> &arrivals() const { return m_arrivals; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
    QElapsedTimer m_clock;
    QList<Arrival> m_arrivals;
    qsizetype m_totalReceived = 0;
};

// Sends one request on a fresh connection and waits for the answer.
std::optional<RawReply> roundTrip(quint16 port, const QByteArray &request);

// Answers with what it was given: method, path, query, body and header names.
ApiResponse echoHandler(const ApiRequest &request);

// A fault decision that only holds the answer back.
FaultDecision delayedBy(int delayMs);
