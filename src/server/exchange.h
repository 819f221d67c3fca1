#pragma once

#include "apirequest.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

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
};

Q_DECLARE_METATYPE(Exchange)
