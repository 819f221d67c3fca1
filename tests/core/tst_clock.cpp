#include "clock.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestClock : public QObject
{
    Q_OBJECT

private slots:
    void formatTimestamp_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::addColumn<QString>("text");
        QTest::newRow("whole seconds") << QDateTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC)
                                       << u"2026-02-18T10:30:00.000000"_s;
        QTest::newRow("milliseconds")
            << QDateTime(QDate(2026, 12, 31), QTime(23, 59, 59, 987), Qt::UTC)
            << u"2026-12-31T23:59:59.987000"_s;
        QTest::newRow("padding") << QDateTime(QDate(987, 1, 2), QTime(3, 4, 5, 6), Qt::UTC)
                                 << u"0987-01-02T03:04:05.006000"_s;
        QTest::newRow("converted to UTC")
            << QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::OffsetFromUTC, 2 * 3600)
            << u"2026-06-01T10:00:00.000000"_s;
    }

    void formatTimestamp()
    {
        QFETCH(QDateTime, time);
        QFETCH(QString, text);
        QCOMPARE(::formatTimestamp(time), text);
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
