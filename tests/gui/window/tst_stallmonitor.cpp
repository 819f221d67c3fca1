#include "stallmonitor.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

class TestStallMonitor : public QObject
{
    Q_OBJECT

private slots:
    void aBlockedEventLoopIsAStall()
    {
        StallMonitor monitor;
        monitor.start();
        QTest::qWait(50);
        // Keep the event loop from running, as a slow slot would.
        QThread::msleep(120);
        QTest::qWait(50);
        monitor.stop();

        QVERIFY(monitor.samples() > 2);
        // A lower bound only: the monitor cannot see less than the event loop was blocked.
        QVERIFY2(monitor.worstMs() >= 120 - StallMonitor::IntervalMs,
                 qPrintable(QString::number(monitor.worstMs())));
        QVERIFY(monitor.worstAtMs() >= 100);
        QVERIFY(monitor.percentileMs(0.5) <= monitor.worstMs());
        QCOMPARE(monitor.percentileMs(1.0), monitor.worstMs());
    }

    void noSamplesNoStall()
    {
        StallMonitor monitor;
        QCOMPARE(monitor.samples(), 0);
        QCOMPARE(monitor.worstMs(), 0.0);
        QCOMPARE(monitor.percentileMs(0.99), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestStallMonitor)
#include "tst_stallmonitor.moc"
