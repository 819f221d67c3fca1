#include "httpclient.h"
#include "lessonlistmodel.h"
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
#include <QSignalSpy>
#include <QStackedWidget>
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
        m_lessonModelTester = std::make_unique<QAbstractItemModelTester>(
            m_panel->lessonModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        model()->setHighlightDuration(60'000);
        m_panel->lessonModel()->setHighlightDuration(60'000);
        m_panel->resize(1100, 500);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));

        m_panel->attach(&m_server.host());

        QTRY_COMPARE(model()->rowCount(), 6);
    }

    void cleanup()
    {
        m_server.host().watch(QString());
        m_lessonModelTester.reset();
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

    // --- A lesson's own list (API.md Part C) through the selector ---

    void selectorOffersEachLessonsList()
    {
        QComboBox *combo = listCombo();
        QTRY_VERIFY(combo->findData(u"inventory"_s) > 0);
        QCOMPARE(combo->itemText(0), u"Products (Part B)"_s);
        QVERIFY(combo->itemText(combo->findData(u"inventory"_s)).endsWith(u"Products"_s));
        // Lessons that keep no list of their own are not offered.
        QCOMPARE(combo->findData(u"user-management"_s), -1);
    }

    void chosenLessonListShowsReadOnly()
    {
        chooseWithKeyboard(u"inventory"_s);

        QCOMPARE(m_panel->shownList(), u"inventory"_s);
        QCOMPARE(stack()->currentWidget(), lessonView());
        QTRY_COMPARE(lessonColumn(0), (QStringList{u"sofa-01"_s, u"lamp-01"_s, u"table-01"_s}));
        QCOMPARE(lessonView()->model()->headerData(2, Qt::Horizontal).toString(), u"quantity"_s);
        QCOMPARE(countLabel(), u"3 records"_s);
        QVERIFY(findLabel(u"readOnlyLabel"_s)->isVisible());
        QVERIFY(!m_panel->findChild<QComboBox *>(u"typeFilterCombo"_s)->isVisible());
        QCOMPARE(lessonView()->editTriggers(), QAbstractItemView::NoEditTriggers);

        listCombo()->setFocus();
        QTest::keyClick(listCombo(), Qt::Key_Home);

        QCOMPARE(m_panel->shownList(), QString());
        QCOMPARE(stack()->currentWidget(), view());
        QVERIFY(!findLabel(u"readOnlyLabel"_s)->isVisible());
        QVERIFY(m_panel->findChild<QComboBox *>(u"typeFilterCombo"_s)->isVisible());
        QCOMPARE(countLabel(), u"6 products"_s);
    }

    // What clients do under the lesson's prefix shows at once, the trainer's selection kept.
    void lessonListFollowsRequestsLive()
    {
        chooseWithKeyboard(u"inventory"_s);
        QTRY_COMPARE(lessonModel()->rowCount(), 3);
        lessonView()->selectRow(1); // lamp-01
        QSignalSpy reset(lessonModel(), &QAbstractItemModel::modelReset);

        QCOMPARE(sendToInventory("POST", u"/auth/products"_s,
                                 R"({"code":"x1","type":"chair","quantity":2})")
                     .status,
                 201);
        QTRY_COMPARE(lessonModel()->rowOfKey(u"x1"_s), 3);
        QCOMPARE(lessonHighlights(3), (QList<int>{0, 1, 2}));
        QCOMPARE(lessonHighlights(0), QList<int>{});
        QCOMPARE(countLabel(), u"4 records"_s);

        QCOMPARE(sendToInventory("PUT", u"/entities/sofa-01"_s, R"({"quantity":9})").status, 200);
        QTRY_COMPARE(lessonView()->model()->index(0, 2).data().toString(), u"9"_s);
        QCOMPARE(lessonHighlights(0), QList<int>{2});

        QCOMPARE(sendToInventory("DELETE", u"/entities/sofa-01"_s).status, 200);
        QTRY_COMPARE(lessonModel()->rowOfKey(u"sofa-01"_s), -1);

        QCOMPARE(reset.size(), 0);
        const QModelIndexList selected = lessonView()->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data().toString(), u"lamp-01"_s);

        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
        QTRY_COMPARE(lessonColumn(0), (QStringList{u"sofa-01"_s, u"lamp-01"_s, u"table-01"_s}));
        QCOMPARE(lessonView()->selectionModel()->selectedRows().first().data().toString(),
                 u"lamp-01"_s);
    }

    // The list is the watched instance's: a student's sandbox shows the student's.
    void lessonListFollowsTheWatchedSandbox()
    {
        QCOMPARE(m_client
                     ->send("POST", u"/s/ann/lessons/inventory/auth/products"_s,
                            R"({"code":"ann-1","type":"bed","quantity":1})",
                            {{"Content-Type", "application/json"}})
                     .status,
                 201);
        chooseWithKeyboard(u"inventory"_s);
        QTRY_COMPARE(lessonModel()->rowCount(), 3);

        m_server.host().watch(u"ann"_s);
        QTRY_COMPARE(lessonModel()->rowCount(), 4);
        QCOMPARE(lessonColumn(0).last(), u"ann-1"_s);
        QCOMPARE(lessonHighlights(3), QList<int>{}); // another instance's list is not news

        m_server.host().watch(QString());
        QTRY_COMPARE(lessonModel()->rowCount(), 3);
        m_server.host().removeSandbox(u"ann"_s);
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
    LessonListModel *lessonModel() const { return m_panel->lessonModel(); }
    QTableView *lessonView() const { return m_panel->lessonView(); }
    QComboBox *listCombo() const { return m_panel->findChild<QComboBox *>(u"listCombo"_s); }
    QStackedWidget *stack() const { return m_panel->findChild<QStackedWidget *>(); }
    QLabel *findLabel(const QString &name) const { return m_panel->findChild<QLabel *>(name); }

    // As a trainer does: focus the selector, arrow down to the entry.
    void chooseWithKeyboard(const QString &lesson)
    {
        QComboBox *combo = listCombo();
        QTRY_VERIFY(combo->findData(lesson) > 0);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Home);
        while (combo->currentData().toString() != lesson &&
               combo->currentIndex() + 1 < combo->count())
            QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(m_panel->shownList(), lesson);
    }

    HttpResult sendToInventory(const QByteArray &method, const QString &path,
                               const QByteArray &json = {})
    {
        return m_client->send(method, u"/lessons/inventory"_s + path, json,
                              {{"Content-Type", "application/json"}});
    }

    QStringList lessonColumn(int column) const
    {
        QStringList texts;
        const QAbstractItemModel *shown = lessonView()->model();
        for (int row = 0; row < shown->rowCount(); ++row)
            texts.append(shown->index(row, column).data().toString());
        return texts;
    }

    QList<int> lessonHighlights(int row) const
    {
        QList<int> columns;
        for (int column = 0; column < lessonModel()->columnCount(); ++column) {
            if (lessonModel()->index(row, column).data(LessonListModel::HighlightRole).toReal() > 0)
                columns.append(column);
        }
        return columns;
    }

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
    std::unique_ptr<QAbstractItemModelTester> m_lessonModelTester;
};

QTEST_MAIN(TestProductsPanel)
#include "tst_productspanel.moc"
