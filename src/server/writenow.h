#pragma once

class QByteArray;
class QTcpSocket;

// Hands bytes to the kernel now, straight through the descriptor when QTcpSocket has nothing
// queued ahead of them. QTcpSocket's own write() arms its write notifier and flush() disarms it
// again, which wakes the event loop twice per response. Whatever the kernel does not take at
// once is left to QTcpSocket, which also reports any error.
void writeNow(QTcpSocket &socket, const QByteArray &bytes);
