#include "apiserver.h"
#include "envelope.h"
#include "halfclose.h"
#include "resetconnection.h"
#include "testkit.h"
#include "wireresponse.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <limits>
#include <memory>
#include <stdexcept>
#include <vector>

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
// Older macOS SDKs lack it; SO_NOSIGPIPE on the socket does the same there.
#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif
#endif

using namespace Qt::StringLiterals;

namespace {

// Long enough to tell apart from an immediate answer on a loaded CI machine.
constexpr int DelayMs = 400;
constexpr int SlowBodyMs = 1000;
constexpr int BlobSize = 4000;
constexpr int AnswerTimeoutMs = 10000;

const QByteArray faultGet = "GET /fault HTTP/1.1\r\nHost: t\r\n\r\n"_ba;
const QByteArray faultBigGet = "GET /fault/big HTTP/1.1\r\nHost: t\r\n\r\n"_ba;
const QByteArray fastGet = "GET /fast HTTP/1.1\r\nHost: t\r\n\r\n"_ba;

FaultDecision decisionFor(FaultDecision::Delivery delivery)
{
    FaultDecision decision;
    decision.delivery = delivery;
    decision.slowBodyMs = SlowBodyMs;
    decision.applied = {{u"Rule 1 (GET /fault/*)"_s, u"test fault"_s}};
    return decision;
}

QByteArray bigBody()
{
    return Envelope::success(200, {{u"blob"_s, QString(BlobSize, u'x')}}, {}).body;
}

bool isJson(const QByteArray &bytes)
{
    QJsonParseError error;
    QJsonDocument::fromJson(bytes, &error);
    return error.error == QJsonParseError::NoError;
}

// Everything the client has read before the end of the first response's head.
qsizetype headSize(const QByteArray &received)
{
    const qsizetype end = received.indexOf("\r\n\r\n");
    return end < 0 ? -1 : end + 4;
}

#ifdef Q_OS_UNIX
// A client on a bare descriptor. QTcpSocket reports a reset (ECONNRESET) as an orderly close;
// this one tells them apart.
class PosixClient
{
    Q_DISABLE_COPY_MOVE(PosixClient)

public:
    PosixClient() = default;
    ~PosixClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool connectTo(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
#ifdef SO_NOSIGPIPE
        const int on = 1;
        ::setsockopt(m_fd, SOL_SOCKET, SO_NOSIGPIPE, &on, sizeof on);
#endif
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        // Blocking: the kernel completes a loopback handshake without the server's event loop.
        if (m_fd < 0 ||
            ::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
            return false;
        return ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK) == 0;
    }

    bool send(const QByteArray &bytes)
    {
        return ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
    }

    // Reads what has arrived; true once the connection has ended.
    bool pump()
    {
        char buffer[4096];
        while (!m_ended) {
            const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (got > 0) {
                m_received.append(buffer, got);
            } else if (got == 0) {
                m_ended = true;
            } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
                return false;
            } else if (errno != EINTR) {
                m_ended = true;
                m_endError = errno;
            }
        }
        return true;
    }

    const QByteArray &received() const
    {
        return m_received;
    }
    int endError() const
    {
        return m_endError;
    } // 0: the server closed (FIN)

private:
    int m_fd = -1;
    QByteArray m_received;
    bool m_ended = false;
    int m_endError = 0;
};

// Raises the soft limit on open files to the hard one; false when that is still below needed.
bool raiseOpenFileLimit(rlim_t needed)
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return false;
    if (limit.rlim_cur < needed && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
            return false;
    }
    return limit.rlim_cur >= needed;
}
#endif

// The threads of this process, or -1 where /proc does not tell.
int threadCount()
{
    const QDir tasks(u"/proc/self/task"_s);
    if (!tasks.exists())
        return -1;
    return int(tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

// One of many clients that each send one request and wait for its answer.
struct WaitingClient
{
    QTcpSocket socket;
    QByteArray received;
    qint64 sentAtMs = -1;
    qint64 answeredAtMs = -1;
    int status = 0;
};

} // namespace

// The server acting on fault decisions, over real loopback sockets: each decision is made by
// hand here (FaultInjector's choices are tested in core).
class tst_FaultDelivery : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void delayHoldsTheAnswerAndTheHandler();
    void delayDoesNotHoldUpOtherConnections();
    void connectionIsKeptAliveAfterADelay();
    void closingRequestIsClosedAfterAFault_data();
    void closingRequestIsClosedAfterAFault();
    void clientLeavingDuringTheDelay_data();
    void clientLeavingDuringTheDelay();
    void halfClosedClientIsAnswered_data();
    void halfClosedClientIsAnswered();
    void delayedRequestsAreFreedWhenClientsLeave();
    void delayedRequestsBeyondTheBudgetAreRefused();
    void policyExceptionMeansNoFault();
    void replaceSendsTheReplacement();
    void dropClosesWithoutAnswer();
    void resetBreaksTheAnswerOff();
    void connectionEndsAsTheFaultSays_data();
    void connectionEndsAsTheFaultSays();
    void malformedBodyIsFramedCorrectly();
    void emptyBodyKeepsStatusAndHeaders();
    void wrongContentTypeRelabelsTheBody();
    void slowBodyArrivesSpreadOut();
    void clientLeavingDuringSlowBody();
    void bodilessAnswersAreSentWhole_data();
    void bodilessAnswersAreSentWhole();
    void thousandDelayedRequestsCostNoThreads();

private:
    void startServer(const ServerLimits &limits = {});
    Exchange lastExchange() const;
    void verifyStillServing();

    std::unique_ptr<ApiServer> m_server;
    std::unique_ptr<QSignalSpy> m_exchanges;
    quint16 m_port = 0;
    FaultDecision m_decision; // for every path under /fault
    QElapsedTimer m_clock;
    int m_decided = 0;
    int m_handled = 0;
    qint64 m_handledAtMs = -1;
};

void tst_FaultDelivery::init()
{
    m_decision = {};
    m_decided = 0;
    m_handled = 0;
    m_handledAtMs = -1;
    m_clock.start();
}

void tst_FaultDelivery::cleanup()
{
    m_exchanges.reset();
    m_server.reset();
}

void tst_FaultDelivery::startServer(const ServerLimits &limits)
{
    m_server = std::make_unique<ApiServer>(
        [this](const ApiRequest &request) {
            ++m_handled;
            m_handledAtMs = m_clock.elapsed();
            if (request.path == u"/fault/big")
                return Envelope::success(200, {{u"blob"_s, QString(BlobSize, u'x')}}, {});
            if (request.path == u"/fault/nothing") {
                ApiResponse noContent;
                noContent.status = 204;
                return noContent;
            }
            ApiRequest asGet = request; // HEAD gets the GET's answer, as in the API core
            asGet.method = "GET"_ba;
            return echoHandler(asGet);
        },
        limits);
    m_server->setFaultPolicy([this](const ApiRequest &request) {
        ++m_decided;
        return request.path.startsWith(u"/fault") ? m_decision : FaultDecision{};
    });
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    m_port = m_server->serverPort();
    m_exchanges = std::make_unique<QSignalSpy>(m_server.get(), &ApiServer::exchangeRecorded);
}

Exchange tst_FaultDelivery::lastExchange() const
{
    return m_exchanges->isEmpty() ? Exchange{} : m_exchanges->last().at(0).value<Exchange>();
}

void tst_FaultDelivery::verifyStillServing()
{
    const auto reply = roundTrip(m_port, fastGet);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
}

void tst_FaultDelivery::delayHoldsTheAnswerAndTheHandler()
{
    startServer();
    m_decision = decisionFor(FaultDecision::Delivery::Normal);
    m_decision.delayMs = DelayMs;
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    const qint64 sentAtMs = m_clock.elapsed();
    client.send("POST /fault HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(), AnswerTimeoutMs);
    const qint64 answeredAtMs = m_clock.elapsed();

    QCOMPARE(client.takeReply().json()[u"data"_s][u"body"_s].toString(), u"hi"_s);
    QVERIFY2(answeredAtMs - sentAtMs >= DelayMs,
             qPrintable(u"answered after %1 ms"_s.arg(answeredAtMs - sentAtMs)));
    // A delayed POST changes the data when it is answered, not when it arrives.
    QCOMPARE(m_handled, 1);
    QVERIFY2(m_handledAtMs - sentAtMs >= DelayMs,
             qPrintable(u"handled after %1 ms"_s.arg(m_handledAtMs - sentAtMs)));
    QTRY_COMPARE(m_exchanges->count(), 1);
    const Exchange exchange = lastExchange();
    QVERIFY(exchange.delivered);
    QCOMPARE(exchange.response.status, 200);
    QCOMPARE(exchange.faults, m_decision.applied);
    QVERIFY(exchange.durationUs >= DelayMs * 1000);
}

void tst_FaultDelivery::delayDoesNotHoldUpOtherConnections()
{
    startServer();
    m_decision = decisionFor(FaultDecision::Delivery::Normal);
    m_decision.delayMs = DelayMs;
    RawClient delayed;
    RawClient other;
    QVERIFY(delayed.connectTo(m_port));
    QVERIFY(other.connectTo(m_port));

    const qint64 sentAtMs = m_clock.elapsed();
    delayed.send(faultGet);
    QTRY_COMPARE(m_decided, 1);
    other.send(fastGet);
    QTRY_VERIFY(other.hasReply());

    QVERIFY(m_clock.elapsed() - sentAtMs < DelayMs);
    QVERIFY(delayed.received().isEmpty());
    QCOMPARE(other.takeReply().status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(delayed.hasReply(), AnswerTimeoutMs);
    QCOMPARE(delayed.takeReply().status, 200);
}

void tst_FaultDelivery::connectionIsKeptAliveAfterADelay()
{
    startServer();
    m_decision = decisionFor(FaultDecision::Delivery::Normal);
    m_decision.delayMs = DelayMs;
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(faultGet);
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(), AnswerTimeoutMs);
    const RawReply first = client.takeReply();
    client.send(fastGet);
    QTRY_VERIFY(client.hasReply());
    const RawReply second = client.takeReply();

    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("Connection"), QByteArray());
    QCOMPARE(second.json()[u"data"_s][u"path"_s].toString(), u"/fast"_s);
    QVERIFY(!client.isClosed());
    QCOMPARE(m_exchanges->count(), 2);
    QVERIFY(lastExchange().faults.isEmpty());
}

void tst_FaultDelivery::closingRequestIsClosedAfterAFault_data()
{
    QTest::addColumn<FaultDecision::Delivery>("delivery");
    QTest::addColumn<QByteArray>("request");
    const QByteArray close = "GET /fault/big HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"_ba;
    const QByteArray http10 = "GET /fault/big HTTP/1.0\r\n\r\n"_ba;
    QTest::newRow("delayed, Connection: close") << FaultDecision::Delivery::Normal << close;
    QTest::newRow("delayed, HTTP/1.0") << FaultDecision::Delivery::Normal << http10;
    QTest::newRow("slow body, Connection: close") << FaultDecision::Delivery::SlowBody << close;
    QTest::newRow("slow body, HTTP/1.0") << FaultDecision::Delivery::SlowBody << http10;
}

// HTTP still decides whether the connection ends after the answer, however late it comes.
void tst_FaultDelivery::closingRequestIsClosedAfterAFault()
{
    QFETCH(FaultDecision::Delivery, delivery);
    QFETCH(QByteArray, request);
    startServer();
    m_decision = decisionFor(delivery);
    m_decision.delayMs = DelayMs / 2;
    m_decision.slowBodyMs = SlowBodyMs / 2;
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(request);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), AnswerTimeoutMs);

    QVERIFY(client.hasReply());
    const RawReply reply = client.takeReply();
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Connection"), "close"_ba);
    QCOMPARE(reply.body, bigBody());
    QVERIFY(client.received().isEmpty());
}

void tst_FaultDelivery::clientLeavingDuringTheDelay_data()
{
    QTest::addColumn<FaultDecision::Delivery>("delivery");
    QTest::addColumn<int>("handled");
    QTest::newRow("normal") << FaultDecision::Delivery::Normal << 1;
    QTest::newRow("slow body") << FaultDecision::Delivery::SlowBody << 1;
    QTest::newRow("drop") << FaultDecision::Delivery::Drop << 0;
}

// A client that resets is gone: its request is handled at once, as a real server would, and
// recorded as not delivered. (One that only closes may still be reading: see halfClosed….)
void tst_FaultDelivery::clientLeavingDuringTheDelay()
{
    QFETCH(FaultDecision::Delivery, delivery);
    QFETCH(int, handled);
    startServer();
    m_decision = decisionFor(delivery);
    m_decision.delayMs = DelayMs;
    {
        RawClient client;
        QVERIFY(client.connectTo(m_port));
        client.send(faultBigGet);
        QTRY_COMPARE(m_decided, 1);
        resetConnection(client.socket());
    }

    QTRY_COMPARE_WITH_TIMEOUT(m_exchanges->count(), 1, AnswerTimeoutMs);
    const Exchange exchange = lastExchange();
    QVERIFY(!exchange.delivered);
    QCOMPARE(exchange.note, u"client disconnected during the injected delay"_s);
    QCOMPARE(exchange.faults, m_decision.applied);
    QCOMPARE(m_handled, handled);
    verifyStillServing();
}

void tst_FaultDelivery::halfClosedClientIsAnswered_data()
{
    QTest::addColumn<int>("delayMs");
    QTest::addColumn<FaultDecision::Delivery>("delivery");
    QTest::addColumn<QByteArray>("request");
    const QByteArray close = "GET /fault/big HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"_ba;
    QTest::newRow("1 ms") << 1 << FaultDecision::Delivery::Normal << faultBigGet;
    QTest::newRow("400 ms") << DelayMs << FaultDecision::Delivery::Normal << faultBigGet;
    QTest::newRow("400 ms, Connection: close")
        << DelayMs << FaultDecision::Delivery::Normal << close;
    QTest::newRow("slow body") << 0 << FaultDecision::Delivery::SlowBody << faultBigGet;
}

// What "nc -N" and many scripts do: send the request, shut sending down (FIN), read the answer.
// Qt takes a FIN it reads for a full close, so it must not read it before the answer is out.
void tst_FaultDelivery::halfClosedClientIsAnswered()
{
    QFETCH(int, delayMs);
    QFETCH(FaultDecision::Delivery, delivery);
    QFETCH(QByteArray, request);
    startServer();
    m_decision = decisionFor(delivery);
    m_decision.delayMs = delayMs;
    m_decision.slowBodyMs = SlowBodyMs / 2;
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(request);
    QVERIFY(shutdownSending(client.socket()));
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), AnswerTimeoutMs);

    QVERIFY(client.hasReply());
    const RawReply reply = client.takeReply();
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, bigBody());
    QTRY_COMPARE(m_exchanges->count(), 1);
    QVERIFY(lastExchange().delivered);
    QCOMPARE(m_server->delayedRequestCount(), 0);
    verifyStillServing();
}

// A client gone (reset) takes its held request with it, whatever is left of the delay.
void tst_FaultDelivery::delayedRequestsAreFreedWhenClientsLeave()
{
    constexpr int Clients = 3;
    startServer();
    m_decision = decisionFor(FaultDecision::Delivery::Normal);
    m_decision.delayMs = 300000;
    const QByteArray body(1000, 'x');
    const QByteArray post = "POST /fault HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n"_ba;
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < Clients; ++i) {
        clients.push_back(std::make_unique<RawClient>());
        QVERIFY(clients.back()->connectTo(m_port));
        clients.back()->send(post + body);
    }
    QTRY_COMPARE(m_server->delayedRequestCount(), Clients);
    QVERIFY(m_server->delayedRequestBytes() >= Clients * body.size());

    for (const auto &client : clients)
        resetConnection(client->socket());

    QTRY_COMPARE(m_server->delayedRequestCount(), 0);
    QCOMPARE(m_server->delayedRequestBytes(), 0);
    QTRY_COMPARE(m_exchanges->count(), Clients);
    for (const QList<QVariant> &recorded : std::as_const(*m_exchanges)) {
        const Exchange exchange = recorded.at(0).value<Exchange>();
        QVERIFY(!exchange.delivered);
        QCOMPARE(exchange.note, u"client disconnected during the injected delay"_s);
    }
    QCOMPARE(m_handled, Clients);
    verifyStillServing();
}

void tst_FaultDelivery::delayedRequestsBeyondTheBudgetAreRefused()
{
    const QByteArray body(1000, 'x');
    ServerLimits limits;
    limits.maxDelayedRequestBytes = 2 * body.size() + 500; // two requests and their heads
    startServer(limits);
    m_decision = decisionFor(FaultDecision::Delivery::Normal);
    m_decision.delayMs = 300000;
    const QByteArray post = "POST /fault HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n"_ba;
    RawClient first;
    RawClient second;
    RawClient third;
    for (RawClient *client : {&first, &second, &third}) {
        QVERIFY(client->connectTo(m_port));
        client->send(post + body);
        QTRY_VERIFY(m_decided > 0 && (client->hasReply() || m_server->delayedRequestCount() > 0));
        m_decided = 0;
    }

    QTRY_VERIFY(third.hasReply());
    const RawReply refused = third.takeReply();
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.json()[u"error_code"_s].toString(), u"SERVER_BUSY"_s);
    QCOMPARE(refused.json()[u"message"_s].toString(),
             u"Too many delayed requests are pending; try again later."_s);
    QCOMPARE(refused.header("Retry-After"), "1"_ba);
    QVERIFY(!first.hasReply());
    QVERIFY(!second.hasReply());
    QCOMPARE(m_server->delayedRequestCount(), 2);
    QCOMPARE(m_handled, 0);
    QTRY_COMPARE(m_exchanges->count(), 1);
    QCOMPARE(lastExchange().response.status, 503);
    verifyStillServing();
}

void tst_FaultDelivery::policyExceptionMeansNoFault()
{
    startServer();
    m_server->setFaultPolicy(
        [](const ApiRequest &) -> FaultDecision { throw std::runtime_error("policy failed"); });
    const auto reply = roundTrip(m_port, faultGet);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    QCOMPARE(m_handled, 1);
}

void tst_FaultDelivery::replaceSendsTheReplacement()
{
    startServer();
    m_decision = decisionFor(FaultDecision::Delivery::Replace);
    m_decision.replacement = errorResponse(503, u"SERVICE_UNAVAILABLE"_s, u"Try later."_s);
    m_decision.replacement.setHeader("Retry-After"_ba, "1"_ba);
    m_decision.extraHeaders = {{"X-RateLimit-Limit"_ba, "10"_ba}};

    const auto reply = roundTrip(m_port, faultGet);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 503);
    QCOMPARE(reply->json()[u"status"_s].toString(), u"error"_s);
    QCOMPARE(reply->json()[u"error_code"_s].toString(), u"SERVICE_UNAVAILABLE"_s);
    QCOMPARE(reply->header("Retry-After"), "1"_ba);
    QCOMPARE(reply->header("X-RateLimit-Limit"), "10"_ba);
    QCOMPARE(reply->header("Content-Type"), "application/json"_ba);
    QCOMPARE(m_handled, 0);
    QTRY_COMPARE(m_exchanges->count(), 1);
    QCOMPARE(lastExchange().response.status, 503);
    QCOMPARE(lastExchange().faults, m_decision.applied);
}

void tst_FaultDelivery::dropClosesWithoutAnswer()
{
    startServer();
    m_decision = decisionFor(FaultDecision::Delivery::Drop);
    RawClient client;
    QVERIFY(client.connectTo(m_port));
    QSignalSpy errors(&client.socket(), &QTcpSocket::errorOccurred);

    client.send(faultGet + fastGet); // what was pipelined behind it goes down with it
    QTRY_VERIFY(client.isClosed());

    QCOMPARE(client.received(), QByteArray());
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.at(0).at(0).value<QAbstractSocket::SocketError>(),
             QAbstractSocket::RemoteHostClosedError);
    QCOMPARE(m_handled, 0);
    QTRY_COMPARE(m_exchanges->count(), 1);
    const Exchange exchange = lastExchange();
    QCOMPARE(exchange.response.status, 0);
    QCOMPARE(exchange.note, u"connection dropped by a fault (no response)"_s);
    QCOMPARE(exchange.faults, m_decision.applied);
    verifyStillServing();
}

void tst_FaultDelivery::resetBreaksTheAnswerOff()
{
    startServer();
    m_decision = decisionFor(FaultDecision::Delivery::Reset);
    RawClient client;
    QVERIFY(client.connectTo(m_port));
    QSignalSpy errors(&client.socket(), &QTcpSocket::errorOccurred);

    client.send(faultBigGet);
    QTRY_VERIFY(client.isClosed());

    const QByteArray received = client.received();
    const qsizetype bodyStart = headSize(received);
    QVERIFY(bodyStart > 0);
    QVERIFY(received.startsWith("HTTP/1.1 200 OK\r\n"));
    const qsizetype fullBody = bigBody().size();
    const QByteArray contentLength =
        "\r\nContent-Length: "_ba + QByteArray::number(fullBody) + "\r\n";
    QVERIFY(received.left(bodyStart).contains(contentLength));
    const QByteArray body = received.mid(bodyStart);
    QCOMPARE(body.size(), fullBody / 2);
    QVERIFY(bigBody().startsWith(body));
    QCOMPARE(errors.count(), 1);
    // Qt reads a reset as the remote host closing; connectionEndsAsTheFaultSays tells them apart.
    QCOMPARE(errors.at(0).at(0).value<QAbstractSocket::SocketError>(),
             QAbstractSocket::RemoteHostClosedError);

    QCOMPARE(m_handled, 1);
    QTRY_COMPARE(m_exchanges->count(), 1);
    const Exchange exchange = lastExchange();
    QCOMPARE(exchange.response.status, 200);
    QCOMPARE(exchange.response.body, body);
    QCOMPARE(exchange.note, u"connection reset mid-response by a fault (%1 of %2 body bytes sent)"_s
                                .arg(fullBody / 2)
                                .arg(fullBody));
    QCOMPARE(exchange.faults, m_decision.applied);
    verifyStillServing();
}

void tst_FaultDelivery::connectionEndsAsTheFaultSays_data()
{
    QTest::addColumn<FaultDecision::Delivery>("delivery");
    QTest::addColumn<int>("endError");
    QTest::addColumn<bool>("bytesReceived");
#ifdef Q_OS_UNIX
    QTest::newRow("reset: RST after part of the answer")
        << FaultDecision::Delivery::Reset << int(ECONNRESET) << true;
    QTest::newRow("drop: FIN and nothing else") << FaultDecision::Delivery::Drop << 0 << false;
#endif
}

void tst_FaultDelivery::connectionEndsAsTheFaultSays()
{
#ifdef Q_OS_UNIX
    QFETCH(FaultDecision::Delivery, delivery);
    QFETCH(int, endError);
    QFETCH(bool, bytesReceived);
    startServer();
    m_decision = decisionFor(delivery);
    PosixClient client;
    QVERIFY(client.connectTo(m_port));

    QVERIFY(client.send(faultBigGet));
    QTRY_VERIFY_WITH_TIMEOUT(client.pump(), AnswerTimeoutMs);

    QCOMPARE(client.endError(), endError);
    QCOMPARE(!client.received().isEmpty(), bytesReceived);
    verifyStillServing();
#else
    QSKIP("Needs a bare POSIX socket to tell a reset from a close");
#endif
}

void tst_FaultDelivery::malformedBodyIsFramedCorrectly()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_port));
    client.send(faultBigGet);
    QTRY_VERIFY(client.hasReply());
    const RawReply intact = client.takeReply();

    m_decision = decisionFor(FaultDecision::Delivery::MalformedBody);
    client.send(faultBigGet);
    QTRY_VERIFY(client.hasReply());
    const RawReply malformed = client.takeReply();

    QCOMPARE(malformed.status, 200);
    QVERIFY(isJson(intact.body));
    QVERIFY(!isJson(malformed.body));
    QCOMPARE(malformed.header("Content-Length"), QByteArray::number(malformed.body.size()));
    QCOMPARE(malformed.body, intact.body.left(intact.body.size() / 2));
    // Framed right: the connection goes on.
    client.send(fastGet);
    QTRY_VERIFY(client.hasReply());
    QCOMPARE(client.takeReply().json()[u"data"_s][u"path"_s].toString(), u"/fast"_s);
    QVERIFY(client.received().isEmpty());
}

void tst_FaultDelivery::emptyBodyKeepsStatusAndHeaders()
{
    startServer();
    m_decision = decisionFor(FaultDecision::Delivery::EmptyBody);
    const auto reply = roundTrip(m_port, faultGet);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->header("Content-Length"), "0"_ba);
    QCOMPARE(reply->header("Content-Type"), "application/json"_ba);
    QCOMPARE(reply->body, QByteArray());
    QCOMPARE(m_handled, 1);
}

void tst_FaultDelivery::wrongContentTypeRelabelsTheBody()
{
    startServer();
    m_decision = decisionFor(FaultDecision::Delivery::WrongContentType);
    const auto reply = roundTrip(m_port, faultGet);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->header("Content-Type"), "text/html; charset=utf-8"_ba);
    QCOMPARE(reply->json()[u"data"_s][u"path"_s].toString(), u"/fault"_s);
}

void tst_FaultDelivery::slowBodyArrivesSpreadOut()
{
    startServer();
    m_decision = decisionFor(FaultDecision::Delivery::SlowBody);
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    const qint64 sentAtMs = client.elapsedMs();
    client.send(faultBigGet + fastGet); // the second waits behind the slow one
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(), AnswerTimeoutMs);
    const RawReply slow = client.takeReply();
    QTRY_VERIFY(client.hasReply());
    const qsizetype fastSize = client.received().size();
    const RawReply fast = client.takeReply();

    QCOMPARE(slow.status, 200);
    QCOMPARE(slow.body, bigBody());
    QCOMPARE(fast.json()[u"data"_s][u"path"_s].toString(), u"/fast"_s);
    // The head at once, then the body in many reads spread over the duration.
    const QList<RawClient::Arrival> arrivals = client.arrivals();
    const qsizetype slowEnd = arrivals.last().totalBytes - fastSize;
    const auto readBy = [&arrivals](qsizetype bytes) {
        return std::find_if(arrivals.cbegin(), arrivals.cend(),
                            [bytes](const RawClient::Arrival &a) { return a.totalBytes >= bytes; });
    };
    const auto headRead = readBy(slowEnd - slow.body.size());
    const auto bodyRead = readBy(slowEnd);
    QVERIFY(headRead->atMs - sentAtMs < SlowBodyMs / 2);
    QVERIFY2(bodyRead->atMs - sentAtMs >= SlowBodyMs * 8 / 10,
             qPrintable(u"body complete after %1 ms"_s.arg(bodyRead->atMs - sentAtMs)));
    QVERIFY2(std::distance(headRead, bodyRead) >= 5,
             qPrintable(u"body in %1 reads"_s.arg(std::distance(headRead, bodyRead))));

    QTRY_COMPARE(m_exchanges->count(), 2);
    const Exchange first = m_exchanges->at(0).at(0).value<Exchange>();
    QCOMPARE(first.request.path, u"/fault/big"_s);
    QVERIFY(first.delivered);
    QCOMPARE(first.response.body, bigBody());
    QVERIFY(first.durationUs >= SlowBodyMs * 800);
    QCOMPARE(first.faults, m_decision.applied);
    QCOMPARE(lastExchange().request.path, u"/fast"_s);
    QVERIFY(!client.isClosed());
}

void tst_FaultDelivery::clientLeavingDuringSlowBody()
{
    startServer();
    m_decision = decisionFor(FaultDecision::Delivery::SlowBody);
    {
        RawClient client;
        QVERIFY(client.connectTo(m_port));
        client.send(faultBigGet);
        // The head and some of the body, then gone.
        QTRY_VERIFY(client.received().size() > headSize(client.received()) + 100);
        client.socket().abort();
    }

    QTRY_COMPARE_WITH_TIMEOUT(m_exchanges->count(), 1, AnswerTimeoutMs);
    const Exchange exchange = lastExchange();
    QVERIFY(!exchange.delivered);
    QVERIFY2(exchange.note.startsWith(u"client disconnected during the slow body ("_s),
             qPrintable(exchange.note));
    QVERIFY(exchange.response.body.size() < bigBody().size());
    QCOMPARE(exchange.faults, m_decision.applied);
    verifyStillServing();
    // Nothing more comes of it: the dribble stopped.
    QTest::qWait(2 * SlowBodyMs / 10);
    QCOMPARE(m_exchanges->count(), 2);
}

void tst_FaultDelivery::bodilessAnswersAreSentWhole_data()
{
    QTest::addColumn<FaultDecision::Delivery>("delivery");
    QTest::addColumn<QByteArray>("request");
    const QByteArray head = "HEAD /fault/big HTTP/1.1\r\nHost: t\r\n\r\n"_ba;
    const QByteArray noContent = "GET /fault/nothing HTTP/1.1\r\nHost: t\r\n\r\n"_ba;
    QTest::newRow("HEAD, slow body") << FaultDecision::Delivery::SlowBody << head;
    QTest::newRow("HEAD, reset") << FaultDecision::Delivery::Reset << head;
    QTest::newRow("204, slow body") << FaultDecision::Delivery::SlowBody << noContent;
    QTest::newRow("204, reset") << FaultDecision::Delivery::Reset << noContent;
}

// Nothing to dribble or break off: answered at once, and the connection goes on.
void tst_FaultDelivery::bodilessAnswersAreSentWhole()
{
    QFETCH(FaultDecision::Delivery, delivery);
    QFETCH(QByteArray, request);
    startServer();
    m_decision = decisionFor(delivery);
    RawClient client;
    QVERIFY(client.connectTo(m_port));

    client.send(request);
    QTRY_VERIFY(client.hasReply(true));
    const qint64 answeredAtMs = client.elapsedMs();
    const RawReply reply = client.takeReply(true);
    client.send(fastGet);
    QTRY_VERIFY(client.hasReply());

    QVERIFY(answeredAtMs < SlowBodyMs / 2);
    QVERIFY(reply.status == 200 || reply.status == 204);
    QVERIFY(reply.body.isEmpty());
    QCOMPARE(client.takeReply().json()[u"data"_s][u"path"_s].toString(), u"/fast"_s);
    QVERIFY(!client.isClosed());
    QTRY_COMPARE(m_exchanges->count(), 2);
    QVERIFY(m_exchanges->at(0).at(0).value<Exchange>().delivered);
}

// Each held request costs a timer and a copy of itself: no thread, no blocked event loop.
void tst_FaultDelivery::thousandDelayedRequestsCostNoThreads()
{
    constexpr int Clients = 1000;
    constexpr int HeldMs = 1500;
#ifdef Q_OS_UNIX
    // Both ends of every connection live in this process.
    if (!raiseOpenFileLimit(2 * Clients + 200))
        QSKIP("The hard limit on open files is below what 1,000 connections need here");
#endif
    ServerLimits limits;
    limits.maxConnectionsPerAddress = 2 * Clients;
    startServer(limits);
    m_decision = decisionFor(FaultDecision::Delivery::Normal);
    m_decision.delayMs = HeldMs;
    const int threadsBefore = threadCount();

    std::vector<std::unique_ptr<WaitingClient>> clients;
    clients.reserve(Clients);
    int answered = 0;
    for (int i = 0; i < Clients; ++i) {
        auto client = std::make_unique<WaitingClient>();
        WaitingClient *c = client.get();
        connect(&c->socket, &QTcpSocket::connected, this, [this, c] {
            c->sentAtMs = m_clock.elapsed();
            c->socket.write(faultGet);
        });
        connect(&c->socket, &QTcpSocket::readyRead, this, [this, c, &answered] {
            c->received += c->socket.readAll();
            if (const auto reply = takeReply(c->received); reply && c->answeredAtMs < 0) {
                c->answeredAtMs = m_clock.elapsed();
                c->status = reply->status;
                ++answered;
            }
        });
        c->socket.connectToHost(QHostAddress::LocalHost, m_port);
        clients.push_back(std::move(client));
    }

    QTRY_COMPARE_WITH_TIMEOUT(m_decided, Clients, 30000);
    const int threadsHeld = threadCount();
    QTRY_COMPARE_WITH_TIMEOUT(answered, Clients, 30000);

    qint64 earliestMs = std::numeric_limits<qint64>::max();
    for (const auto &client : clients) {
        QCOMPARE(client->status, 200);
        earliestMs = std::min(earliestMs, client->answeredAtMs - client->sentAtMs);
    }
    QVERIFY2(earliestMs >= HeldMs, qPrintable(u"one answered after %1 ms"_s.arg(earliestMs)));
    QTRY_COMPARE(m_exchanges->count(), Clients);
    if (threadsBefore < 0)
        QSKIP("No /proc/self/task here to count threads");
    QVERIFY2(threadsHeld - threadsBefore <= 2,
             qPrintable(u"%1 threads before, %2 while held"_s.arg(threadsBefore).arg(threadsHeld)));
}

QTEST_GUILESS_MAIN(tst_FaultDelivery)
#include "tst_faultdelivery.moc"
