#pragma once

#include <QHostAddress>
#include <QList>
#include <QUrl>

// Where clients can reach a server listening on an address and port: loopback for a local
// address; the host's own addresses on the network (IPv4, interfaces up) for an "any" address.
QList<QUrl> reachableUrls(const QHostAddress &listening, quint16 port);

// The URL of one address and port, with brackets for IPv6.
QUrl urlFor(const QHostAddress &address, quint16 port);

// The first port from `first` on at which `address` can listen right now, or 0 if none up to
// 65535. Another program may still take it before the server does.
quint16 findFreePort(const QHostAddress &address, quint16 first);
