#pragma once

#include "apirequest.h"

#include <QByteArray>

enum class ConnectionHeader { Omit, KeepAlive, Close };

// The server, not the handler, owns message framing: handler-set Content-Length,
// Transfer-Encoding and Connection are replaced, header fields that could split the response
// are dropped, and the body is left out where HTTP forbids one (HEAD, 204, 304).
ApiResponse toWireResponse(const ApiResponse &response, bool headRequest,
                           ConnectionHeader connection);

QByteArray serializeResponse(const ApiResponse &wireResponse);

// The interim answer to "Expect: 100-continue".
QByteArray continueResponse();
