#include "curlcommand.h"

#include "bodypresentation.h"
#include "controlapi.h"
#include "exchangetext.h"

#include <QStringList>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool curlMakesItself(const QByteArray &headerName)
{
    for (const char *name :
         {"Host", "Content-Length", "Connection", "Transfer-Encoding", "Accept-Encoding"}) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// http://host[:port] from the Host header if it is nothing but that, else from the fallback.
QString origin(const ApiRequest &request, const QUrl &fallbackBase)
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setAuthority(QString::fromUtf8(request.header("Host")).trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        url = fallbackBase.isValid() ? fallbackBase : QUrl(u"http://127.0.0.1:5000"_s);
    return url.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                        QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

QString headerOption(const QByteArray &name, const QByteArray &value)
{
    // "-H 'Name:'" would make curl drop the header; "Name;" is its way to send an empty value.
    const QString field =
        value.isEmpty() ? QString(QString::fromLatin1(name) + u';')
                        : QString(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
    return u"-H "_s + shellQuote(field);
}

// printf with a format of octal escapes reproduces any bytes, NUL included (POSIX printf).
QString printfPipe(const QByteArray &body)
{
    QString format;
    format.reserve(body.size() * 4);
    for (const char byte : body)
        format +=
            u'\\' + QString::number(static_cast<unsigned char>(byte), 8).rightJustified(3, u'0');
    return u"printf "_s + shellQuote(format) + u" | "_s;
}

// A word the shell reads as it is stays unquoted, so that the command reads like one by hand.
QString shellWord(const QString &text)
{
    const bool plain = !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') ||
               c == u'-' || c == u'_' || c == u'.';
    });
    return plain ? text : shellQuote(text);
}

} // namespace

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

QString curlCommand(const Exchange &exchange, const QUrl &fallbackBase)
{
    const ApiRequest &request = exchange.request;
    const QByteArray method = request.method.isEmpty() ? "GET"_ba : request.method;
    // HEAD has no body to send; curl -I refuses one anyway.
    const bool isHead = method == "HEAD";
    const QByteArray body = isHead ? QByteArray() : request.body;

    QStringList arguments{u"curl"_s};
    if (isHead) {
        arguments << u"-I"_s;
    } else {
        arguments << u"-i"_s;
        // curl sends GET on its own, but a body would make it POST.
        if (method != "GET" || !body.isEmpty())
            arguments << u"-X"_s << shellWord(QString::fromLatin1(method));
    }
    arguments << shellQuote(origin(request, fallbackBase) + ExchangeText::requestTarget(request));

    for (const auto &[name, value] : request.headers) {
        if (ControlApi::isKeyHeader(name)) // never on the clipboard: the shell fills it in
            arguments << u"-H \"%1: $%2\""_s.arg(QString::fromLatin1(name),
                                                 QLatin1StringView(ControlApi::KeyVariable));
        else if (!curlMakesItself(name))
            arguments << headerOption(name, value);
    }
    if (body.isEmpty())
        return arguments.join(u' ');

    // With a body curl adds a form Content-Type of its own unless told not to.
    if (!request.hasHeader("Content-Type"))
        arguments << u"-H "_s + shellQuote(u"Content-Type:"_s);
    if (isPlainText(body))
        return arguments.join(u' ') + u" --data-raw "_s + shellQuote(QString::fromUtf8(body));
    return printfPipe(body) + arguments.join(u' ') + u" --data-binary @-"_s;
}
