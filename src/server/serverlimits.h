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
    int keepAliveTimeoutMs = 15000; // how long a kept-alive connection may sit idle
    // How long a closing connection may take to deliver its last answer (without progress) and
    // drain what the client still sends, before it is reset.
    int lingerMs = 2000;
    int maxConnectionsPerAddress = 64; // open connections from one client address
    // Answers not yet taken by the client; beyond this, pipelined requests wait (and are not
    // read) until it reads.
    qint64 maxPendingOutputBytes = 1024 * 1024;
    // What all requests waiting out an injected delay may hold together (bodies, heads); a
    // request that would go beyond it is answered 503 SERVER_BUSY at once.
    qint64 maxDelayedRequestBytes = 64 * 1024 * 1024;
};
