#include "exchangetext.h"

#include "controlapi.h"
#include "exchangeformat.h"
#include "wireresponse.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace ExchangeText {

QString requestTarget(const ApiRequest &request)
{
    // Characters that mean something in a path (and only those) stay as they are. The path as
    // sent: a request to /s/alice/users repeats as one to /s/alice/users.
    const QString sent = request.pathAsSent();
    const QByteArray path =
        QUrl::toPercentEncoding(sent.isEmpty() ? u"/"_s : sent, "/:@!$&'()*+,;=");
    const QString query = request.query.query(QUrl::FullyEncoded);
    return QString::fromLatin1(path) + (query.isEmpty() ? QString() : u'?' + query);
}

QString requestLine(const ApiRequest &request)
{
    if (request.method.isEmpty())
        return u"(the request could not be read)"_s;
    return QString::fromLatin1(request.method) + u' ' + requestTarget(request);
}

QString headline(const Exchange &exchange)
{
    if (exchange.isTrainerRecord())
        return u"\u21BA "_s + exchange.dataReset;
    return requestLine(exchange.request);
}

QString headerLines(const HttpHeaders &headers)
{
    QStringList lines;
    lines.reserve(headers.size());
    for (const auto &[name, value] : headers) {
        const QString shown = ControlApi::isKeyHeader(name)
                                  ? u"\u2022\u2022\u2022\u2022\u2022\u2022 "
                                    u"(the control key, hidden)"_s
                                  : QString::fromUtf8(value);
        lines.append(QString::fromLatin1(name) + u": "_s + shown);
    }
    return lines.join(u'\n');
}

QString responseHead(const ApiResponse &response)
{
    // The server's own serializer knows the reason phrases; the body is not needed for the head.
    ApiResponse head = response;
    head.body.clear();
    return QString::fromUtf8(serializeResponse(head)).trimmed().replace(u"\r\n"_s, u"\n"_s);
}

QString clientEndpoint(const ApiRequest &request)
{
    const QString endpoint =
        ExchangeFormat::clientEndpoint(request.clientAddress, request.clientPort);
    return endpoint.isEmpty() ? u"(unknown)"_s : endpoint;
}

QString summaryDetails(const Exchange &exchange)
{
    QString details = exchange.request.sandbox.isEmpty()
                          ? QString()
                          : u"sandbox "_s + exchange.request.sandbox + u" · "_s;
    details += ExchangeFormat::duration(exchange.durationUs) + u" · from "_s +
               clientEndpoint(exchange.request) + u" · "_s +
               ExchangeFormat::timeOfDay(exchange.startedAt);
    if (exchange.rejectedByGuard)
        details += u" · refused by the server's guard"_s;
    if (!exchange.delivered)
        details += u" · not delivered"_s;
    return details;
}

QString faultLines(const Exchange &exchange)
{
    if (exchange.faults.isEmpty())
        return {};
    return u"\u26A1 Injected by the fault plan:\n"_s +
           ExchangeFormat::faultDetails(exchange.faults);
}

} // namespace ExchangeText
