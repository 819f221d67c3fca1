#include "outboxemail.h"

#include "clock.h"

using namespace Qt::StringLiterals;

QJsonObject OutboxEmail::toJson() const
{
    return {{u"id"_s, id},     {u"to"_s, to},       {u"subject"_s, subject},
            {u"body"_s, body}, {u"token"_s, token}, {u"sent_at"_s, formatTimestamp(sentAt)}};
}
