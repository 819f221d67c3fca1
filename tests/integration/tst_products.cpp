#include "httpclient.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

// The products resource over real HTTP: the README's examples and the pagination edges.
class TestProducts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client = std::make_unique<HttpClient>(m_server.baseUrl());
    }

    // A reset revokes every token, so the tokens come after it.
    void init()
    {
        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
        m_admin = tokenOf(u"admin@example.com"_s);
        m_user = tokenOf(u"john@example.com"_s);
        QVERIFY(!m_admin.isEmpty() && !m_user.isEmpty());
    }

    void pagination_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("total");
        QTest::addColumn<QString>("message");
        QTest::newRow("default") << QString() << 200 << 6 << 6 << QString();
        QTest::newRow("first page") << u"?per_page=4"_s << 200 << 4 << 6 << QString();
        QTest::newRow("last page") << u"?per_page=4&page=2"_s << 200 << 2 << 6 << QString();
        QTest::newRow("empty page") << u"?per_page=4&page=3"_s << 200 << 0 << 6 << QString();
        QTest::newRow("type filter")
            << u"?type=electronics&per_page=1&page=2"_s << 200 << 1 << 2 << QString();
        QTest::newRow("page 0") << u"?page=0"_s << 400 << 0 << 0
                                << u"page must be a whole number of at least 1"_s;
        QTest::newRow("per_page 101") << u"?per_page=101"_s << 400 << 0 << 0
                                      << u"per_page must be a whole number from 1 to 100"_s;
        QTest::newRow("per_page 100") << u"?per_page=100"_s << 200 << 6 << 6 << QString();
    }

    void pagination()
    {
        QFETCH(QString, query);
        QFETCH(int, status);
        QFETCH(int, count);
        QFETCH(int, total);
        QFETCH(QString, message);
        const HttpResult result = m_client->get(u"/api/v1/products"_s + query);
        QCOMPARE(result.status, status);
        const QJsonObject body = result.json();
        if (status != 200) {
            QCOMPARE(body[u"error_code"_s].toString(), u"INVALID_PAGINATION"_s);
            QCOMPARE(body[u"message"_s].toString(), message);
            return;
        }
        const QJsonObject data = body[u"data"_s].toObject();
        QCOMPARE(data[u"count"_s].toInt(), count);
        QCOMPARE(data[u"products"_s].toArray().size(), count);
        QCOMPARE(data[u"total"_s].toInt(), total);
    }

    // The README's example: five failing fields reported at once, and nothing stored.
    void everyFailingFieldAtOnce()
    {
        const HttpResult result = m_client->sendJson(
            "POST", u"/products"_s,
            R"({"code":"X","name":"","type":"car","quantity":-1,"price":1.999})", m_admin);
        QCOMPARE(result.status, 400);
        const QJsonObject body = result.json();
        QCOMPARE(body[u"error_code"_s].toString(), u"VALIDATION_ERROR"_s);
        QCOMPARE(body[u"message"_s].toString(), u"Input payload validation failed"_s);
        QCOMPARE(body[u"errors"_s].toObject().keys(),
                 (QStringList{u"code"_s, u"name"_s, u"price"_s, u"quantity"_s, u"type"_s}));
        QCOMPARE(m_client->get(u"/products"_s).json()[u"data"_s][u"total"_s].toInt(), 6);
    }

    void adminCreatesOthersMayNot()
    {
        const QByteArray product =
            R"({"code":"rubber-duck","name":"Rubber Duck","type":"toy","quantity":3,"price":4.5})";
        QCOMPARE(m_client->sendJson("POST", u"/products"_s, product).status, 401);
        const HttpResult forbidden = m_client->sendJson("POST", u"/products"_s, product, m_user);
        QCOMPARE(forbidden.status, 403);
        QCOMPARE(forbidden.json()[u"error_code"_s].toString(), u"FORBIDDEN"_s);

        const HttpResult created = m_client->sendJson("POST", u"/products"_s, product, m_admin);
        QCOMPARE(created.status, 201);
        const QJsonObject data = created.json()[u"data"_s].toObject();
        QCOMPARE(data[u"id"_s].toInt(), 7);
        QCOMPARE(data[u"price"_s].toDouble(), 4.5);
        QVERIFY(data[u"url"_s].isNull());

        QCOMPARE(m_client->get(u"/products/7"_s).json()[u"data"_s][u"code"_s].toString(),
                 u"rubber-duck"_s);
        const HttpResult duplicate = m_client->sendJson("POST", u"/products"_s, product, m_admin);
        QCOMPARE(duplicate.status, 409);
        QCOMPARE(duplicate.json()[u"error_code"_s].toString(), u"DUPLICATE_CODE"_s);

        QCOMPARE(m_client->send("POST", u"/reset"_s).json()[u"data"_s][u"products"_s].toInt(), 6);
        QCOMPARE(m_client->get(u"/products/7"_s).status, 404);
    }

private:
    QByteArray tokenOf(const QString &email)
    {
        const HttpResult login =
            m_client->sendJson("POST", u"/login"_s, u"{\"email\":\"%1\"}"_s.arg(email).toUtf8());
        return login.json()[u"data"_s][u"token"_s].toString().toLatin1();
    }

    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
    QByteArray m_admin;
    QByteArray m_user;
};

QTEST_GUILESS_MAIN(TestProducts)
#include "tst_products.moc"
