#include "stallmonitor.h"

#include <algorithm>

StallMonitor::StallMonitor(QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(IntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StallMonitor::tick);
}

void StallMonitor::start()
{
    m_stallsUs.clear();
    m_worstUs = -1;
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void StallMonitor::stop()
{
    m_timer.stop();
}

void StallMonitor::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 lateUs = (now - m_lastNs) / 1000 - IntervalMs * 1000;
    m_stallsUs.push_back(std::max<qint64>(0, lateUs));
    if (lateUs > m_worstUs) {
        m_worstUs = lateUs;
        m_worstAtMs = now / 1000000;
    }
    m_lastNs = now;
}

double StallMonitor::worstMs() const
{
    if (m_stallsUs.empty())
        return 0;
    return double(*std::max_element(m_stallsUs.begin(), m_stallsUs.end())) / 1000.0;
}

double StallMonitor::percentileMs(double fraction) const
{
    if (m_stallsUs.empty())
        return 0;
    std::vector<qint64> sorted = m_stallsUs;
    const size_t index = std::min(sorted.size() - 1, size_t(fraction * double(sorted.size())));
    std::nth_element(sorted.begin(), sorted.begin() + qsizetype(index), sorted.end());
    return double(sorted[index]) / 1000.0;
}
