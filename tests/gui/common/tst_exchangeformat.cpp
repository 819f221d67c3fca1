#include "exchangeformat.h"

#include <QTest>

using namespace Qt::StringLiterals;

// The texts the request log and the inspector both show.
class TestExchangeFormat : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Numbers follow the locale; the expectations are written in English.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void statusTextHasTheReasonPhrase()
    {
        QCOMPARE(ExchangeFormat::statusText(200), u"200 OK"_s);
        QCOMPARE(ExchangeFormat::statusText(201), u"201 Created"_s);
        QCOMPARE(ExchangeFormat::statusText(401), u"401 Unauthorized"_s);
        QCOMPARE(ExchangeFormat::statusText(500), u"500 Internal Server Error"_s);
        QCOMPARE(ExchangeFormat::statusText(299), u"299"_s);
    }

    void durationHasThreeSignificantDigits_data()
    {
        QTest::addColumn<qint64>("microseconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << u"0.00 ms"_s;
        QTest::newRow("tiny") << qint64(7) << u"0.01 ms"_s;
        QTest::newRow("sub-ms") << qint64(110) << u"0.11 ms"_s;
        QTest::newRow("ms") << qint64(4'270) << u"4.27 ms"_s;
        QTest::newRow("just under 10 ms") << qint64(9'994) << u"9.99 ms"_s;
        QTest::newRow("rounds up to 10 ms") << qint64(9'995) << u"10.0 ms"_s;
        QTest::newRow("tens of ms") << qint64(12'345) << u"12.3 ms"_s;
        QTest::newRow("rounds up to 100 ms") << qint64(99'950) << u"100 ms"_s;
        QTest::newRow("hundreds of ms") << qint64(532'000) << u"532 ms"_s;
        QTest::newRow("just under 1 s") << qint64(999'499) << u"999 ms"_s;
        QTest::newRow("rounds up to 1 s") << qint64(999'500) << u"1.00 s"_s;
        QTest::newRow("seconds") << qint64(1'204'000) << u"1.20 s"_s;
        QTest::newRow("tens of seconds") << qint64(12'345'678) << u"12.3 s"_s;
        QTest::newRow("minutes") << qint64(123'456'789) << u"123 s"_s;
    }

    void durationHasThreeSignificantDigits()
    {
        QFETCH(qint64, microseconds);
        QFETCH(QString, text);
        QCOMPARE(ExchangeFormat::duration(microseconds), text);
    }

    void bodySize_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << qint64(0) << u"0 bytes"_s;
        QTest::newRow("one") << qint64(1) << u"1 byte"_s;
        QTest::newRow("bytes") << qint64(98) << u"98 bytes"_s;
        QTest::newRow("under a KB") << qint64(1'023) << u"1,023 bytes"_s;
        QTest::newRow("KB") << qint64(1'434) << u"1.4 KB"_s;
        QTest::newRow("even KB") << qint64(2'048) << u"2.0 KB"_s;
        QTest::newRow("MB") << qint64(1'500'000) << u"1.4 MB"_s;
        QTest::newRow("GB") << qint64(3) * 1024 * 1024 * 1024 << u"3.0 GB"_s;
    }

    void bodySize()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(ExchangeFormat::bodySize(bytes), text);
    }

    void timeOfDayIsLocalWithMilliseconds()
    {
        const QDateTime local(QDate(2026, 2, 18), QTime(10, 25, 15, 79), Qt::LocalTime);
        QCOMPARE(ExchangeFormat::timeOfDay(local), u"10:25:15.079"_s);
        QCOMPARE(ExchangeFormat::timeOfDay(local.toUTC()), u"10:25:15.079"_s);
    }

    void clientAddress_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<QString>("endpoint");
        QTest::newRow("ipv4") << u"192.168.1.20"_s << u"192.168.1.20"_s << u"192.168.1.20:54321"_s;
        QTest::newRow("mapped ipv4")
            << u"::ffff:127.0.0.1"_s << u"127.0.0.1"_s << u"127.0.0.1:54321"_s;
        QTest::newRow("ipv6") << u"::1"_s << u"::1"_s << u"[::1]:54321"_s;
        QTest::newRow("unknown") << QString() << QString() << QString();
    }

    void clientAddress()
    {
        QFETCH(QString, address);
        QFETCH(QString, shown);
        QFETCH(QString, endpoint);
        QCOMPARE(ExchangeFormat::clientAddress(QHostAddress(address)), shown);
        QCOMPARE(ExchangeFormat::clientEndpoint(QHostAddress(address), 54321), endpoint);
    }
};

QTEST_GUILESS_MAIN(TestExchangeFormat)
#include "tst_exchangeformat.moc"
