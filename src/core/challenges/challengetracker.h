#pragma once

#include "challengememory.h"
#include "challengeprogress.h"

#include <QStringList>

struct Exchange;

// The challenges one API instance (the class API or a sandbox) has completed, detected from its
// recorded exchanges.
class ChallengeTracker
{
public:
    // The ids this exchange completes for the first time, in catalogue order.
    QStringList observe(const Exchange &exchange);
    // `sandbox` is left empty: the caller knows which instance this is.
    ChallengeProgress progress() const;
    void resetProgress();

    // Entries held besides the done ones (bounded whatever the traffic).
    qsizetype memorySize() const { return m_memory.size(); }

private:
    QHash<QString, QDateTime> m_done;
    ChallengeMemory m_memory;
};
