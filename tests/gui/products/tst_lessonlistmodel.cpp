#include "lessonlistmodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonObject product(const QString &code, const QString &type, int quantity)
{
    return {{u"code"_s, code}, {u"type"_s, type}, {u"quantity"_s, quantity}};
}

LessonList inventory(const QList<QJsonObject> &products)
{
    QJsonArray records;
    for (const QJsonObject &each : products)
        records.append(each);
    return {u"Products"_s, {u"code"_s, u"type"_s, u"quantity"_s}, records};
}

LessonList seed()
{
    return inventory({product(u"sofa-01"_s, u"sofa"_s, 4), product(u"lamp-01"_s, u"lamp"_s, 12),
                      product(u"table-01"_s, u"table"_s, 0)});
}

} // namespace

// A lesson's list as the Products tab's selector shows it: each new state of the list becomes
// the rows that went, came and changed, matched by the first column.
class TestLessonListModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<LessonListModel>();
        m_model->setHighlightDuration(60'000);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_proxy = std::make_unique<QSortFilterProxyModel>();
        m_proxy->setSourceModel(m_model.get());
        m_proxy->setSortRole(LessonListModel::SortRole);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    void cleanup()
    {
        m_proxyTester.reset();
        m_proxy.reset();
        m_tester.reset();
        m_model.reset();
    }

    void firstListIsShownWithoutHighlights()
    {
        m_model->setList(seed());

        QCOMPARE(m_model->title(), u"Products"_s);
        QCOMPARE(m_model->columnCount(), 3);
        QCOMPARE(m_model->headerData(2, Qt::Horizontal).toString(), u"quantity"_s);
        QCOMPARE(column(0), (QStringList{u"sofa-01"_s, u"lamp-01"_s, u"table-01"_s}));
        QCOMPARE(column(2), (QStringList{u"4"_s, u"12"_s, u"0"_s}));
        QCOMPARE(highlightedCells(), QStringList());
        QVERIFY(!m_model->isFading());
    }

    void addedRecordIsOneInsertedRowHighlighted()
    {
        m_model->setList(seed());
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

        QList<QJsonObject> products = {
            product(u"sofa-01"_s, u"sofa"_s, 4), product(u"lamp-01"_s, u"lamp"_s, 12),
            product(u"table-01"_s, u"table"_s, 0), product(u"x1"_s, u"chair"_s, 2)};
        m_model->setList(inventory(products));

        QCOMPARE(reset.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted[0][1].toInt(), 3);
        QCOMPARE(column(0).last(), u"x1"_s);
        QCOMPARE(highlightedCells(), (QStringList{u"x1:0"_s, u"x1:1"_s, u"x1:2"_s}));
        QVERIFY(m_model->isFading());
    }

    void changedCellIsTheOneHighlighted()
    {
        m_model->setList(seed());
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        m_model->setList(
            inventory({product(u"sofa-01"_s, u"sofa"_s, 4), product(u"lamp-01"_s, u"lamp"_s, 7),
                       product(u"table-01"_s, u"table"_s, 0)}));

        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].toModelIndex(), m_model->index(1, 2));
        QCOMPARE(column(2), (QStringList{u"4"_s, u"7"_s, u"0"_s}));
        QCOMPARE(highlightedCells(), QStringList{u"lamp-01:2"_s});
    }

    // What the trainer selected stays selected while the list changes around it.
    void selectionFollowsItsRecord()
    {
        m_model->setList(seed());
        QItemSelectionModel selection(m_model.get());
        selection.select(m_model->index(2, 0),
                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

        m_model->setList(
            inventory({product(u"new-01"_s, u"bed"_s, 1), product(u"table-01"_s, u"table"_s, 3),
                       product(u"sofa-01"_s, u"sofa"_s, 4)}));

        QCOMPARE(column(0), (QStringList{u"new-01"_s, u"table-01"_s, u"sofa-01"_s}));
        const QModelIndexList selected = selection.selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data().toString(), u"table-01"_s);
        QCOMPARE(highlightedCells(),
                 (QStringList{u"new-01:0"_s, u"new-01:1"_s, u"new-01:2"_s, u"table-01:2"_s}));
    }

    void removedRecordsGoInOneRunEach()
    {
        m_model->setList(seed());
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

        m_model->setList(inventory({product(u"table-01"_s, u"table"_s, 0)}));

        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed[0][1].toInt(), 0);
        QCOMPARE(removed[0][2].toInt(), 1);
        QCOMPARE(column(0), QStringList{u"table-01"_s});
        QCOMPARE(m_model->rowOfKey(u"sofa-01"_s), -1);
        QCOMPARE(highlightedCells(), QStringList());
    }

    void otherColumnsReplaceTheTable()
    {
        m_model->setList(seed());
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

        m_model->setList({u"Widgets"_s, {u"id"_s, u"name"_s}, {QJsonObject{{u"id"_s, 1}}}});

        QCOMPARE(reset.size(), 1);
        QCOMPARE(m_model->columnCount(), 2);
        QCOMPARE(column(0), QStringList{u"1"_s});
        QCOMPARE(highlightedCells(), QStringList());
    }

    void clearEmptiesAndTheNextListIsNoNews()
    {
        m_model->setList(seed());
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->columnCount(), 0);

        m_model->setList(seed());

        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(highlightedCells(), QStringList());
    }

    void repeatedKeysKeepEveryRecord()
    {
        m_model->setList(inventory({product(u"a"_s, u"x"_s, 1), product(u"a"_s, u"y"_s, 2)}));
        m_model->setList(inventory(
            {product(u"a"_s, u"x"_s, 1), product(u"a"_s, u"y"_s, 3), product(u"a"_s, u"z"_s, 4)}));

        QCOMPARE(column(1), (QStringList{u"x"_s, u"y"_s, u"z"_s}));
        QCOMPARE(column(2), (QStringList{u"1"_s, u"3"_s, u"4"_s}));
    }

    void cellsRead_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("text");
        QTest::newRow("string") << R"("blue")"_ba << u"blue"_s;
        QTest::newRow("integer") << "1200"_ba << u"1200"_s;
        QTest::newRow("decimal") << "9.99"_ba << u"9.99"_s;
        QTest::newRow("true") << "true"_ba << u"true"_s;
        QTest::newRow("null") << "null"_ba << u"null"_s;
        QTest::newRow("owner by email")
            << R"({"id": 7, "email": "ann@example.com", "name": "Ann"})"_ba << u"ann@example.com"_s;
        QTest::newRow("object without a name")
            << R"({"w": 2, "h": 3})"_ba << u"{\"h\":3,\"w\":2}"_s;
        QTest::newRow("tags") << R"(["red", "big"])"_ba << u"red, big"_s;
        QTest::newRow("no tags") << "[]"_ba << u"[]"_s;
    }

    void cellsRead()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, text);
        const QJsonDocument document = QJsonDocument::fromJson("[" + json + "]");
        QVERIFY(document.isArray());
        const QJsonValue value = document.array().first();
        m_model->setList({u"Widgets"_s,
                          {u"id"_s, u"value"_s},
                          {QJsonObject{{u"id"_s, 1}, {u"value"_s, value}}}});

        QCOMPARE(m_model->index(0, 1).data().toString(), text);
        if (value.isObject() || value.isArray())
            QVERIFY(m_model->index(0, 1).data(Qt::ToolTipRole).toString().contains(u'\n') ||
                    value.toArray().isEmpty());
    }

    void numbersSortAsNumbers()
    {
        m_model->setList(seed());
        m_proxy->sort(2);
        QStringList sorted;
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            sorted.append(m_proxy->index(row, 0).data().toString());
        QCOMPARE(sorted, (QStringList{u"table-01"_s, u"sofa-01"_s, u"lamp-01"_s}));
    }

private:
    QStringList column(int column) const
    {
        QStringList texts;
        for (int row = 0; row < m_model->rowCount(); ++row)
            texts.append(m_model->index(row, column).data().toString());
        return texts;
    }

    // "key:column" of every highlighted cell, in row order.
    QStringList highlightedCells() const
    {
        QStringList cells;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            for (int column = 0; column < m_model->columnCount(); ++column) {
                const QModelIndex index = m_model->index(row, column);
                if (index.data(LessonListModel::HighlightRole).toReal() > 0)
                    cells.append(m_model->index(row, 0).data().toString() + u':' +
                                 QString::number(column));
            }
        }
        return cells;
    }

    std::unique_ptr<LessonListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QSortFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

QTEST_GUILESS_MAIN(TestLessonListModel)
#include "tst_lessonlistmodel.moc"
