#pragma once

#include <QtGlobal>

// What one client may cost the server. Requests beyond these limits are refused before any
// handler sees them.
struct ServerLimits
{
    qint64 maxHeadBytes = 64 * 1024;  // request line + header fields
    qint64 maxBodyBytes = 1024 * 1024; // after removing chunked framing
    int requestTimeoutMs = 10000;      // from a request's first byte (or the connect) to its last
    int keepAliveTimeoutMs = 15000;    // how long a kept-alive connection may sit idle
    int maxConnectionsPerAddress = 64; // open connections from one client address
};
