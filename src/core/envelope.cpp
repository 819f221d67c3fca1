#include "envelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

using namespace Qt::StringLiterals;

JsonObjectWriter::JsonObjectWriter(qsizetype capacity)
{
    m_json.reserve(capacity);
    m_json.append('{');
}

void JsonObjectWriter::beginField(QLatin1StringView key)
{
    Q_ASSERT_X(m_lastKey.isNull() || m_lastKey < key, "JsonObjectWriter",
               "keys must ascend, as in QJsonObject");
    if (!m_lastKey.isNull())
        m_json.append(',');
    m_lastKey = key;
    m_json.append('"').append(key.data(), key.size()).append("\":");
}

void JsonObjectWriter::appendEscaped(QStringView value)
{
    if (!std::all_of(value.begin(), value.end(), [](QChar c) { return c.unicode() < 0x80; })) {
        // Rare in these bodies: Qt's own writer does UTF-8 and lone surrogates exactly as in
        // every other body.
        const QByteArray array =
            QJsonDocument(QJsonArray{value.toString()}).toJson(QJsonDocument::Compact);
        m_json.append(array.sliced(1, array.size() - 2));
        return;
    }
    static constexpr char hexDigits[] = "0123456789abcdef";
    m_json.append('"');
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        switch (u) {
        case '"':
            m_json.append("\\\"");
            break;
        case '\\':
            m_json.append("\\\\");
            break;
        case '\b':
            m_json.append("\\b");
            break;
        case '\f':
            m_json.append("\\f");
            break;
        case '\n':
            m_json.append("\\n");
            break;
        case '\r':
            m_json.append("\\r");
            break;
        case '\t':
            m_json.append("\\t");
            break;
        default:
            if (u < 0x20)
                m_json.append("\\u00").append(hexDigits[u >> 4]).append(hexDigits[u & 0xf]);
            else
                m_json.append(char(u));
        }
    }
    m_json.append('"');
}

JsonObjectWriter &JsonObjectWriter::string(QLatin1StringView key, QStringView value)
{
    beginField(key);
    appendEscaped(value);
    return *this;
}

JsonObjectWriter &JsonObjectWriter::string(QLatin1StringView key, QLatin1StringView value)
{
    const auto plain = [](char c) {
        return uchar(c) >= 0x20 && uchar(c) < 0x80 && c != '"' && c != '\\';
    };
    if (!std::all_of(value.begin(), value.end(), plain))
        return string(key, QStringView(QString(value)));
    beginField(key);
    m_json.append('"').append(value.data(), value.size()).append('"');
    return *this;
}

JsonObjectWriter &JsonObjectWriter::number(QLatin1StringView key, qint64 value)
{
    beginField(key);
    m_json.append(QByteArray::number(value));
    return *this;
}

JsonObjectWriter &JsonObjectWriter::boolean(QLatin1StringView key, bool value)
{
    beginField(key);
    m_json.append(value ? "true" : "false");
    return *this;
}

JsonObjectWriter &JsonObjectWriter::json(QLatin1StringView key, QByteArrayView value)
{
    beginField(key);
    m_json.append(value);
    return *this;
}

QByteArray JsonObjectWriter::finish()
{
    m_json.append('}');
    return std::move(m_json);
}

namespace Envelope {

QByteArray toBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

static ApiResponse jsonResponse(int status, const QJsonObject &body)
{
    ApiResponse response;
    response.status = status;
    response.headers.append({"Content-Type"_ba, "application/json"_ba});
    response.body = toBody(body);
    return response;
}

ApiResponse success(int status, const QJsonObject &data, const QString &message)
{
    return jsonResponse(status,
                        {{u"status"_s, u"success"_s}, {u"data"_s, data}, {u"message"_s, message}});
}

ApiResponse successJson(int status, QByteArrayView dataJson, const QString &message)
{
    ApiResponse response;
    response.status = status;
    response.headers.append({"Content-Type"_ba, "application/json"_ba});
    response.body = JsonObjectWriter(dataJson.size() + message.size() + 48)
                        .json("data"_L1, dataJson)
                        .string("message"_L1, message)
                        .string("status"_L1, "success"_L1)
                        .finish();
    return response;
}

ApiResponse error(int status, const QString &errorCode, const QString &message)
{
    return jsonResponse(
        status, {{u"status"_s, u"error"_s}, {u"error_code"_s, errorCode}, {u"message"_s, message}});
}

QString errorCodeOf(const QByteArray &body)
{
    // Every error envelope has one; a quick look spares parsing the many bodies without it.
    if (!body.contains("\"error_code\""))
        return {};
    const QJsonValue code = QJsonDocument::fromJson(body).object().value(u"error_code"_s);
    return code.toString();
}

} // namespace Envelope

ApiResponse Envelope::bare(int status, const QJsonObject &body)
{
    ApiResponse response;
    response.status = status;
    response.headers.append({"Content-Type"_ba, "application/json"_ba});
    response.body = toBody(body);
    return response;
}

ApiResponse uncached(ApiResponse response)
{
    response.setHeader("Cache-Control"_ba, "no-store"_ba);
    response.setHeader("Pragma"_ba, "no-cache"_ba);
    return response;
}
