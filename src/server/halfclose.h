#pragma once

class QTcpSocket;

// Sends FIN while still reading: the client sees the end of our response before we close, and
// bytes it is still sending do not turn the close into a reset that could discard that
// response. QAbstractSocket has no half-close of its own.
bool shutdownSending(QTcpSocket &socket);
