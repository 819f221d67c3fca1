#include "halfclose.h"

#include <QTcpSocket>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <cerrno>
#include <sys/socket.h>
#endif

bool shutdownSending(QTcpSocket &socket)
{
    const qintptr descriptor = socket.socketDescriptor();
    if (descriptor == -1)
        return false;
#ifdef Q_OS_WIN
    return ::shutdown(static_cast<SOCKET>(descriptor), SD_SEND) == 0;
#else
    return ::shutdown(static_cast<int>(descriptor), SHUT_WR) == 0;
#endif
}

bool peerHasReset(QTcpSocket &socket)
{
    const qintptr descriptor = socket.socketDescriptor();
    if (descriptor == -1)
        return false;
    char byte = 0;
#ifdef Q_OS_WIN
    // Qt's sockets do not block, so this returns at once.
    if (::recv(static_cast<SOCKET>(descriptor), &byte, 1, MSG_PEEK) != SOCKET_ERROR)
        return false;
    return WSAGetLastError() != WSAEWOULDBLOCK;
#else
    if (::recv(static_cast<int>(descriptor), &byte, 1, MSG_PEEK | MSG_DONTWAIT) >= 0)
        return false; // data, or the FIN
    return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
#endif
}
