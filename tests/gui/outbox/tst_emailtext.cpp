#include "emailtext.h"
#include "outboxemail.h"

#include <QTest>

using namespace Qt::StringLiterals;

// How the Outbox panel writes an email's parts, and finds the reset link in its body.
class TestEmailText : public QObject
{
    Q_OBJECT

private slots:
    void resetLink_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("link");

        const QString token = u"Ab-_9xYz"_s;
        QTest::newRow("the API's email")
            << u"Hello John,\n\nPOST http://127.0.0.1:5000/password-reset/Ab-_9xYz\n"
               "{\"password\": \"<your new password>\"}\n\nThe token Ab-_9xYz works once."_s
            << token << u"http://127.0.0.1:5000/password-reset/Ab-_9xYz"_s;
        QTest::newRow("IPv6 host and a path prefix")
            << u"POST http://[::1]:8080/api/v1/password-reset/Ab-_9xYz\n"_s << token
            << u"http://[::1]:8080/api/v1/password-reset/Ab-_9xYz"_s;
        QTest::newRow("https") << u"https://dojo.example/password-reset/Ab-_9xYz"_s << token
                               << u"https://dojo.example/password-reset/Ab-_9xYz"_s;
        QTest::newRow("another token's link")
            << u"POST http://127.0.0.1:5000/password-reset/Zz\n"_s << token << QString();
        QTest::newRow("a longer token that starts the same")
            << u"POST http://127.0.0.1:5000/password-reset/Ab-_9xYz-more\n"_s << token << QString();
        QTest::newRow("no link") << u"The token Ab-_9xYz works once."_s << token << QString();
        QTest::newRow("no token") << u"POST http://127.0.0.1:5000/password-reset/\n"_s << QString()
                                  << QString();
    }

    void resetLink()
    {
        QFETCH(QString, body);
        QFETCH(QString, token);
        QFETCH(QString, link);
        OutboxEmail email;
        email.body = body;
        email.token = token;
        QCOMPARE(EmailText::resetLink(email), link);
    }

    void timesAreLocalWithUtcAlongside()
    {
        const QDateTime sent(QDate(2026, 2, 18), QTime(10, 30, 5, 123), Qt::UTC);
        const QDateTime local = sent.toLocalTime();
        QCOMPARE(EmailText::listTime(sent), local.toString(u"HH:mm:ss"_s));
        QCOMPARE(EmailText::receivedTime(sent),
                 local.toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" (10:30:05 UTC)"_s);
        QCOMPARE(EmailText::receivedTime({}), u"(unknown)"_s);
    }

    void senderIsTheApi() { QVERIFY(EmailText::sender().contains(u"ApiDojo"_s)); }
};

QTEST_GUILESS_MAIN(TestEmailText)
#include "tst_emailtext.moc"
