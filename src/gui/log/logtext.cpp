#include "logtext.h"

#include "wireresponse.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace LogText {

namespace {

const QString Missing = u"\u2014"_s; // an em dash

// C0 controls and DEL become the symbols of the Control Pictures block (U+2400).
QString withVisibleControls(QString text)
{
    for (QChar &c : text) {
        if (c.unicode() < 0x20)
            c = QChar(0x2400 + c.unicode());
        else if (c.unicode() == 0x7f)
            c = QChar(0x2421);
    }
    return text;
}

} // namespace

QString time(const QDateTime &time)
{
    return time.toLocalTime().toString(u"HH:mm:ss.zzz"_s);
}

QString clientAddress(const QHostAddress &address)
{
    if (address.isNull())
        return Missing;
    bool isMappedIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isMappedIpv4);
    return isMappedIpv4 ? QHostAddress(ipv4).toString() : address.toString();
}

QString method(const QByteArray &method)
{
    return method.isEmpty() ? Missing : QString::fromLatin1(method);
}

QString target(const ApiRequest &request)
{
    if (request.path.isEmpty() && request.query.isEmpty())
        return Missing;
    if (request.query.isEmpty())
        return withVisibleControls(request.path);
    return withVisibleControls(request.path + u'?' + request.query.toString(QUrl::PrettyDecoded));
}

QString status(const Exchange &exchange)
{
    const int code = exchange.response.status;
    const QByteArrayView phrase = reasonPhrase(code);
    const QString text = phrase.isEmpty()
                             ? QString::number(code)
                             : QString::number(code) + u' ' + QString::fromLatin1(phrase);
    return exchange.delivered ? text : text + u" (client left)"_s;
}

QString duration(qint64 microseconds)
{
    const QLocale locale;
    // Thresholds in microseconds at which rounding would carry into another digit.
    if (microseconds < 9'995)
        return locale.toString(double(microseconds) / 1e3, 'f', 2) + u" ms"_s;
    if (microseconds < 99'950)
        return locale.toString(double(microseconds) / 1e3, 'f', 1) + u" ms"_s;
    if (microseconds < 999'500)
        return locale.toString(double(microseconds) / 1e3, 'f', 0) + u" ms"_s;
    return locale.toString(double(microseconds) / 1e6, 'f', 1) + u" s"_s;
}

QString size(qint64 bytes)
{
    const QLocale locale;
    if (bytes == 1)
        return u"1 byte"_s;
    if (bytes < 1024)
        return locale.toString(bytes) + u" bytes"_s;
    const QString units[] = {u"KB"_s, u"MB"_s, u"GB"_s};
    double value = double(bytes) / 1024;
    int unit = 0;
    for (; value >= 1024 && unit < 2; ++unit)
        value /= 1024;
    return locale.toString(value, 'f', 1) + u' ' + units[unit];
}

} // namespace LogText
