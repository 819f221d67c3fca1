#include "httpclient.h"
#include "productspanel.h"
#include "producttablemodel.h"
#include "serverfixture.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

// The products panel against the real API on its worker thread: what HTTP clients do to
// /products shows in the table.
class TestProductsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client = std::make_unique<HttpClient>(m_server.baseUrl());
    }

    void init()
    {
        // A reset revokes every token, so the token comes after it.
        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
        const HttpResult login =
            m_client->sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})"_ba);
        QCOMPARE(login.status, 200);
        m_token = login.json()[u"data"_s][u"token"_s].toString().toLatin1();
        m_panel = std::make_unique<ProductsPanel>();
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_viewModelTester = std::make_unique<QAbstractItemModelTester>(
            view()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        model()->setHighlightDuration(60'000);
        m_panel->resize(1100, 500);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));

        m_panel->attach(&m_server.host());

        QTRY_COMPARE(model()->rowCount(), 6);
    }

    void cleanup()
    {
        m_viewModelTester.reset();
        m_modelTester.reset();
        m_panel.reset();
    }

    void seedRowsAppear()
    {
        QCOMPARE(viewColumn(ProductTableModel::CodeColumn),
                 (QStringList{u"clean-code"_s, u"usb-c-cable"_s, u"wireless_mouse"_s,
                              u"dark-chocolate"_s, u"wooden-blocks"_s, u"gift-card-50"_s}));
        QCOMPARE(viewColumn(ProductTableModel::PriceColumn).first(),
                 QLocale().toString(32.99, 'f', 2));
        QCOMPARE(countLabel(), u"6 products"_s);
        // A table that was there before the panel is not news.
        QCOMPARE(highlightedColumns(0), QList<int>{});
        QVERIFY(!model()->isFading());
    }

    void productCreatedOverHttpAppearsHighlighted()
    {
        const qint64 id = createOverHttp(u"rubber-duck"_s, u"toy"_s);

        QTRY_VERIFY(model()->rowOf(id) >= 0);

        QCOMPARE(highlightedColumns(model()->rowOf(id)).size(),
                 int(ProductTableModel::ColumnCount));
        QCOMPARE(highlightedColumns(0), QList<int>{});
        QCOMPARE(viewColumn(ProductTableModel::NameColumn).last(), u"Rubber Duck"_s);
        QCOMPARE(countLabel(), u"7 products"_s);
    }

    void putOverHttpHighlightsTheChangedCell()
    {
        const HttpResult put =
            m_client->sendJson("PUT", u"/products/2"_s, R"({"price":8.5})"_ba, m_token);
        QCOMPARE(put.status, 200);

        QTRY_COMPARE(model()->productAt(1).price, 8.5);

        QCOMPARE(highlightedColumns(1),
                 (QList<int>{ProductTableModel::PriceColumn, ProductTableModel::UpdatedColumn}));
        QCOMPARE(highlightedColumns(0), QList<int>{});
        QCOMPARE(viewColumn(ProductTableModel::PriceColumn)[1], QLocale().toString(8.5, 'f', 2));
    }

    void deleteOverHttpRemovesTheRow()
    {
        QCOMPARE(m_client->sendJson("DELETE", u"/products/3"_s, {}, m_token).status, 200);

        QTRY_COMPARE(model()->rowOf(3), -1);
        QCOMPARE(model()->rowCount(), 5);
        QCOMPARE(countLabel(), u"5 products"_s);
    }

    void resetOverHttpRestoresTheSeed()
    {
        const qint64 id = createOverHttp(u"rubber-duck"_s, u"toy"_s);
        QTRY_VERIFY(model()->rowOf(id) >= 0);
        QCOMPARE(m_client->sendJson("DELETE", u"/products/1"_s, {}, m_token).status, 200);
        QTRY_COMPARE(model()->rowOf(1), -1);

        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);

        QTRY_COMPARE(model()->rowOf(id), -1);
        QCOMPARE(model()->rowCount(), 6);
        QCOMPARE(model()->productAt(0).code, u"clean-code"_s);
        QCOMPARE(countLabel(), u"6 products"_s);
    }

    void typeFilterShowsOneType()
    {
        auto *combo = m_panel->findChild<QComboBox *>(u"typeFilterCombo"_s);
        QCOMPARE(combo->count(), 6);
        QCOMPARE(combo->itemText(0), u"All"_s);

        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down); // All -> book
        QTest::keyClick(combo, Qt::Key_Down); // book -> electronics

        QCOMPARE(m_panel->typeFilter(), u"electronics"_s);
        QCOMPARE(viewColumn(ProductTableModel::CodeColumn),
                 (QStringList{u"usb-c-cable"_s, u"wireless_mouse"_s}));
        QCOMPARE(countLabel(), u"2 of 6 products"_s);

        // A new product of another type is counted but not shown; one of this type shows.
        createOverHttp(u"rubber-duck"_s, u"toy"_s);
        QTRY_COMPARE(countLabel(), u"2 of 7 products"_s);
        createOverHttp(u"hdmi-cable"_s, u"electronics"_s);
        QTRY_COMPARE(countLabel(), u"3 of 8 products"_s);
        QCOMPARE(viewColumn(ProductTableModel::CodeColumn).last(), u"hdmi-cable"_s);

        // A product that changes type leaves the filtered rows.
        QCOMPARE(
            m_client->sendJson("PUT", u"/products/2"_s, R"({"type":"other"})"_ba, m_token).status,
            200);
        QTRY_COMPARE(countLabel(), u"2 of 8 products"_s);

        m_panel->setTypeFilter(QString());
        QCOMPARE(view()->model()->rowCount(), 8);
        QCOMPARE(countLabel(), u"8 products"_s);
    }

    void sortingByAHeaderClick()
    {
        QHeaderView *header = view()->horizontalHeader();
        const int x = header->sectionViewportPosition(ProductTableModel::QuantityColumn) + 5;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));

        QCOMPARE(header->sortIndicatorSection(), int(ProductTableModel::QuantityColumn));
        const QStringList codes = viewColumn(ProductTableModel::CodeColumn);
        // Ascending: out of stock first, the gift cards last.
        QCOMPARE(header->sortIndicatorOrder() == Qt::AscendingOrder ? codes.first() : codes.last(),
                 u"wooden-blocks"_s);
    }

    // The names are what a class reads: a narrow table elides the URLs first.
    void namesAreNotElidedWhileAUrlTakesTheSpace()
    {
        const QString longName = u"Clean Code: A Handbook of Agile Software Craftsmanship"_s;
        const HttpResult put = m_client->sendJson(
            "PUT", u"/products/1"_s, u"{\"name\":\"%1\"}"_s.arg(longName).toUtf8(), m_token);
        QCOMPARE(put.status, 200);
        QTRY_COMPARE(viewColumn(ProductTableModel::NameColumn).first(), longName);

        m_panel->resize(4000, 500);
        QTRY_VERIFY(columnWidth(ProductTableModel::NameColumn) >= nameContentsWidth());
        const int fullUrl = columnWidth(ProductTableModel::UrlColumn);
        const int others = view()->horizontalHeader()->length() -
                           columnWidth(ProductTableModel::NameColumn) - fullUrl;
        // Room for every name only if the URL column gives up half of its width.
        const int viewport = others + fullUrl / 2 + nameContentsWidth();
        m_panel->resize(m_panel->width() - view()->viewport()->width() + viewport, 500);

        QTRY_VERIFY(columnWidth(ProductTableModel::UrlColumn) < fullUrl);
        QVERIFY(columnWidth(ProductTableModel::NameColumn) >= nameContentsWidth());
        QVERIFY(columnWidth(ProductTableModel::UrlColumn) >=
                10 * view()->fontMetrics().averageCharWidth());
        QVERIFY(!view()->horizontalScrollBar()->isVisible());
    }

private:
    int columnWidth(int column) const { return view()->columnWidth(column); }
    // What the names in view ask for (public in QAbstractItemView, protected in QTableView).
    int nameContentsWidth() const
    {
        const QAbstractItemView *table = view();
        return table->sizeHintForColumn(ProductTableModel::NameColumn);
    }

    ProductTableModel *model() const { return m_panel->model(); }
    QTableView *view() const { return m_panel->view(); }

    QString countLabel() const
    {
        return m_panel->findChild<QLabel *>(u"productCountLabel"_s)->text();
    }

    QStringList viewColumn(int column) const
    {
        QStringList texts;
        for (int row = 0; row < view()->model()->rowCount(); ++row)
            texts.append(view()->model()->index(row, column).data().toString());
        return texts;
    }

    QList<int> highlightedColumns(int row) const
    {
        QList<int> columns;
        for (int column = 0; column < ProductTableModel::ColumnCount; ++column) {
            if (model()->index(row, column).data(ProductTableModel::HighlightRole).toReal() > 0)
                columns.append(column);
        }
        return columns;
    }

    qint64 createOverHttp(const QString &code, const QString &type)
    {
        const QString name = code == u"rubber-duck"_s ? u"Rubber Duck"_s : code;
        const QJsonObject body{{u"code"_s, code},
                               {u"name"_s, name},
                               {u"type"_s, type},
                               {u"quantity"_s, 3},
                               {u"price"_s, 4.5}};
        const HttpResult created = m_client->sendJson(
            "POST", u"/products"_s, QJsonDocument(body).toJson(QJsonDocument::Compact), m_token);
        if (created.status != 201)
            qWarning() << created.status << created.body;
        return created.json()[u"data"_s][u"id"_s].toInteger();
    }

    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
    QByteArray m_token;
    std::unique_ptr<ProductsPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_viewModelTester;
};

QTEST_MAIN(TestProductsPanel)
#include "tst_productspanel.moc"
