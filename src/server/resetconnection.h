#pragma once

class QTcpSocket;

// Ends the connection with a reset (RST) instead of a FIN: SO_LINGER {on, 0 s}, then abort().
// The client's next read fails with "connection reset by peer", as when a real server crashes
// mid-response. Unsent bytes are discarded.
void resetConnection(QTcpSocket &socket);
