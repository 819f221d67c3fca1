#include "emailtext.h"

#include "outboxemail.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace EmailText {

QString sender()
{
    return u"ApiDojo <no-reply@apidojo.local>"_s;
}

QString listTime(const QDateTime &time)
{
    return time.toLocalTime().toString(u"HH:mm:ss"_s);
}

QString receivedTime(const QDateTime &time)
{
    if (!time.isValid())
        return u"(unknown)"_s;
    return time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" ("_s +
           time.toUTC().toString(u"HH:mm:ss"_s) + u" UTC)"_s;
}

QString resetLink(const OutboxEmail &email)
{
    if (email.token.isEmpty())
        return {};
    // The body names the link with the address the API listened on when it sent the email.
    const QRegularExpression link(u"https?://\\S+/password-reset/"_s +
                                  QRegularExpression::escape(email.token) + u"(?![\\w-])"_s);
    return link.match(email.body).captured();
}

} // namespace EmailText
