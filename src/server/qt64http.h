#pragma once

#include "apirequest.h"

#include <QByteArray>
#include <functional>

class QHttpServer;
class QTcpServer;
class QTcpSocket;

// Every call that depends on the QtHttpServer 6.4 API or on how 6.4 reads its sockets. Qt 6.5
// reworked QAbstractHttpServer, the responder and the request parser; porting means rewriting
// this file and nothing else.
namespace Qt64Http {

// Receives every request QHttpServer parsed, copied by value, with the socket it came on.
using RequestSink = std::function<void(const ApiRequest &request, QTcpSocket *socket)>;

// Registers no routes: every request goes to sink.
void routeEverythingTo(QHttpServer &server, RequestSink sink);
void bind(QHttpServer &server, QTcpServer &tcpServer);

// Takes the bytes QHttpServer has not parsed yet. Call first in every readyRead: QHttpServer's
// own readyRead slot, connected later, then finds nothing to parse.
QByteArray takeUnparsedBytes(QTcpSocket &socket);

// QHttpServer stops reading this socket, even later in the readyRead emission under way. For
// connections the guard is closing.
void detachParser(QTcpSocket &socket);

// Makes QHttpServer parse exactly this one complete request now. It answers synchronously
// through the sink when the bytes are a request its parser accepts.
void handOver(QTcpSocket &socket, const QByteArray &request);

// Stops reading the socket until releaseIncoming(), so that a client's FIN is not read (6.4
// would close at once, with the answer unsent): a half-closed client still reads. Whatever
// the client sends meanwhile waits in the kernel. Neither call emits readyRead.
void holdIncoming(QTcpSocket &socket);
void releaseIncoming(QTcpSocket &socket);

} // namespace Qt64Http
