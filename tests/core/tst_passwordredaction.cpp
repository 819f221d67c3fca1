#include "passwordredaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class TestPasswordRedaction : public QObject
{
    Q_OBJECT

private slots:
    void redactsEveryPasswordValue_data();
    void redactsEveryPasswordValue();
    void noPasswordSurvivesParsing_data();
    void noPasswordSurvivesParsing();

private:
    static bool holdsVisiblePassword(const QJsonValue &value);
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
    // The parser decodes escapes in keys, and the handlers read what it decoded.
    QTest::newRow("escaped key") << R"({"email":"a@b.co","pass\u0077ord":"john123"})"_ba
                                 << R"({"email":"a@b.co","pass\u0077ord":"********"})"_ba;
    QTest::newRow("escaped first letter, spaces kept")
        << "{ \"\\u0070assword\" : \"john123\" }"_ba
        << "{ \"\\u0070assword\" : \"********\" }"_ba;
    QTest::newRow("every letter escaped")
        << R"({"\u0070\u0061\u0073\u0073\u0077\u006f\u0072\u0064":"x"})"_ba
        << R"({"\u0070\u0061\u0073\u0073\u0077\u006f\u0072\u0064":"********"})"_ba;
    QTest::newRow("escaped key nested in arrays")
        << R"([{"users":[{"pass\u0077ord":"one"},{"password":"two"}]}])"_ba
        << R"([{"users":[{"pass\u0077ord":"********"},{"password":"********"}]}])"_ba;
    QTest::newRow("escaped key repeated")
        << R"({"pass\u0077ord":"one","password":"two"})"_ba
        << R"({"pass\u0077ord":"********","password":"********"})"_ba;
    QTest::newRow("order and numbers kept")
        << R"({"password":"x","age":30.0,"email":"a@b.co"})"_ba
        << R"({"password":"********","age":30.0,"email":"a@b.co"})"_ba;
    QTest::newRow("other escaped keys alone") << R"({"pass\u0077ords":"x","\u0070ass":"y"})"_ba
                                              << R"({"pass\u0077ords":"x","\u0070ass":"y"})"_ba;
    QTest::newRow("a value that spells the key") << R"({"hint":"pass\u0077ord","n":1})"_ba
                                                 << R"({"hint":"pass\u0077ord","n":1})"_ba;
    // Invalid JSON (here a trailing comma): no handler accepts it, the literal key is still hidden.
    QTest::newRow("invalid json falls back to the literal key")
        << R"({"password":"john123","pass\u0077ord":"x",})"_ba
        << R"({"password":"********","pass\u0077ord":"x",})"_ba;
    QTest::newRow("invalid utf-8 kept") << "{\"name\":\"\xff\",\"password\":\"x\"}"_ba
                                        << "{\"name\":\"\xff\",\"password\":\"********\"}"_ba;
}

void TestPasswordRedaction::redactsEveryPasswordValue()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, shown);
    QCOMPARE(redactPasswords(body), shown);
}

void TestPasswordRedaction::noPasswordSurvivesParsing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("login") << R"({"email":"a@b.co","pass\u0077ord":"john123"})"_ba;
    QTest::newRow("registration") << R"({"name":"Ann","\u0070assword":"secret12","age":3})"_ba;
    QTest::newRow("deep") << R"({"a":[[{"b":{"pa\u0073sword":"x","password":"y"}}]]})"_ba;
    QTest::newRow("tricky strings")
        << R"({"k\"":"password","password":"\"x\\","q":"\\\"password\":\"z"})"_ba;
}

// What a handler would parse out of the shown body holds no password.
void TestPasswordRedaction::noPasswordSurvivesParsing()
{
    QFETCH(QByteArray, body);
    QJsonParseError error;
    const QJsonDocument shown = QJsonDocument::fromJson(redactPasswords(body), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(!holdsVisiblePassword(shown.isObject() ? QJsonValue(shown.object())
                                                   : QJsonValue(shown.array())));
}

bool TestPasswordRedaction::holdsVisiblePassword(const QJsonValue &value)
{
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(),
                           [](const QJsonValue &item) { return holdsVisiblePassword(item); });
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == u"password"_s && it.value() != u"********"_s)
            return true;
        if (holdsVisiblePassword(it.value()))
            return true;
    }
    return false;
}

QTEST_GUILESS_MAIN(TestPasswordRedaction)
#include "tst_passwordredaction.moc"
