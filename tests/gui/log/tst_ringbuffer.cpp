#include "ringbuffer.h"

#include <QTest>
#include <memory>
#include <numeric>

// The request log's storage: order, wrap-around, growth, and that dropped items are freed.
class TestRingBuffer : public QObject
{
    Q_OBJECT

private:
    static QList<int> range(int first, int count)
    {
        QList<int> values(count);
        std::iota(values.begin(), values.end(), first);
        return values;
    }

    static QList<int> contents(const RingBuffer<int> &ring)
    {
        QList<int> values;
        for (qsizetype i = 0; i < ring.size(); ++i)
            values.append(ring.at(i));
        return values;
    }

private slots:
    void startsEmpty()
    {
        RingBuffer<int> ring;
        QVERIFY(ring.isEmpty());
        QCOMPARE(ring.size(), 0);
    }

    void appendsInOrder()
    {
        RingBuffer<int> ring;
        const QList<int> values = range(1, 40);
        ring.append(values.cbegin(), values.cend());
        QCOMPARE(contents(ring), values);
        QCOMPARE(ring.at(0), 1);
        QCOMPARE(ring.at(39), 40);
    }

    void removesFromTheFront()
    {
        RingBuffer<int> ring;
        const QList<int> values = range(1, 10);
        ring.append(values.cbegin(), values.cend());
        ring.removeFirst(4);
        QCOMPARE(contents(ring), range(5, 6));
        ring.trimTo(2);
        QCOMPARE(contents(ring), range(9, 2));
        ring.trimTo(5); // already smaller
        QCOMPARE(ring.size(), 2);
    }

    // Appends and removals wrap around the slots many times; growth while wrapped keeps order.
    void wrapsAroundAndGrowsInOrder()
    {
        RingBuffer<int> ring;
        int next = 0;
        int oldest = 0;
        for (int round = 0; round < 50; ++round) {
            const QList<int> batch = range(next, 7 + round % 5);
            next += int(batch.size());
            ring.append(batch.cbegin(), batch.cend());
            const qsizetype keep = 10 + round; // grows slowly, so growth happens mid-wrap
            if (ring.size() > keep) {
                oldest += int(ring.size() - keep);
                ring.trimTo(keep);
            }
            QCOMPARE(contents(ring), range(oldest, next - oldest));
        }
    }

    void clearEmptiesAndStartsAgain()
    {
        RingBuffer<int> ring;
        const QList<int> values = range(1, 20);
        ring.append(values.cbegin(), values.cend());
        ring.removeFirst(15);
        ring.clear();
        QVERIFY(ring.isEmpty());

        const QList<int> after = range(30, 40);
        ring.append(after.cbegin(), after.cend());
        QCOMPARE(contents(ring), after);
    }

    // A trimmed exchange can hold a large body: it must be freed when trimmed, not when its slot
    // is reused.
    void removedItemsAreDestroyedAtOnce()
    {
        const auto shared = std::make_shared<int>(7);
        const QList<std::shared_ptr<int>> items(5, shared);
        RingBuffer<std::shared_ptr<int>> ring;
        ring.append(items.cbegin(), items.cend());
        QCOMPARE(shared.use_count(), 1 + 5 + 5);
        ring.removeFirst(3);
        QCOMPARE(shared.use_count(), 1 + 5 + 2);
        ring.clear();
        QCOMPARE(shared.use_count(), 1 + 5);
    }
};

QTEST_APPLESS_MAIN(TestRingBuffer)
#include "tst_ringbuffer.moc"
