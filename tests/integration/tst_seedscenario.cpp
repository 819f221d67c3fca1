#include "httpclient.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

// The README's Python example, step by step over HTTP: log in as the seeded admin, create a user;
// and the suite that logs in once and resets before each test.
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

    // The usual student suite: log in once, reset before each test. Over a real socket, with
    // tests that delete a seeded user and create users of their own.
    void aSuiteThatLogsInOnceSurvivesResets()
    {
        ServerFixture server;
        QVERIFY(server.start());
        HttpClient client(server.baseUrl());
        const auto tokenOf = [&](const QByteArray &email) {
            return client.sendJson("POST", u"/login"_s, R"({"email": ")" + email + R"("})")
                .json()[u"data"_s][u"token"_s]
                .toString()
                .toLatin1();
        };
        const QByteArray admin = tokenOf("admin@example.com");
        const QByteArray john = tokenOf("john@example.com");
        QByteArray ada;

        for (int test = 0; test < 4; ++test) {
            QCOMPARE(client.send("POST", u"/reset"_s).status, 200);
            QCOMPARE(client.sendJson("GET", u"/me"_s, {}, john).status, 200);
            // A user created by an earlier test is gone, and so are its tokens: id 3 is new.
            if (!ada.isEmpty()) {
                const HttpResult stale = client.sendJson("GET", u"/me"_s, {}, ada);
                QCOMPARE(stale.status, 401);
                QCOMPARE(stale.json()[u"error_code"_s].toString(), u"INVALID_TOKEN"_s);
            }
            const HttpResult created = client.sendJson(
                "POST", u"/users"_s,
                R"({"name": "Ada Lovelace", "email": "ada@example.com", "age": 36})", admin);
            QCOMPARE(created.status, 201);
            QCOMPARE(created.json()[u"data"_s][u"id"_s].toInt(), 3);
            if (!ada.isEmpty())
                QCOMPARE(client.sendJson("GET", u"/me"_s, {}, ada).status, 401);
            ada = tokenOf("ada@example.com");
            // One test deletes a seeded user; the next reset brings John back, token and all.
            QCOMPARE(client.sendJson("DELETE", u"/users/2"_s, {}, admin).status, 200);
        }
    }
};

QTEST_GUILESS_MAIN(TestSeedScenario)
#include "tst_seedscenario.moc"
