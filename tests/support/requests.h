#pragma once

#include "apirequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

// Builds an ApiRequest the way the server layer would, for tests at the core level.
inline ApiRequest makeRequest(const QByteArray &method, const QString &target,
                              const QByteArray &body = {}, const HttpHeaders &headers = {})
{
    const QUrl url(QStringLiteral("http://localhost") + target);
    ApiRequest request;
    request.method = method;
    request.path = url.path(QUrl::FullyDecoded);
    request.query = QUrlQuery(url.query(QUrl::FullyEncoded));
    request.headers = headers;
    request.body = body;
    request.clientAddress = QHostAddress::LocalHost;
    request.clientPort = 40000;
    request.receivedAt = QDateTime::currentDateTimeUtc();
    return request;
}

inline QJsonObject jsonBody(const ApiResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}
