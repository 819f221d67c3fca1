#include "authenticator.h"
#include "contracttable.h"
#include "producthandlers.h"
#include "productstore.h"
#include "requests.h"
#include "tokenservice.h"
#include "userstore.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

// The /products handlers at the ApiRequest -> ApiResponse level, with a clock the test controls.
class TestProductHandlers : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void contract_data();
    void contract();

    void pagination_data();
    void pagination();
    void listDefaultsAndShape();
    void createThenReadBack();
    void createAcceptsOptionalFieldsAndEchoesThem();
    void validationReportsEveryField();
    void updateIsPartialAndMovesUpdatedAt();
    void updateCanClearOptionalFields();
    void codeMayMoveToAFreedCode();
    void deleteAnswersWithTheDeletedProduct();
    void listFollowsEveryChange();
    void failedRequestsLeaveDataIntact();
    void trainerCallsNeedAnAdminToo();

private:
    ApiResponse send(const QByteArray &method, const QString &target, const QByteArray &body = {},
                     const QString &who = u"none"_s);
    QByteArray authHeader(const QString &who);
    QList<qint64> listedIds(const ApiResponse &response) const;

    QDateTime m_now;
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<TokenService> m_tokens;
    std::unique_ptr<Authenticator> m_authenticator;
    std::unique_ptr<ProductStore> m_products;
    std::unique_ptr<ProductHandlers> m_handlers;
};

namespace {

const QByteArray validBody =
    R"({"code":"board-game","name":"Board Game","type":"toy","quantity":5,"price":29.95})"_ba;

} // namespace

void TestProductHandlers::init()
{
    m_now = QDateTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC);
    const Clock clock = [this] {
        return m_now;
    };
    m_users = std::make_unique<UserStore>(clock);
    m_tokens = std::make_unique<TokenService>(QByteArray(32, 'k'), 60, clock);
    m_authenticator = std::make_unique<Authenticator>(*m_tokens, *m_users);
    m_products = std::make_unique<ProductStore>(clock);
    m_handlers = std::make_unique<ProductHandlers>(*m_products, *m_authenticator);
}

void TestProductHandlers::cleanup()
{
    m_handlers.reset();
    m_products.reset();
    m_authenticator.reset();
    m_tokens.reset();
    m_users.reset();
}

QByteArray TestProductHandlers::authHeader(const QString &who)
{
    if (who == u"admin")
        return "Bearer " + m_tokens->issue(*m_users->user(1), TokenType::Access).token;
    if (who == u"user")
        return "Bearer " + m_tokens->issue(*m_users->user(2), TokenType::Access).token;
    if (who == u"garbage")
        return "Bearer not-a-jwt";
    if (who == u"basic")
        return "Basic YWRtaW46YWRtaW4=";
    if (who == u"expired admin") {
        const QDateTime now = m_now;
        m_now = m_now.addSecs(-120);
        const QByteArray token = m_tokens->issue(*m_users->user(1), TokenType::Access).token;
        m_now = now;
        return "Bearer " + token;
    }
    Q_UNREACHABLE();
}

// Routes like the API: /products and /products/{id}.
ApiResponse TestProductHandlers::send(const QByteArray &method, const QString &target,
                                      const QByteArray &body, const QString &who)
{
    HttpHeaders headers;
    if (who != u"none")
        headers.append({"Authorization"_ba, authHeader(who)});
    const ApiRequest request = makeRequest(method, target, body, headers);
    const QString prefix = u"/products/"_s;
    if (request.path == u"/products") {
        if (method == "GET")
            return m_handlers->list(request);
        if (method == "POST")
            return m_handlers->create(request);
    } else if (request.path.startsWith(prefix)) {
        const QString id = request.path.mid(prefix.size());
        if (method == "GET")
            return m_handlers->get(id);
        if (method == "PUT")
            return m_handlers->update(request, id);
        if (method == "DELETE")
            return m_handlers->remove(request, id);
    }
    qFatal("no such route in this test");
}

QList<qint64> TestProductHandlers::listedIds(const ApiResponse &response) const
{
    QList<qint64> ids;
    const QJsonArray products = jsonBody(response)[u"data"_s][u"products"_s].toArray();
    for (const QJsonValue &product : products)
        ids.append(product[u"id"_s].toInteger());
    return ids;
}

void TestProductHandlers::contract_data()
{
    ContractTable::addColumns();

    const QString &missingToken = ContractTable::MissingToken;
    const QString &invalidToken = ContractTable::InvalidToken;
    const QString &expiredToken = ContractTable::ExpiredToken;
    const QString &forbidden = ContractTable::Forbidden;
    const QString &invalidJson = ContractTable::InvalidJson;
    const QString invalidId = u"Product ID must be a valid integer"_s;
    const QString invalidType =
        u"Product type must be one of: book, electronics, food, toy, other"_s;
    const QString badPage = u"page must be a whole number of at least 1"_s;
    const QString badPerPage = u"per_page must be a whole number from 1 to 100"_s;
    const QString validationFailed = u"Input payload validation failed"_s;
    const QString duplicate = u"Product code already exists. Please use a different code."_s;
    const QByteArray none;

    // Listing: no auth; type, then page, then per_page.
    QTest::newRow("list") << "GET"_ba << u"/products"_s << u"none"_s << none << 200 << QString()
                          << u"Retrieved 6 product(s) successfully"_s;
    QTest::newRow("list with a token") << "GET"_ba << u"/products"_s << u"user"_s << none << 200
                                       << QString() << u"Retrieved 6 product(s) successfully"_s;
    QTest::newRow("list electronics")
        << "GET"_ba << u"/products?type=electronics"_s << u"none"_s << none << 200 << QString()
        << u"Retrieved 2 product(s) successfully"_s;
    QTest::newRow("list toy") << "GET"_ba << u"/products?type=toy"_s << u"none"_s << none << 200
                              << QString() << u"Retrieved 1 product(s) successfully"_s;
    QTest::newRow("type Book") << "GET"_ba << u"/products?type=Book"_s << u"none"_s << none << 400
                               << u"INVALID_PRODUCT_TYPE"_s << invalidType;
    QTest::newRow("type unknown") << "GET"_ba << u"/products?type=car"_s << u"none"_s << none << 400
                                  << u"INVALID_PRODUCT_TYPE"_s << invalidType;
    QTest::newRow("type empty") << "GET"_ba << u"/products?type="_s << u"none"_s << none << 400
                                << u"INVALID_PRODUCT_TYPE"_s << invalidType;
    QTest::newRow("type before page") << "GET"_ba << u"/products?page=0&type=car"_s << u"none"_s
                                      << none << 400 << u"INVALID_PRODUCT_TYPE"_s << invalidType;
    QTest::newRow("page 0") << "GET"_ba << u"/products?page=0"_s << u"none"_s << none << 400
                            << u"INVALID_PAGINATION"_s << badPage;
    QTest::newRow("page -1") << "GET"_ba << u"/products?page=-1"_s << u"none"_s << none << 400
                             << u"INVALID_PAGINATION"_s << badPage;
    QTest::newRow("page abc") << "GET"_ba << u"/products?page=abc"_s << u"none"_s << none << 400
                              << u"INVALID_PAGINATION"_s << badPage;
    QTest::newRow("page 1.0") << "GET"_ba << u"/products?page=1.0"_s << u"none"_s << none << 400
                              << u"INVALID_PAGINATION"_s << badPage;
    QTest::newRow("page +1") << "GET"_ba << u"/products?page=%2B1"_s << u"none"_s << none << 400
                             << u"INVALID_PAGINATION"_s << badPage;
    QTest::newRow("page empty") << "GET"_ba << u"/products?page="_s << u"none"_s << none << 400
                                << u"INVALID_PAGINATION"_s << badPage;
    QTest::newRow("page past 2^53-1")
        << "GET"_ba << u"/products?page=9007199254740992"_s << u"none"_s << none << 400
        << u"INVALID_PAGINATION"_s << badPage;
    QTest::newRow("page before per_page")
        << "GET"_ba << u"/products?per_page=0&page=0"_s << u"none"_s << none << 400
        << u"INVALID_PAGINATION"_s << badPage;
    QTest::newRow("page 2^53-1 is just empty")
        << "GET"_ba << u"/products?page=9007199254740991"_s << u"none"_s << none << 200 << QString()
        << u"Retrieved 0 product(s) successfully"_s;
    QTest::newRow("per_page 0") << "GET"_ba << u"/products?per_page=0"_s << u"none"_s << none << 400
                                << u"INVALID_PAGINATION"_s << badPerPage;
    QTest::newRow("per_page 101") << "GET"_ba << u"/products?per_page=101"_s << u"none"_s << none
                                  << 400 << u"INVALID_PAGINATION"_s << badPerPage;
    QTest::newRow("per_page abc") << "GET"_ba << u"/products?per_page=abc"_s << u"none"_s << none
                                  << 400 << u"INVALID_PAGINATION"_s << badPerPage;
    QTest::newRow("per_page 1e2") << "GET"_ba << u"/products?per_page=1e2"_s << u"none"_s << none
                                  << 400 << u"INVALID_PAGINATION"_s << badPerPage;
    QTest::newRow("per_page empty") << "GET"_ba << u"/products?per_page="_s << u"none"_s << none
                                    << 400 << u"INVALID_PAGINATION"_s << badPerPage;
    QTest::newRow("per_page 1") << "GET"_ba << u"/products?per_page=1"_s << u"none"_s << none << 200
                                << QString() << u"Retrieved 1 product(s) successfully"_s;
    QTest::newRow("per_page 100") << "GET"_ba << u"/products?per_page=100"_s << u"none"_s << none
                                  << 200 << QString() << u"Retrieved 6 product(s) successfully"_s;

    // Reading one: no auth; the id.
    QTest::newRow("get") << "GET"_ba << u"/products/1"_s << u"none"_s << none << 200 << QString()
                         << u"Product retrieved successfully"_s;
    QTest::newRow("get 006") << "GET"_ba << u"/products/006"_s << u"none"_s << none << 200
                             << QString() << u"Product retrieved successfully"_s;
    QTest::newRow("get abc") << "GET"_ba << u"/products/abc"_s << u"none"_s << none << 400
                             << u"INVALID_PRODUCT_ID"_s << invalidId;
    QTest::newRow("get 1.5") << "GET"_ba << u"/products/1.5"_s << u"none"_s << none << 400
                             << u"INVALID_PRODUCT_ID"_s << invalidId;
    QTest::newRow("get 1a") << "GET"_ba << u"/products/1a"_s << u"none"_s << none << 400
                            << u"INVALID_PRODUCT_ID"_s << invalidId;
    QTest::newRow("get 999") << "GET"_ba << u"/products/999"_s << u"none"_s << none << 404
                             << u"PRODUCT_NOT_FOUND"_s << u"Product with ID 999 not found"_s;
    QTest::newRow("get 0") << "GET"_ba << u"/products/0"_s << u"none"_s << none << 404
                           << u"PRODUCT_NOT_FOUND"_s << u"Product with ID 0 not found"_s;
    QTest::newRow("get -1") << "GET"_ba << u"/products/-1"_s << u"none"_s << none << 404
                            << u"PRODUCT_NOT_FOUND"_s << u"Product with ID -1 not found"_s;
    QTest::newRow("get huge id") << "GET"_ba << u"/products/99999999999999999999"_s << u"none"_s
                                 << none << 404 << u"PRODUCT_NOT_FOUND"_s
                                 << u"Product with ID 99999999999999999999 not found"_s;

    // Creating: 401, 403, then the body: JSON, validation, duplicate code.
    QTest::newRow("create") << "POST"_ba << u"/products"_s << u"admin"_s << validBody << 201
                            << QString() << u"Product created successfully"_s;
    QTest::newRow("create no auth") << "POST"_ba << u"/products"_s << u"none"_s << "junk"_ba << 401
                                    << u"MISSING_TOKEN"_s << missingToken;
    QTest::newRow("create garbage token") << "POST"_ba << u"/products"_s << u"garbage"_s
                                          << validBody << 401 << u"INVALID_TOKEN"_s << invalidToken;
    QTest::newRow("create basic auth") << "POST"_ba << u"/products"_s << u"basic"_s << validBody
                                       << 401 << u"INVALID_TOKEN"_s << invalidToken;
    QTest::newRow("create expired token") << "POST"_ba << u"/products"_s << u"expired admin"_s
                                          << validBody << 401 << u"TOKEN_EXPIRED"_s << expiredToken;
    QTest::newRow("create by user") << "POST"_ba << u"/products"_s << u"user"_s << validBody << 403
                                    << u"FORBIDDEN"_s << forbidden;
    QTest::newRow("create by user: 403 before the body")
        << "POST"_ba << u"/products"_s << u"user"_s << "junk"_ba << 403 << u"FORBIDDEN"_s
        << forbidden;
    QTest::newRow("create not json") << "POST"_ba << u"/products"_s << u"admin"_s << "{code"_ba
                                     << 400 << u"INVALID_JSON"_s << invalidJson;
    QTest::newRow("create empty body") << "POST"_ba << u"/products"_s << u"admin"_s << none << 400
                                       << u"INVALID_JSON"_s << invalidJson;
    QTest::newRow("create array") << "POST"_ba << u"/products"_s << u"admin"_s << "[{}]"_ba << 400
                                  << u"INVALID_JSON"_s << invalidJson;
    QTest::newRow("create price 1e400 is not JSON")
        << "POST"_ba << u"/products"_s << u"admin"_s
        << R"({"code":"abc","name":"A","type":"toy","quantity":1,"price":1e400})"_ba << 400
        << u"INVALID_JSON"_s << invalidJson;
    QTest::newRow("create empty object") << "POST"_ba << u"/products"_s << u"admin"_s << "{}"_ba
                                         << 400 << u"VALIDATION_ERROR"_s << validationFailed;
    QTest::newRow("create duplicate code")
        << "POST"_ba << u"/products"_s << u"admin"_s
        << R"({"code":"clean-code","name":"Another","type":"book","quantity":1,"price":1})"_ba
        << 409 << u"DUPLICATE_CODE"_s << duplicate;
    QTest::newRow("create: validation before duplicate")
        << "POST"_ba << u"/products"_s << u"admin"_s
        << R"({"code":"clean-code","name":"","type":"book","quantity":1,"price":1})"_ba << 400
        << u"VALIDATION_ERROR"_s << validationFailed;

    // Updating: 401, 403, the id, then the body.
    QTest::newRow("update") << "PUT"_ba << u"/products/2"_s << u"admin"_s << R"({"quantity":7})"_ba
                            << 200 << QString() << u"Product updated successfully"_s;
    QTest::newRow("update empty object") << "PUT"_ba << u"/products/2"_s << u"admin"_s << "{}"_ba
                                         << 200 << QString() << u"Product updated successfully"_s;
    QTest::newRow("update keeps own code")
        << "PUT"_ba << u"/products/1"_s << u"admin"_s << R"({"code":"clean-code"})"_ba << 200
        << QString() << u"Product updated successfully"_s;
    QTest::newRow("update no auth: 401 before id")
        << "PUT"_ba << u"/products/abc"_s << u"none"_s << "x"_ba << 401 << u"MISSING_TOKEN"_s
        << missingToken;
    QTest::newRow("update by user: 403 before id") << "PUT"_ba << u"/products/abc"_s << u"user"_s
                                                   << "x"_ba << 403 << u"FORBIDDEN"_s << forbidden;
    QTest::newRow("update bad id before body")
        << "PUT"_ba << u"/products/abc"_s << u"admin"_s << "x"_ba << 400 << u"INVALID_PRODUCT_ID"_s
        << invalidId;
    QTest::newRow("update unknown before body")
        << "PUT"_ba << u"/products/50"_s << u"admin"_s << "x"_ba << 404 << u"PRODUCT_NOT_FOUND"_s
        << u"Product with ID 50 not found"_s;
    QTest::newRow("update not json") << "PUT"_ba << u"/products/2"_s << u"admin"_s << "x"_ba << 400
                                     << u"INVALID_JSON"_s << invalidJson;
    QTest::newRow("update string") << "PUT"_ba << u"/products/2"_s << u"admin"_s << R"("x")"_ba
                                   << 400 << u"INVALID_JSON"_s << invalidJson;
    QTest::newRow("update invalid field")
        << "PUT"_ba << u"/products/2"_s << u"admin"_s << R"({"price":-1})"_ba << 400
        << u"VALIDATION_ERROR"_s << validationFailed;
    QTest::newRow("update to a taken code")
        << "PUT"_ba << u"/products/2"_s << u"admin"_s << R"({"code":"clean-code"})"_ba << 409
        << u"DUPLICATE_CODE"_s << duplicate;

    // Deleting: 401, 403, then the id.
    QTest::newRow("delete") << "DELETE"_ba << u"/products/2"_s << u"admin"_s << none << 200
                            << QString() << u"Product deleted successfully"_s;
    QTest::newRow("delete no auth") << "DELETE"_ba << u"/products/abc"_s << u"none"_s << none << 401
                                    << u"MISSING_TOKEN"_s << missingToken;
    QTest::newRow("delete by user: 403 before id") << "DELETE"_ba << u"/products/abc"_s << u"user"_s
                                                   << none << 403 << u"FORBIDDEN"_s << forbidden;
    QTest::newRow("delete by user") << "DELETE"_ba << u"/products/2"_s << u"user"_s << none << 403
                                    << u"FORBIDDEN"_s << forbidden;
    QTest::newRow("delete abc") << "DELETE"_ba << u"/products/abc"_s << u"admin"_s << none << 400
                                << u"INVALID_PRODUCT_ID"_s << invalidId;
    QTest::newRow("delete unknown") << "DELETE"_ba << u"/products/7"_s << u"admin"_s << none << 404
                                    << u"PRODUCT_NOT_FOUND"_s << u"Product with ID 7 not found"_s;
}

void TestProductHandlers::contract()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, target);
    QFETCH(QString, auth);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const ApiResponse response = send(method, target, body, auth);
    ContractTable::verifyEnvelope(response, status, code, message);
    if (QTest::currentTestFailed())
        return;
    // Nothing but the envelope's members; a validation error adds its "errors".
    const QJsonObject json = jsonBody(response);
    QStringList keys = code.isEmpty() ? QStringList{u"data"_s, u"message"_s, u"status"_s}
                                      : QStringList{u"error_code"_s, u"message"_s, u"status"_s};
    if (code == u"VALIDATION_ERROR") {
        keys.insert(1, u"errors"_s);
        QVERIFY(!json[u"errors"_s].toObject().isEmpty());
    }
    QCOMPARE(json.keys(), keys);
}

void TestProductHandlers::pagination_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<qint64>>("ids");
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("perPage");
    QTest::addColumn<int>("total");

    using Ids = QList<qint64>;
    QTest::newRow("default") << QString() << Ids{1, 2, 3, 4, 5, 6} << 1 << 20 << 6;
    QTest::newRow("first page") << u"per_page=4"_s << Ids{1, 2, 3, 4} << 1 << 4 << 6;
    QTest::newRow("last page, partial") << u"per_page=4&page=2"_s << Ids{5, 6} << 2 << 4 << 6;
    QTest::newRow("last page, full") << u"per_page=3&page=2"_s << Ids{4, 5, 6} << 2 << 3 << 6;
    QTest::newRow("empty page after a full one") << u"per_page=3&page=3"_s << Ids{} << 3 << 3 << 6;
    QTest::newRow("empty page far away") << u"page=1000"_s << Ids{} << 1000 << 20 << 6;
    QTest::newRow("per_page 1, page 6") << u"per_page=1&page=6"_s << Ids{6} << 6 << 1 << 6;
    QTest::newRow("per_page 1, page 7") << u"per_page=1&page=7"_s << Ids{} << 7 << 1 << 6;
    QTest::newRow("leading zeros") << u"page=02&per_page=005"_s << Ids{6} << 2 << 5 << 6;
    QTest::newRow("filtered: total counts the filter")
        << u"type=electronics"_s << Ids{2, 3} << 1 << 20 << 2;
    QTest::newRow("filtered, second page")
        << u"type=electronics&per_page=1&page=2"_s << Ids{3} << 2 << 1 << 2;
    QTest::newRow("filtered, past the end")
        << u"type=electronics&per_page=1&page=3"_s << Ids{} << 3 << 1 << 2;
    QTest::newRow("first of a repeated parameter")
        << u"per_page=2&per_page=500"_s << Ids{1, 2} << 1 << 2 << 6;
}

void TestProductHandlers::pagination()
{
    QFETCH(QString, query);
    QFETCH(QList<qint64>, ids);
    QFETCH(int, page);
    QFETCH(int, perPage);
    QFETCH(int, total);

    const ApiResponse response = send("GET", u"/products?"_s + query);
    QCOMPARE(response.status, 200);
    const QJsonObject data = jsonBody(response)[u"data"_s].toObject();
    QCOMPARE(data.keys(),
             (QStringList{u"count"_s, u"page"_s, u"per_page"_s, u"products"_s, u"total"_s}));
    QCOMPARE(listedIds(response), ids);
    QCOMPARE(data[u"count"_s].toInteger(), ids.size());
    QCOMPARE(data[u"page"_s].toInteger(), page);
    QCOMPARE(data[u"per_page"_s].toInteger(), perPage);
    QCOMPARE(data[u"total"_s].toInteger(), total);
    QCOMPARE(jsonBody(response)[u"message"_s].toString(),
             u"Retrieved %1 product(s) successfully"_s.arg(ids.size()));
}

void TestProductHandlers::listDefaultsAndShape()
{
    const ApiResponse response = send("GET", u"/products"_s);
    const QJsonArray products = jsonBody(response)[u"data"_s][u"products"_s].toArray();
    QCOMPARE(products.size(), 6);
    for (const QJsonValue &product : products)
        QCOMPARE(product.toObject(), m_products->productJson(product[u"id"_s].toInteger()));
    // More products than a default page: the page holds 20 and the total tells the rest.
    for (int i = 0; i < 20; ++i) {
        ProductFields fields;
        fields.code = u"bulk-%1"_s.arg(i, 2, 10, QChar(u'0'));
        fields.name = u"Bulk"_s;
        fields.type = ProductType::Other;
        fields.quantity = i;
        fields.price = 1;
        m_products->add(fields);
    }
    const QJsonObject data = jsonBody(send("GET", u"/products"_s))[u"data"_s].toObject();
    QCOMPARE(data[u"count"_s].toInteger(), 20);
    QCOMPARE(data[u"total"_s].toInteger(), 26);
    const ApiResponse second = send("GET", u"/products?page=2"_s);
    QCOMPARE(listedIds(second), (QList<qint64>{21, 22, 23, 24, 25, 26}));
    const ApiResponse all = send("GET", u"/products?per_page=100"_s);
    QCOMPARE(listedIds(all).size(), 26);
    QCOMPARE(listedIds(all).last(), 26);
}

void TestProductHandlers::createThenReadBack()
{
    const ApiResponse created = send("POST", u"/products"_s, validBody, u"admin"_s);
    QCOMPARE(created.status, 201);
    const QJsonObject data = jsonBody(created)[u"data"_s].toObject();
    QCOMPARE(data[u"id"_s].toInteger(), 7);
    QCOMPARE(data[u"code"_s].toString(), u"board-game"_s);
    QCOMPARE(data[u"name"_s].toString(), u"Board Game"_s);
    QCOMPARE(data[u"type"_s].toString(), u"toy"_s);
    QCOMPARE(data[u"quantity"_s].toInteger(), 5);
    QCOMPARE(data[u"price"_s].toDouble(), 29.95);
    QVERIFY(data[u"url"_s].isNull());
    QVERIFY(data[u"available_from"_s].isNull());
    QCOMPARE(data[u"created_at"_s].toString(), u"2026-02-18T10:30:00.000000"_s);
    QCOMPARE(data[u"updated_at"_s].toString(), u"2026-02-18T10:30:00.000000"_s);
    // The price is written as the number sent, not as its binary approximation.
    QVERIFY(created.body.contains("\"price\":29.95"));

    const ApiResponse read = send("GET", u"/products/7"_s);
    QCOMPARE(read.status, 200);
    QCOMPARE(jsonBody(read)[u"data"_s].toObject(), data);

    // Read-only and unknown fields are ignored.
    const ApiResponse ignored =
        send("POST", u"/products"_s,
             R"({"id":1,"code":"abc","name":"A","type":"food","quantity":0,"price":0,
           "created_at":"1999-01-01T00:00:00.000000","updated_at":"x","colour":"red"})"_ba,
             u"admin"_s);
    QCOMPARE(ignored.status, 201);
    const QJsonObject second = jsonBody(ignored)[u"data"_s].toObject();
    QCOMPARE(second[u"id"_s].toInteger(), 8);
    QCOMPARE(second[u"created_at"_s].toString(), u"2026-02-18T10:30:00.000000"_s);
    QVERIFY(!second.contains(u"colour"_s));
    QCOMPARE(m_products->product(1)->code, u"clean-code"_s);
}

void TestProductHandlers::createAcceptsOptionalFieldsAndEchoesThem()
{
    const ApiResponse created =
        send("POST", u"/products"_s,
             R"({"code":"kindle_11","name":"  E-Reader  ","type":"electronics","quantity":3.0,
                "price":99.5,"url":"https://example.com/kindle",
                "available_from":"2026-04-01T12:00:00.123456+02:00"})"_ba,
             u"admin"_s);
    QCOMPARE(created.status, 201);
    const QJsonObject data = jsonBody(created)[u"data"_s].toObject();
    QCOMPARE(data[u"name"_s].toString(), u"E-Reader"_s);
    QCOMPARE(data[u"quantity"_s].toInteger(), 3);
    QCOMPARE(data[u"price"_s].toDouble(), 99.5);
    QCOMPARE(data[u"url"_s].toString(), u"https://example.com/kindle"_s);
    QCOMPARE(data[u"available_from"_s].toString(), u"2026-04-01T10:00:00.123456"_s);
}

void TestProductHandlers::validationReportsEveryField()
{
    const ApiResponse response = send(
        "POST", u"/products"_s,
        R"({"code":"Bad Code","type":"car","quantity":"5","price":19.999,"url":"ftp://x.org"})"_ba,
        u"admin"_s);
    QCOMPARE(response.status, 400);
    const QJsonObject json = jsonBody(response);
    QCOMPARE(json[u"error_code"_s].toString(), u"VALIDATION_ERROR"_s);
    QCOMPARE(json[u"errors"_s].toObject(),
             (QJsonObject{
                 {u"code"_s, u"Must be 3 to 32 characters: lowercase letters, digits, _ or -"_s},
                 {u"name"_s, u"This field is required"_s},
                 {u"type"_s, u"Must be one of: book, electronics, food, toy, other"_s},
                 {u"quantity"_s, u"Must be a whole number of at least 0"_s},
                 {u"price"_s, u"Must be a number of at least 0 with at most 2 decimals"_s},
                 {u"url"_s, u"Must be an http or https URL"_s}}));

    const ApiResponse update =
        send("PUT", u"/products/1"_s, R"({"name":"","available_from":"soon"})"_ba, u"admin"_s);
    QCOMPARE(update.status, 400);
    QCOMPARE(jsonBody(update)[u"errors"_s].toObject(),
             (QJsonObject{
                 {u"name"_s, u"Must be 1 to 100 characters"_s},
                 {u"available_from"_s, u"Must be a timestamp like 2026-02-18T10:30:00.000000"_s}}));
}

void TestProductHandlers::updateIsPartialAndMovesUpdatedAt()
{
    const QJsonObject before = m_products->productJson(3);
    m_now = m_now.addSecs(90);
    const ApiResponse response =
        send("PUT", u"/products/3"_s, R"({"price":21,"name":"Quiet Mouse"})"_ba, u"admin"_s);
    QCOMPARE(response.status, 200);
    const QJsonObject after = jsonBody(response)[u"data"_s].toObject();
    QCOMPARE(after[u"price"_s].toDouble(), 21.0);
    QCOMPARE(after[u"name"_s].toString(), u"Quiet Mouse"_s);
    QCOMPARE(after[u"updated_at"_s].toString(), u"2026-02-18T10:31:30.000000"_s);
    for (const QString &unchanged : {u"id"_s, u"code"_s, u"type"_s, u"quantity"_s, u"url"_s,
                                     u"available_from"_s, u"created_at"_s})
        QCOMPARE(after[unchanged], before[unchanged]);
    QCOMPARE(m_products->productJson(3), after);
}

void TestProductHandlers::updateCanClearOptionalFields()
{
    QVERIFY(m_products->product(3)->url);
    QVERIFY(m_products->product(3)->availableFrom);
    const ApiResponse response =
        send("PUT", u"/products/3"_s, R"({"url":null,"available_from":null})"_ba, u"admin"_s);
    QCOMPARE(response.status, 200);
    const QJsonObject data = jsonBody(response)[u"data"_s].toObject();
    QVERIFY(data[u"url"_s].isNull());
    QVERIFY(data[u"available_from"_s].isNull());
    QVERIFY(!m_products->product(3)->url);
}

void TestProductHandlers::codeMayMoveToAFreedCode()
{
    QCOMPARE(send("PUT", u"/products/2"_s, R"({"code":"clean-code"})"_ba, u"admin"_s).status, 409);
    QCOMPARE(send("PUT", u"/products/1"_s, R"({"code":"clean-code-2e"})"_ba, u"admin"_s).status,
             200);
    const ApiResponse moved =
        send("PUT", u"/products/2"_s, R"({"code":"clean-code"})"_ba, u"admin"_s);
    QCOMPARE(moved.status, 200);
    QCOMPARE(jsonBody(moved)[u"data"_s][u"code"_s].toString(), u"clean-code"_s);
    // The code of a deleted product is free for a new one.
    QCOMPARE(send("DELETE", u"/products/4"_s, {}, u"admin"_s).status, 200);
    QByteArray body = validBody;
    body.replace("board-game", "dark-chocolate");
    QCOMPARE(send("POST", u"/products"_s, body, u"admin"_s).status, 201);
    QCOMPARE(send("POST", u"/products"_s, body, u"admin"_s).status, 409);
}

void TestProductHandlers::deleteAnswersWithTheDeletedProduct()
{
    const QJsonObject before = m_products->productJson(5);
    const ApiResponse response = send("DELETE", u"/products/5"_s, {}, u"admin"_s);
    QCOMPARE(response.status, 200);
    QCOMPARE(jsonBody(response)[u"data"_s].toObject(), before);
    QCOMPARE(send("GET", u"/products/5"_s).status, 404);
    QCOMPARE(send("DELETE", u"/products/5"_s, {}, u"admin"_s).status, 404);
}

void TestProductHandlers::listFollowsEveryChange()
{
    QCOMPARE(listedIds(send("GET", u"/products?type=toy"_s)), (QList<qint64>{5}));
    QCOMPARE(send("POST", u"/products"_s, validBody, u"admin"_s).status, 201);
    QCOMPARE(listedIds(send("GET", u"/products?type=toy"_s)), (QList<qint64>{5, 7}));
    QCOMPARE(send("PUT", u"/products/5"_s, R"({"type":"other"})"_ba, u"admin"_s).status, 200);
    QCOMPARE(listedIds(send("GET", u"/products?type=toy"_s)), (QList<qint64>{7}));
    QCOMPARE(listedIds(send("GET", u"/products?type=other"_s)), (QList<qint64>{5, 6}));
    QCOMPARE(send("PUT", u"/products/7"_s, R"({"quantity":99})"_ba, u"admin"_s).status, 200);
    const QJsonObject toys = jsonBody(send("GET", u"/products?type=toy"_s));
    QCOMPARE(toys[u"data"_s][u"products"_s][0][u"quantity"_s].toInteger(), 99);
    QCOMPARE(send("DELETE", u"/products/7"_s, {}, u"admin"_s).status, 200);
    const QJsonObject empty = jsonBody(send("GET", u"/products?type=toy"_s))[u"data"_s].toObject();
    QCOMPARE(empty[u"count"_s].toInteger(), 0);
    QCOMPARE(empty[u"total"_s].toInteger(), 0);
    QVERIFY(empty[u"products"_s].toArray().isEmpty());

    // A change made straight in the store (the trainer, a reset) shows too.
    m_products->reset();
    QCOMPARE(listedIds(send("GET", u"/products?type=toy"_s)), (QList<qint64>{5}));
    QCOMPARE(jsonBody(send("GET", u"/products"_s))[u"data"_s][u"total"_s].toInteger(), 6);
}

void TestProductHandlers::failedRequestsLeaveDataIntact()
{
    const QList<Product> before = m_products->products();
    const quint64 revision = m_products->revision();
    send("POST", u"/products"_s, validBody, u"user"_s);
    send("POST", u"/products"_s, validBody, u"none"_s);
    send("POST", u"/products"_s, R"({"code":"abc"})"_ba, u"admin"_s);
    send("POST", u"/products"_s,
         R"({"code":"clean-code","name":"X","type":"book","quantity":1,"price":1})"_ba, u"admin"_s);
    send("PUT", u"/products/1"_s, R"({"quantity":5,"price":0.001})"_ba, u"admin"_s);
    send("PUT", u"/products/1"_s, R"({"code":"usb-c-cable","name":"Changed"})"_ba, u"admin"_s);
    send("PUT", u"/products/1"_s, R"({"quantity":5})"_ba, u"user"_s);
    send("DELETE", u"/products/1"_s, {}, u"user"_s);
    send("DELETE", u"/products/x"_s, {}, u"admin"_s);
    send("GET", u"/products?page=0"_s);
    QCOMPARE(m_products->products(), before);
    QCOMPARE(m_products->revision(), revision);
}

void TestProductHandlers::trainerCallsNeedAnAdminToo()
{
    const User admin = *m_users->user(1);
    const User user = *m_users->user(2);
    QCOMPARE(m_handlers->createAs(admin, validBody).status, 201);
    QCOMPARE(m_handlers->createAs(user, validBody).status, 403);
    QCOMPARE(m_handlers->updateAs(admin, u"7"_s, R"({"quantity":1})"_ba).status, 200);
    QCOMPARE(m_handlers->updateAs(user, u"7"_s, R"({"quantity":2})"_ba).status, 403);
    QCOMPARE(m_products->product(7)->quantity, 1);
    QCOMPARE(m_handlers->removeAs(user, u"7"_s).status, 403);
    QCOMPARE(m_handlers->removeAs(admin, u"7"_s).status, 200);
    QVERIFY(!m_products->product(7));
}

QTEST_GUILESS_MAIN(TestProductHandlers)
#include "tst_producthandlers.moc"
