#include "logtext.h"

#include "exchangeformat.h"
#include "lessons/lessoncatalogue.h"

using namespace Qt::StringLiterals;

namespace LogText {

namespace {

// C0 controls and DEL become the symbols of the Control Pictures block (U+2400).
QString withVisibleControls(QString text)
{
    for (QChar &c : text) {
        if (c.unicode() < 0x20)
            c = QChar(0x2400 + c.unicode());
        else if (c.unicode() == 0x7f)
            c = QChar(0x2421);
    }
    return text;
}

} // namespace

QString orMissing(const QString &text)
{
    return text.isEmpty() ? u"\u2014"_s : text;
}

QString method(const QByteArray &method)
{
    return orMissing(QString::fromLatin1(method));
}

QString target(const ApiRequest &request)
{
    const QString path = request.pathAsSent();
    if (request.query.isEmpty())
        return orMissing(withVisibleControls(path));
    return withVisibleControls(path + u'?' + request.query.toString(QUrl::PrettyDecoded));
}

QString lessonTagged(const ApiRequest &request)
{
    const QString lesson = lessonOfPath(request.path);
    if (lesson.isEmpty())
        return {};
    const QString full = target(request);
    const qsizetype prefixEnd =
        request.sandboxPrefix.size() + u"/lessons/"_s.size() + lesson.size();
    QString tagged = request.sandboxPrefix.isEmpty() ? QString() : request.sandboxPrefix + u' ';
    tagged += u'[' + lesson + u']';
    const QStringView rest = QStringView(full).sliced(prefixEnd); // "/auth/login?x=1", or none
    if (!rest.isEmpty())
        tagged += u' ' + rest;
    return tagged;
}

QString status(const Exchange &exchange)
{
    // A connection a fault dropped or reset counts as delivered: only a client that left is
    // "not delivered".
    // The error code says more than the reason phrase ("401 TOKEN_REVOKED", not "401
    // Unauthorized"); the tooltip keeps the phrase.
    const QString text =
        exchange.errorCode.isEmpty()
            ? ExchangeFormat::statusText(exchange.response.status)
            : QString::number(exchange.response.status) + u' ' + exchange.errorCode;
    return exchange.delivered ? text : text + u" (client left)"_s;
}

QString faultMarker(const Exchange &exchange)
{
    if (exchange.faults.isEmpty())
        return {};
    QStringList parts;
    for (const AppliedFault &fault : exchange.faults) {
        // "Latency" says nothing its "+512 ms" does not; "Rule 1 (POST /users)" is the rule.
        if (fault.effect.startsWith(u'+'))
            parts.append(fault.effect);
        else
            parts.append(fault.source.section(u" ("_s, 0, 0));
    }
    return u"\u26A1 "_s + parts.join(u", "_s);
}

} // namespace LogText
