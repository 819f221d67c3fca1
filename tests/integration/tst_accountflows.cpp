#include "httpclient.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// Part B's flows end to end over real sockets, from a fresh start: the token lifecycle and the
// password reset through the outbox.
class TestAccountFlows : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client = std::make_unique<HttpClient>(m_server.baseUrl());
    }

    void init() { QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200); }

    // The window hears of every token and user change; a host that publishes only exchanges
    // (headless mode) collects none of them, and still every exchange.
    void aHostForTheLogPublishesOnlyExchanges_data()
    {
        QTest::addColumn<bool>("exchangesOnly");
        QTest::newRow("everything") << false;
        QTest::newRow("exchanges only") << true;
    }

    void aHostForTheLogPublishesOnlyExchanges()
    {
        QFETCH(bool, exchangesOnly);
        ServerFixture server(exchangesOnly ? ServerHost::Publishes::ExchangesOnly
                                           : ServerHost::Publishes::Everything);
        QSignalSpy tokens(&server.host(), &ServerHost::tokensChanged);
        QSignalSpy users(&server.host(), &ServerHost::usersChanged);
        QSignalSpy exchanges(&server.host(), &ServerHost::exchangesRecorded);
        QVERIFY(server.start());
        HttpClient client(server.baseUrl());
        const QByteArray token =
            client.sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})")
                .json()[u"data"_s][u"token"_s]
                .toString()
                .toLatin1();
        QCOMPARE(client
                     .sendJson("POST", u"/users"_s,
                               R"({"name":"Ada Lovelace","email":"ada@example.com","age":36})",
                               token)
                     .status,
                 201);
        const auto recorded = [&exchanges] {
            qsizetype count = 0;
            for (const QList<QVariant> &batch : std::as_const(exchanges))
                count += batch.first().value<QList<Exchange>>().size();
            return count;
        };
        QTRY_COMPARE(recorded(), 2);
        QCOMPARE(tokens.isEmpty(), exchangesOnly);
        QCOMPARE(users.isEmpty(), exchangesOnly);
    }

    // The handler checks the password; the exchanges the window and headless log keep do not
    // hold it.
    void passwordsNeverReachTheRecordedExchanges()
    {
        QSignalSpy recorded(&m_server.host(), &ServerHost::exchangesRecorded);
        QCOMPARE(m_client
                     ->sendJson("POST", u"/login"_s,
                                R"({"email":"admin@example.com","password":"admin123"})")
                     .status,
                 200);
        // The exchanges come in batches; the reset of init() may come in one of its own.
        const auto loginExchange = [&recorded]() -> std::optional<Exchange> {
            for (const QList<QVariant> &batch : recorded) {
                for (const Exchange &exchange : batch.first().value<QList<Exchange>>()) {
                    if (exchange.request.path == u"/login")
                        return exchange;
                }
            }
            return std::nullopt;
        };
        QTRY_VERIFY(loginExchange());
        const Exchange exchange = *loginExchange();
        QCOMPARE(exchange.request.body,
                 R"({"email":"admin@example.com","password":"********"})"_ba);
    }

    void registerLoginRefreshLogoutRevoked()
    {
        const HttpResult registered = m_client->sendJson(
            "POST", u"/register"_s,
            R"({"name":"Ann Lee","email":"ann@example.com","password":"correct horse","age":29})");
        QCOMPARE(registered.status, 201);
        QCOMPARE(registered.json()[u"data"_s][u"id"_s].toInt(), 3);

        const HttpResult login = m_client->sendJson(
            "POST", u"/login"_s, R"({"email":"ann@example.com","password":"correct horse"})");
        QCOMPARE(login.status, 200);
        QCOMPARE(login.header("Cache-Control"), "no-store"_ba);
        const QJsonObject session = login.json()[u"data"_s].toObject();
        const QByteArray access = session[u"access_token"_s].toString().toLatin1();
        const QByteArray refresh = session[u"refresh_token"_s].toString().toLatin1();

        const HttpResult me = m_client->sendJson("GET", u"/me"_s, {}, access);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json()[u"data"_s][u"email"_s].toString(), u"ann@example.com"_s);

        const HttpResult refreshed = m_client->sendJson("POST", u"/refresh"_s, {}, refresh);
        QCOMPARE(refreshed.status, 200);
        const QByteArray second = refreshed.json()[u"data"_s][u"token"_s].toString().toLatin1();
        QCOMPARE(
            m_client->sendJson("DELETE", u"/me"_s, {}, second).json()[u"error_code"_s].toString(),
            u"FRESH_TOKEN_REQUIRED"_s);

        QCOMPARE(m_client->sendJson("POST", u"/api/v1/logout"_s, {}, access).status, 200);
        const HttpResult revoked = m_client->sendJson("GET", u"/me"_s, {}, access);
        QCOMPARE(revoked.status, 401);
        QCOMPARE(revoked.json()[u"error_code"_s].toString(), u"TOKEN_REVOKED"_s);
        QCOMPARE(m_client->sendJson("POST", u"/refresh"_s, {}, refresh)
                     .json()[u"error_code"_s]
                     .toString(),
                 u"TOKEN_REVOKED"_s);
        // The token refreshed before the logout belongs to another session: it goes on.
        QCOMPARE(m_client->sendJson("GET", u"/me"_s, {}, second).status, 200);

        // A fresh login may delete the account; its tokens die with it.
        const QByteArray fresh =
            m_client
                ->sendJson("POST", u"/login"_s,
                           R"({"email":"ann@example.com","password":"correct horse"})")
                .json()[u"data"_s][u"token"_s]
                .toString()
                .toLatin1();
        QCOMPARE(m_client->sendJson("DELETE", u"/me"_s, {}, fresh).status, 200);
        QCOMPARE(m_client->get(u"/users/3"_s).status, 404);
        QCOMPARE(m_client->sendJson("GET", u"/me"_s, {}, second).json()[u"error_code"_s].toString(),
                 u"INVALID_TOKEN"_s);
    }

    void passwordResetThroughTheOutbox()
    {
        QCOMPARE(m_client->sendJson("POST", u"/password-reset"_s, R"({"email":"john@example.com"})")
                     .status,
                 200);
        const HttpResult outbox = m_client->get(u"/outbox"_s);
        QCOMPARE(outbox.status, 200);
        const QJsonArray emails = outbox.json()[u"data"_s][u"emails"_s].toArray();
        QCOMPARE(emails.size(), 1);
        const QJsonObject email = emails.first().toObject();
        QCOMPARE(email[u"to"_s].toString(), u"john@example.com"_s);
        const QString token = email[u"token"_s].toString();
        // The link in the email points at this very server.
        QVERIFY2(email[u"body"_s].toString().contains(
                     m_server.baseUrl().toString(QUrl::StripTrailingSlash) + u"/password-reset/"_s +
                     token),
                 qPrintable(email[u"body"_s].toString()));

        QCOMPARE(m_client
                     ->sendJson("POST", u"/password-reset/"_s + token,
                                R"({"password":"a-new-password"})")
                     .status,
                 200);
        const HttpResult reused = m_client->sendJson("POST", u"/password-reset/"_s + token,
                                                     R"({"password":"another-one"})");
        QCOMPARE(reused.status, 400);
        QCOMPARE(reused.json()[u"error_code"_s].toString(), u"INVALID_RESET_TOKEN"_s);

        QCOMPARE(m_client
                     ->sendJson("POST", u"/login"_s,
                                R"({"email":"john@example.com","password":"john123"})")
                     .status,
                 401);
        QCOMPARE(m_client
                     ->sendJson("POST", u"/login"_s,
                                R"({"email":"john@example.com","password":"a-new-password"})")
                     .status,
                 200);
        // A reset restores the seeded password and empties the outbox.
        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
        QCOMPARE(m_client
                     ->sendJson("POST", u"/login"_s,
                                R"({"email":"john@example.com","password":"john123"})")
                     .status,
                 200);
        QCOMPARE(m_client->get(u"/outbox"_s).json()[u"data"_s][u"count"_s].toInt(), 0);
    }

private:
    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
};

QTEST_MAIN(TestAccountFlows)
#include "tst_accountflows.moc"
