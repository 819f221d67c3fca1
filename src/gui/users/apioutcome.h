#pragma once

#include "apirequest.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// What the API answered a trainer's request, read from the contract's envelope.
struct ApiOutcome
{
    bool succeeded = false;
    int status = 0;     // 0: no answer from the API
    QString message;    // the envelope's message, verbatim
    QString errorCode;  // error_code; empty on success
    QJsonValue details; // an error's "details", if it has any
    QJsonObject data;   // a success's "data"

    static ApiOutcome fromResponse(const ApiResponse &response);

    // The rest of an error besides its message, as a tester would assert on it:
    // "HTTP 409 · DUPLICATE_EMAIL", then any details.
    QString errorSummary() const;
};
