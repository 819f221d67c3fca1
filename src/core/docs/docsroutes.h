#pragma once

class Router;

// The API's own documentation, embedded in the binary (resource "apidojo_docs"):
//   GET /openapi.json   the OpenAPI document (the document itself, not in an envelope)
//   GET /docs           Swagger UI over it
//   GET /docs/{file}    the page's assets; any other file is the router's usual 404
void addDocsRoutes(Router &router);
