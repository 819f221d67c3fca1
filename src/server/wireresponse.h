#pragma once

#include "apirequest.h"
#include "httpstatus.h"

#include <QByteArray>

// An error envelope as the server itself answers it: usable from any origin, like the API's.
ApiResponse errorResponse(int status, const QString &errorCode, const QString &message);

enum class ConnectionHeader { Omit, KeepAlive, Close };

// The server, not the handler, owns message framing: handler-set Content-Length,
// Transfer-Encoding and Connection are replaced, header fields that could split the response
// are dropped, and the body is left out where HTTP forbids one (HEAD, 204, 304).
ApiResponse toWireResponse(const ApiResponse &response, bool headRequest,
                           ConnectionHeader connection);

QByteArray serializeResponse(const ApiResponse &wireResponse);

// The interim answer to "Expect: 100-continue".
QByteArray continueResponse();
