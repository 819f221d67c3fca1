#include "qt64http.h"

#include <QAbstractHttpServer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    using Method = QHttpServerRequest::Method;
    switch (method) {
    case Method::Get:
        return "GET"_ba;
    case Method::Head:
        return "HEAD"_ba;
    case Method::Post:
        return "POST"_ba;
    case Method::Put:
        return "PUT"_ba;
    case Method::Patch:
        return "PATCH"_ba;
    case Method::Delete:
        return "DELETE"_ba;
    case Method::Options:
        return "OPTIONS"_ba;
    case Method::Trace:
        return "TRACE"_ba;
    case Method::Connect:
        return "CONNECT"_ba;
    default:
        return "UNKNOWN"_ba; // the guard lets only the methods above through
    }
}

ApiRequest toApiRequest(const QHttpServerRequest &request, const QTcpSocket &socket)
{
    // Path and query come from the target as the guard framed it; see applyRequestTarget().
    ApiRequest converted;
    converted.method = methodName(request.method());
    converted.headers = request.headers();
    converted.body = request.body();
    converted.clientAddress = request.remoteAddress();
    converted.clientPort = socket.peerPort();
    converted.receivedAt = QDateTime::currentDateTimeUtc();
    return converted;
}

} // namespace

namespace Qt64Http {

void routeEverythingTo(QHttpServer &server, RequestSink sink)
{
    server.setMissingHandler([sink = std::move(sink)](const QHttpServerRequest &request,
                                                      QHttpServerResponder &&responder) {
        // 6.4's responder refers to the request and holds a raw socket pointer, so it must not
        // outlive this call. It is dropped unused; answers go out through the connection guard.
        QTcpSocket *socket = responder.socket();
        sink(toApiRequest(request, *socket), socket);
    });
}

void bind(QHttpServer &server, QTcpServer &tcpServer)
{
    server.bind(&tcpServer);
}

QByteArray takeUnparsedBytes(QTcpSocket &socket)
{
    if (!socket.isReadable())
        return {};
    // 6.4 opens a read transaction on every readyRead and keeps it while a request is
    // incomplete. It is only ever handed complete requests, so an open one has read nothing.
    if (socket.isTransactionStarted())
        socket.commitTransaction();
    return socket.readAll();
}

void detachParser(QTcpSocket &socket)
{
    // 6.4 connects readyRead with the QAbstractHttpServer as context; the socket is a child of
    // the bound QTcpServer, which is a child of that server.
    for (QObject *ancestor = socket.parent(); ancestor; ancestor = ancestor->parent()) {
        if (auto *server = qobject_cast<QAbstractHttpServer *>(ancestor)) {
            QObject::disconnect(&socket, &QTcpSocket::readyRead, server, nullptr);
            return;
        }
    }
}

void handOver(QTcpSocket &socket, const QByteArray &request)
{
    if (!socket.isReadable())
        return;
    if (socket.isTransactionStarted())
        socket.commitTransaction();
    // QIODevice has no bulk unread; ungetting the bytes back to front puts the whole request in
    // front of 6.4's byte-wise parser, which then reads exactly this request and nothing else.
    for (auto it = request.crbegin(); it != request.crend(); ++it)
        socket.ungetChar(*it);
    Q_EMIT socket.readyRead();
}

// QAbstractSocket stops reading while its read buffer holds readBufferSize() bytes. One byte
// fills a buffer of one; read inside a transaction, it is invisible to 6.4's parser (which
// reads on in an open transaction) and to bytesAvailable(), and committing drops it.
void holdIncoming(QTcpSocket &socket)
{
    if (!socket.isReadable() || socket.readBufferSize() == 1)
        return;
    if (socket.isTransactionStarted())
        socket.commitTransaction();
    socket.ungetChar('\0');
    socket.startTransaction();
    char placeholder = 0;
    socket.getChar(&placeholder);
    socket.setReadBufferSize(1);
}

void releaseIncoming(QTcpSocket &socket)
{
    if (socket.readBufferSize() != 1)
        return;
    if (socket.isTransactionStarted())
        socket.commitTransaction();
    socket.setReadBufferSize(0); // reading resumes, with what waited in the kernel
}

} // namespace Qt64Http
