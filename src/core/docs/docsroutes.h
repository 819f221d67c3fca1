#pragma once

#include <QString>

class LessonApi;
class Router;

// The API's own documentation, embedded in the binary (resource "apidojo_docs"):
//   GET /openapi.json   the OpenAPI document (the document itself, not in an envelope)
//   GET /docs           Swagger UI over it
//   GET /docs/{file}    the page's assets; any other file is the router's usual 404
// basePath: a sandbox's "/s/<name>", whose document then lists the sandbox's base URLs as its
// servers (so that "Try it out" stays in the sandbox); empty for the shared API.
void addDocsRoutes(Router &router, const QString &basePath = {});

// A lesson API's own document at "<prefix>/openapi.json" and its aliases (its resource's paths
// are relative to the prefix; its server is basePath + prefix), and its Swagger UI page if any.
void addLessonDocsRoutes(Router &router, const LessonApi &lesson, const QString &basePath = {});
