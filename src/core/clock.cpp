#include "clock.h"

#include <cstdio>

using namespace Qt::StringLiterals;

Clock systemClock()
{
    return [] {
        return QDateTime::currentDateTimeUtc();
    };
}

QString formatTimestamp(const QDateTime &time)
{
    // Formatted by hand: QDateTime::toString with a pattern is ten times slower, and every user
    // object in every response carries two timestamps. QDateTime keeps milliseconds, so the
    // last three of the six fractional digits are always zero.
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    char text[40];
    const int length = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d000",
                                     date.year(), date.month(), date.day(), clock.hour(),
                                     clock.minute(), clock.second(), clock.msec());
    return QString::fromLatin1(text, length);
}
