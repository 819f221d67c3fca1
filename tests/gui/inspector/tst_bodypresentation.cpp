#include "bodypresentation.h"

#include <QTest>

using namespace Qt::StringLiterals;

using Kind = BodyPresentation::Kind;

class TestBodyPresentation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Sizes follow the locale; the expectations are written in English.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void emptyBody()
    {
        const BodyPresentation shown = presentBody({});
        QCOMPARE(shown.kind, Kind::Empty);
        QCOMPARE(shown.text, u"(no body)"_s);
        QVERIFY(!shown.truncated);
    }

    void jsonIsPrettyPrintedInTheOrderSent()
    {
        const BodyPresentation shown =
            presentBody(R"({"status":"success","data":{"id":3,"tags":[]},"message":"ok"})"_ba);
        QCOMPARE(shown.kind, Kind::Json);
        QCOMPARE(shown.text, uR"({
  "status": "success",
  "data": {
    "id": 3,
    "tags": []
  },
  "message": "ok"
})"_s);
    }

    void textThatIsNotJsonIsShownAsSent_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("broken JSON") << "{\"name\": \"Ada\""_ba;
        QTest::newRow("a bare number is not a JSON document") << "42"_ba;
        QTest::newRow("form") << "name=Ada&age=36"_ba;
        QTest::newRow("unicode and line breaks") << "Grüße 😀\r\nzweite Zeile\n"_ba;
    }

    void textThatIsNotJsonIsShownAsSent()
    {
        QFETCH(QByteArray, body);
        const BodyPresentation shown = presentBody(body);
        QCOMPARE(shown.kind, Kind::Text);
        QCOMPARE(shown.text, QString::fromUtf8(body));
    }

    void binaryGetsSizeAndHexPreview()
    {
        const BodyPresentation shown = presentBody("\xff\xfe\x00\x01\x7f"_ba);
        QCOMPARE(shown.kind, Kind::Binary);
        QCOMPARE(shown.text, u"5 bytes of binary data\n\nff fe 00 01 7f"_s);
    }

    void oneByteIsSingular()
    {
        QCOMPARE(presentBody("\x80"_ba).text, u"1 byte of binary data\n\n80"_s);
    }

    void nulMakesValidUtf8Binary() { QCOMPARE(presentBody("ab\0c"_ba).kind, Kind::Binary); }

    void longBinaryPreviewIsCut()
    {
        const BodyPresentation shown = presentBody(QByteArray(1000, '\xab'));
        QVERIFY(shown.text.startsWith(u"1,000 bytes of binary data\n\nab ab "_s));
        QVERIFY(shown.text.endsWith(u"ab …"_s));
        QCOMPARE(shown.text.count(u"ab"_s), 32);
        // The size as the request log gives it.
        QVERIFY(presentBody(QByteArray(1434, '\xab')).text.startsWith(u"1.4 KB of binary data"_s));
    }

    void largeJsonIsTruncatedWithANote()
    {
        QByteArray body = "[";
        for (int i = 0; i < 1000; ++i)
            body += "\"entry number " + QByteArray::number(i) + "\",";
        body += "0]";
        const qsizetype limit = 2000;
        const BodyPresentation shown = presentBody(body, limit);
        QCOMPARE(shown.kind, Kind::Json);
        QVERIFY(shown.truncated);
        QVERIFY(shown.text.startsWith(u"[\n  \"entry number 0\",\n"_s));
        const qsizetype note = shown.text.indexOf(u"\n\n[… truncated for display: "_s);
        QVERIFY(note > limit / 2);
        QVERIFY(note <= limit);
        // Cut at a line break: the last line shown is whole.
        QVERIFY(shown.text.first(note).endsWith(u"\","_s));
        QVERIFY(shown.text.contains(u"Copy the body to get all of it."_s));
    }

    void truncationNeverSplitsACharacter()
    {
        // 😀 is two UTF-16 units; a limit of 5 falls inside the third one.
        const BodyPresentation shown = presentBody(u"😀"_s.repeated(10).toUtf8(), 5);
        QVERIFY(shown.truncated);
        QVERIFY(shown.text.startsWith(u"😀😀\n\n[…"_s));
    }

    void bodyAtTheLimitIsWhole()
    {
        const QByteArray body(100, 'x');
        const BodyPresentation shown = presentBody(body, 100);
        QVERIFY(!shown.truncated);
        QCOMPARE(shown.text, QString::fromLatin1(body));
    }
};

QTEST_GUILESS_MAIN(TestBodyPresentation)
#include "tst_bodypresentation.moc"
