#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <vector>

// Measures how long the event loop of its thread is kept from running: a fine timer that
// should fire every IntervalMs; any lateness beyond that is a stall. Used by bench/gui-load.sh.
class StallMonitor : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StallMonitor)

public:
    static constexpr int IntervalMs = 5;

    explicit StallMonitor(QObject *parent = nullptr);

    void start();
    void stop();
    qsizetype samples() const { return qsizetype(m_stallsUs.size()); }
    double worstMs() const;
    // When the worst stall ended, in milliseconds since start().
    qint64 worstAtMs() const { return m_worstAtMs; }
    // The stall that `fraction` (0..1) of the samples stay at or under.
    double percentileMs(double fraction) const;

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    std::vector<qint64> m_stallsUs;
    qint64 m_worstUs = -1;
    qint64 m_worstAtMs = 0;
};
