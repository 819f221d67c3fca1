#include "httpclient.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpClient::HttpClient(QUrl baseUrl)
    : m_baseUrl(std::move(baseUrl))
{}

HttpResult HttpClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                            const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(m_baseUrl.resolved(QUrl(path)));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QBuffer *payload = nullptr;
    if (!body.isNull()) {
        payload = new QBuffer;
        payload->setData(body);
    }
    // QNetworkAccessManager only knows that HEAD has no body when it is asked through head().
    QNetworkReply *reply = method == "HEAD" ? m_manager.head(request)
                                            : m_manager.sendCustomRequest(request, method, payload);
    if (payload)
        payload->setParent(reply);

    HttpResult result;
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (reply->isFinished() || finished.wait(10000)) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        for (const auto &pair : reply->rawHeaderPairs())
            result.headers.append({pair.first, pair.second});
    }
    reply->deleteLater();
    return result;
}

HttpResult HttpClient::sendJson(const QByteArray &method, const QString &path,
                                const QByteArray &json, const QByteArray &token)
{
    QList<std::pair<QByteArray, QByteArray>> headers{{"Content-Type"_ba, "application/json"_ba}};
    if (!token.isEmpty())
        headers.append({"Authorization"_ba, "Bearer " + token});
    return send(method, path, json, headers);
}
