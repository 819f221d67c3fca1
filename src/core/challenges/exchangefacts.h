#pragma once

#include "exchange.h"

#include <QJsonObject>
#include <optional>

// What one recorded exchange shows, read once for every challenge detector.
class ExchangeFacts
{
public:
    explicit ExchangeFacts(const Exchange &exchange);

    // False for what never counts: the trainer's records, answers the client never got, and the
    // paths that are not the practice API (/challenges, /progress, /_dojo/..., /lessons/...).
    bool counts() const;

    const Exchange &exchange() const { return m_exchange; }
    const QByteArray &method() const { return m_exchange.request.method; }
    const QString &path() const { return m_path; } // without the /api/v1 alias
    int status() const { return m_exchange.response.status; }
    const QString &errorCode() const { return m_exchange.errorCode; }
    TokenCheck::Verdict verdict() const { return m_exchange.response.tokenCheck.verdict; }
    bool isSuccess() const { return status() >= 200 && status() < 300; }

    // `method` empty: any; `pattern` as for fault rules ("/users/*").
    bool is(QByteArrayView method, QStringView pattern) const;
    // The API itself answered (no fault replaced or dropped its answer) with that status and
    // error_code (empty: none required).
    bool answered(QByteArrayView method, QStringView pattern, int status,
                  QStringView errorCode = {}) const;
    bool answeredByApi() const;
    bool hasFault(AppliedFault::Kind kind) const;

    bool hasQuery(const QString &name) const { return m_exchange.request.query.hasQueryItem(name); }
    QString query(const QString &name) const;
    QByteArray authorization() const;
    const QJsonObject &requestJson() const { return m_requestJson; }
    // Parsed on first use: most detectors never read the response body.
    const QJsonObject &responseJson() const;
    QJsonObject responseData() const;

private:
    const Exchange &m_exchange;
    QString m_path;
    QJsonObject m_requestJson;
    mutable std::optional<QJsonObject> m_responseJson;
};
