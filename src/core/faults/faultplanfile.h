#pragma once

#include "faultplanjson.h"

#include <QString>

// A fault plan in a JSON file: the panel's Import… and Export… (without their dialogs) and
// `--faults FILE`.
namespace FaultPlanFile {

// The largest plan file read: a plan of MaxRules rules takes a few hundred KiB.
inline constexpr qint64 MaxFileBytes = 1024 * 1024;

// The plan in the file, or one sentence on why there is none (unreadable, not JSON, or a member
// out of range).
FaultPlanJson::Parsed importPlan(const QString &path);

// Writes the whole file or nothing (a crash or a full disk never leaves half a plan). Empty on
// success, otherwise one sentence on what went wrong.
QString exportPlan(const FaultPlan &plan, const QString &path);

} // namespace FaultPlanFile
