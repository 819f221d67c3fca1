#pragma once

#include "apirequest.h"
#include "faultdecision.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

// One request and what became of it, recorded once the response went out (or could not).
struct Exchange
{
    quint64 id = 0;
    QDateTime startedAt;  // UTC
    ApiRequest request;   // as far as it was understood; empty for a refused connection
    ApiResponse response; // as written: framing headers included, no body for HEAD
    qint64 durationUs = 0;
    bool rejectedByGuard = false; // answered by the transport guard, never reached the handler
    bool delivered = true;        // false when the client was gone before the response was ready
    QString note;                 // why the guard stepped in, or why nothing was delivered
    QString errorCode;            // the response's error_code, e.g. TOKEN_REVOKED; empty if none
    QList<AppliedFault> faults;   // what the fault plan did to this exchange, in order
    // "Data reset — by POST /reset" when the exchange reset an instance's data; see datareset.h.
    QString dataReset;
    // The challenges (issue 16) this exchange completed in its instance, by id.
    QStringList challengesCompleted;
    // Bytes a long-lived keeper (the window's log) cut from the end of each body, see cutBodies.
    qint64 requestBodyBytesCut = 0;
    qint64 responseBodyBytesCut = 0;

    // The trainer's reset from the window: a record among the exchanges, not a request.
    bool isTrainerRecord() const { return request.method.isEmpty() && !dataReset.isEmpty(); }
    qint64 responseBodySize() const { return response.body.size() + responseBodyBytesCut; }
    qint64 requestBodySize() const { return request.body.size() + requestBodyBytesCut; }
    bool bodiesCut() const { return requestBodyBytesCut > 0 || responseBodyBytesCut > 0; }
};

// Keeps at most maxBytes of each body and remembers how much went: 10,000 kept exchanges of
// 1 MiB bodies would otherwise hold 10 GB.
inline void cutBodies(Exchange &exchange, qsizetype maxBytes)
{
    const auto cut = [maxBytes](QByteArray &body, qint64 &bytesCut) {
        if (body.size() <= maxBytes)
            return;
        // Never inside a UTF-8 sequence: the kept part of a text body stays text.
        qsizetype keep = maxBytes;
        while (keep > 0 && (uchar(body.at(keep)) & 0xC0) == 0x80)
            --keep;
        bytesCut += body.size() - keep;
        body.truncate(keep);
        body.squeeze();
    };
    cut(exchange.request.body, exchange.requestBodyBytesCut);
    cut(exchange.response.body, exchange.responseBodyBytesCut);
}

Q_DECLARE_METATYPE(Exchange)
