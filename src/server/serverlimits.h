#pragma once

#include <QtGlobal>

// What one client may cost the server. Requests beyond these limits are refused before any
// handler sees them.
struct ServerLimits
{
    qint64 maxHeadBytes = 64 * 1024;   // request line + header fields
    qint64 maxBodyBytes = 1024 * 1024; // after removing chunked framing
    // From a request's first byte to its last, and for a new connection to start one.
    int requestTimeoutMs = 10000;
    int keepAliveTimeoutMs = 15000;    // how long a kept-alive connection may sit idle
    int maxConnectionsPerAddress = 64; // open connections from one client address
};
