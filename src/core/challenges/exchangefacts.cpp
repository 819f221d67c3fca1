#include "exchangefacts.h"

#include "pathpattern.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

QString withoutAlias(const QString &path)
{
    const QString alias = u"/api/v1"_s;
    if (path == alias)
        return u"/"_s;
    if (path.startsWith(alias + u'/'))
        return path.mid(alias.size());
    return path;
}

bool isUnder(const QString &path, const QString &prefix)
{
    return path == prefix || path.startsWith(prefix + u'/');
}

QJsonObject jsonObjectOf(const QByteArray &body)
{
    if (body.isEmpty())
        return {};
    return QJsonDocument::fromJson(body).object();
}

} // namespace

ExchangeFacts::ExchangeFacts(const Exchange &exchange)
    : m_exchange(exchange)
    , m_path(withoutAlias(exchange.request.path))
    , m_requestJson(jsonObjectOf(exchange.request.body))
{}

bool ExchangeFacts::counts() const
{
    if (m_exchange.isTrainerRecord() || method().isEmpty() || !m_exchange.delivered)
        return false;
    return m_path != u"/challenges"_s && m_path != u"/progress"_s &&
           !isUnder(m_path, u"/_dojo"_s) && !isUnder(m_path, u"/lessons"_s);
}

bool ExchangeFacts::is(QByteArrayView method, QStringView pattern) const
{
    return (method.isEmpty() || this->method() == method) && PathPattern::matches(pattern, m_path);
}

bool ExchangeFacts::answered(QByteArrayView method, QStringView pattern, int status,
                             QStringView errorCode) const
{
    return this->status() == status && (errorCode.isEmpty() || m_exchange.errorCode == errorCode) &&
           answeredByApi() && is(method, pattern);
}

bool ExchangeFacts::answeredByApi() const
{
    return !hasFault(AppliedFault::Kind::Status) && !hasFault(AppliedFault::Kind::RateLimit) &&
           !hasFault(AppliedFault::Kind::Drop);
}

bool ExchangeFacts::hasFault(AppliedFault::Kind kind) const
{
    for (const AppliedFault &fault : m_exchange.faults) {
        if (fault.kind == kind)
            return true;
    }
    return false;
}

QString ExchangeFacts::query(const QString &name) const
{
    return m_exchange.request.query.queryItemValue(name, QUrl::FullyDecoded);
}

QByteArray ExchangeFacts::authorization() const
{
    return m_exchange.request.header("Authorization").trimmed();
}

const QJsonObject &ExchangeFacts::responseJson() const
{
    if (!m_responseJson)
        m_responseJson = jsonObjectOf(m_exchange.response.body);
    return *m_responseJson;
}

QJsonObject ExchangeFacts::responseData() const
{
    return responseJson().value(u"data"_s).toObject();
}
