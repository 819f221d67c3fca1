// Starts Swagger UI on the /docs page of ApiDojo. A file of its own rather than an inline script,
// so that the page runs under a Content-Security-Policy without 'unsafe-inline'.
"use strict";

const options = {
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
};

function showDocument(url) {
    window.ui = SwaggerUIBundle({ ...options, url });
}

// At /docs (also /s/alice/docs, /api/v1/docs): a selector over every API this server offers.
// The server lists the documents (the lesson APIs switched on) with its sandbox's paths; their
// relative server URLs make "Try it out" call this same server and sandbox, whatever its address
// and port. The choice stays in the address (?api=...), so a reload or a shared link keeps it.
function offerDocuments(documents) {
    const selector = document.getElementById("api-selector");
    const choice = document.getElementById("api");
    for (const entry of documents.urls) {
        choice.add(new Option(entry.name, entry.url));
    }
    const wanted = new URLSearchParams(window.location.search).get("api");
    const chosen = documents.urls.find((entry) => entry.name === wanted);
    choice.value = (chosen || documents.urls[0]).url;
    choice.addEventListener("change", () => {
        const address = new URL(window.location.href);
        address.searchParams.set("api", choice.options[choice.selectedIndex].text);
        address.hash = "";
        window.history.replaceState(null, "", address);
        showDocument(choice.value);
    });
    selector.hidden = false;
    showDocument(choice.value);
}

const page = window.location.pathname;
if (/\/docs\/?$/.test(page)) {
    fetch(page.replace(/\/?$/, "/documents.json"))
        .then((response) => response.json())
        .then(offerDocuments)
        .catch(() => showDocument("openapi.json"));
} else {
    // A lesson API's own page (e.g. /lessons/flask-jwt/api/v1/ui): the document beside it.
    showDocument("swagger.json");
}
