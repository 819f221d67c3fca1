#pragma once

class QTcpSocket;

// Sends FIN while still reading: the client sees the end of our response before we close, and
// bytes it is still sending do not turn the close into a reset that could discard that
// response. QAbstractSocket has no half-close of its own.
bool shutdownSending(QTcpSocket &socket);

// The client reset the connection or it failed otherwise: nobody will read an answer. Asked
// without reading anything; a FIN is not that (a half-closed client still reads).
bool peerHasReset(QTcpSocket &socket);
