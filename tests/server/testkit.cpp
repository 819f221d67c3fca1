#include "testkit.h"

#include "envelope.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

QJsonObject RawReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

std::optional<RawReply> takeReply(QByteArray &buffer, bool headRequest)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    for (QByteArray &line : lines)
        line = line.trimmed();

    RawReply reply;
    reply.status = lines.takeFirst().mid(9, 3).toInt();
    for (const QByteArray &line : std::as_const(lines)) {
        const qsizetype colon = line.indexOf(':');
        reply.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    const bool hasBody =
        !headRequest && reply.status >= 200 && reply.status != 204 && reply.status != 304;
    const qsizetype length = hasBody ? reply.header("Content-Length").toLongLong() : 0;
    const qsizetype bodyStart = headEnd + 4;
    if (buffer.size() < bodyStart + length)
        return std::nullopt;
    reply.body = buffer.mid(bodyStart, length);
    buffer.remove(0, bodyStart + length);
    return reply;
}

RawClient::RawClient()
{
    m_clock.start();
    QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] {
        const QByteArray bytes = m_socket.readAll();
        m_received += bytes;
        m_totalReceived += bytes.size();
        m_arrivals.append({m_clock.elapsed(), m_totalReceived});
    });
}

bool RawClient::connectTo(quint16 port)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return m_socket.waitForConnected(5000);
}

void RawClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

bool RawClient::hasReply(bool headRequest) const
{
    QByteArray copy = m_received;
    return ::takeReply(copy, headRequest).has_value();
}

RawReply RawClient::takeReply(bool headRequest)
{
    return ::takeReply(m_received, headRequest).value_or(RawReply{});
}

bool RawClient::isClosed() const
{
    return m_socket.state() == QAbstractSocket::UnconnectedState;
}

std::optional<RawReply> roundTrip(quint16 port, const QByteArray &request)
{
    RawClient client;
    if (!client.connectTo(port))
        return std::nullopt;
    client.send(request);
    QDeadlineTimer deadline(5000);
    while (!client.hasReply() && !client.isClosed() && !deadline.hasExpired())
        QTest::qWait(5);
    if (!client.hasReply())
        return std::nullopt;
    return client.takeReply();
}

ApiResponse echoHandler(const ApiRequest &request)
{
    QJsonArray headerNames;
    for (const auto &[name, value] : request.headers)
        headerNames.append(QString::fromLatin1(name));
    const QJsonObject data{{u"method"_s, QString::fromLatin1(request.method)},
                           {u"path"_s, request.path},
                           {u"query"_s, request.query.toString(QUrl::FullyDecoded)},
                           {u"body"_s, QString::fromUtf8(request.body)},
                           {u"bodySize"_s, request.body.size()},
                           {u"headerNames"_s, headerNames}};
    return Envelope::success(200, data, u"echo"_s);
}

FaultDecision delayedBy(int delayMs)
{
    FaultDecision decision;
    decision.delayMs = delayMs;
    return decision;
}
