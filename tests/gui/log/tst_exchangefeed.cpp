#include "exchangefeed.h"

#include <QSignalSpy>
#include <QTest>

// When exchanges reach the log: at once, at the next refresh, or after a pause.
class TestExchangeFeed : public QObject
{
    Q_OBJECT

private:
    static QList<Exchange> batch(quint64 firstId, int count)
    {
        QList<Exchange> exchanges(count);
        for (int i = 0; i < count; ++i)
            exchanges[i].id = firstId + quint64(i);
        return exchanges;
    }

    static QList<quint64> idsOf(const QList<QList<Exchange>> &batches)
    {
        QList<quint64> ids;
        for (const QList<Exchange> &exchanges : batches) {
            for (const Exchange &exchange : exchanges)
                ids.append(exchange.id);
        }
        return ids;
    }

private slots:
    void firstBatchIsReadyAtOnce()
    {
        ExchangeFeed feed(100);
        QSignalSpy ready(&feed, &ExchangeFeed::ready);
        feed.add(batch(1, 3));
        QCOMPARE(ready.size(), 1);
        QCOMPARE(feed.pendingCount(), 3);
        QCOMPARE(idsOf(feed.takePending()), (QList<quint64>{1, 2, 3}));
        QCOMPARE(feed.pendingCount(), 0);
    }

    void emptyBatchIsNothing()
    {
        ExchangeFeed feed(100);
        QSignalSpy ready(&feed, &ExchangeFeed::ready);
        feed.add({});
        QCOMPARE(ready.size(), 0);
    }

    void batchesWithinAnIntervalAreReadyTogether()
    {
        ExchangeFeed feed(100);
        QSignalSpy ready(&feed, &ExchangeFeed::ready);
        feed.add(batch(1, 2));
        feed.takePending();
        feed.add(batch(3, 2));
        feed.add(batch(5, 1));
        QCOMPARE(ready.size(), 1);
        QCOMPARE(feed.pendingCount(), 3);
        QVERIFY(ready.wait());
        QCOMPARE(idsOf(feed.takePending()), (QList<quint64>{3, 4, 5}));
    }

    void pauseHoldsUntilResumed()
    {
        ExchangeFeed feed(100);
        QSignalSpy ready(&feed, &ExchangeFeed::ready);
        QSignalSpy counts(&feed, &ExchangeFeed::pendingCountChanged);
        feed.setPaused(true);
        QVERIFY(feed.isPaused());
        feed.add(batch(1, 2));
        feed.add(batch(3, 2));
        QCOMPARE(ready.size(), 0);
        QCOMPARE(counts.size(), 2);
        QCOMPARE(counts.last().at(0).toInt(), 4);

        feed.setPaused(false);
        QCOMPARE(ready.size(), 1);
        QCOMPARE(idsOf(feed.takePending()), (QList<quint64>{1, 2, 3, 4}));
        QCOMPARE(counts.last().at(0).toInt(), 0);
    }

    void resumingWithNothingWaitingIsQuiet()
    {
        ExchangeFeed feed(100);
        QSignalSpy ready(&feed, &ExchangeFeed::ready);
        feed.setPaused(true);
        feed.setPaused(false);
        QCOMPARE(ready.size(), 0);
    }

    void onlyTheNewestWait()
    {
        ExchangeFeed feed(3);
        feed.setPaused(true);
        feed.add(batch(1, 2));
        feed.add(batch(3, 4)); // ids 1..6: 4, 5 and 6 stay
        QCOMPARE(feed.pendingCount(), 3);
        feed.add(batch(7, 1));
        QCOMPARE(feed.pendingCount(), 3); // 5, 6 and 7
        feed.setLimit(2);
        QCOMPARE(feed.limit(), 2);
        QCOMPARE(idsOf(feed.takePending()), (QList<quint64>{6, 7}));
        feed.setLimit(0);
        QCOMPARE(feed.limit(), 1);
    }

    // Batches wait as they came: the one given is the one taken, not a copy.
    void batchesAreNotCopied()
    {
        ExchangeFeed feed(10);
        const QList<Exchange> exchanges = batch(1, 4);
        feed.add(exchanges);
        const QList<QList<Exchange>> taken = feed.takePending();
        QCOMPARE(taken.size(), 1);
        QCOMPARE(taken.first().constData(), exchanges.constData());
    }

    void bigBodiesAreCutButTheirSizeIsKept()
    {
        Exchange big;
        big.request.body = QByteArray(1024 * 1024, 'x');
        big.response.body = QByteArray(ExchangeFeed::KeptBodyBytes + 1, 'y');
        Exchange small;
        small.response.body = "{}";
        ExchangeFeed feed(10);
        feed.setPaused(true); // what waits is bounded too
        feed.add({big, small});

        const QList<Exchange> held = feed.takePending().constFirst();
        QCOMPARE(held.at(0).request.body.size(), ExchangeFeed::KeptBodyBytes);
        QCOMPARE(held.at(0).requestBodySize(), 1024 * 1024);
        QCOMPARE(held.at(0).response.body.size(), ExchangeFeed::KeptBodyBytes);
        QCOMPARE(held.at(0).responseBodyBytesCut, 1);
        QVERIFY(held.at(0).bodiesCut());
        QCOMPARE(held.at(1).response.body, QByteArray("{}"));
        QVERIFY(!held.at(1).bodiesCut());
    }

    void cutsNeverSplitACharacter()
    {
        Exchange text;
        // "é" is two bytes: a cut at an odd offset would fall inside one.
        text.response.body =
            QByteArray("a") + QString(u'é').repeated(ExchangeFeed::KeptBodyBytes).toUtf8();
        const QList<Exchange> held = ExchangeFeed::withBodiesBounded({text});
        const QByteArray &kept = held.constFirst().response.body;
        QCOMPARE(kept.size(), ExchangeFeed::KeptBodyBytes - 1);
        QVERIFY(kept.isValidUtf8());
        QCOMPARE(held.constFirst().responseBodySize(), text.response.body.size());
    }

    void clearDropsWhatWaits()
    {
        ExchangeFeed feed(10);
        feed.setPaused(true);
        feed.add(batch(1, 5));
        QSignalSpy counts(&feed, &ExchangeFeed::pendingCountChanged);
        feed.clear();
        QCOMPARE(feed.pendingCount(), 0);
        QCOMPARE(counts.size(), 1);
        feed.setPaused(false);
        QVERIFY(feed.takePending().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestExchangeFeed)
#include "tst_exchangefeed.moc"
