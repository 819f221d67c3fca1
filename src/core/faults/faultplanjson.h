#pragma once

#include "faultplan.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// The fault plan's JSON form: the export/import file, `--faults FILE.json`, the settings and the
// control API's GET/PUT /_dojo/faults all use it. Example:
// {
//   "latency":    {"enabled": true, "fixed_ms": 500, "jitter_ms": 200, "exempt_health": true},
//   "rate_limit": {"enabled": false, "limit": 10, "window_seconds": 60},
//   "rules": [
//     {"enabled": true, "method": "POST", "path": "/users",
//      "action":  {"type": "status", "status": 503},
//      "trigger": {"type": "probability", "percent": 30}}
//   ],
//   "seed": 42
// }
// Action types: "status" (status), "latency" (latency_ms), "drop", "reset", "malformed_body",
// "empty_body", "wrong_content_type", "slow_body" (duration_ms). Trigger types: "always",
// "probability" (percent), "next" (count), "every" (count). "method": "*" or absent means any.
// Omitted members take the defaults of faultplan.h; "seed": null or absent means none.
namespace FaultPlanJson {

QJsonObject toJson(const FaultPlan &plan);
QByteArray toBytes(const FaultPlan &plan); // indented, for files a person may read

struct Parsed
{
    FaultPlan plan;
    // Empty when the plan is valid; otherwise one sentence naming the member, e.g.
    // "rules[1].action.status must be a whole number from 400 to 599". The plan is then default.
    QString error;

    bool ok() const { return error.isEmpty(); }
};

Parsed fromJson(const QJsonObject &object);
// Also reports text that is not JSON, or JSON that is not an object.
Parsed fromBytes(const QByteArray &bytes);

} // namespace FaultPlanJson
