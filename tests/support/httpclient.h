#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QUrl>
#include <utility>

// A blocking HTTP exchange for tests: sends with QNetworkAccessManager and spins the event loop
// until the reply finishes (or 10 s pass).
struct HttpResult
{
    int status = 0; // 0: no response
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
};

class HttpClient
{
public:
    explicit HttpClient(QUrl baseUrl);

    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    HttpResult get(const QString &path) { return send("GET", path); }
    // POST/PUT with a JSON body and an optional bearer token.
    HttpResult sendJson(const QByteArray &method, const QString &path, const QByteArray &json,
                        const QByteArray &token = {});

private:
    QUrl m_baseUrl;
    QNetworkAccessManager m_manager;
};
