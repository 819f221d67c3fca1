#include "requestrate.h"

#include <QTest>

class TestRequestRate : public QObject
{
    Q_OBJECT

private slots:
    void countsTheLastSecond()
    {
        RequestRate rate;
        rate.record(1000, 10);
        rate.record(1500, 5);
        QCOMPARE(rate.perSecond(1500), 15);
        QCOMPARE(rate.perSecond(1999), 15);
        // The first 100 ms bucket (1000..1099) leaves the window at 2000.
        QCOMPARE(rate.perSecond(2000), 5);
        QCOMPARE(rate.perSecond(2600), 0);
        QCOMPARE(rate.total(), 15);
    }

    void longSilenceForgetsEverything()
    {
        RequestRate rate;
        rate.record(0, 100);
        QCOMPARE(rate.perSecond(60000), 0);
        rate.record(60000, 3);
        QCOMPARE(rate.perSecond(60050), 3);
        QCOMPARE(rate.total(), 103);
    }

    void lateCallsDoNotRewindTheWindow()
    {
        RequestRate rate;
        rate.record(5000, 4);
        rate.record(4950, 2); // a batch stamped a little earlier still counts
        QCOMPARE(rate.perSecond(5000), 6);
    }
};

QTEST_GUILESS_MAIN(TestRequestRate)
#include "tst_requestrate.moc"
