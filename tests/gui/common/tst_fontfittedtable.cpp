#include "fontfittedtable.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QtMath>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

enum Column { Time, Path, Status, Note, ColumnCount };

const QString LongStatus = u"500 Internal Server Error"_s;

} // namespace

// A table view kept fitted to its font, the way the panels configure it.
class TestFontFittedTable : public QObject
{
    Q_OBJECT

private:
    int width(int column) const { return m_view->columnWidth(column); }
    int characters(int count) const { return count * m_view->fontMetrics().averageCharWidth(); }
    int advance(const QString &text) const { return m_view->fontMetrics().horizontalAdvance(text); }
    // What the cells of a column ask for (public in QAbstractItemView, protected in QTableView).
    int contentsWidth(int column) const
    {
        const QAbstractItemView *view = m_view.get();
        return view->sizeHintForColumn(column);
    }

    static QFont doubled(QFont font)
    {
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() * 2);
        else
            font.setPixelSize(font.pixelSize() * 2);
        return font;
    }

    // Time and Status sized by samples, Path stretching, as the request log has them.
    void fitLikeALog()
    {
        m_fitting->setColumnSamples(Time, {u"00:00:00.000"_s});
        m_fitting->setColumnSamples(Status, {u"200 OK"_s, LongStatus});
        m_fitting->setColumnSamples(Note, {u"x"_s});
        m_fitting->setMinimumColumnWidth(Path, 14);
        m_fitting->setStretchColumn(Path);
        m_fitting->fitColumns();
    }

private slots:
    void init()
    {
        m_model = std::make_unique<QStandardItemModel>(3, ColumnCount);
        m_model->setHorizontalHeaderLabels({u"Time"_s, u"Path"_s, u"Status"_s, u"Note"_s});
        for (int row = 0; row < m_model->rowCount(); ++row) {
            m_model->setItem(row, Time, new QStandardItem(u"10:25:15.079"_s));
            m_model->setItem(row, Path, new QStandardItem(u"/users/%1"_s.arg(row)));
            m_model->setItem(row, Status, new QStandardItem(u"200 OK"_s));
            m_model->setItem(row, Note, new QStandardItem(u"a note much longer than its sample"_s));
        }
        m_view = std::make_unique<QTableView>();
        m_view->setModel(m_model.get());
        m_view->horizontalHeader()->setStretchLastSection(false);
        m_fitting = new FontFittedTable(m_view.get());
        m_view->resize(800, 300);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanup()
    {
        m_view.reset();
        m_model.reset();
    }

    void rowsAreLinesOfTheFont()
    {
        const QFontMetrics metrics = m_view->fontMetrics();
        QCOMPARE(m_view->rowHeight(0),
                 qCeil(metrics.lineSpacing() * FontFittedTable::DefaultRowHeightInLines));
        m_fitting->setRowHeightInLines(1.5);
        QCOMPARE(m_view->rowHeight(0), qCeil(metrics.lineSpacing() * 1.5));

        m_view->setFont(doubled(m_view->font()));
        QCOMPARE(m_view->rowHeight(0), qCeil(m_view->fontMetrics().lineSpacing() * 1.5));
    }

    void withoutSamplesColumnsFitTheirRows()
    {
        m_fitting->setMinimumColumnWidth(Status, 20);
        m_fitting->fitColumns();
        QVERIFY(width(Note) >= contentsWidth(Note));
        QVERIFY(width(Note) > advance(m_model->item(0, Note)->text()));
        QCOMPARE(width(Status), characters(20));
    }

    // Sampled columns fit the widest sample (and the title), whatever the rows hold.
    void samplesSizeColumnsInsteadOfTheRows()
    {
        fitLikeALog();
        QVERIFY(width(Status) > advance(LongStatus));
        QVERIFY(width(Time) > advance(u"00:00:00.000"_s));
        QVERIFY(width(Note) < advance(m_model->item(0, Note)->text()));
        QVERIFY(width(Note) >= m_view->horizontalHeader()->sectionSizeHint(Note));
    }

    void stretchColumnTakesTheRest()
    {
        fitLikeALog();
        QCOMPARE(m_view->horizontalHeader()->length(), m_view->viewport()->width());
        QVERIFY(width(Path) > characters(14));
        QVERIFY(!m_view->horizontalScrollBar()->isVisible());

        // Widening another column takes its room from the stretch column.
        const int path = width(Path);
        m_view->setColumnWidth(Status, width(Status) + 40);
        QCOMPARE(width(Path), path - 40);
        QCOMPARE(m_view->horizontalHeader()->length(), m_view->viewport()->width());
    }

    void narrowViewScrollsInsteadOfCollapsingTheStretchColumn()
    {
        fitLikeALog();
        m_view->resize(width(Time) + width(Status) + width(Note), 300);
        QTRY_COMPARE(width(Path), characters(14));
        QTRY_VERIFY(m_view->horizontalScrollBar()->isVisible());

        m_view->resize(1200, 300);
        QTRY_COMPARE(m_view->horizontalHeader()->length(), m_view->viewport()->width());
        QTRY_VERIFY(!m_view->horizontalScrollBar()->isVisible());
    }

    void biggerFontRefitsTheColumns()
    {
        fitLikeALog();
        const int status = width(Status);
        m_view->setFont(doubled(m_view->font()));
        QVERIFY(width(Status) > status);
        QVERIFY(width(Status) > advance(LongStatus));
        QVERIFY(width(Path) >= characters(14));
    }

    // "User" must not shrink to "U…" at a large zoom: the title is the least a column gets.
    void stretchColumnIsNeverNarrowerThanItsTitle()
    {
        m_model->setHorizontalHeaderItem(Path, new QStandardItem(u"Path of the request asked"_s));
        fitLikeALog();
        m_view->resize(width(Time) + width(Status) + width(Note), 300);
        m_view->setFont(doubled(m_view->font()));
        QTRY_VERIFY(m_view->horizontalScrollBar()->isVisible());
        QVERIFY(width(Path) > characters(14));
        QVERIFY(width(Path) >= m_view->horizontalHeader()->sectionSizeHint(Path));
    }

    // A sampled stretch column keeps its samples whole: the usual value is never elided.
    void stretchColumnKeepsItsSamples()
    {
        const QString sample = u"/users/12345/orders/67890"_s;
        m_fitting->setColumnSamples(Path, {sample});
        fitLikeALog();
        m_view->resize(width(Time) + width(Status) + width(Note), 300);
        QTRY_VERIFY(m_view->horizontalScrollBar()->isVisible());
        QVERIFY(width(Path) > advance(sample));
    }

    // A table measured from its rows keeps the widest value of its stretch column whole.
    void measuredStretchColumnKeepsItsWidestValue()
    {
        m_fitting->setStretchColumn(Note);
        m_fitting->fitColumns();
        m_view->resize(width(Time) + width(Path) + width(Status), 300);
        m_view->setFont(doubled(m_view->font()));
        QTRY_VERIFY(m_view->horizontalScrollBar()->isVisible());
        QVERIFY(width(Note) >= contentsWidth(Note));
    }

    // A URL gives way to a product's name: the yielding column narrows, down to its minimum,
    // before the stretch column elides its values.
    void yieldingColumnGivesWayBeforeTheStretchColumnElides()
    {
        for (int row = 0; row < m_model->rowCount(); ++row)
            m_model->item(row, Path)->setText(u"/a/path/that/is/read/from/the/back/%1"_s.arg(row));
        m_fitting->setColumnSamples(Time, {u"00:00:00.000"_s});
        m_fitting->setColumnSamples(Status, {u"200 OK"_s});
        m_fitting->setColumnSamples(Note, {m_model->item(0, Note)->text()});
        m_fitting->setMinimumColumnWidth(Path, 10);
        m_fitting->setStretchColumn(Path);
        m_fitting->fitColumns();
        m_fitting->setYieldingColumn(Note, 8);
        const int fullNote = width(Note);
        QVERIFY(fullNote >= advance(m_model->item(0, Note)->text()));

        // Room for the paths only if the note gives some of its width.
        m_view->resize(m_view->width() - m_view->viewport()->width() + width(Time) + width(Status) +
                           fullNote + contentsWidth(Path) - fullNote / 3,
                       300);
        QTRY_VERIFY(width(Note) < fullNote);
        QVERIFY(width(Path) >= contentsWidth(Path));
        QVERIFY(width(Note) >= characters(8));
        QCOMPARE(m_view->horizontalHeader()->length(), m_view->viewport()->width());

        // Narrower still: the note stops at its minimum, and the view scrolls sideways with the
        // paths whole.
        m_view->resize(
            m_view->width() - m_view->viewport()->width() + contentsWidth(Path) + width(Time), 300);
        QTRY_COMPARE(width(Note),
                     qMax(characters(8), m_view->horizontalHeader()->sectionSizeHint(Note)));
        QTRY_VERIFY(m_view->horizontalScrollBar()->isVisible());
        QVERIFY(width(Path) >= contentsWidth(Path));

        // Wide again: the note has its full width back.
        m_view->resize(1600, 300);
        QTRY_COMPARE(width(Note), fullNote);
    }

private:
    std::unique_ptr<QStandardItemModel> m_model;
    std::unique_ptr<QTableView> m_view;
    FontFittedTable *m_fitting = nullptr;
};

QTEST_MAIN(TestFontFittedTable)
#include "tst_fontfittedtable.moc"
