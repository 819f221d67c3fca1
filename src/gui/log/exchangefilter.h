#pragma once

#include "exchange.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <optional>

// What the request log shows: every criterion that is set must hold. Cheap to test, because the
// log runs it on every exchange that arrives while a filter is on.
class ExchangeFilter
{
    Q_GADGET

public:
    // Faulted: any exchange an injected fault touched, whatever its status.
    enum class StatusClass { Any, Success, Redirection, ClientError, ServerError, Error, Faulted };
    Q_ENUM(StatusClass)

    QByteArray method; // e.g. "GET"; empty: any method
    StatusClass statusClass = StatusClass::Any;
    // Case-insensitive part of the path and query, as sent or as the log shows a lesson's
    // ("[inventory] /auth"); empty: any.
    QString pathText;
    // The instance: a sandbox's name, "" for the shared class API; nullopt: any.
    std::optional<QString> sandbox;

    bool isEmpty() const
    {
        return method.isEmpty() && statusClass == StatusClass::Any && pathText.isEmpty() &&
               !sandbox;
    }
    bool accepts(const Exchange &exchange) const;

    static bool isInClass(int status, StatusClass statusClass);

    friend bool operator==(const ExchangeFilter &a, const ExchangeFilter &b)
    {
        return a.method == b.method && a.statusClass == b.statusClass && a.pathText == b.pathText &&
               a.sandbox == b.sandbox;
    }
    friend bool operator!=(const ExchangeFilter &a, const ExchangeFilter &b) { return !(a == b); }
};
