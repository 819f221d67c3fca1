#pragma once

#include <QtGlobal>
#include <array>

// Requests per second over the last second, counted in tenths of a second so the figure moves
// smoothly; fed with the number of requests seen at a time (milliseconds of a steady clock).
class RequestRate
{
public:
    void record(qint64 nowMs, int requests);
    // Requests in the second up to nowMs.
    int perSecond(qint64 nowMs);
    qint64 total() const { return m_total; }

private:
    static constexpr int BucketMs = 100;
    static constexpr int Buckets = 10;

    void advanceTo(qint64 nowMs);

    std::array<int, Buckets> m_counts{};
    qint64 m_currentBucket = -1; // nowMs / BucketMs of the newest bucket
    qint64 m_total = 0;
};
