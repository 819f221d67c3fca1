#include "httpclient.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

// The README's Python example, step by step over HTTP: log in as the seeded admin, create a user.
class TestSeedScenario : public QObject
{
    Q_OBJECT

private slots:
    void loginThenCreateUser()
    {
        ServerFixture server;
        QVERIFY(server.start());
        HttpClient client(server.baseUrl());

        const HttpResult login =
            client.sendJson("POST", u"/login"_s, R"({"email": "admin@example.com"})"_ba);
        QCOMPARE(login.status, 200);
        QCOMPARE(login.json()[u"message"_s].toString(), u"Login successful"_s);
        const QByteArray token = login.json()[u"data"_s][u"token"_s].toString().toLatin1();
        QCOMPARE(token.count('.'), 2);

        const HttpResult created = client.sendJson(
            "POST", u"/users"_s,
            R"({"name": "Ada Lovelace", "email": "ada@example.com", "age": 36})"_ba, token);
        QCOMPARE(created.status, 201);
        const QJsonObject user = created.json()[u"data"_s].toObject();
        QCOMPARE(user[u"id"_s].toInt(), 3);
        QCOMPARE(user[u"name"_s].toString(), u"Ada Lovelace"_s);
        QCOMPARE(user[u"role"_s].toString(), u"user"_s);
        QCOMPARE(created.json()[u"message"_s].toString(), u"User created successfully"_s);

        const QJsonObject list = client.get(u"/users"_s).json()[u"data"_s].toObject();
        QCOMPARE(list[u"count"_s].toInt(), 3);
        QCOMPARE(list[u"users"_s][2][u"email"_s].toString(), u"ada@example.com"_s);
    }
};

QTEST_GUILESS_MAIN(TestSeedScenario)
#include "tst_seedscenario.moc"
