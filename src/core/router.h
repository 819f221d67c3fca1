#pragma once

#include "apirequest.h"

#include <QByteArrayList>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>
#include <utility>

// Maps method + path to a handler and answers everything the routes themselves don't: the
// /api/v1 alias, 404, 405 with Allow, OPTIONS preflight, HEAD as GET, and CORS on every response.
class Router
{
public:
    // params holds the values of the pattern's {placeholders}, in order.
    using Handler =
        std::function<ApiResponse(const ApiRequest &request, const QStringList &params)>;

    static constexpr QStringView AliasPrefix = u"/api/v1";

    // An {id} of the path: nullopt when it is not written as an integer ("abc", "1.5": an invalid
    // id); 0 for an integer too large for 64 bits, which no record has (not found, like any
    // unknown id).
    static std::optional<qint64> integerParam(const QString &text);

    // pattern: "/users" or "/users/{id}"; one handler per method and pattern.
    void addRoute(const QByteArray &method, const QString &pattern, Handler handler);

    ApiResponse route(const ApiRequest &request) const;

    // Every route as "METHOD /pattern", in the order added (for documentation checks).
    QStringList routeNames() const;

    // Switches off every route under a path prefix ("/lessons/inventory"): its paths answer
    // 404 as if they had no routes. On by default.
    void setPrefixEnabled(const QString &prefix, bool enabled);

    // Request headers a browser may send under a path prefix, besides Authorization,
    // Content-Type and X-Sandbox (named in the OPTIONS preflight's Allow-Headers).
    void allowRequestHeaders(const QString &prefix, const QByteArrayList &headers);

    // The methods a path answers, with HEAD and OPTIONS; empty if no route matches the path.
    QByteArrayList allowedMethods(const QString &path) const;

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        Handler handler;
    };

    ApiResponse dispatch(const ApiRequest &request) const;
    bool isSwitchedOff(const QStringList &segments) const;
    QByteArray allowedRequestHeaders(const QStringList &segments) const;
    QByteArrayList allowedMethods(const QStringList &segments) const;
    static bool matches(const Route &route, const QStringList &segments, QStringList *params);

    QList<Route> m_routes;
    QList<QStringList> m_switchedOff;                             // prefixes, as segments
    QList<std::pair<QStringList, QByteArrayList>> m_extraHeaders; // by prefix
};
