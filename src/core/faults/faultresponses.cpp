#include "faultresponses.h"

#include "envelope.h"
#include "httpstatus.h"

#include <cctype>

using namespace Qt::StringLiterals;

namespace {

// How long a client is told to wait after an injected 503 or 429 rule: short, so that a
// class's retry loops are seen to work within a demo.
constexpr int InjectedRetryAfterSeconds = 1;

struct KnownFault
{
    int status;
    const char *code;
    const char *message;
};

// Worded as real services word them; 401 and 403 as this API's own.
constexpr KnownFault knownFaults[] = {
    {400, "BAD_REQUEST", "The request could not be processed."},
    {401, "INVALID_TOKEN", "Invalid token. Please log in again."},
    {403, "FORBIDDEN", "Admin access required. You do not have permission to perform this action."},
    {404, "NOT_FOUND", "Resource not found."},
    {408, "REQUEST_TIMEOUT", "The server timed out waiting for the request."},
    {409, "CONFLICT", "The request conflicts with the current state of the resource."},
    {429, "RATE_LIMITED", "Too many requests. Please slow down and try again later."},
    {500, "INTERNAL_SERVER_ERROR", "An unexpected error occurred. Please try again later."},
    {502, "BAD_GATEWAY", "The upstream service returned an invalid response."},
    {503, "SERVICE_UNAVAILABLE", "The service is temporarily unavailable. Please try again later."},
    {504, "GATEWAY_TIMEOUT", "The upstream service did not respond in time."},
};

// "I'm a teapot" -> "IM_A_TEAPOT"
QString codeFromPhrase(QByteArrayView phrase)
{
    QByteArray code;
    for (const char c : phrase) {
        if (std::isalnum(uchar(c)))
            code += char(std::toupper(uchar(c)));
        else if (c == ' ' || c == '-')
            code += '_';
    }
    return QString::fromLatin1(code);
}

ApiResponse withCors(ApiResponse response)
{
    response.setHeader("Access-Control-Allow-Origin"_ba, "*"_ba);
    return response;
}

} // namespace

ApiResponse faultErrorResponse(int status)
{
    for (const KnownFault &known : knownFaults) {
        if (known.status != status)
            continue;
        ApiResponse response = withCors(Envelope::error(status, QString::fromLatin1(known.code),
                                                        QString::fromLatin1(known.message)));
        if (status == 429 || status == 503)
            response.setHeader("Retry-After"_ba, QByteArray::number(InjectedRetryAfterSeconds));
        return response;
    }
    const QByteArrayView phrase = reasonPhrase(status);
    if (phrase.isEmpty())
        return withCors(Envelope::error(status, u"HTTP_%1"_s.arg(status),
                                        u"The request failed with status %1."_s.arg(status)));
    return withCors(
        Envelope::error(status, codeFromPhrase(phrase), QString::fromLatin1(phrase) + u'.'));
}

ApiResponse rateLimitedResponse(int limit, int windowSeconds, int retryAfterSeconds)
{
    ApiResponse response = withCors(Envelope::error(
        429, u"RATE_LIMITED"_s,
        u"Too many requests: the limit is %1 per %2 seconds. Try again in %3 seconds."_s.arg(limit)
            .arg(windowSeconds)
            .arg(retryAfterSeconds)));
    response.setHeader("Retry-After"_ba, QByteArray::number(retryAfterSeconds));
    return response;
}

ApiResponse shapeResponse(const FaultDecision &decision, ApiResponse response)
{
    for (const auto &[name, value] : decision.extraHeaders)
        response.setHeader(name, value);
    switch (decision.delivery) {
    case FaultDecision::Delivery::MalformedBody:
        // Half of a JSON object is never valid JSON: its closing brace is gone.
        response.body.truncate(response.body.size() / 2);
        break;
    case FaultDecision::Delivery::EmptyBody:
        response.body.clear();
        break;
    case FaultDecision::Delivery::WrongContentType:
        response.setHeader("Content-Type"_ba, "text/html; charset=utf-8"_ba);
        break;
    default:
        break;
    }
    return response;
}
