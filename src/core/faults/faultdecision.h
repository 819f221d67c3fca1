#pragma once

#include "apirequest.h"

#include <QList>
#include <QMetaType>
#include <QString>

// One fault that touched an exchange, as the log and the inspector show it.
struct AppliedFault
{
    // What the fault did, for readers that must not parse the texts (challenge detection).
    enum class Kind {
        Latency,
        RateLimit,
        Status,
        Drop,
        Reset,
        MalformedBody,
        EmptyBody,
        WrongContentType,
        SlowBody,
    };

    QString source; // "Latency", "Rate limit", "Rule 2 (POST /users)"
    QString effect; // "+612 ms", "429 Too Many Requests", "503 Service Unavailable", …
    Kind kind = Kind::Status;

    // The kind follows from what the texts describe.
    bool operator==(const AppliedFault &other) const
    {
        return source == other.source && effect == other.effect;
    }
};

// What the server must do with one request, decided by FaultInjector before the handler runs.
struct FaultDecision
{
    enum class Delivery {
        Normal,           // run the handler, send its answer
        Replace,          // do not run the handler; send `replacement`
        Drop,             // do not run the handler; close the connection without an answer
        Reset,            // run the handler; send the head and part of the body, then reset
        MalformedBody,    // run the handler; shapeResponse() cuts the body short
        EmptyBody,        // run the handler; shapeResponse() empties the body
        WrongContentType, // run the handler; shapeResponse() relabels the body
        SlowBody,         // run the handler; send the head, then the body over slowBodyMs
    };

    int delayMs = 0; // before anything else happens (the handler runs after the delay)
    Delivery delivery = Delivery::Normal;
    ApiResponse replacement;  // Replace only
    int slowBodyMs = 0;       // SlowBody only
    HttpHeaders extraHeaders; // added to whatever is answered (the X-RateLimit-* fields)
    QList<AppliedFault> applied;

    bool runsHandler() const { return delivery != Delivery::Replace && delivery != Delivery::Drop; }
};

Q_DECLARE_METATYPE(AppliedFault)
