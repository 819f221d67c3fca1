#include "exchangefilterproxy.h"
#include "exchangeformat.h"
#include "exchangelogmodel.h"
#include "guistyle.h"
#include "httpclient.h"
#include "requestlogpanel.h"
#include "serverfixture.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QTest>
#include <QWheelEvent>
#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

// The request log panel as a user drives it, fed by the real API on its worker thread.
class TestRequestLogPanel : public QObject
{
    Q_OBJECT

private:
    template<typename Widget>
    Widget *widget(const QString &objectName) const
    {
        auto *found = m_panel->findChild<Widget *>(objectName);
        if (!found)
            qFatal("The panel has no %s", qPrintable(objectName));
        return found;
    }

    QTableView *table() const { return widget<QTableView>(u"requestTable"_s); }
    QAbstractItemModel *shown() const { return table()->model(); }
    int shownRows() const { return shown()->rowCount(); }

    QString cell(int row, int column) const
    {
        return shown()->index(row, column).data().toString();
    }

    QStringList shownPaths() const
    {
        QStringList paths;
        for (int row = 0; row < shownRows(); ++row)
            paths.append(cell(row, ExchangeLogModel::PathColumn));
        return paths;
    }

    quint64 idAt(const QModelIndex &index) const
    {
        return index.siblingAtColumn(0).data(ExchangeLogModel::ExchangeIdRole).value<quint64>();
    }

    bool isRowFullyVisible(int row) const
    {
        const QRect cellRect = table()->visualRect(shown()->index(row, 0));
        return table()->viewport()->rect().contains(cellRect);
    }

    // Steps through a combo box with the arrow keys to an entry, as a user would (every entry on
    // the way is applied in turn).
    static void chooseInCombo(QComboBox *combo, const QString &text)
    {
        const int target = combo->findText(text);
        QVERIFY2(target >= 0, qPrintable(text));
        while (combo->currentIndex() < target)
            QTest::keyClick(combo, Qt::Key_Down);
        while (combo->currentIndex() > target)
            QTest::keyClick(combo, Qt::Key_Up);
        QCOMPARE(combo->currentText(), text);
    }

    void clickRow(int row)
    {
        const QRect cellRect =
            table()->visualRect(shown()->index(row, ExchangeLogModel::PathColumn));
        QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, cellRect.center());
    }

    // The application font at this multiple of the original size, as the window's zoom sets it.
    QFont scaledFont(qreal factor) const
    {
        QFont font = m_applicationFont;
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() * factor);
        else
            font.setPixelSize(qRound(font.pixelSize() * factor));
        return font;
    }

    // Wide enough for the text and the cell's margins (the style's focus frame margin and one
    // pixel, on either side, as QCommonStyle lays out an item's text).
    bool columnFits(int column, const QString &text) const
    {
        const int margin = table()->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1;
        return table()->columnWidth(column) >=
               table()->fontMetrics().horizontalAdvance(text) + 2 * margin;
    }

    void sendRequests(int count)
    {
        for (int i = 0; i < count; ++i)
            QCOMPARE(m_client->get(u"/health"_s).status, 200);
    }

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_applicationFont = QApplication::font();
        QVERIFY(m_server.start());
        m_client = std::make_unique<HttpClient>(m_server.baseUrl());
    }

    void init()
    {
        // Exchanges of the previous test may still be on their way (batched every 25 ms): let
        // them all arrive before the new panel listens.
        bool drained = false;
        QMetaObject::Connection drain =
            connect(&m_server.host(), &ServerHost::exchangesRecorded, this,
                    [&drained](const QList<Exchange> &batch) {
                        drained |= std::any_of(batch.cbegin(), batch.cend(), [](const Exchange &e) {
                            return e.request.path == u"/drain"_s;
                        });
                    });
        QCOMPARE(m_client->get(u"/drain"_s).status, 404);
        QTRY_VERIFY(drained);
        disconnect(drain);

        m_panel = std::make_unique<RequestLogPanel>();
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            m_panel->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
            m_panel->proxy(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        connect(&m_server.host(), &ServerHost::exchangesRecorded, m_panel.get(),
                &RequestLogPanel::appendExchanges);
        m_panel->resize(1000, 400);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup()
    {
        m_proxyTester.reset();
        m_modelTester.reset();
        m_panel.reset();
        QApplication::setFont(m_applicationFont);
    }

    void startsWithAPlaceholder()
    {
        auto *stack = widget<QStackedWidget>(u"viewStack"_s);
        QCOMPARE(stack->currentWidget(), widget<QWidget>(u"placeholderPage"_s));
        QCOMPARE(widget<QLabel>(u"placeholderLabel"_s)->text(),
                 u"Requests will appear here as clients call the API"_s);
        QCOMPARE(widget<QLabel>(u"countLabel"_s)->text(), u"0 requests"_s);
        QCOMPARE(m_panel->capacity(), 10'000);
        QVERIFY(m_panel->followsLatest());
        QVERIFY(!m_panel->isPaused());
        QCOMPARE(widget<QLineEdit>(u"pathFilterEdit"_s)->placeholderText(), u"Filter by path"_s);
        QVERIFY(widget<QLineEdit>(u"pathFilterEdit"_s)->isClearButtonEnabled());
    }

    void sandboxColumnAndFilterShowWithTheClass()
    {
        auto *sandboxes = widget<QComboBox>(u"sandboxFilterCombo"_s);
        const int column = ExchangeLogModel::SandboxColumn;
        QVERIFY(table()->isColumnHidden(column));
        QVERIFY(!sandboxes->isVisible());
        // classChanged brings a sandbox, then its removal.
        m_panel->setSandboxes({u"zoe"_s});
        QVERIFY(!table()->isColumnHidden(column));
        QVERIFY(sandboxes->isVisible());
        m_panel->setSandboxes({});
        QVERIFY(table()->isColumnHidden(column));

        // An exchange that names one shows the column by itself.
        QCOMPARE(m_client->get(u"/health"_s).status, 200);
        QCOMPARE(m_client->get(u"/s/alice/users"_s).status, 200);
        QCOMPARE(m_client->send("GET", u"/users"_s, {}, {{"X-Sandbox"_ba, "bob"_ba}}).status, 200);
        QTRY_COMPARE(shownRows(), 3);
        QVERIFY(!table()->isColumnHidden(column));
        QCOMPARE(cell(1, column), u"alice"_s);
        QCOMPARE(cell(2, column), u"bob"_s);
        QCOMPARE(shownPaths(), (QStringList{u"/health"_s, u"/s/alice/users"_s, u"/users"_s}));

        m_panel->setSandboxes({u"alice"_s, u"bob"_s});
        QCOMPARE(sandboxes->count(), 4);
        chooseInCombo(sandboxes, u"alice"_s);
        QCOMPARE(shownPaths(), (QStringList{u"/s/alice/users"_s}));
        QCOMPARE(widget<QLabel>(u"countLabel"_s)->text(), u"1 of 3 requests"_s);
        chooseInCombo(sandboxes, u"Class API"_s);
        QCOMPARE(shownPaths(), (QStringList{u"/health"_s}));
        chooseInCombo(sandboxes, u"bob"_s);
        // Bob's sandbox is removed while the log shows it: back to every instance.
        m_panel->setSandboxes({u"alice"_s});
        QCOMPARE(sandboxes->currentText(), u"All instances"_s);
        QCOMPARE(shownRows(), 3);

        // Cleared, with no sandbox left, the column goes.
        m_panel->setSandboxes({});
        QVERIFY(!table()->isColumnHidden(column));
        m_panel->clear();
        QVERIFY(table()->isColumnHidden(column));
    }

    void showsEachRequestAsARow()
    {
        const HttpResult health = m_client->get(u"/health"_s);
        const HttpResult login =
            m_client->sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})"_ba);
        const HttpResult missing = m_client->get(u"/users/999"_s);
        const HttpResult failure = m_client->get(u"/error"_s);
        const HttpResult admins = m_client->get(u"/users?role=admin"_s);
        QTRY_COMPARE(shownRows(), 5);

        QCOMPARE(widget<QStackedWidget>(u"viewStack"_s)->currentWidget(),
                 widget<QWidget>(u"tablePage"_s));
        QCOMPARE(widget<QLabel>(u"countLabel"_s)->text(), u"5 requests"_s);

        struct Expected
        {
            QString method;
            QString path;
            QString status;
            int code;
            HttpResult result;
        };
        const QList<Expected> expected = {
            {u"GET"_s, u"/health"_s, u"200 OK"_s, 200, health},
            {u"POST"_s, u"/login"_s, u"200 OK"_s, 200, login},
            // Error envelopes show their error_code; the tooltip keeps the reason phrase.
            {u"GET"_s, u"/users/999"_s, u"404 USER_NOT_FOUND"_s, 404, missing},
            {u"GET"_s, u"/error"_s, u"500 INTERNAL_SERVER_ERROR"_s, 500, failure},
            {u"GET"_s, u"/users?role=admin"_s, u"200 OK"_s, 200, admins},
        };
        const QRegularExpression clockTime(u"^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d$"_s);
        const QRegularExpression duration(u"^\\d+(\\.\\d+)? m?s$"_s);
        for (int row = 0; row < expected.size(); ++row) {
            const Expected &want = expected.at(row);
            QCOMPARE(want.result.status, want.code);
            QVERIFY2(clockTime.match(cell(row, ExchangeLogModel::TimeColumn)).hasMatch(),
                     qPrintable(cell(row, ExchangeLogModel::TimeColumn)));
            QCOMPARE(cell(row, ExchangeLogModel::ClientColumn), u"127.0.0.1"_s);
            QCOMPARE(cell(row, ExchangeLogModel::MethodColumn), want.method);
            QCOMPARE(cell(row, ExchangeLogModel::PathColumn), want.path);
            QCOMPARE(cell(row, ExchangeLogModel::StatusColumn), want.status);
            QVERIFY2(duration.match(cell(row, ExchangeLogModel::DurationColumn)).hasMatch(),
                     qPrintable(cell(row, ExchangeLogModel::DurationColumn)));
            // The size as the panel formats it (exchangeformat's own test covers the format).
            QCOMPARE(cell(row, ExchangeLogModel::SizeColumn),
                     ExchangeFormat::bodySize(want.result.body.size()));
            QCOMPARE(shown()
                         ->index(row, ExchangeLogModel::StatusColumn)
                         .data(Qt::ForegroundRole)
                         .value<QColor>(),
                     GuiStyle::statusColor(want.code));
        }
    }

    void filtersByMethodStatusAndPath()
    {
        m_client->get(u"/health"_s);
        m_client->sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})"_ba);
        m_client->get(u"/users/999"_s);
        m_client->get(u"/error"_s);
        m_client->get(u"/users?role=admin"_s);
        QCOMPARE(m_client->send("DELETE", u"/users/2"_s).status, 401);
        QTRY_COMPARE(shownRows(), 6);

        auto *methods = widget<QComboBox>(u"methodFilterCombo"_s);
        auto *statuses = widget<QComboBox>(u"statusFilterCombo"_s);
        auto *path = widget<QLineEdit>(u"pathFilterEdit"_s);
        auto *count = widget<QLabel>(u"countLabel"_s);
        QCOMPARE(methods->itemText(0), u"Any method"_s);
        QCOMPARE(statuses->itemText(0), u"Any status"_s);

        chooseInCombo(methods, u"POST"_s);
        QCOMPARE(shownPaths(), QStringList{u"/login"_s});
        QCOMPARE(count->text(), u"1 of 6 requests"_s);

        chooseInCombo(methods, u"Any method"_s);
        chooseInCombo(statuses, u"Errors (4xx, 5xx)"_s);
        QCOMPARE(shownPaths(), (QStringList{u"/users/999"_s, u"/error"_s, u"/users/2"_s}));
        chooseInCombo(statuses, u"5xx"_s);
        QCOMPARE(shownPaths(), QStringList{u"/error"_s});
        chooseInCombo(statuses, u"2xx"_s);
        QCOMPARE(shownPaths(), (QStringList{u"/health"_s, u"/login"_s, u"/users?role=admin"_s}));

        chooseInCombo(statuses, u"Any status"_s);
        QTest::keyClicks(path, u"USERS"_s);
        QTRY_COMPARE(shownPaths(),
                     (QStringList{u"/users/999"_s, u"/users?role=admin"_s, u"/users/2"_s}));
        chooseInCombo(statuses, u"4xx"_s);
        QCOMPARE(shownPaths(), (QStringList{u"/users/999"_s, u"/users/2"_s}));
        QCOMPARE(count->text(), u"2 of 6 requests"_s);

        QTest::keyClicks(path, u"/nowhere"_s);
        QTRY_COMPARE(shownRows(), 0);
        QCOMPARE(widget<QStackedWidget>(u"viewStack"_s)->currentWidget(),
                 widget<QWidget>(u"placeholderPage"_s));
        QCOMPARE(widget<QLabel>(u"placeholderLabel"_s)->text(), u"No request matches the filter"_s);

        QTest::keySequence(path, QKeySequence::SelectAll);
        QTest::keyClick(path, Qt::Key_Backspace);
        chooseInCombo(statuses, u"Any status"_s);
        QCOMPARE(shownRows(), 6);
        QCOMPARE(count->text(), u"6 requests"_s);
        QCOMPARE(widget<QStackedWidget>(u"viewStack"_s)->currentWidget(),
                 widget<QWidget>(u"tablePage"_s));
    }

    void newRequestsPassTheFilterToo()
    {
        chooseInCombo(widget<QComboBox>(u"statusFilterCombo"_s), u"4xx"_s);
        m_client->get(u"/health"_s);
        m_client->get(u"/users/999"_s);
        m_client->get(u"/health"_s);
        QTRY_COMPARE(m_panel->model()->rowCount(), 3);
        QCOMPARE(shownPaths(), QStringList{u"/users/999"_s});
    }

    void pauseHoldsRequestsBackUntilResumed()
    {
        sendRequests(1);
        QTRY_COMPARE(shownRows(), 1);
        auto *pause = widget<QPushButton>(u"pauseButton"_s);

        QTest::mouseClick(pause, Qt::LeftButton);
        QVERIFY(m_panel->isPaused());
        QCOMPARE(pause->text(), u"Paused"_s);
        sendRequests(3);
        QTRY_COMPARE(pause->text(), u"Paused · 3 new"_s);
        QCOMPARE(m_panel->pendingCount(), 3);
        QCOMPARE(shownRows(), 1);

        QTest::mouseClick(pause, Qt::LeftButton);
        QVERIFY(!m_panel->isPaused());
        QCOMPARE(shownRows(), 4);
        QCOMPARE(pause->text(), u"Pause"_s);
        QCOMPARE(m_panel->pendingCount(), 0);
    }

    // Held requests are bounded like the log; the count says how many will be shown.
    void pauseKeepsOnlyTheNewestCapacity()
    {
        m_panel->setCapacity(2'000);
        m_panel->setPaused(true);
        QList<Exchange> batch(1'500);
        for (int i = 0; i < batch.size(); ++i)
            batch[i].id = quint64(i + 1);
        m_panel->appendExchanges(batch);
        QCOMPARE(widget<QPushButton>(u"pauseButton"_s)->text(), u"Paused · 1,500 new"_s);
        m_panel->appendExchanges(batch);
        QCOMPARE(m_panel->pendingCount(), 2'000);
        QCOMPARE(widget<QPushButton>(u"pauseButton"_s)->text(), u"Paused · 2,000 new"_s);
        m_panel->setCapacity(100);
        QCOMPARE(m_panel->pendingCount(), 100);

        m_panel->setPaused(false);
        QCOMPARE(m_panel->model()->rowCount(), 100);
        QCOMPARE(m_panel->model()->exchangeAt(99).id, 1'500u);
    }

    void countSaysWhatTheLogKeeps()
    {
        m_panel->setCapacity(100);
        QList<Exchange> batch(150);
        for (int i = 0; i < batch.size(); ++i)
            batch[i].id = quint64(i + 1);
        m_panel->appendExchanges(batch);
        m_panel->appendExchanges(batch);
        QTRY_COMPARE(m_panel->model()->rowCount(), 100);
        QCOMPARE(widget<QLabel>(u"countLabel"_s)->text(), u"100 requests"_s);
    }

    // A flood reaches the table at most every RefreshIntervalMs; a batch after a quiet spell at
    // once.
    void batchesInQuickSuccessionAreShownTogether()
    {
        QSignalSpy inserted(m_panel->model(), &QAbstractItemModel::rowsInserted);
        QList<Exchange> batch(3);
        for (int i = 0; i < batch.size(); ++i)
            batch[i].id = quint64(i + 1);
        m_panel->appendExchanges(batch);
        QCOMPARE(m_panel->model()->rowCount(), 3);
        QCOMPARE(m_panel->pendingCount(), 0);

        m_panel->appendExchanges(batch);
        m_panel->appendExchanges(batch);
        QCOMPARE(m_panel->model()->rowCount(), 3);
        QCOMPARE(m_panel->pendingCount(), 6);
        QTRY_COMPARE(m_panel->model()->rowCount(), 9);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(m_panel->pendingCount(), 0);
    }

    void clearEmptiesTheLog()
    {
        sendRequests(2);
        QTRY_COMPARE(shownRows(), 2);
        clickRow(1);
        QSignalSpy cleared(m_panel.get(), &RequestLogPanel::selectionCleared);

        QTest::mouseClick(widget<QPushButton>(u"clearButton"_s), Qt::LeftButton);

        QCOMPARE(shownRows(), 0);
        QCOMPARE(cleared.size(), 1);
        QCOMPARE(widget<QStackedWidget>(u"viewStack"_s)->currentWidget(),
                 widget<QWidget>(u"placeholderPage"_s));
        QCOMPARE(widget<QLabel>(u"countLabel"_s)->text(), u"0 requests"_s);
        sendRequests(1);
        QTRY_COMPARE(shownRows(), 1);
    }

    void followLatestKeepsTheNewestRowInView()
    {
        m_panel->setCapacity(40);
        sendRequests(40);
        QTRY_COMPARE(shownRows(), 40);
        QTRY_VERIFY(isRowFullyVisible(39));
        QVERIFY(!isRowFullyVisible(0));

        // Scrolling up is reading: following stops, and the rows on screen stay there while
        // older ones are trimmed above them.
        const QPoint middle = table()->viewport()->rect().center();
        QWheelEvent wheelUp(middle, table()->viewport()->mapToGlobal(middle), QPoint(),
                            QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(table()->viewport(), &wheelUp);
        QVERIFY(!m_panel->followsLatest());
        QVERIFY(!widget<QPushButton>(u"followLatestButton"_s)->isChecked());
        QScrollBar *bar = table()->verticalScrollBar();
        bar->setValue(10);
        const quint64 topId = idAt(table()->indexAt(QPoint(0, 0)));
        const quint64 newestId = idAt(shown()->index(39, 0));
        sendRequests(5);
        QTRY_VERIFY(idAt(shown()->index(39, 0)) >= newestId + 5);
        QCOMPARE(idAt(table()->indexAt(QPoint(0, 0))), topId);
        QVERIFY(!isRowFullyVisible(39));

        QTest::mouseClick(widget<QPushButton>(u"followLatestButton"_s), Qt::LeftButton);
        QVERIFY(m_panel->followsLatest());
        QVERIFY(isRowFullyVisible(39));
        sendRequests(3);
        QTRY_VERIFY(idAt(shown()->index(39, 0)) >= newestId + 8);
        QVERIFY(isRowFullyVisible(39));
    }

    // Taller rows after a zoom step push the newest rows down: following brings them back.
    void followLatestKeepsTheNewestRowInViewAfterAZoomStep()
    {
        m_panel->setCapacity(40);
        sendRequests(40);
        QTRY_COMPARE(shownRows(), 40);
        QTRY_VERIFY(isRowFullyVisible(39));

        QApplication::setFont(scaledFont(2));
        QTRY_COMPARE(table()->font(), QApplication::font());

        QVERIFY(m_panel->followsLatest());
        QTRY_VERIFY(isRowFullyVisible(39));
    }

    void selectingARowTellsWhichExchange()
    {
        m_client->get(u"/health"_s);
        m_client->get(u"/users/999"_s);
        m_client->get(u"/error"_s);
        QTRY_COMPARE(shownRows(), 3);
        QSignalSpy selected(m_panel.get(), &RequestLogPanel::exchangeSelected);
        QSignalSpy cleared(m_panel.get(), &RequestLogPanel::selectionCleared);

        clickRow(1);
        QCOMPARE(selected.size(), 1);
        const auto exchange = selected.at(0).at(0).value<Exchange>();
        QCOMPARE(exchange.request.path, u"/users/999"_s);
        QCOMPARE(exchange.response.status, 404);
        QCOMPARE(table()->selectionModel()->selectedRows().size(), 1);

        QTest::keyClick(table(), Qt::Key_Down);
        QCOMPARE(selected.size(), 2);
        QCOMPARE(selected.at(1).at(0).value<Exchange>().request.path, u"/error"_s);
        QTest::keyClick(table(), Qt::Key_Up);
        QCOMPARE(selected.size(), 3);
        QCOMPARE(selected.at(2).at(0).value<Exchange>().id, exchange.id);
        QCOMPARE(cleared.size(), 0);
    }

    // The selection stays on its exchange while rows come and go; when that exchange is
    // trimmed away the selection ends instead of jumping to a neighbour.
    void selectionStaysOnItsExchangeUntilTrimmed()
    {
        m_client->get(u"/health"_s);
        m_client->get(u"/users/999"_s);
        m_client->get(u"/error"_s);
        QTRY_COMPARE(shownRows(), 3);
        clickRow(1);
        const quint64 selectedId = idAt(table()->currentIndex());
        QSignalSpy selected(m_panel.get(), &RequestLogPanel::exchangeSelected);
        QSignalSpy cleared(m_panel.get(), &RequestLogPanel::selectionCleared);

        sendRequests(2);
        QTRY_COMPARE(shownRows(), 5);
        m_panel->setCapacity(4); // trims /health above the selection
        QCOMPARE(table()->currentIndex().row(), 0);
        QCOMPARE(idAt(table()->currentIndex()), selectedId);
        QCOMPARE(table()->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(idAt(table()->selectionModel()->selectedRows().constFirst()), selectedId);
        QCOMPARE(selected.size(), 0);
        QCOMPARE(cleared.size(), 0);

        sendRequests(1); // trims the selected exchange
        QTRY_COMPARE(cleared.size(), 1);
        QCOMPARE(selected.size(), 0);
        QVERIFY(!table()->currentIndex().isValid());
        QVERIFY(table()->selectionModel()->selectedRows().isEmpty());
    }

    void filteringOutTheSelectedRowEndsTheSelection()
    {
        m_client->get(u"/health"_s);
        m_client->get(u"/users/999"_s);
        m_client->get(u"/error"_s);
        QTRY_COMPARE(shownRows(), 3);
        clickRow(2);
        QSignalSpy cleared(m_panel.get(), &RequestLogPanel::selectionCleared);
        QSignalSpy selected(m_panel.get(), &RequestLogPanel::exchangeSelected);

        // A filter that keeps the selected row keeps the selection. (Chosen directly: the arrow
        // keys would pass 2xx, which hides it.)
        auto *statuses = widget<QComboBox>(u"statusFilterCombo"_s);
        statuses->setCurrentIndex(statuses->findText(u"Errors (4xx, 5xx)"_s));
        QCOMPARE(statuses->currentText(), u"Errors (4xx, 5xx)"_s);
        QCOMPARE(cell(table()->currentIndex().row(), ExchangeLogModel::PathColumn), u"/error"_s);
        QCOMPARE(cleared.size(), 0);

        chooseInCombo(statuses, u"4xx"_s);
        QCOMPARE(cleared.size(), 1);
        QCOMPARE(selected.size(), 0);
        QVERIFY(!table()->currentIndex().isValid());
    }

    void rowsGrowWithTheApplicationFont()
    {
        sendRequests(1);
        QTRY_COMPARE(shownRows(), 1);
        const int rowHeight = table()->rowHeight(0);
        const int timeWidth = table()->columnWidth(ExchangeLogModel::TimeColumn);
        QVERIFY(rowHeight >= table()->fontMetrics().height());

        QApplication::setFont(scaledFont(2));

        QTRY_VERIFY(table()->rowHeight(0) > rowHeight);
        QVERIFY(table()->rowHeight(0) >= table()->fontMetrics().height());
        QVERIFY(table()->columnWidth(ExchangeLogModel::TimeColumn) > timeWidth);
        // Uniform rows, never measured one by one.
        QCOMPARE(table()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
    }

    // The path is what the log is read for: it takes the width the other columns leave.
    void pathTakesTheRestOfTheWidth()
    {
        m_client->get(u"/error"_s);
        QTRY_COMPARE(shownRows(), 1);
        QCOMPARE(table()->horizontalHeader()->length(), table()->viewport()->width());
        QVERIFY(!table()->horizontalScrollBar()->isVisible());
        QVERIFY(columnFits(ExchangeLogModel::StatusColumn, u"500 Internal Server Error"_s));
        QVERIFY(columnFits(ExchangeLogModel::StatusColumn, u"503 Service Unavailable"_s));
        QVERIFY(columnFits(ExchangeLogModel::StatusColumn, u"401 FRESH_TOKEN_REQUIRED"_s));
        QCOMPARE(shown()->index(0, ExchangeLogModel::StatusColumn).data(Qt::ToolTipRole).toString(),
                 u"500 Internal Server Error"_s);
        // What the cell itself asks for, margins included (public in QAbstractItemView only).
        const QAbstractItemView *view = table();
        QVERIFY(table()->columnWidth(ExchangeLogModel::StatusColumn) >=
                view->sizeHintForColumn(ExchangeLogModel::StatusColumn));
    }

    // At projector zoom the path keeps its minimum and the long statuses still fit; a panel too
    // narrow for all of it scrolls sideways instead of squeezing the path to nothing.
    void pathStaysReadableAtProjectorZoom()
    {
        m_client->get(u"/error"_s);
        QTRY_COMPARE(shownRows(), 1);
        m_panel->resize(780, 400);
        QApplication::setFont(scaledFont(1.75));
        QTRY_COMPARE(table()->font(), QApplication::font()); // it arrives by event

        const int minimumPath = 14 * table()->fontMetrics().averageCharWidth();
        QVERIFY(columnFits(ExchangeLogModel::StatusColumn, u"500 Internal Server Error"_s));
        QVERIFY(columnFits(ExchangeLogModel::StatusColumn, u"503 Service Unavailable"_s));
        QVERIFY(columnFits(ExchangeLogModel::ClientColumn, u"255.255.255.255"_s));
        QVERIFY(columnFits(ExchangeLogModel::TimeColumn, u"10:25:15.079"_s));
        // No wider than an IPv4 address needs: IPv6 clients are elided.
        QVERIFY(!columnFits(ExchangeLogModel::ClientColumn, u"2001:db8:85a3::8a2e:370:7334"_s));
        QVERIFY(table()->columnWidth(ExchangeLogModel::PathColumn) >= minimumPath);

        // Narrower than the other columns alone.
        const int others = table()->horizontalHeader()->length() -
                           table()->columnWidth(ExchangeLogModel::PathColumn);
        m_panel->resize(others / 2, 400);
        QTRY_COMPARE(table()->columnWidth(ExchangeLogModel::PathColumn), minimumPath);
        QTRY_VERIFY(table()->horizontalScrollBar()->isVisible());

        m_panel->resize(3 * others, 400);
        QTRY_COMPARE(table()->horizontalHeader()->length(), table()->viewport()->width());
        QVERIFY(table()->columnWidth(ExchangeLogModel::PathColumn) > minimumPath);
        QTRY_VERIFY(!table()->horizontalScrollBar()->isVisible());
    }

    // A long path in view takes the Fault column's room (faults are rare) before it is elided.
    void faultColumnGivesWayToThePathsInView()
    {
        QCOMPARE(m_client->get(u"/lessons/inventory/auth/account"_s).status, 401);
        QTRY_COMPARE(shownRows(), 1);
        const QString path = cell(0, ExchangeLogModel::PathColumn);
        QCOMPARE(path, u"[inventory] /auth/account"_s);
        const int faultWidth = table()->columnWidth(ExchangeLogModel::FaultColumn);
        const int margin = table()->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1;
        const int pathNeeds = table()->fontMetrics().horizontalAdvance(path) + 2 * margin;
        const int others = table()->horizontalHeader()->length() -
                           table()->columnWidth(ExchangeLogModel::PathColumn) - faultWidth;
        const int chrome = m_panel->width() - table()->viewport()->width();
        // Room for the path only if the Fault column gives up a third of its width.
        m_panel->resize(chrome + others + pathNeeds + faultWidth * 2 / 3, 400);
        QTRY_VERIFY(columnFits(ExchangeLogModel::PathColumn, path));
        QVERIFY(table()->columnWidth(ExchangeLogModel::FaultColumn) < faultWidth);
        QCOMPARE(table()->horizontalHeader()->length(), table()->viewport()->width());

        m_panel->resize(2000, 400);
        QTRY_COMPARE(table()->columnWidth(ExchangeLogModel::FaultColumn), faultWidth);
    }

private:
    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<RequestLogPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
    QFont m_applicationFont;
};

QTEST_MAIN(TestRequestLogPanel)
#include "tst_requestlogpanel.moc"
