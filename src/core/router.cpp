#include "router.h"

#include "apierror.h"

#include <QRegularExpression>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QStringList pathSegments(QStringView path)
{
    // "/users/1" -> ["users", "1"]; a trailing slash leaves an empty segment that matches nothing.
    QStringList segments = path.mid(1).toString().split(u'/');
    if (segments == QStringList{QString()})
        segments.clear();
    return segments;
}

QString stripAlias(const QString &path)
{
    if (path == Router::AliasPrefix)
        return u"/"_s;
    if (path.startsWith(Router::AliasPrefix) && path.at(Router::AliasPrefix.size()) == u'/')
        return path.mid(Router::AliasPrefix.size());
    return path;
}

bool isPlaceholder(const QString &segment)
{
    return segment.startsWith(u'{') && segment.endsWith(u'}');
}

} // namespace

std::optional<qint64> Router::integerParam(const QString &text)
{
    static const QRegularExpression integer(QRegularExpression::anchoredPattern(u"-?[0-9]+"_s));
    if (!integer.match(text).hasMatch())
        return std::nullopt;
    bool fits = false;
    const qint64 value = text.toLongLong(&fits);
    return fits ? value : 0; // ids start at 1
}

void Router::addRoute(const QByteArray &method, const QString &pattern, Handler handler)
{
    m_routes.append({method, pathSegments(pattern), std::move(handler)});
}

QStringList Router::routeNames() const
{
    QStringList names;
    for (const Route &route : m_routes)
        names.append(QString::fromLatin1(route.method) + u" /"_s + route.segments.join(u'/'));
    return names;
}

void Router::setPrefixEnabled(const QString &prefix, bool enabled)
{
    const QStringList segments = pathSegments(prefix);
    m_switchedOff.removeAll(segments);
    if (!enabled)
        m_switchedOff.append(segments);
}

void Router::allowRequestHeaders(const QString &prefix, const QByteArrayList &headers)
{
    m_extraHeaders.append({pathSegments(prefix), headers});
}

namespace {
bool startsWith(const QStringList &segments, const QStringList &prefix)
{
    return segments.size() >= prefix.size() &&
           std::equal(prefix.cbegin(), prefix.cend(), segments.cbegin());
}
} // namespace

bool Router::isSwitchedOff(const QStringList &segments) const
{
    return std::any_of(
        m_switchedOff.cbegin(), m_switchedOff.cend(),
        [&segments](const QStringList &prefix) { return startsWith(segments, prefix); });
}

QByteArray Router::allowedRequestHeaders(const QStringList &segments) const
{
    QByteArrayList headers{"Authorization"_ba, "Content-Type"_ba, "X-Sandbox"_ba};
    for (const auto &[prefix, extra] : m_extraHeaders) {
        if (startsWith(segments, prefix))
            headers += extra;
    }
    return headers.join(", ");
}

bool Router::matches(const Route &route, const QStringList &segments, QStringList *params)
{
    if (route.segments.size() != segments.size())
        return false;
    QStringList values;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (isPlaceholder(route.segments[i]) && !segments[i].isEmpty())
            values.append(segments[i]);
        else if (route.segments[i] != segments[i])
            return false;
    }
    if (params)
        *params = values;
    return true;
}

QByteArrayList Router::allowedMethods(const QString &path) const
{
    return allowedMethods(pathSegments(stripAlias(path)));
}

QByteArrayList Router::allowedMethods(const QStringList &segments) const
{
    QByteArrayList methods;
    if (isSwitchedOff(segments))
        return methods;
    for (const Route &route : m_routes) {
        if (matches(route, segments, nullptr) && !methods.contains(route.method))
            methods.append(route.method);
    }
    if (methods.isEmpty())
        return methods;
    if (methods.contains("GET"))
        methods.append("HEAD");
    methods.append("OPTIONS");
    return methods;
}

ApiResponse Router::route(const ApiRequest &request) const
{
    ApiResponse response = dispatch(request);
    response.setHeader("Access-Control-Allow-Origin"_ba, "*"_ba);
    return response;
}

ApiResponse Router::dispatch(const ApiRequest &request) const
{
    const QStringList segments = pathSegments(stripAlias(request.path));
    if (request.method != "OPTIONS" && !isSwitchedOff(segments)) {
        const QByteArray method = request.method == "HEAD" ? "GET"_ba : request.method;
        for (const Route &route : m_routes) {
            QStringList params;
            if (route.method == method && matches(route, segments, &params))
                return route.handler(request, params);
        }
    }

    const QByteArrayList allowed = allowedMethods(segments);
    if (allowed.isEmpty()) {
        return ApiError{404, u"NOT_FOUND"_s, u"Endpoint not found: "_s + request.pathAsSent()}
            .toResponse();
    }

    if (request.method == "OPTIONS") {
        ApiResponse preflight;
        preflight.status = 204;
        preflight.headers = {{"Allow"_ba, allowed.join(", ")},
                             {"Access-Control-Allow-Methods"_ba, allowed.join(", ")},
                             {"Access-Control-Allow-Headers"_ba, allowedRequestHeaders(segments)},
                             {"Access-Control-Max-Age"_ba, "86400"_ba}};
        return preflight;
    }

    ApiResponse notAllowed = ApiError{405, u"METHOD_NOT_ALLOWED"_s,
                                      u"Method "_s + QString::fromLatin1(request.method) +
                                          u" is not allowed on "_s + request.pathAsSent()}
                                 .toResponse();
    notAllowed.setHeader("Allow"_ba, allowed.join(", "));
    return notAllowed;
}
