#include "wireresponse.h"

#include "envelope.h"
#include "httpsyntax.h"

#include <algorithm>

using namespace Qt::StringLiterals;

using HttpSyntax::isToken;
using HttpSyntax::isTokenChar;

namespace {

bool isSafeFieldValue(QByteArrayView value)
{
    return std::none_of(value.begin(), value.end(),
                        [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

bool isFramingField(QByteArrayView name)
{
    for (const char *framing :
         {"Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive"}) {
        if (name.compare(framing, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

ApiResponse toWireResponse(const ApiResponse &response, bool headRequest,
                           ConnectionHeader connection)
{
    ApiResponse wire;
    // A final response must be 2xx-5xx; anything else would leave the client waiting.
    wire.status = (response.status >= 200 && response.status <= 599) ? response.status : 500;
    wire.headers.reserve(response.headers.size() + 2); // + Content-Length and Connection
    for (const auto &[name, value] : response.headers) {
        if (isToken(name) && isSafeFieldValue(value) && !isFramingField(name))
            wire.headers.append({name, value});
    }

    const bool bodyForbidden = wire.status == 204 || wire.status == 304;
    if (!bodyForbidden)
        wire.headers.append({"Content-Length"_ba, QByteArray::number(response.body.size())});
    if (connection == ConnectionHeader::Close)
        wire.headers.append({"Connection"_ba, "close"_ba});
    else if (connection == ConnectionHeader::KeepAlive)
        wire.headers.append({"Connection"_ba, "keep-alive"_ba});

    if (!headRequest && !bodyForbidden)
        wire.body = response.body;
    wire.tokenCheck = response.tokenCheck; // never sent: the exchange's record of the verdict
    return wire;
}

QByteArray serializeResponse(const ApiResponse &wireResponse)
{
    QByteArray bytes;
    bytes.reserve(256 + wireResponse.body.size()); // the head rarely needs more
    // Appended piece by piece: concatenating each line first would allocate it on its own.
    bytes.append("HTTP/1.1 ")
        .append(QByteArray::number(wireResponse.status))
        .append(' ')
        .append(reasonPhrase(wireResponse.status))
        .append("\r\n");
    for (const auto &[name, value] : wireResponse.headers)
        bytes.append(name).append(": ").append(value).append("\r\n");
    bytes.append("\r\n").append(wireResponse.body);
    return bytes;
}

QByteArray continueResponse()
{
    return "HTTP/1.1 100 Continue\r\n\r\n"_ba;
}

ApiResponse errorResponse(int status, const QString &errorCode, const QString &message)
{
    ApiResponse response = Envelope::error(status, errorCode, message);
    response.setHeader("Access-Control-Allow-Origin"_ba, "*"_ba);
    return response;
}
