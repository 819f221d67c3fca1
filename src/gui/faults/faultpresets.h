#pragma once

#include "faultplan.h"

#include <QList>
#include <QString>

// Ready-made faults for a class, one click each from the panel's Presets menu. Each is applied
// on top of the plan in effect, so that presets combine: a preset's rule is appended (or, when
// the same rule is already there, switched on) and its global setting replaces the plan's.
struct FaultPreset
{
    QString name;        // the menu text
    QString description; // what the class will see, for the tooltip
    FaultPlan (*apply)(const FaultPlan &plan);
};

namespace FaultPresets {

QList<FaultPreset> all();

// The plan with this rule switched on: an equal rule (enabled aside) already in the plan is
// switched on where it is, otherwise the rule is appended.
FaultPlan withRule(const FaultPlan &plan, const FaultRule &rule);

} // namespace FaultPresets
