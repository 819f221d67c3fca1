#pragma once

#include <QDateTime>
#include <QString>
#include <functional>

// Where core reads the time from; tests inject a fixed or stepping clock.
using Clock = std::function<QDateTime()>;

Clock systemClock();

// The contract's timestamp format: UTC "YYYY-MM-DDTHH:MM:SS.ffffff", no zone suffix.
QString formatTimestamp(const QDateTime &time);
