#pragma once

#include "apirequest.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>
#include <utility>

// The request head as far as the framer understood it, so that a refused request can still be
// reported with whatever was parsed before the problem.
struct RequestHead
{
    QByteArray method;
    QByteArray target;
    QByteArray version; // "HTTP/1.0" or "HTTP/1.1"
    HttpHeaders headers;
    bool keepAlive = true;
    bool expectsContinue = false;
    bool chunked = false;
    qint64 contentLength = 0;
};

// Why a request is refused, in the terms of the API's error envelope.
struct FramingError
{
    int status = 400;
    QString errorCode;
    QString message;
    QString note; // the specific reason, for the exchange log
};

// Finds where each HTTP/1.x request in a connection's byte stream ends, and refuses anything
// whose framing is ambiguous, malformed or over the limits, as soon as that is decidable.
class RequestFramer
{
public:
    enum class Progress { NeedMore, HeadComplete, RequestComplete, Failed };

    RequestFramer(qint64 maxHeadBytes, qint64 maxBodyBytes);

    void append(const QByteArray &bytes);
    // Parses what has been appended so far; call again after HeadComplete.
    Progress advance();
    // After RequestComplete: the request as QHttpServer should parse it. The framer then starts
    // on whatever followed it (pipelined requests). A chunked request comes out de-chunked, with
    // Content-Length instead of Transfer-Encoding: 6.4's chunk parser is quadratic.
    QByteArray takeRequest();

    const RequestHead &head() const { return m_head; }
    const FramingError &error() const { return m_error; }
    bool hasBufferedBytes() const { return !m_buffer.isEmpty(); }
    qint64 bufferedBytes() const { return m_buffer.size(); }
    bool hasBodyBytes() const;

private:
    enum class Stage {
        RequestLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        LastChunk,
        Complete,
        Failed
    };
    using Step = std::optional<Progress>; // nullopt: the stage moved on, keep parsing

    Step readRequestLine();
    Step readHeaderLine();
    Step finishHead();
    Step readBody();
    Step readChunkSize();
    Step readChunkData();
    Step readLastChunk();
    bool skipEmptyLinesBeforeRequest();
    std::optional<FramingError> checkContentLength();
    std::optional<FramingError> checkTransferEncoding();
    void applyConnectionOptions();
    Step fail(FramingError error);
    Step complete(qsizetype requestEnd);
    void reset();

    qint64 m_maxHeadBytes;
    qint64 m_maxBodyBytes;
    QByteArray m_buffer; // starts with the current request
    qsizetype m_pos = 0;
    Stage m_stage = Stage::RequestLine;
    RequestHead m_head;
    FramingError m_error;
    // Header lines QHttpServer must not see, as [begin, end) offsets into m_buffer.
    QList<std::pair<qsizetype, qsizetype>> m_droppedLines;
    QList<std::pair<qsizetype, qsizetype>> m_transferEncodingLines;
    qsizetype m_blankLineStart = 0; // the empty line that ends the head
    qsizetype m_headEnd = 0;
    qsizetype m_requestEnd = 0;
    qint64 m_chunkRemaining = 0;
    qint64 m_decodedBodyBytes = 0;
    QByteArray m_decodedBody; // of a chunked request
    int m_emptyLinesSkipped = 0;
};
