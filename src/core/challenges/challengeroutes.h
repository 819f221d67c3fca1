#pragma once

#include "challengeprogress.h"

#include <QJsonObject>
#include <functional>

class Router;

// What students see of their progress (issue 16), in their instance:
//   GET /challenges   every challenge with done and done_at (its lesson, "teaches", once done)
//   GET /progress     the same as a page that reloads itself (ProgressPage)
// Neither counts toward any challenge (the tracker skips them).
void addChallengeRoutes(Router &router, std::function<ChallengeProgress()> progress);

// {"challenges": [...], "done": n, "total": m} of one instance, in catalogue order; also the
// control API's entry per instance.
QJsonObject challengesJson(const ChallengeProgress &progress);
