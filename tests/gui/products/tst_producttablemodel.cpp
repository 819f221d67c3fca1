#include "guistyle.h"
#include "producttablemodel.h"
#include "theme.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime created = QDateTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC);

Product makeProduct(qint64 id, const QString &code, ProductType type = ProductType::Book,
                    qint64 quantity = 5, double price = 9.5)
{
    Product product;
    product.id = id;
    product.code = code;
    product.name = code.toUpper();
    product.type = type;
    product.quantity = quantity;
    product.price = price;
    product.createdAt = created;
    product.updatedAt = created;
    return product;
}

QList<Product> seed()
{
    Product cable = makeProduct(2, u"usb-c-cable"_s, ProductType::Electronics, 150, 9.99);
    cable.url = u"https://example.com/cable"_s;
    cable.availableFrom = MicroTimestamp{QDateTime(QDate(2026, 1, 15), QTime(9, 0), Qt::UTC), 7};
    return {makeProduct(1, u"clean-code"_s, ProductType::Book, 12, 32.99), cable,
            makeProduct(3, u"wooden-blocks"_s, ProductType::Toy, 0, 19.99)};
}

ProductChange added(const Product &product)
{
    return {ProductChange::Kind::Added, product, {}};
}

ProductChange updated(const Product &product)
{
    return {ProductChange::Kind::Updated, product, {}};
}

ProductChange removed(qint64 id)
{
    Product product;
    product.id = id;
    return {ProductChange::Kind::Removed, product, {}};
}

ProductChange reset(const QList<Product> &products)
{
    return {ProductChange::Kind::Reset, {}, products};
}

} // namespace

// The products table model on its own, fed with the store's change events built by hand.
class TestProductTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<ProductTableModel>();
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_proxy = std::make_unique<QSortFilterProxyModel>();
        m_proxy->setSourceModel(m_model.get());
        m_proxy->setSortRole(ProductTableModel::SortRole);
        m_proxy->sort(ProductTableModel::PriceColumn, Qt::DescendingOrder);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        // Long enough that nothing fades while a test looks, unless it wants it to.
        m_model->setHighlightDuration(60'000);
    }

    void cleanup()
    {
        m_proxyTester.reset();
        m_proxy.reset();
        m_modelTester.reset();
        m_model.reset();
    }

    void resetShowsTheTableInIdOrder()
    {
        const QList<Product> products = seed();
        m_model->applyChanges({reset({products[2], products[0], products[1]})});

        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->columnCount(), 9);
        QCOMPARE(m_model->productAt(0).id, 1);
        QCOMPARE(m_model->rowOf(3), 2);
        QCOMPARE(m_model->rowOf(9), -1);
        QCOMPARE(cell(1, ProductTableModel::IdColumn), QVariant(2));
        QCOMPARE(cell(1, ProductTableModel::CodeColumn), QVariant(u"usb-c-cable"_s));
        QCOMPARE(cell(1, ProductTableModel::NameColumn), QVariant(u"USB-C-CABLE"_s));
        QCOMPARE(cell(1, ProductTableModel::TypeColumn), QVariant(u"electronics"_s));
        QCOMPARE(cell(1, ProductTableModel::QuantityColumn), QVariant(u"150"_s));
        QCOMPARE(cell(1, ProductTableModel::PriceColumn),
                 QVariant(QLocale().toString(9.99, 'f', 2)));
        QCOMPARE(cell(1, ProductTableModel::PriceColumn, ProductTableModel::SortRole),
                 QVariant(9.99));
        QCOMPARE(cell(1, ProductTableModel::UrlColumn), QVariant(u"https://example.com/cable"_s));
        QVERIFY(!cell(0, ProductTableModel::UrlColumn).isValid());
        QVERIFY(!cell(0, ProductTableModel::AvailableFromColumn).isValid());
        const QDateTime available(QDate(2026, 1, 15), QTime(9, 0), Qt::UTC);
        QCOMPARE(cell(1, ProductTableModel::AvailableFromColumn),
                 QVariant(available.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s)));
        QCOMPARE(cell(1, ProductTableModel::AvailableFromColumn, Qt::ToolTipRole),
                 QVariant(u"2026-01-15T09:00:00.000007 UTC"_s));
        QCOMPARE(cell(1, ProductTableModel::UpdatedColumn),
                 QVariant(created.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s)));
        QCOMPARE(cell(1, ProductTableModel::UpdatedColumn, Qt::ToolTipRole),
                 QVariant(u"2026-02-18T10:30:00.000000 UTC"_s));
        for (int column = 0; column < ProductTableModel::ColumnCount; ++column)
            QCOMPARE(cell(2, column, ProductTableModel::TypeNameRole), QVariant(u"toy"_s));

        const QStringList titles{u"ID"_s,   u"Code"_s,           u"Name"_s,
                                 u"Type"_s, u"Quantity"_s,       u"Price"_s,
                                 u"URL"_s,  u"Available from"_s, u"Updated"_s};
        for (int column = 0; column < titles.size(); ++column)
            QCOMPARE(m_model->headerData(column, Qt::Horizontal).toString(), titles[column]);
        QCOMPARE(highlightedColumns(0), QList<int>{});
        QVERIFY(!m_model->isFading());
        // Sorted by the typed price, not its text.
        QCOMPARE(m_proxy->index(0, ProductTableModel::IdColumn).data(), QVariant(1));
    }

    void priceHasTwoDecimalsInTheLocale()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        m_model->applyChanges({reset({makeProduct(1, u"gift-card"_s, ProductType::Other, 1, 50)})});
        const QVariant price = cell(0, ProductTableModel::PriceColumn);
        QLocale::setDefault(before);
        QCOMPARE(price, QVariant(u"50,00"_s));
    }

    void outOfStockSaysSoAndStepsBack()
    {
        m_model->applyChanges({reset(seed())});

        // In words, and in a shade still readable on every row of a table.
        QCOMPARE(cell(2, ProductTableModel::QuantityColumn), QVariant(u"Sold out"_s));
        QCOMPARE(cell(2, ProductTableModel::QuantityColumn, ProductTableModel::SortRole),
                 QVariant(qint64(0)));
        const QColor text =
            cell(2, ProductTableModel::NameColumn, Qt::ForegroundRole).value<QColor>();
        QCOMPARE(text, GuiStyle::inactiveColor());
        QVERIFY(Theme::contrastRatio(text, Theme::color(Theme::Role::AlternateBase)) >= 4.5);
        QCOMPARE(cell(2, ProductTableModel::QuantityColumn, Qt::ToolTipRole),
                 QVariant(u"Out of stock"_s));
        QVERIFY(!cell(0, ProductTableModel::NameColumn, Qt::ForegroundRole).isValid());
        QVERIFY(!cell(0, ProductTableModel::QuantityColumn, Qt::ToolTipRole).isValid());

        // Back in stock: the whole row repaints.
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        Product restocked = seed()[2];
        restocked.quantity = 4;
        m_model->applyChanges({updated(restocked)});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].toModelIndex(), m_model->index(2, 0));
        QCOMPARE(changed[0][1].toModelIndex(),
                 m_model->index(2, ProductTableModel::ColumnCount - 1));
        QVERIFY(!cell(2, ProductTableModel::NameColumn, Qt::ForegroundRole).isValid());
    }

    void addedProductsAreOneInsertionWithEveryCellHighlighted()
    {
        m_model->applyChanges({reset(seed())});
        QSignalSpy aboutToInsert(m_model.get(), &QAbstractItemModel::rowsAboutToBeInserted);

        m_model->applyChanges({added(makeProduct(4, u"rubber-duck"_s, ProductType::Toy)),
                               added(makeProduct(5, u"teapot"_s, ProductType::Other))});

        QCOMPARE(aboutToInsert.size(), 1);
        QCOMPARE(aboutToInsert[0][1].toInt(), 3);
        QCOMPARE(aboutToInsert[0][2].toInt(), 4);
        QCOMPARE(m_model->rowCount(), 5);
        for (int row : {3, 4}) {
            QCOMPARE(highlightedColumns(row).size(), int(ProductTableModel::ColumnCount));
            const QColor background =
                cell(row, ProductTableModel::CodeColumn, Qt::BackgroundRole).value<QColor>();
            QCOMPARE(background.rgb(), GuiStyle::highlightColor().rgb());
        }
        QCOMPARE(highlightedColumns(0), QList<int>{});
        QVERIFY(!cell(0, ProductTableModel::CodeColumn, Qt::BackgroundRole).isValid());
        QVERIFY(m_model->isFading());
    }

    void additionBelowTheLastIdIsInsertedInOrder()
    {
        m_model->applyChanges({reset({seed()[0], seed()[2]})});

        m_model->applyChanges({added(seed()[1])});

        QCOMPARE(m_model->rowOf(2), 1);
        QCOMPARE(m_model->productAt(2).id, 3);
        QCOMPARE(highlightedColumns(1).size(), int(ProductTableModel::ColumnCount));
    }

    void updateHighlightsTheChangedCellsOnly()
    {
        m_model->applyChanges({reset(seed())});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        Product product = seed()[0];
        product.price = 5;
        product.updatedAt = created.addSecs(60);

        m_model->applyChanges({updated(product)});

        QCOMPARE(cell(0, ProductTableModel::PriceColumn, ProductTableModel::SortRole),
                 QVariant(5.0));
        QCOMPARE(highlightedColumns(0),
                 (QList<int>{ProductTableModel::PriceColumn, ProductTableModel::UpdatedColumn}));
        QCOMPARE(highlightedColumns(1), QList<int>{});
        QCOMPARE(changed.size(), 2); // price, updated: two runs of columns
        // The proxy sorted by price moved the row.
        QCOMPARE(m_proxy->index(0, ProductTableModel::IdColumn).data(), QVariant(3));
        QCOMPARE(m_proxy->index(2, ProductTableModel::IdColumn).data(), QVariant(1));
    }

    void microsecondChangeOfAvailableFromShows()
    {
        m_model->applyChanges({reset(seed())});
        Product product = seed()[1];
        product.availableFrom->micros = 8;

        m_model->applyChanges({updated(product)});

        QCOMPARE(highlightedColumns(1), QList<int>{ProductTableModel::AvailableFromColumn});
    }

    void unchangedUpdateHighlightsNothing()
    {
        m_model->applyChanges({reset(seed())});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        m_model->applyChanges({updated(seed()[1])});

        QCOMPARE(changed.size(), 0);
        QCOMPARE(highlightedColumns(1), QList<int>{});
    }

    void removedCarriesOnlyTheId()
    {
        m_model->applyChanges({reset(seed())});
        m_model->applyChanges({added(makeProduct(4, u"rubber-duck"_s))});

        m_model->applyChanges({removed(2), removed(4), removed(99)});

        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->rowOf(2), -1);
        QCOMPARE(m_model->rowOf(4), -1);
        QCOMPARE(m_model->productAt(1).id, 3);
    }

    void onlyTheLastResetOfABatchCounts()
    {
        m_model->applyChanges({reset(seed())});
        QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);

        m_model->applyChanges({added(makeProduct(4, u"a-thing"_s)), reset(seed()),
                               added(makeProduct(9, u"dropped"_s)), reset({seed()[0]}),
                               added(makeProduct(7, u"kept"_s))});

        QCOMPARE(resets.size(), 1);
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->productAt(1).code, u"kept"_s);
        QCOMPARE(highlightedColumns(0), QList<int>{});
        QCOMPARE(highlightedColumns(1).size(), int(ProductTableModel::ColumnCount));
    }

    void highlightsFadeOut()
    {
        m_model->setHighlightDuration(200);
        m_model->applyChanges({reset(seed())});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->applyChanges({added(makeProduct(4, u"rubber-duck"_s))});
        QVERIFY(m_model->isFading());

        QTRY_VERIFY(!m_model->isFading());

        QCOMPARE(highlightedColumns(3), QList<int>{});
        QVERIFY(!cell(3, ProductTableModel::CodeColumn, Qt::BackgroundRole).isValid());
        QVERIFY(!changed.isEmpty());
        const QList<int> roles = changed.last()[2].value<QList<int>>();
        QVERIFY(roles.contains(Qt::BackgroundRole));
    }

private:
    QVariant cell(int row, int column, int role = Qt::DisplayRole) const
    {
        return m_model->index(row, column).data(role);
    }

    QList<int> highlightedColumns(int row) const
    {
        QList<int> columns;
        for (int column = 0; column < ProductTableModel::ColumnCount; ++column) {
            if (cell(row, column, ProductTableModel::HighlightRole).toReal() > 0)
                columns.append(column);
        }
        return columns;
    }

    std::unique_ptr<ProductTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QSortFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

QTEST_GUILESS_MAIN(TestProductTableModel)
#include "tst_producttablemodel.moc"
