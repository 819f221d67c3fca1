#include "resetconnection.h"

#include <QTcpSocket>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

void resetConnection(QTcpSocket &socket)
{
    const qintptr descriptor = socket.socketDescriptor();
    if (descriptor != -1) {
        // A zero linger time makes close() send RST; QAbstractSocket has no option for it.
        linger zeroLinger{};
        zeroLinger.l_onoff = 1;
        zeroLinger.l_linger = 0;
#ifdef Q_OS_WIN
        ::setsockopt(static_cast<SOCKET>(descriptor), SOL_SOCKET, SO_LINGER,
                     reinterpret_cast<const char *>(&zeroLinger), sizeof zeroLinger);
#else
        ::setsockopt(static_cast<int>(descriptor), SOL_SOCKET, SO_LINGER, &zeroLinger,
                     sizeof zeroLinger);
#endif
    }
    socket.abort(); // closes the descriptor
}
