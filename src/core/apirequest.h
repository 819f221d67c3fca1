#pragma once

#include "tokencheck.h"

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrlQuery>
#include <utility>

using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

// The methods clients use with this API, in the order menus list them (log filter, fault rules).
const QList<QByteArray> &commonHttpMethods();

// Looks a header up case-insensitively; the first occurrence wins. Empty if absent.
QByteArray headerValue(const HttpHeaders &headers, QByteArrayView name);
bool hasHeader(const HttpHeaders &headers, QByteArrayView name);

// One HTTP request, copied by value out of the transport so that core never sees a socket.
struct ApiRequest
{
    QByteArray method; // upper case, as sent: "GET", "POST", ...
    QString path;      // percent-decoded path without the query, e.g. "/users/1"
    QUrlQuery query;
    HttpHeaders headers;
    QByteArray body;
    QHostAddress clientAddress;
    quint16 clientPort = 0;
    QDateTime receivedAt; // UTC
    // The sandbox the request is for (API.md Part D), lower case; empty for the shared class
    // API. Set by the server layer before routing; handlers never read it.
    QString sandbox;
    // "/s/<name>" when the path named the sandbox (then `path` is what follows it, possibly
    // empty), else empty.
    QString sandboxPrefix;

    // The path as the client sent it, for messages and logs.
    QString pathAsSent() const { return sandboxPrefix + path; }

    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
    bool hasHeader(QByteArrayView name) const { return ::hasHeader(headers, name); }
};

// One HTTP response as core decided it. For HEAD the body is that of the GET; the server sends
// only the headers (with the GET's Content-Length).
struct ApiResponse
{
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
    // How the API judged the request's bearer token: recorded for the log, never sent.
    TokenCheck tokenCheck;

    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
    void setHeader(const QByteArray &name, const QByteArray &value);
};
