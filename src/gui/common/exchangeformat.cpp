#include "exchangeformat.h"

#include "faultdecision.h"
#include "wireresponse.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace ExchangeFormat {

namespace {

// amount / unit with three significant digits. The thresholds are where rounding would carry
// into another digit: 9.996 shows as "10.0", not "10.00".
QString threeSignificantDigits(qint64 amount, qint64 unit, const QString &unitName)
{
    const int decimals = amount < unit * 9'995 / 1'000 ? 2 : amount < unit * 99'950 / 1'000 ? 1 : 0;
    return QLocale().toString(double(amount) / double(unit), 'f', decimals) + u' ' + unitName;
}

} // namespace

QString statusText(int status)
{
    const QByteArrayView phrase = reasonPhrase(status);
    if (phrase.isEmpty())
        return QString::number(status);
    return QString::number(status) + u' ' + QString::fromLatin1(phrase);
}

QString duration(qint64 microseconds)
{
    constexpr qint64 Millisecond = 1'000;
    constexpr qint64 Second = 1'000'000;
    // 999.5 ms and more would round to "1000 ms".
    if (microseconds < 999'500)
        return threeSignificantDigits(microseconds, Millisecond, u"ms"_s);
    return threeSignificantDigits(microseconds, Second, u"s"_s);
}

QString bodySize(qint64 bytes)
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

QString timeOfDay(const QDateTime &time)
{
    return time.toLocalTime().toString(u"HH:mm:ss.zzz"_s);
}

QString clientAddress(const QHostAddress &address)
{
    bool isMappedIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isMappedIpv4);
    return isMappedIpv4 ? QHostAddress(ipv4).toString() : address.toString();
}

QString clientEndpoint(const QHostAddress &address, quint16 port)
{
    const QString host = clientAddress(address);
    if (host.isEmpty())
        return {};
    const bool isIpv6 = host.contains(u':');
    return (isIpv6 ? u'[' + host + u']' : host) + u':' + QString::number(port);
}

QString faultDetails(const QList<AppliedFault> &faults)
{
    QStringList lines;
    for (const AppliedFault &fault : faults)
        lines.append(fault.source + u": "_s + fault.effect);
    return lines.join(u'\n');
}

} // namespace ExchangeFormat
