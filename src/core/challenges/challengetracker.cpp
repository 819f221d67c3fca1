#include "challengetracker.h"

#include "challengecatalogue.h"
#include "challengedetectors.h"
#include "exchange.h"
#include "exchangefacts.h"

QStringList ChallengeTracker::observe(const Exchange &exchange)
{
    const ExchangeFacts facts(exchange);
    if (!facts.counts())
        return {};
    const QDateTime when =
        exchange.startedAt.isValid() ? exchange.startedAt : QDateTime::currentDateTimeUtc();
    QStringList newlyDone;
    for (const Challenge &challenge : challengeCatalogue()) {
        if (m_done.contains(challenge.id))
            continue;
        const ChallengeDetector detect = challengeDetector(challenge.id);
        if (detect && detect(facts, m_memory)) {
            m_done.insert(challenge.id, when);
            newlyDone.append(challenge.id);
        }
    }
    m_memory.learn(facts);
    return newlyDone;
}

ChallengeProgress ChallengeTracker::progress() const
{
    ChallengeProgress progress;
    progress.done = m_done;
    return progress;
}

void ChallengeTracker::resetProgress()
{
    m_done.clear();
    m_memory.clear();
}
