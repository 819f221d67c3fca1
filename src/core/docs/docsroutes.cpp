#include "docsroutes.h"

#include "lessonapi.h"
#include "router.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

struct DocsFile
{
    QStringView path;     // as requested, without the /api/v1 alias
    QStringView resource; // listed in src/core/CMakeLists.txt
    QByteArrayView contentType;
};

// Every file served; nothing else under /docs exists.
constexpr DocsFile Files[] = {
    // Its servers are relative ("/", "/api/v1"): resolved against the URL the document was
    // fetched from, so "Try it out" calls the app that served it on whatever address and port,
    // with the same bytes for every request and no trust in the Host header.
    {u"/openapi.json", u":/docs/openapi.json", "application/json"},
    {u"/docs", u":/docs/docs/index.html", "text/html; charset=utf-8"},
    {u"/docs/docs-init.js", u":/docs/docs/docs-init.js", "text/javascript; charset=utf-8"},
    {u"/docs/swagger-ui-bundle.js", u":/docs/swagger-ui/swagger-ui-bundle.js",
     "text/javascript; charset=utf-8"},
    {u"/docs/swagger-ui.css", u":/docs/swagger-ui/swagger-ui.css", "text/css; charset=utf-8"},
    {u"/docs/favicon.svg", u":/docs/icons/apidojo.svg", "image/svg+xml"},
    {u"/docs/LICENSE", u":/docs/swagger-ui/LICENSE", "text/plain; charset=utf-8"},
    {u"/docs/NOTICE", u":/docs/swagger-ui/NOTICE", "text/plain; charset=utf-8"},
    {u"/docs/swagger-ui-bundle.js.LICENSE.txt",
     u":/docs/swagger-ui/swagger-ui-bundle.js.LICENSE.txt", "text/plain; charset=utf-8"},
};

// The page may load only this server's files: no inline script, nothing from the internet.
// (Swagger UI's style sheet embeds its icons as data: URLs.)
constexpr QByteArrayView PagePolicy =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

std::optional<ApiResponse> responseFor(const DocsFile &file)
{
    QFile resource(file.resource.toString());
    if (!resource.open(QIODevice::ReadOnly)) {
        // A build without the resource: tst_openapi and tst_docs fail on it.
        qWarning("Documentation file %s is not embedded", qUtf8Printable(resource.fileName()));
        return std::nullopt;
    }
    ApiResponse response;
    response.body = resource.readAll();
    response.headers = {{"Content-Type"_ba, file.contentType.toByteArray()},
                        // Revalidate every time: a newer ApiDojo serves other files at the
                        // same URLs, and the traffic stays on this machine or network.
                        {"Cache-Control"_ba, "no-cache"_ba},
                        {"X-Content-Type-Options"_ba, "nosniff"_ba}};
    if (file.contentType.startsWith("text/html"))
        response.headers.append({"Content-Security-Policy"_ba, PagePolicy.toByteArray()});
    return response;
}

// The answers, built on the first request and kept (the files cannot change while the app
// runs); then each request costs a copy of implicitly shared bytes. Thread-safe: a function's
// static is initialised once.
const QHash<QString, ApiResponse> &docsResponses()
{
    static const QHash<QString, ApiResponse> responses = [] {
        QHash<QString, ApiResponse> built;
        for (const DocsFile &file : Files) {
            if (const std::optional<ApiResponse> response = responseFor(file))
                built.insert(file.path.toString(), *response);
        }
        return built;
    }();
    return responses;
}

ApiResponse serve(const QString &path, const ApiRequest &request)
{
    const auto found = docsResponses().constFind(path);
    if (found != docsResponses().constEnd())
        return *found;
    // An unknown file is an unknown endpoint: a router without routes gives exactly the
    // app's 404 for it.
    return Router().route(request);
}

// A sandbox's document is the shared one with the sandbox's base path in front of its server
// URLs ("/s/alice", "/s/alice/api/v1"), so that "Try it out" stays in the sandbox. The shared
// document is cut once where that path goes; each request joins the pieces: no copy is kept per
// sandbox, and no JSON is parsed per request.
constexpr QByteArrayView BasePathMark = "@@APIDOJO_BASE_PATH@@";

// A "servers" array with the mark in front of each URL ("/" becomes the base path itself).
enum class ServerDescriptions { Keep, Sandbox };
QJsonArray markedServers(QJsonArray servers, ServerDescriptions descriptions)
{
    for (QJsonValueRef server : servers) {
        QJsonObject object = server.toObject();
        const QString url = object.value(u"url"_s).toString();
        object[u"url"_s] =
            QString(QString::fromLatin1(BasePathMark) + (url == u"/"_s ? QString() : url));
        if (descriptions == ServerDescriptions::Sandbox) {
            object[u"description"_s] =
                url == u"/"_s ? u"This sandbox"_s : u"This sandbox, under the %1 prefix"_s.arg(url);
        }
        server = object;
    }
    return servers;
}

QList<QByteArray> splitAtMark(const QByteArray &marked)
{
    QList<QByteArray> split;
    qsizetype from = 0;
    for (qsizetype at = marked.indexOf(BasePathMark); at >= 0;
         at = marked.indexOf(BasePathMark, from)) {
        split.append(marked.sliced(from, at - from));
        from = at + BasePathMark.size();
    }
    split.append(marked.sliced(from));
    return split;
}

const QList<QByteArray> &openApiAroundBasePath()
{
    static const QList<QByteArray> pieces = []() -> QList<QByteArray> {
        const auto shared = docsResponses().constFind(u"/openapi.json"_s);
        if (shared == docsResponses().constEnd())
            return {};
        QJsonObject document = QJsonDocument::fromJson(shared->body).object();
        document[u"servers"_s] =
            markedServers(document.value(u"servers"_s).toArray(), ServerDescriptions::Sandbox);
        // Operations with servers of their own (the control API's "/") stay in the sandbox too.
        QJsonObject paths = document.value(u"paths"_s).toObject();
        for (QJsonValueRef pathItem : paths) {
            QJsonObject item = pathItem.toObject();
            if (!item.contains(u"servers"_s))
                continue;
            item[u"servers"_s] =
                markedServers(item.value(u"servers"_s).toArray(), ServerDescriptions::Keep);
            pathItem = item;
        }
        document[u"paths"_s] = paths;
        return splitAtMark(QJsonDocument(document).toJson(QJsonDocument::Indented));
    }();
    return pieces;
}

// A lesson API's document (its paths relative to its prefix) with the prefix, after the base
// path, as its one server; cut like the shared one, once per lesson for the whole process.
QList<QByteArray> lessonOpenApiAroundBasePath(const QString &resource, const QString &prefix)
{
    static QMutex mutex; // every server thread's sandboxes share the cache
    static QHash<QString, QList<QByteArray>> cache;
    const QMutexLocker locker(&mutex);
    if (const auto found = cache.constFind(resource); found != cache.constEnd())
        return *found;
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("Documentation file %s is not embedded", qUtf8Printable(resource));
        return {};
    }
    QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
    document[u"servers"_s] =
        QJsonArray{QJsonObject{{u"url"_s, QString(QString::fromLatin1(BasePathMark) + prefix)}}};
    const QList<QByteArray> pieces =
        splitAtMark(QJsonDocument(document).toJson(QJsonDocument::Indented));
    cache.insert(resource, pieces);
    return pieces;
}

ApiResponse sandboxOpenApi(const QString &basePath, const ApiRequest &request)
{
    const auto shared = docsResponses().constFind(u"/openapi.json"_s);
    if (shared == docsResponses().constEnd())
        return Router().route(request);
    ApiResponse response = *shared;
    const QList<QByteArray> &pieces = openApiAroundBasePath();
    response.body = pieces.join(basePath.toUtf8());
    return response;
}

} // namespace

void addDocsRoutes(Router &router, const QString &basePath)
{
    using Params = QStringList;
    if (!basePath.isEmpty()) {
        router.addRoute("GET", u"/openapi.json"_s,
                        [basePath](const ApiRequest &request, const Params &) {
                            return sandboxOpenApi(basePath, request);
                        });
    }
    for (const QString &path : {u"/openapi.json"_s, u"/docs"_s}) {
        if (path == u"/openapi.json"_s && !basePath.isEmpty())
            continue;
        router.addRoute("GET", path, [path](const ApiRequest &request, const Params &) {
            return serve(path, request);
        });
    }
    router.addRoute("GET", u"/docs/{file}"_s, [](const ApiRequest &request, const Params &params) {
        return serve(u"/docs/"_s + params[0], request);
    });
}

void addLessonDocsRoutes(Router &router, const LessonApi &lesson, const QString &basePath)
{
    const QString prefix = lesson.prefix();
    const QString resource = lesson.openApiResource();
    const auto document = [prefix, resource, basePath](const ApiRequest &request,
                                                       const QStringList &) {
        const QList<QByteArray> pieces = lessonOpenApiAroundBasePath(resource, prefix);
        if (pieces.isEmpty())
            return Router().route(request);
        ApiResponse response;
        response.body = pieces.join(basePath.toUtf8());
        response.headers = {{"Content-Type"_ba, "application/json"_ba},
                            {"Cache-Control"_ba, "no-cache"_ba},
                            {"X-Content-Type-Options"_ba, "nosniff"_ba}};
        return response;
    };
    router.addRoute("GET", prefix + u"/openapi.json"_s, document);
    for (const QString &alias : lesson.documentAliases())
        router.addRoute("GET", prefix + alias, document);
    // The /docs page: its script shows the "swagger.json" beside a page that is not /docs.
    if (const QString page = lesson.swaggerUiPath(); !page.isEmpty()) {
        router.addRoute("GET", prefix + page, [](const ApiRequest &request, const QStringList &) {
            return serve(u"/docs"_s, request);
        });
    }
}
