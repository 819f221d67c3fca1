#include "productstore.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// A clock that moves one second each time it is read, so every change gets its own time.
static Clock steppingClock(QDateTime *now)
{
    return [now] {
        *now = now->addSecs(1);
        return *now;
    };
}

static ProductFields newProduct(const QString &code)
{
    ProductFields fields;
    fields.code = code;
    fields.name = u"Board Game"_s;
    fields.type = ProductType::Toy;
    fields.quantity = 5;
    fields.price = 29.95;
    return fields;
}

class TestProductStore : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_now = QDateTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC); }

    void startsWithTheSeed()
    {
        ProductStore store(steppingClock(&m_now));
        const QList<Product> products = store.products();
        QCOMPARE(products.size(), 6);
        QCOMPARE(store.count(), 6);
        QStringList codes;
        QSet<ProductType> types;
        for (qsizetype i = 0; i < products.size(); ++i) {
            QCOMPARE(products[i].id, i + 1);
            QCOMPARE(products[i].createdAt, products[i].updatedAt);
            QCOMPARE(store.productJson(products[i].id), products[i].toJson());
            codes.append(products[i].code);
            types.insert(products[i].type);
        }
        QCOMPARE(codes, (QStringList{u"clean-code"_s, u"usb-c-cable"_s, u"wireless_mouse"_s,
                                     u"dark-chocolate"_s, u"wooden-blocks"_s, u"gift-card-50"_s}));
        QCOMPARE(types.size(), 5);
        QCOMPARE(products[0].type, ProductType::Book);
        QCOMPARE(products[0].price, 32.99);
        QCOMPARE(products[4].quantity, 0); // one product out of stock
    }

    void productJsonFollowsTheContract()
    {
        ProductStore store(steppingClock(&m_now));
        const QJsonObject book = store.productJson(1);
        QCOMPARE(book.keys(),
                 (QStringList{u"available_from"_s, u"code"_s, u"created_at"_s, u"id"_s, u"name"_s,
                              u"price"_s, u"quantity"_s, u"type"_s, u"updated_at"_s, u"url"_s}));
        QCOMPARE(book[u"id"_s].toInteger(), 1);
        QCOMPARE(book[u"code"_s].toString(), u"clean-code"_s);
        QCOMPARE(book[u"name"_s].toString(), u"Clean Code"_s);
        QCOMPARE(book[u"type"_s].toString(), u"book"_s);
        QCOMPARE(book[u"quantity"_s].toInteger(), 12);
        QVERIFY(book[u"price"_s].isDouble());
        QCOMPARE(book[u"price"_s].toDouble(), 32.99);
        QCOMPARE(book[u"url"_s].toString(), u"https://example.com/books/clean-code"_s);
        QVERIFY(book[u"available_from"_s].isNull());
        QCOMPARE(book[u"created_at"_s].toString(), u"2026-02-18T10:30:01.000000"_s);

        const QJsonObject cable = store.productJson(2);
        QVERIFY(cable[u"url"_s].isNull());
        const QJsonObject blocks = store.productJson(5);
        QCOMPARE(blocks[u"available_from"_s].toString(), u"2026-03-01T09:00:00.000000"_s);
    }

    void addAnnouncesAndNumbersAfterTheSeed()
    {
        ProductStore store(steppingClock(&m_now));
        QSignalSpy added(&store, &ProductStore::productAdded);
        ProductFields fields = newProduct(u"board-game"_s);
        fields.availableFrom = MicroTimestamp{m_now.addDays(3), 456};
        const Product product = store.add(fields);
        QCOMPARE(product.id, 7);
        QCOMPARE(product.code, u"board-game"_s);
        QCOMPARE(product.price, 29.95);
        QVERIFY(!product.url);
        QCOMPARE(product.availableFrom->micros, 456);
        QCOMPARE(product.createdAt, product.updatedAt);
        QCOMPARE(added.count(), 1);
        QCOMPARE(added[0][0].value<Product>(), product);
        QCOMPARE(store.product(7), product);
        QCOMPARE(store.productJson(7), product.toJson());
        QCOMPARE(store.productJson(7)[u"available_from"_s].toString(),
                 u"2026-02-21T10:30:01.000456"_s);
        QCOMPARE(store.productByCode(u"board-game"_s), product);
    }

    void updateChangesOnlyWhatIsSetAndMovesUpdatedAt()
    {
        ProductStore store(steppingClock(&m_now));
        const Product before = *store.product(1);
        QSignalSpy updated(&store, &ProductStore::productUpdated);
        ProductFields fields;
        fields.quantity = 0;
        fields.url = std::optional<QString>(); // cleared
        const auto after = store.update(1, fields);
        QVERIFY(after);
        QCOMPARE(after->quantity, 0);
        QVERIFY(!after->url);
        QCOMPARE(after->name, before.name);
        QCOMPARE(after->price, before.price);
        QCOMPARE(after->code, before.code);
        QCOMPARE(after->createdAt, before.createdAt);
        QVERIFY(after->updatedAt > before.updatedAt);
        QCOMPARE(updated.count(), 1);
        QCOMPARE(updated[0][0].value<Product>(), *after);
        QCOMPARE(store.productJson(1), after->toJson());
        QVERIFY(store.productJson(1)[u"url"_s].isNull());

        QVERIFY(!store.update(99, fields));
        QCOMPARE(updated.count(), 1);
    }

    void codeLookupFollowsRenames()
    {
        ProductStore store(steppingClock(&m_now));
        QCOMPARE(store.productByCode(u"clean-code"_s)->id, 1);
        QVERIFY(!store.productByCode(u"Clean-Code"_s)); // exact: codes are lower case
        QVERIFY(!store.productByCode(u"nothing"_s));

        ProductFields rename;
        rename.code = u"clean-code-2e"_s;
        store.update(1, rename);
        QVERIFY(!store.productByCode(u"clean-code"_s));
        QCOMPARE(store.productByCode(u"clean-code-2e"_s)->id, 1);

        // Keeping one's own code is allowed.
        store.update(1, rename);
        QCOMPARE(store.productByCode(u"clean-code-2e"_s)->id, 1);

        // A removed product's code is free again.
        store.remove(2);
        QVERIFY(!store.productByCode(u"usb-c-cable"_s));
        QCOMPARE(store.add(newProduct(u"usb-c-cable"_s)).id, 7);
        QCOMPARE(store.productByCode(u"usb-c-cable"_s)->id, 7);
    }

    void codeLookupFollowsUpdatesAndReset()
    {
        ProductStore store(steppingClock(&m_now));
        // An update without a code keeps the product found by its code.
        ProductFields restock;
        restock.quantity = 99;
        store.update(2, restock);
        QCOMPARE(store.productByCode(u"usb-c-cable"_s)->quantity, 99);

        // Two products trade codes through a third name.
        ProductFields code;
        code.code = u"swap"_s;
        store.update(1, code);
        code.code = u"clean-code"_s;
        store.update(2, code);
        code.code = u"usb-c-cable"_s;
        store.update(1, code);
        QCOMPARE(store.productByCode(u"clean-code"_s)->id, 2);
        QCOMPARE(store.productByCode(u"usb-c-cable"_s)->id, 1);
        QVERIFY(!store.productByCode(u"swap"_s));

        const qint64 added = store.add(newProduct(u"added"_s)).id;
        QCOMPARE(store.productByCode(u"added"_s)->id, added);
        store.remove(added);
        QVERIFY(!store.productByCode(u"added"_s));

        store.reset();
        QCOMPARE(store.productByCode(u"clean-code"_s)->id, 1);
        QCOMPARE(store.productByCode(u"usb-c-cable"_s)->id, 2);
        QList<qint64> ids;
        store.forEachProduct([&](const Product &product) {
            QCOMPARE(store.productByCode(product.code)->id, product.id);
            ids.append(product.id);
        });
        QCOMPARE(ids, (QList<qint64>{1, 2, 3, 4, 5, 6}));
    }

    void removeAnnouncesAndForgets()
    {
        ProductStore store(steppingClock(&m_now));
        QSignalSpy removed(&store, &ProductStore::productRemoved);
        const auto product = store.remove(3);
        QVERIFY(product);
        QCOMPARE(product->code, u"wireless_mouse"_s);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed[0][0].toLongLong(), 3);
        QVERIFY(!store.product(3));
        QVERIFY(store.productJson(3).isEmpty());
        QCOMPARE(store.count(), 5);
        QVERIFY(!store.remove(3));
        QCOMPARE(removed.count(), 1);
        // Ids are never reused before a reset.
        QCOMPARE(store.add(newProduct(u"new-one"_s)).id, 7);
    }

    void revisionMovesWithEveryChange()
    {
        ProductStore store(steppingClock(&m_now));
        quint64 revision = store.revision();
        const Product added = store.add(newProduct(u"rev-test"_s));
        QVERIFY(store.revision() > revision);
        revision = store.revision();
        store.update(added.id, {});
        QVERIFY(store.revision() > revision);
        revision = store.revision();
        store.remove(added.id);
        QVERIFY(store.revision() > revision);
        revision = store.revision();
        QVERIFY(!store.remove(added.id));
        QCOMPARE(store.revision(), revision); // nothing changed
        store.reset();
        QVERIFY(store.revision() > revision);
    }

    void resetRestoresSeedAndIds()
    {
        ProductStore store(steppingClock(&m_now));
        const QList<Product> seed = store.products();
        store.add(newProduct(u"extra"_s));
        store.remove(1);
        ProductFields rename;
        rename.code = u"renamed"_s;
        store.update(2, rename);

        QSignalSpy reset(&store, &ProductStore::productsReset);
        store.reset();
        QCOMPARE(reset.count(), 1);
        const auto announced = reset[0][0].value<QList<Product>>();
        QCOMPARE(announced, store.products());
        QCOMPARE(store.count(), 6);
        QCOMPARE(store.product(1)->code, u"clean-code"_s);
        QCOMPARE(store.productByCode(u"usb-c-cable"_s)->id, 2);
        QVERIFY(!store.productByCode(u"renamed"_s));
        QVERIFY(!store.productByCode(u"extra"_s));
        QVERIFY(store.productJson(7).isEmpty());
        for (qsizetype i = 0; i < seed.size(); ++i) {
            QCOMPARE(store.products()[i].code, seed[i].code);
            QCOMPARE(store.products()[i].price, seed[i].price);
        }
        QCOMPARE(store.add(newProduct(u"after-reset"_s)).id, 7);
    }

private:
    QDateTime m_now;
};

QTEST_GUILESS_MAIN(TestProductStore)
#include "tst_productstore.moc"
