#include "apirequest.h"

static const std::pair<QByteArray, QByteArray> *findHeader(const HttpHeaders &headers,
                                                           QByteArrayView name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return &header;
    }
    return nullptr;
}

QByteArray headerValue(const HttpHeaders &headers, QByteArrayView name)
{
    const auto *header = findHeader(headers, name);
    return header ? header->second : QByteArray();
}

bool hasHeader(const HttpHeaders &headers, QByteArrayView name)
{
    return findHeader(headers, name) != nullptr;
}

void ApiResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &[key, existing] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            existing = value;
            return;
        }
    }
    headers.append({name, value});
}

const QList<QByteArray> &commonHttpMethods()
{
    static const QList<QByteArray> methods{"GET",    "POST", "PUT",    "PATCH",
                                           "DELETE", "HEAD", "OPTIONS"};
    return methods;
}
