#include "ratelimiter.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QHostAddress alice(u"192.0.2.1"_s);
const QHostAddress bob(u"192.0.2.2"_s);

} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void countsDownToTheLimit()
    {
        RateLimiter limiter;
        limiter.configure(3, 10);
        for (int remaining : {2, 1, 0}) {
            const RateLimiter::Verdict verdict = limiter.check(alice, 1000);
            QVERIFY(verdict.allowed);
            QCOMPARE(verdict.limit, 3);
            QCOMPARE(verdict.remaining, remaining);
            QCOMPARE(verdict.resetSeconds, 10);
        }
        const RateLimiter::Verdict refused = limiter.check(alice, 1000);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.remaining, 0);
        QVERIFY(!limiter.check(alice, 1000).allowed);
    }

    void resetSecondsRoundsUp_data()
    {
        QTest::addColumn<qint64>("nowMs");
        QTest::addColumn<int>("resetSeconds");
        // The window started at 1000 and ends at 11000.
        QTest::newRow("at the start") << qint64(1000) << 10;
        QTest::newRow("1 ms in") << qint64(1001) << 10;
        QTest::newRow("1 s in") << qint64(2000) << 9;
        QTest::newRow("1.5 s left") << qint64(9500) << 2;
        QTest::newRow("1 ms left") << qint64(10999) << 1;
    }

    void resetSecondsRoundsUp()
    {
        QFETCH(qint64, nowMs);
        QFETCH(int, resetSeconds);
        RateLimiter limiter;
        limiter.configure(100, 10);
        limiter.check(alice, 1000);
        QCOMPARE(limiter.check(alice, nowMs).resetSeconds, resetSeconds);
    }

    void windowRollsOver()
    {
        RateLimiter limiter;
        limiter.configure(1, 10);
        QVERIFY(limiter.check(alice, 0).allowed);
        QVERIFY(!limiter.check(alice, 9999).allowed);
        const RateLimiter::Verdict next = limiter.check(alice, 10000);
        QVERIFY(next.allowed);
        QCOMPARE(next.resetSeconds, 10);
        QVERIFY(!limiter.check(alice, 10001).allowed);
    }

    // Fixed windows start at a client's first request, not on a wall-clock grid.
    void windowStartsWithTheClientsFirstRequest()
    {
        RateLimiter limiter;
        limiter.configure(1, 10);
        QVERIFY(limiter.check(alice, 0).allowed);
        QVERIFY(limiter.check(bob, 7000).allowed);
        QVERIFY(limiter.check(alice, 12000).allowed);
        QVERIFY(!limiter.check(bob, 12000).allowed);
        QCOMPARE(limiter.check(bob, 12000).resetSeconds, 5);
    }

    void clientsAreIndependent()
    {
        RateLimiter limiter;
        limiter.configure(2, 60);
        QVERIFY(limiter.check(alice, 0).allowed);
        QVERIFY(limiter.check(alice, 0).allowed);
        QVERIFY(!limiter.check(alice, 0).allowed);
        const RateLimiter::Verdict verdict = limiter.check(bob, 0);
        QVERIFY(verdict.allowed);
        QCOMPARE(verdict.remaining, 1);
    }

    void ipv4MappedIsTheSameClient()
    {
        RateLimiter limiter;
        limiter.configure(1, 60);
        QVERIFY(limiter.check(alice, 0).allowed);
        QVERIFY(!limiter.check(QHostAddress(u"::ffff:192.0.2.1"_s), 0).allowed);
        QVERIFY(limiter.check(QHostAddress(u"2001:db8::1"_s), 0).allowed);
        QCOMPARE(limiter.trackedClients(), 2);
    }

    void configureWithOtherValuesForgets()
    {
        RateLimiter limiter;
        limiter.configure(1, 60);
        QVERIFY(limiter.check(alice, 0).allowed);
        limiter.configure(1, 60); // unchanged: the count stays
        QVERIFY(!limiter.check(alice, 0).allowed);
        limiter.configure(2, 60);
        QCOMPARE(limiter.trackedClients(), 0);
        QCOMPARE(limiter.check(alice, 0).remaining, 1);
        limiter.configure(2, 30);
        QCOMPARE(limiter.check(alice, 0).remaining, 1);
    }

    void clearForgets()
    {
        RateLimiter limiter;
        limiter.configure(1, 60);
        limiter.check(alice, 0);
        limiter.check(bob, 0);
        QCOMPARE(limiter.trackedClients(), 2);
        limiter.clear();
        QCOMPARE(limiter.trackedClients(), 0);
        QVERIFY(limiter.check(alice, 0).allowed);
    }

    // Memory holds only the clients seen lately, however many came before.
    void endedWindowsArePruned()
    {
        RateLimiter limiter;
        limiter.configure(5, 1);
        for (quint32 i = 0; i < 1000; ++i)
            limiter.check(QHostAddress(0x0a000000 + i), 0);
        QCOMPARE(limiter.trackedClients(), 1000);
        limiter.check(alice, 500); // less than a window since the last prune
        QCOMPARE(limiter.trackedClients(), 1001);
        limiter.check(bob, 1000); // a window later: the ended ones go
        QCOMPARE(limiter.trackedClients(), 2);
        limiter.check(bob, 2500); // alice's window ended at 1500
        QCOMPARE(limiter.trackedClients(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
