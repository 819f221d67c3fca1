#include "exchangetext.h"

#include "wireresponse.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace ExchangeText {

QString requestTarget(const ApiRequest &request)
{
    // Characters that mean something in a path (and only those) stay as they are.
    const QByteArray path =
        QUrl::toPercentEncoding(request.path.isEmpty() ? u"/"_s : request.path, "/:@!$&'()*+,;=");
    const QString query = request.query.query(QUrl::FullyEncoded);
    return QString::fromLatin1(path) + (query.isEmpty() ? QString() : u'?' + query);
}

QString requestLine(const ApiRequest &request)
{
    if (request.method.isEmpty())
        return u"(the request could not be read)"_s;
    return QString::fromLatin1(request.method) + u' ' + requestTarget(request);
}

QString headerLines(const HttpHeaders &headers)
{
    QStringList lines;
    lines.reserve(headers.size());
    for (const auto &[name, value] : headers)
        lines.append(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
    return lines.join(u'\n');
}

QString responseHead(const ApiResponse &response)
{
    // The server's own serializer knows the reason phrases; the body is not needed for the head.
    ApiResponse head = response;
    head.body.clear();
    return QString::fromUtf8(serializeResponse(head)).trimmed().replace(u"\r\n"_s, u"\n"_s);
}

QString statusText(int status)
{
    ApiResponse bare;
    bare.status = status;
    const QString statusLine = responseHead(bare);
    return statusLine.sliced(statusLine.indexOf(u' ') + 1);
}

QString duration(qint64 microseconds)
{
    if (microseconds < 1000)
        return u"%1 µs"_s.arg(microseconds);
    if (microseconds < 1000 * 1000)
        return u"%1 ms"_s.arg(double(microseconds) / 1000, 0, 'f', microseconds < 99950 ? 1 : 0);
    return u"%1 s"_s.arg(double(microseconds) / 1e6, 0, 'f', 2);
}

QString clientEndpoint(const ApiRequest &request)
{
    QHostAddress address = request.clientAddress;
    bool isMappedIpv4 = false;
    if (const quint32 ipv4 = address.toIPv4Address(&isMappedIpv4); isMappedIpv4)
        address = QHostAddress(ipv4);
    if (address.isNull())
        return u"(unknown)"_s;
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + address.toString() + u']'
                             : address.toString();
    return host + u':' + QString::number(request.clientPort);
}

QString clockTime(const QDateTime &time)
{
    return time.toLocalTime().toString(u"HH:mm:ss.zzz"_s);
}

QString summaryDetails(const Exchange &exchange)
{
    QString details = duration(exchange.durationUs) + u" · from "_s +
                      clientEndpoint(exchange.request) + u" · "_s + clockTime(exchange.startedAt);
    if (exchange.rejectedByGuard)
        details += u" · refused by the server's guard"_s;
    if (!exchange.delivered)
        details += u" · not delivered"_s;
    return details;
}

} // namespace ExchangeText
