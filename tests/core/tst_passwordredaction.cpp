#include "passwordredaction.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestPasswordRedaction : public QObject
{
    Q_OBJECT

private slots:
    void redactsEveryPasswordValue_data();
    void redactsEveryPasswordValue();
};

// Out of the class: moc stops reading a class at raw strings with backslashes.
void TestPasswordRedaction::redactsEveryPasswordValue_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("login") << R"({"email":"a@b.co","password":"admin123"})"_ba
                           << R"({"email":"a@b.co","password":"********"})"_ba;
    QTest::newRow("spaces kept") << "{\n  \"password\" :  \"x y\"\n}"_ba
                                 << "{\n  \"password\" :  \"********\"\n}"_ba;
    QTest::newRow("escaped quote") << R"({"password":"a\"b\\","name":"Ann"})"_ba
                                   << R"({"password":"********","name":"Ann"})"_ba;
    QTest::newRow("nested and repeated")
        << R"({"user":{"password":"one"},"password":"two"})"_ba
        << R"({"user":{"password":"********"},"password":"********"})"_ba;
    QTest::newRow("unicode") << u"{\"password\":\"pässwörd🔑\"}"_s.toUtf8()
                             << R"({"password":"********"})"_ba;
    QTest::newRow("not a string: nothing to hide") << R"({"password":12345678})"_ba
                                                   << R"({"password":12345678})"_ba;
    QTest::newRow("other members alone") << R"({"email":"password@b.co"})"_ba
                                         << R"({"email":"password@b.co"})"_ba;
    QTest::newRow("not json") << "password=admin123"_ba
                              << "password=admin123"_ba;
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("unterminated hides the rest")
        << R"({"email":"a@b.co","password":"admin123 and more)"_ba
        << R"({"email":"a@b.co","password":"********")"_ba;
    // Long values once made a regular expression give up and show everything.
    const QByteArray huge(1 << 20, 'p');
    QTest::newRow("a megabyte, then another")
        << R"({"password":")" + huge + R"(","x":{"password":"realsecret"}})"
        << R"({"password":"********","x":{"password":"********"}})"_ba;
    QTest::newRow("invalid utf-8 kept") << "{\"name\":\"\xff\",\"password\":\"x\"}"_ba
                                        << "{\"name\":\"\xff\",\"password\":\"********\"}"_ba;
}

void TestPasswordRedaction::redactsEveryPasswordValue()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, shown);
    QCOMPARE(redactPasswords(body), shown);
}

QTEST_GUILESS_MAIN(TestPasswordRedaction)
#include "tst_passwordredaction.moc"
