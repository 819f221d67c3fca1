#include "passwordhasher.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestPasswordHasher : public QObject
{
    Q_OBJECT

private slots:
    void verifiesTheRightPasswordOnly()
    {
        const PasswordHasher hasher(1000);
        const QByteArray hash = hasher.hash(u"correct horse"_s);
        QVERIFY(PasswordHasher::verify(u"correct horse"_s, hash));
        QVERIFY(!PasswordHasher::verify(u"Correct horse"_s, hash));
        QVERIFY(!PasswordHasher::verify(u"correct horse "_s, hash));
        QVERIFY(!PasswordHasher::verify(QString(), hash));
    }

    void saltsMakeEveryHashDifferent()
    {
        const PasswordHasher hasher(1000);
        const QByteArray first = hasher.hash(u"same password"_s);
        const QByteArray second = hasher.hash(u"same password"_s);
        QVERIFY(first != second);
        QVERIFY(PasswordHasher::verify(u"same password"_s, first));
        QVERIFY(PasswordHasher::verify(u"same password"_s, second));
    }

    void encodesSchemeIterationsSaltAndKey()
    {
        const QList<QByteArray> parts = PasswordHasher(1234).hash(u"pw"_s).split('$');
        QCOMPARE(parts.size(), 4);
        QCOMPARE(parts[0], "pbkdf2-sha256"_ba);
        QCOMPARE(parts[1], "1234"_ba);
        QCOMPARE(QByteArray::fromBase64(parts[2]).size(), 16);
        QCOMPARE(QByteArray::fromBase64(parts[3]).size(), 32);
        QCOMPARE(PasswordHasher().hash(u"pw"_s).split('$')[1],
                 QByteArray::number(PasswordHasher::DefaultIterations));
    }

    void unicodePasswordsAreHashedAsUtf8()
    {
        const PasswordHasher hasher(1000);
        const QString password = u"pässwörd-🔑"_s;
        QVERIFY(PasswordHasher::verify(password, hasher.hash(password)));
        QVERIFY(!PasswordHasher::verify(u"passwort-🔑"_s, hasher.hash(password)));
    }

    void malformedHashesNeverVerify_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        const QList<QByteArray> good = PasswordHasher(1000).hash(u"pw"_s).split('$');
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("plain text") << "pw"_ba;
        QTest::newRow("other scheme") << "bcrypt$1000$" + good[2] + '$' + good[3];
        QTest::newRow("three parts") << "pbkdf2-sha256$1000$" + good[2];
        QTest::newRow("iterations not a number") << "pbkdf2-sha256$many$" + good[2] + '$' + good[3];
        QTest::newRow("zero iterations") << "pbkdf2-sha256$0$" + good[2] + '$' + good[3];
        QTest::newRow("absurd iterations") << "pbkdf2-sha256$999999999$" + good[2] + '$' + good[3];
        QTest::newRow("short key") << "pbkdf2-sha256$1000$" + good[2] + "$AAAA";
        QTest::newRow("other iterations") << "pbkdf2-sha256$1001$" + good[2] + '$' + good[3];
    }

    void malformedHashesNeverVerify()
    {
        QFETCH(QByteArray, encoded);
        QVERIFY(!PasswordHasher::verify(u"pw"_s, encoded));
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
