#include "clock.h"

using namespace Qt::StringLiterals;

Clock systemClock()
{
    return [] { return QDateTime::currentDateTimeUtc(); };
}

QString formatTimestamp(const QDateTime &time)
{
    // QDateTime keeps milliseconds: the last three of the six fractional digits are always zero.
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) + u"000"_s;
}
