#include "writenow.h"

#include <QByteArray>
#include <QTcpSocket>
#include <limits>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace {

// Bytes the kernel took, or -1 when it took none or this platform cannot send without risking
// SIGPIPE (Qt ignores SIGPIPE only once it has written itself).
qint64 sendDirectly(qintptr descriptor, const QByteArray &bytes)
{
    if (descriptor == -1)
        return -1;
#if defined(Q_OS_WIN)
    return ::send(static_cast<SOCKET>(descriptor), bytes.constData(),
                  static_cast<int>(qMin<qsizetype>(bytes.size(), std::numeric_limits<int>::max())),
                  0);
#elif defined(MSG_NOSIGNAL)
    return ::send(static_cast<int>(descriptor), bytes.constData(),
                  static_cast<size_t>(bytes.size()), MSG_NOSIGNAL);
#else
    Q_UNUSED(bytes);
    return -1;
#endif
}

} // namespace

void writeNow(QTcpSocket &socket, const QByteArray &bytes)
{
    qint64 sent = 0;
    if (socket.bytesToWrite() == 0) // otherwise these bytes must queue behind the others
        sent = qMax<qint64>(0, sendDirectly(socket.socketDescriptor(), bytes));
    if (sent < bytes.size()) {
        socket.write(bytes.constData() + sent, bytes.size() - sent);
        socket.flush();
    }
}
