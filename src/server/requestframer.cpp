#include "requestframer.h"

#include "httpsyntax.h"

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

using HttpSyntax::isToken;
using HttpSyntax::isTokenChar;

namespace {

constexpr int MaxEmptyLinesBeforeRequest = 8;
constexpr int MaxHeaderFields = 100;
constexpr qsizetype MaxMethodLength = 32;
constexpr qsizetype MaxChunkSizeLine = 1024;
constexpr qsizetype MaxChunkSizeDigits = 15; // keeps the size inside qint64
constexpr qsizetype MaxChunkExtension = 128;
// Chunk size lines and CRLFs a chunked body may add to its decoded size.
constexpr qint64 MaxChunkedFramingBytes = 64 * 1024;

// Field values and chunk extensions: visible ASCII, space, tab and (obsolete) non-ASCII bytes.
bool isFieldText(QByteArrayView text)
{
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
    });
}

bool isDigits(QByteArrayView text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isHexDigits(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

QString describeSize(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return u"%1 MiB"_s.arg(bytes / (1024 * 1024));
    if (bytes >= 1024 && bytes % 1024 == 0)
        return u"%1 KiB"_s.arg(bytes / 1024);
    return u"%1 bytes"_s.arg(bytes);
}

qsizetype fieldCount(const HttpHeaders &headers, QByteArrayView name)
{
    return std::count_if(headers.begin(), headers.end(), [name](const auto &field) {
        return field.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

QList<QByteArray> fieldValues(const HttpHeaders &headers, QByteArrayView name)
{
    QList<QByteArray> values;
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            values.append(value);
    }
    return values;
}

// Comma-separated list elements of every field called name, trimmed and lower-cased.
QList<QByteArray> listElements(const HttpHeaders &headers, QByteArrayView name)
{
    QList<QByteArray> elements;
    for (const QByteArray &value : fieldValues(headers, name)) {
        for (const QByteArray &element : value.split(',')) {
            if (const QByteArray trimmed = element.trimmed().toLower(); !trimmed.isEmpty())
                elements.append(trimmed);
        }
    }
    return elements;
}

FramingError malformed(const QString &note)
{
    return {400, u"BAD_REQUEST"_s, u"Malformed HTTP request"_s, note};
}

FramingError ambiguousFraming(const QString &message)
{
    return {400, u"BAD_REQUEST"_s, message, message};
}

// Checks a request line, complete or still arriving, so that garbage such as a TLS handshake is
// refused on its first bytes instead of after a timeout. Returns what is wrong, or nothing.
QString requestLineProblem(QByteArrayView line)
{
    if (line.startsWith('\x16'))
        return u"TLS handshake sent to a plain HTTP port"_s;
    static constexpr QByteArrayView versionPattern = "HTTP/d.d";
    int field = 0;
    qsizetype fieldStart = 0;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line.at(i);
        if (c == '\r') {
            if (i == line.size() - 1)
                return {}; // the LF may still come
            return u"bare CR in the request line"_s;
        }
        if (c == ' ') {
            if (i == fieldStart || ++field > 2)
                return u"request line needs exactly: method SP target SP version"_s;
            fieldStart = i + 1;
            continue;
        }
        const qsizetype offset = i - fieldStart;
        if (field == 0 && (!isTokenChar(c) || offset >= MaxMethodLength))
            return u"invalid method"_s;
        if (field == 1 && (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f))
            return u"control character in the request target"_s;
        if (field == 2) {
            const bool fits = offset < versionPattern.size() &&
                              (versionPattern.at(offset) == 'd' ? (c >= '0' && c <= '9')
                                                                : c == versionPattern.at(offset));
            if (!fits)
                return u"invalid HTTP version"_s;
        }
    }
    return {};
}

bool isImplementedMethod(QByteArrayView method)
{
    for (const char *known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
        if (method == known)
            return true;
    }
    return false;
}

bool isSupportedTarget(QByteArrayView method, QByteArrayView target)
{
    if (target.startsWith('/'))
        return true;
    if (target == "*")
        return method == "OPTIONS";
    const QByteArray lower = target.toByteArray().toLower();
    return lower.startsWith("http://") || lower.startsWith("https://");
}

} // namespace

RequestFramer::RequestFramer(qint64 maxHeadBytes, qint64 maxBodyBytes)
    : m_maxHeadBytes(maxHeadBytes)
    , m_maxBodyBytes(maxBodyBytes)
{}

void RequestFramer::append(const QByteArray &bytes)
{
    m_buffer.append(bytes);
}

RequestFramer::Progress RequestFramer::advance()
{
    for (;;) {
        Step step;
        switch (m_stage) {
        case Stage::RequestLine:
            step = readRequestLine();
            break;
        case Stage::Headers:
            step = readHeaderLine();
            break;
        case Stage::Body:
            step = readBody();
            break;
        case Stage::ChunkSize:
            step = readChunkSize();
            break;
        case Stage::ChunkData:
            step = readChunkData();
            break;
        case Stage::LastChunk:
            step = readLastChunk();
            break;
        case Stage::Complete:
            return Progress::RequestComplete;
        case Stage::Failed:
            return Progress::Failed;
        }
        if (step)
            return *step;
    }
}

bool RequestFramer::hasBodyBytes() const
{
    return m_headEnd > 0 && m_buffer.size() > m_headEnd;
}

QByteArray RequestFramer::takeRequest()
{
    Q_ASSERT(m_stage == Stage::Complete);
    QByteArray request;
    if (m_head.chunked) {
        const QByteArrayView buffer(m_buffer);
        request.reserve(m_blankLineStart + 40 + m_decodedBody.size());
        qsizetype from = 0;
        for (const auto &[begin, end] : std::as_const(m_droppedLines)) {
            request += buffer.sliced(from, begin - from);
            from = end;
        }
        request += buffer.sliced(from, m_blankLineStart - from);
        request += "Content-Length: " + QByteArray::number(m_decodedBody.size()) + "\r\n\r\n";
        request += m_decodedBody;
        m_buffer.remove(0, m_requestEnd);
    } else if (m_droppedLines.isEmpty() && m_requestEnd == m_buffer.size()) {
        request = std::exchange(m_buffer, {}); // the usual case: nothing to cut out or to keep
    } else {
        const QByteArrayView buffer(m_buffer);
        request.reserve(m_requestEnd);
        qsizetype from = 0;
        for (const auto &[begin, end] : std::as_const(m_droppedLines)) {
            request += buffer.sliced(from, begin - from);
            from = end;
        }
        request += buffer.sliced(from, m_requestEnd - from);
        m_buffer.remove(0, m_requestEnd);
    }
    reset();
    return request;
}

void RequestFramer::reset()
{
    m_pos = 0;
    m_stage = Stage::RequestLine;
    m_head = {};
    m_error = {};
    m_droppedLines.clear();
    m_transferEncodingLines.clear();
    m_blankLineStart = 0;
    m_headEnd = 0;
    m_requestEnd = 0;
    m_chunkRemaining = 0;
    m_decodedBodyBytes = 0;
    m_decodedBody.clear();
    m_emptyLinesSkipped = 0;
}

bool RequestFramer::skipEmptyLinesBeforeRequest()
{
    for (;;) {
        qsizetype lineLength = 0;
        if (m_buffer.startsWith("\r\n"))
            lineLength = 2;
        else if (m_buffer.startsWith('\n'))
            lineLength = 1;
        else
            return true;
        if (++m_emptyLinesSkipped > MaxEmptyLinesBeforeRequest)
            return false;
        m_buffer.remove(0, lineLength);
    }
}

RequestFramer::Step RequestFramer::readRequestLine()
{
    if (!skipEmptyLinesBeforeRequest())
        return fail(malformed(u"too many empty lines before the request line"_s));

    const qsizetype lf = m_buffer.indexOf('\n');
    const qsizetype lineEnd = lf < 0 ? m_buffer.size() : lf;
    QByteArrayView line = QByteArrayView(m_buffer).first(lineEnd);
    if (lf >= 0 && line.endsWith('\r'))
        line.chop(1);
    if (const QString problem = requestLineProblem(line); !problem.isEmpty())
        return fail(malformed(problem));
    if (lineEnd >= m_maxHeadBytes) {
        return fail({414, u"URI_TOO_LONG"_s,
                     u"Request line exceeds %1"_s.arg(describeSize(m_maxHeadBytes)),
                     u"request line too long"_s});
    }
    if (lf < 0)
        return Progress::NeedMore;

    // requestLineProblem() allowed at most two spaces and no empty method or target.
    const qsizetype methodEnd = line.indexOf(' ');
    const qsizetype targetEnd = methodEnd < 0 ? -1 : line.indexOf(' ', methodEnd + 1);
    if (targetEnd < 0 || line.size() - (targetEnd + 1) != 8)
        return fail(malformed(u"request line needs exactly: method SP target SP version"_s));
    m_head.method = line.first(methodEnd).toByteArray();
    m_head.target = line.sliced(methodEnd + 1, targetEnd - methodEnd - 1).toByteArray();
    m_head.version = line.sliced(targetEnd + 1).toByteArray();
    if (m_head.version != "HTTP/1.1" && m_head.version != "HTTP/1.0") {
        return fail({505, u"HTTP_VERSION_NOT_SUPPORTED"_s,
                     u"HTTP version %1 is not supported; use HTTP/1.1"_s.arg(
                         QString::fromLatin1(m_head.version)),
                     u"unsupported HTTP version"_s});
    }
    if (!isImplementedMethod(m_head.method)) {
        return fail({501, u"NOT_IMPLEMENTED"_s,
                     u"Method %1 is not implemented"_s.arg(QString::fromLatin1(m_head.method)),
                     u"unknown method"_s});
    }
    if (!isSupportedTarget(m_head.method, m_head.target))
        return fail(malformed(u"request target must start with '/'"_s));

    m_pos = lf + 1;
    m_stage = Stage::Headers;
    return std::nullopt;
}

RequestFramer::Step RequestFramer::readHeaderLine()
{
    const auto tooLarge = [this] {
        return fail({431, u"HEADERS_TOO_LARGE"_s,
                     u"Request headers exceed %1"_s.arg(describeSize(m_maxHeadBytes)),
                     u"request head too large"_s});
    };
    const qsizetype lf = m_buffer.indexOf('\n', m_pos);
    if (lf < 0)
        return m_buffer.size() > m_maxHeadBytes ? tooLarge() : Progress::NeedMore;
    if (lf + 1 > m_maxHeadBytes)
        return tooLarge();

    const qsizetype lineStart = m_pos;
    QByteArrayView line = QByteArrayView(m_buffer).sliced(lineStart, lf - lineStart);
    if (line.endsWith('\r'))
        line.chop(1);
    m_pos = lf + 1;
    if (line.contains('\r'))
        return fail(malformed(u"bare CR in a header field"_s));
    if (line.isEmpty()) {
        m_blankLineStart = lineStart;
        m_headEnd = m_pos;
        return finishHead();
    }
    if (line.startsWith(' ') || line.startsWith('\t'))
        return fail(malformed(u"obsolete line folding in the header"_s));

    const qsizetype colon = line.indexOf(':');
    const QByteArrayView name = colon < 0 ? QByteArrayView() : line.first(colon);
    if (!isToken(name))
        return fail(malformed(u"invalid header field name"_s));
    const QByteArrayView rawValue = line.sliced(colon + 1);
    if (!isFieldText(rawValue))
        return fail(malformed(u"control character in a header field value"_s));
    if (m_head.headers.size() >= MaxHeaderFields) {
        return fail({431, u"HEADERS_TOO_LARGE"_s,
                     u"Request has more than %1 header fields"_s.arg(MaxHeaderFields),
                     u"too many header fields"_s});
    }
    m_head.headers.append({name.toByteArray(), rawValue.toByteArray().trimmed()});
    // Protocol upgrades are not offered; 6.4 would close the connection on "Upgrade: websocket".
    if (name.compare("Upgrade", Qt::CaseInsensitive) == 0)
        m_droppedLines.append({lineStart, m_pos});
    if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
        m_transferEncodingLines.append({lineStart, m_pos});
    return std::nullopt;
}

RequestFramer::Step RequestFramer::finishHead()
{
    if (fieldCount(m_head.headers, "Host") > 1)
        return fail(ambiguousFraming(u"Request has more than one Host header"_s));
    if (const auto problem = checkContentLength())
        return fail(*problem);
    if (const auto problem = checkTransferEncoding())
        return fail(*problem);
    applyConnectionOptions();

    const QList<QByteArray> expectations = listElements(m_head.headers, "Expect");
    if (std::any_of(expectations.begin(), expectations.end(),
                    [](const QByteArray &e) { return e != "100-continue"; })) {
        return fail({417, u"EXPECTATION_FAILED"_s, u"Only 'Expect: 100-continue' is supported"_s,
                     u"unknown expectation"_s});
    }
    const bool hasBody = m_head.chunked || m_head.contentLength > 0;
    m_head.expectsContinue = !expectations.isEmpty() && hasBody && m_head.version == "HTTP/1.1";

    if (m_head.contentLength > m_maxBodyBytes) {
        return fail({413, u"PAYLOAD_TOO_LARGE"_s,
                     u"Request body exceeds %1"_s.arg(describeSize(m_maxBodyBytes)),
                     u"declared Content-Length too large"_s});
    }
    if (m_head.chunked) {
        // The de-chunked request carries Content-Length instead.
        m_droppedLines += m_transferEncodingLines;
        std::sort(m_droppedLines.begin(), m_droppedLines.end());
    }
    m_stage = m_head.chunked ? Stage::ChunkSize : Stage::Body;
    return Progress::HeadComplete;
}

std::optional<FramingError> RequestFramer::checkContentLength()
{
    const QList<QByteArray> values = fieldValues(m_head.headers, "Content-Length");
    if (values.isEmpty())
        return std::nullopt;
    if (fieldCount(m_head.headers, "Transfer-Encoding") > 0)
        return ambiguousFraming(u"Content-Length and Transfer-Encoding must not be combined"_s);

    qint64 length = -1;
    for (const QByteArray &value : values) {
        if (value.contains(','))
            return ambiguousFraming(u"Content-Length must be a single number"_s);
        // 18 digits always fit in qint64; longer values are refused rather than wrapped.
        if (!isDigits(value) || value.size() > 18)
            return ambiguousFraming(u"Invalid Content-Length"_s);
        const qint64 parsed = value.toLongLong();
        if (length >= 0 && parsed != length)
            return ambiguousFraming(u"Conflicting Content-Length values"_s);
        length = parsed;
    }
    m_head.contentLength = length;
    return std::nullopt;
}

std::optional<FramingError> RequestFramer::checkTransferEncoding()
{
    if (fieldCount(m_head.headers, "Transfer-Encoding") == 0)
        return std::nullopt;
    const QList<QByteArray> codings = listElements(m_head.headers, "Transfer-Encoding");
    if (m_head.version == "HTTP/1.0")
        return ambiguousFraming(u"Transfer-Encoding is not allowed in HTTP/1.0 requests"_s);
    if (codings != QList<QByteArray>{"chunked"_ba}) {
        return FramingError{501, u"NOT_IMPLEMENTED"_s,
                            u"Only 'Transfer-Encoding: chunked' is supported"_s,
                            u"unsupported transfer coding"_s};
    }
    m_head.chunked = true;
    return std::nullopt;
}

void RequestFramer::applyConnectionOptions()
{
    const QList<QByteArray> options = listElements(m_head.headers, "Connection");
    const bool close = options.contains("close");
    if (m_head.version == "HTTP/1.1")
        m_head.keepAlive = !close;
    else
        m_head.keepAlive = !close && options.contains("keep-alive");
}

RequestFramer::Step RequestFramer::readBody()
{
    if (m_buffer.size() - m_headEnd < m_head.contentLength)
        return Progress::NeedMore;
    return complete(m_headEnd + m_head.contentLength);
}

RequestFramer::Step RequestFramer::readChunkSize()
{
    const auto tooLarge = [this](const QString &note) {
        return fail({413, u"PAYLOAD_TOO_LARGE"_s,
                     u"Request body exceeds %1"_s.arg(describeSize(m_maxBodyBytes)), note});
    };
    // Tiny, padded chunks make the raw body many times its decoded size.
    if (m_pos - m_headEnd > m_maxBodyBytes + MaxChunkedFramingBytes)
        return tooLarge(u"chunked framing too large"_s);
    const qsizetype lf = m_buffer.indexOf('\n', m_pos);
    if (lf < 0) {
        return m_buffer.size() - m_pos > MaxChunkSizeLine
                   ? fail(malformed(u"chunk size line too long"_s))
                   : Progress::NeedMore;
    }
    // 6.4 reads chunk size lines only up to CRLF, so a bare LF would desynchronise it.
    if (lf == m_pos || m_buffer.at(lf - 1) != '\r')
        return fail(malformed(u"chunk size line must end with CRLF"_s));

    const QByteArrayView line = QByteArrayView(m_buffer).sliced(m_pos, lf - 1 - m_pos);
    const qsizetype semicolon = line.indexOf(';');
    const QByteArrayView digits = semicolon < 0 ? line : line.first(semicolon);
    const QByteArrayView extension = semicolon < 0 ? QByteArrayView() : line.sliced(semicolon);
    if (!isHexDigits(digits) || digits.size() > MaxChunkSizeDigits || !isFieldText(extension))
        return fail(malformed(u"invalid chunk size line"_s));
    if (extension.size() > MaxChunkExtension)
        return fail(malformed(u"chunk extension too long"_s));

    const qint64 size = digits.toByteArray().toLongLong(nullptr, 16);
    if (m_decodedBodyBytes + size > m_maxBodyBytes)
        return tooLarge(u"chunked body too large"_s);
    m_pos = lf + 1;
    m_chunkRemaining = size;
    m_stage = size == 0 ? Stage::LastChunk : Stage::ChunkData;
    return std::nullopt;
}

RequestFramer::Step RequestFramer::readChunkData()
{
    if (m_buffer.size() - m_pos < m_chunkRemaining + 2)
        return Progress::NeedMore;
    if (QByteArrayView(m_buffer).sliced(m_pos + m_chunkRemaining, 2) != "\r\n")
        return fail(malformed(u"chunk data longer than its declared size"_s));
    m_decodedBody += QByteArrayView(m_buffer).sliced(m_pos, m_chunkRemaining);
    m_decodedBodyBytes += m_chunkRemaining;
    m_pos += m_chunkRemaining + 2;
    m_stage = Stage::ChunkSize;
    return std::nullopt;
}

RequestFramer::Step RequestFramer::readLastChunk()
{
    const QByteArrayView rest = QByteArrayView(m_buffer).sliced(m_pos);
    if (rest.size() < 2 && (rest.isEmpty() || rest.front() == '\r'))
        return Progress::NeedMore;
    // 6.4 does not read trailer fields; they would be taken for the next request.
    if (!rest.startsWith("\r\n"))
        return fail(malformed(u"chunked trailer fields are not supported"_s));
    return complete(m_pos + 2);
}

RequestFramer::Step RequestFramer::fail(FramingError error)
{
    m_error = std::move(error);
    m_stage = Stage::Failed;
    return Progress::Failed;
}

RequestFramer::Step RequestFramer::complete(qsizetype requestEnd)
{
    m_requestEnd = requestEnd;
    m_stage = Stage::Complete;
    return Progress::RequestComplete;
}
