#include "datareset.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace DataReset {

QString describe(const QString &sandbox, const QString &cause)
{
    return sandbox.isEmpty() ? u"Data reset — by %1"_s.arg(cause)
                             : u"Data reset of %1's sandbox — by %2"_s.arg(sandbox, cause);
}

QString describe(const Exchange &exchange)
{
    const ApiRequest &request = exchange.request;
    // A fault that replaced or dropped the answer kept the handler from running.
    if (request.method != "POST" || exchange.response.status != 200)
        return {};
    if (request.path == u"/reset" || request.path == u"/api/v1/reset")
        return describe(request.sandbox, u"POST "_s + request.pathAsSent());
    if (request.path == u"/_dojo/reset")
        return describe(request.sandbox, u"the control API"_s);
    static const QRegularExpression sandboxReset(
        QRegularExpression::anchoredPattern(u"/_dojo/sandboxes/([^/]+)/reset"_s));
    const QRegularExpressionMatch match = sandboxReset.match(request.path);
    if (match.hasMatch())
        return describe(match.captured(1).toLower(), u"the control API"_s);
    return {};
}

Exchange trainerRecord(const QString &sandbox, const ApiResponse &response)
{
    Exchange record;
    record.startedAt = QDateTime::currentDateTimeUtc();
    record.request.receivedAt = record.startedAt;
    record.request.sandbox = sandbox;
    record.response = response;
    record.dataReset = describe(sandbox, u"the trainer (window)"_s);
    record.note = u"no HTTP request: the trainer reset the data from the window"_s;
    return record;
}

} // namespace DataReset
