#pragma once

#include "challenge.h"
#include "challengeprogress.h"

#include <QByteArray>
#include <QList>

// GET /progress: one instance's challenges as a small HTML page a student keeps open beside
// their tests (a phone will do). Self-contained: its style inline, no script, no file from
// anywhere; it reloads itself every few seconds.
namespace ProgressPage {

constexpr int RefreshSeconds = 5;

QByteArray html(const QList<Challenge> &catalogue, const ChallengeProgress &progress);

} // namespace ProgressPage
