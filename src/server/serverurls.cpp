#include "serverurls.h"

#include <QNetworkInterface>
#include <QTcpServer>

using namespace Qt::StringLiterals;

namespace {

bool listensOnAnyAddress(const QHostAddress &address)
{
    return address == QHostAddress::Any || address == QHostAddress::AnyIPv4 ||
           address == QHostAddress::AnyIPv6;
}

QList<QHostAddress> networkAddresses()
{
    QList<QHostAddress> addresses;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) ||
            !flags.testFlag(QNetworkInterface::IsRunning) ||
            flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        const auto entries = interface.addressEntries();
        for (const QNetworkAddressEntry &entry : entries) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol)
                addresses.append(entry.ip());
        }
    }
    return addresses;
}

} // namespace

QUrl urlFor(const QHostAddress &address, quint16 port)
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(address.toString());
    url.setPort(port);
    return url;
}

QList<QUrl> reachableUrls(const QHostAddress &listening, quint16 port)
{
    if (!listensOnAnyAddress(listening))
        return {urlFor(listening, port)};
    QList<QUrl> urls{urlFor(QHostAddress::LocalHost, port)};
    const auto addresses = networkAddresses();
    for (const QHostAddress &address : addresses)
        urls.append(urlFor(address, port));
    return urls;
}

quint16 findFreePort(const QHostAddress &address, quint16 first)
{
    for (int port = first; port > 0 && port <= 65535; ++port) {
        QTcpServer probe;
        if (probe.listen(address, quint16(port)))
            return quint16(port);
    }
    return 0;
}
