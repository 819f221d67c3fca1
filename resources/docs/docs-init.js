// Starts Swagger UI on the /docs page of ApiDojo. A file of its own rather than an inline script,
// so that the page runs under a Content-Security-Policy without 'unsafe-inline'.
"use strict";

window.ui = SwaggerUIBundle({
    // The document next to this page (relative: /s/alice/docs shows the sandbox's); its
    // relative server URLs make "Try it out" call this same server and sandbox, whatever its
    // address and port.
    url: "openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: true,
    // The latency faults are part of the practice: show how long each request took.
    displayRequestDuration: true,
    // Nothing leaves the machine: by default Swagger UI would send the document's URL to an
    // online validator.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
});
