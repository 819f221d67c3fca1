#include "requestrate.h"

#include <numeric>

void RequestRate::advanceTo(qint64 nowMs)
{
    const qint64 bucket = nowMs / BucketMs;
    if (m_currentBucket < 0 || bucket - m_currentBucket >= Buckets) {
        m_counts.fill(0);
    } else {
        for (qint64 b = m_currentBucket + 1; b <= bucket; ++b)
            m_counts[size_t(b % Buckets)] = 0;
    }
    if (bucket > m_currentBucket)
        m_currentBucket = bucket;
}

void RequestRate::record(qint64 nowMs, int requests)
{
    advanceTo(nowMs);
    m_counts[size_t(m_currentBucket % Buckets)] += requests;
    m_total += requests;
}

int RequestRate::perSecond(qint64 nowMs)
{
    advanceTo(nowMs);
    return std::accumulate(m_counts.begin(), m_counts.end(), 0);
}
