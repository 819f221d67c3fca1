#include "wireresponse.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool isSafeFieldValue(QByteArrayView value)
{
    return std::none_of(value.begin(), value.end(),
                        [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

bool isFramingField(QByteArrayView name)
{
    for (const char *framing : {"Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive"}) {
        if (name.compare(framing, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue"_ba;
    case 200: return "OK"_ba;
    case 201: return "Created"_ba;
    case 202: return "Accepted"_ba;
    case 204: return "No Content"_ba;
    case 301: return "Moved Permanently"_ba;
    case 302: return "Found"_ba;
    case 304: return "Not Modified"_ba;
    case 307: return "Temporary Redirect"_ba;
    case 308: return "Permanent Redirect"_ba;
    case 400: return "Bad Request"_ba;
    case 401: return "Unauthorized"_ba;
    case 403: return "Forbidden"_ba;
    case 404: return "Not Found"_ba;
    case 405: return "Method Not Allowed"_ba;
    case 406: return "Not Acceptable"_ba;
    case 408: return "Request Timeout"_ba;
    case 409: return "Conflict"_ba;
    case 410: return "Gone"_ba;
    case 411: return "Length Required"_ba;
    case 412: return "Precondition Failed"_ba;
    case 413: return "Content Too Large"_ba;
    case 414: return "URI Too Long"_ba;
    case 415: return "Unsupported Media Type"_ba;
    case 417: return "Expectation Failed"_ba;
    case 418: return "I'm a teapot"_ba;
    case 422: return "Unprocessable Content"_ba;
    case 428: return "Precondition Required"_ba;
    case 429: return "Too Many Requests"_ba;
    case 431: return "Request Header Fields Too Large"_ba;
    case 500: return "Internal Server Error"_ba;
    case 501: return "Not Implemented"_ba;
    case 502: return "Bad Gateway"_ba;
    case 503: return "Service Unavailable"_ba;
    case 504: return "Gateway Timeout"_ba;
    case 505: return "HTTP Version Not Supported"_ba;
    default: return {}; // an empty reason phrase is valid HTTP/1.1
    }
}

} // namespace

ApiResponse toWireResponse(const ApiResponse &response, bool headRequest,
                           ConnectionHeader connection)
{
    ApiResponse wire;
    // A final response must be 2xx-5xx; anything else would leave the client waiting.
    wire.status = (response.status >= 200 && response.status <= 599) ? response.status : 500;
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
    return wire;
}

QByteArray serializeResponse(const ApiResponse &wireResponse)
{
    QByteArray bytes;
    bytes.reserve(256 + wireResponse.body.size());
    bytes += "HTTP/1.1 " + QByteArray::number(wireResponse.status) + ' ' +
             reasonPhrase(wireResponse.status) + "\r\n";
    for (const auto &[name, value] : wireResponse.headers)
        bytes += name + ": " + value + "\r\n";
    bytes += "\r\n";
    bytes += wireResponse.body;
    return bytes;
}

QByteArray continueResponse()
{
    return "HTTP/1.1 100 Continue\r\n\r\n"_ba;
}
