#include "emailtext.h"
#include "httpclient.h"
#include "outboxmodel.h"
#include "outboxpanel.h"
#include "serverfixture.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

// The Outbox panel against the real API on its worker thread: what HTTP clients ask for arrives
// as an email, and the token the panel shows is the one the API takes.
class TestOutboxPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_applicationFont = QApplication::font();
        QVERIFY(m_server.start());
        m_client = std::make_unique<HttpClient>(m_server.baseUrl());
    }

    void init()
    {
        // Empties the outbox, and gives john his seeded password back.
        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
        m_panel = std::make_unique<OutboxPanel>();
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        // Nothing fades while a test looks.
        model()->setHighlightDuration(60'000);
        m_panel->resize(1000, 600);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));

        m_panel->attach(&m_server.host());

        QCOMPARE(model()->rowCount(), 0);
    }

    void cleanup()
    {
        QApplication::setFont(m_applicationFont);
        m_modelTester.reset();
        m_panel.reset();
    }

    void emptyOutboxSaysHowAnEmailGetsHere()
    {
        QCOMPARE(page(), u"emptyPage"_s);
        auto *placeholder = child<QLabel>(u"emptyStateLabel"_s);
        QVERIFY(placeholder->isVisible());
        QVERIFY(placeholder->text().contains(u"POST /password-reset"_s));
        QVERIFY(placeholder->text().contains(u"{\"email\": "_s));
        QCOMPARE(m_panel->unreadCount(), 0);
        QVERIFY(!m_panel->shownEmail());
    }

    void passwordResetEmailArrivesAndIsShown()
    {
        QSignalSpy unread(m_panel.get(), &OutboxPanel::unreadCountChanged);

        requestReset(u"john@example.com"_s);

        QTRY_COMPARE(model()->rowCount(), 1);
        QCOMPARE(page(), u"mailPage"_s);
        QCOMPARE(cell(0, OutboxModel::ToColumn), u"john@example.com"_s);
        QCOMPARE(cell(0, OutboxModel::SubjectColumn), u"Reset your ApiDojo password"_s);
        QVERIFY(model()->index(0, 0).data(OutboxModel::HighlightRole).toReal() > 0);

        // Nothing else was selected, so the new email is in the reading pane, and read.
        const QString token = outboxToken(0);
        QVERIFY(!token.isEmpty());
        QVERIFY(m_panel->shownEmail());
        QCOMPARE(m_panel->shownEmail()->token, token);
        QCOMPARE(child<QStackedWidget>(u"readingStack"_s)->currentWidget()->objectName(),
                 u"readingPage"_s);
        QCOMPARE(child<QLabel>(u"fromLabel"_s)->text(), EmailText::sender());
        QCOMPARE(child<QLabel>(u"toLabel"_s)->text(), u"john@example.com"_s);
        QCOMPARE(child<QLabel>(u"subjectLabel"_s)->text(), u"Reset your ApiDojo password"_s);
        QVERIFY(!child<QLabel>(u"receivedLabel"_s)->text().isEmpty());
        const QString body = child<QPlainTextEdit>(u"bodyView"_s)->toPlainText();
        QVERIFY(body.startsWith(u"Hello John Doe,"_s));
        QVERIFY(body.contains(token));
        QCOMPARE(m_panel->unreadCount(), 0);
        // Read as it arrived: a tab title would not even flicker.
        QCOMPARE(unread.size(), 0);
    }

    void emailBehindAnotherTabStaysUnreadUntilSeen()
    {
        // As in the main window: the tab's title counts the unread emails.
        QTabWidget tabs;
        auto *panel = new OutboxPanel;
        tabs.addTab(new QWidget, u"Log"_s);
        tabs.addTab(panel, u"Outbox"_s);
        connect(panel, &OutboxPanel::unreadCountChanged, &tabs, [&tabs, panel](int count) {
            tabs.setTabText(tabs.indexOf(panel),
                            count > 0 ? u"Outbox (%1)"_s.arg(count) : u"Outbox"_s);
        });
        tabs.resize(1000, 600);
        tabs.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tabs));
        panel->attach(&m_server.host());

        requestReset(u"john@example.com"_s);

        QTRY_COMPARE(panel->model()->rowCount(), 1);
        QCOMPARE(panel->unreadCount(), 1);
        QCOMPARE(tabs.tabText(1), u"Outbox (1)"_s);
        QVERIFY(panel->model()->index(0, 0).data(Qt::FontRole).value<QFont>().bold());
        // Ready in the reading pane for when the trainer looks.
        QVERIFY(panel->shownEmail());

        QTabBar *bar = tabs.tabBar();
        QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(1).center());

        QCOMPARE(tabs.currentWidget(), panel);
        QCOMPARE(panel->unreadCount(), 0);
        QCOMPARE(tabs.tabText(1), u"Outbox"_s);
        QVERIFY(!panel->model()->index(0, 0).data(Qt::FontRole).value<QFont>().bold());
    }

    void readingAnOlderEmailKeepsItInTheReadingPane()
    {
        requestReset(u"john@example.com"_s);
        requestReset(u"john@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 2);
        QCOMPARE(m_panel->shownEmail()->id, 2);
        clickRow(1);
        QCOMPARE(m_panel->shownEmail()->id, 1);
        QCOMPARE(m_panel->unreadCount(), 0);

        requestReset(u"admin@example.com"_s);

        QTRY_COMPARE(model()->rowCount(), 3);
        QCOMPARE(cell(0, OutboxModel::ToColumn), u"admin@example.com"_s);
        QCOMPARE(m_panel->shownEmail()->id, 1);
        QCOMPARE(selectedRows(), QList<int>{2});
        QCOMPARE(m_panel->unreadCount(), 1);
        QVERIFY(model()->isUnread(0));

        clickRow(0);

        QCOMPARE(m_panel->unreadCount(), 0);
        QCOMPARE(m_panel->shownEmail()->id, 3);
        QCOMPARE(child<QLabel>(u"toLabel"_s)->text(), u"admin@example.com"_s);
        QVERIFY(child<QPlainTextEdit>(u"bodyView"_s)->toPlainText().contains(outboxToken(0)));
    }

    void readingTheNewestFollowsTheNextArrival()
    {
        requestReset(u"john@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 1);
        clickRow(0);

        requestReset(u"admin@example.com"_s);

        QTRY_COMPARE(model()->rowCount(), 2);
        QCOMPARE(selectedRows(), QList<int>{0});
        QCOMPARE(m_panel->shownEmail()->to, u"admin@example.com"_s);
        QCOMPARE(m_panel->unreadCount(), 0);
    }

    void copyTokenPutsExactlyTheTokenOnTheClipboard()
    {
        requestReset(u"john@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 1);
        QGuiApplication::clipboard()->clear();
        QSignalSpy copied(m_panel.get(), &OutboxPanel::copiedToClipboard);

        QTest::mouseClick(child<QPushButton>(u"copyTokenButton"_s), Qt::LeftButton);

        QCOMPARE(QGuiApplication::clipboard()->text(), outboxToken(0));
        QCOMPARE(copied.size(), 1);
        QCOMPARE(copied[0][0].toString(), u"reset token"_s);

        QTest::mouseClick(child<QPushButton>(u"copyLinkButton"_s), Qt::LeftButton);

        QCOMPARE(QGuiApplication::clipboard()->text(),
                 m_server.baseUrl().toString() + u"/password-reset/"_s + outboxToken(0));
        QCOMPARE(copied.size(), 2);
        QCOMPARE(copied[1][0].toString(), u"reset link"_s);
    }

    void resetOverHttpEmptiesTheOutbox()
    {
        requestReset(u"john@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 1);

        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);

        QTRY_COMPARE(model()->rowCount(), 0);
        QCOMPARE(page(), u"emptyPage"_s);
        QVERIFY(child<QLabel>(u"emptyStateLabel"_s)->isVisible());
        QVERIFY(!m_panel->shownEmail());
        QCOMPARE(m_panel->unreadCount(), 0);
    }

    void unknownAddressGetsNoEmail()
    {
        requestReset(u"john@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 1);

        requestReset(u"nobody@example.com"_s);
        // Arrives after anything the unknown address could have sent.
        requestReset(u"admin@example.com"_s);

        QTRY_COMPARE(model()->rowCount(), 2);
        QCOMPARE(cell(0, OutboxModel::ToColumn), u"admin@example.com"_s);
        QCOMPARE(cell(1, OutboxModel::ToColumn), u"john@example.com"_s);
        QCOMPARE(m_client->get(u"/outbox"_s).json()[u"data"_s][u"count"_s].toInt(), 2);
    }

    void tokenShownCompletesThePasswordReset()
    {
        requestReset(u"john@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 1);
        QTest::mouseClick(child<QPushButton>(u"copyTokenButton"_s), Qt::LeftButton);
        const QString token = QGuiApplication::clipboard()->text();

        const HttpResult reset = m_client->sendJson("POST", u"/password-reset/"_s + token,
                                                    R"({"password":"new-password-1"})"_ba);
        QCOMPARE(reset.status, 200);

        const HttpResult login = m_client->sendJson(
            "POST", u"/login"_s, R"({"email":"john@example.com","password":"new-password-1"})"_ba);
        QCOMPARE(login.status, 200);
        QCOMPARE(login.json()[u"data"_s][u"user"_s][u"email"_s].toString(), u"john@example.com"_s);
        // The token worked once.
        QCOMPARE(m_client
                     ->sendJson("POST", u"/password-reset/"_s + token,
                                R"({"password":"new-password-2"})"_ba)
                     .status,
                 400);
    }

    void linkShownCompletesThePasswordReset()
    {
        requestReset(u"john@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 1);
        QTest::mouseClick(child<QPushButton>(u"copyLinkButton"_s), Qt::LeftButton);

        // Pasted as it is, as a student does into their HTTP client.
        HttpClient linkClient(QUrl(QGuiApplication::clipboard()->text()));
        QCOMPARE(
            linkClient.sendJson("POST", QString(), R"({"password":"new-password-1"})"_ba).status,
            200);

        QCOMPARE(m_client
                     ->sendJson("POST", u"/login"_s,
                                R"({"email":"john@example.com","password":"new-password-1"})"_ba)
                     .status,
                 200);
    }

    void panelAttachedLateShowsTheOutboxAndLeavesOthersAlone()
    {
        requestReset(u"john@example.com"_s);
        requestReset(u"admin@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 2);
        clickRow(1);
        QSignalSpy resets(model(), &QAbstractItemModel::modelReset);

        OutboxPanel late;
        late.attach(&m_server.host());

        QTRY_COMPARE(late.model()->rowCount(), 2);
        QCOMPARE(late.model()->emailAt(0).to, u"admin@example.com"_s);
        // Never shown, so not read.
        QCOMPARE(late.unreadCount(), 2);
        // The snapshot it asked for told the first panel nothing new.
        QCOMPARE(resets.size(), 0);
        QCOMPARE(selectedRows(), QList<int>{1});
        QCOMPARE(m_panel->shownEmail()->to, u"john@example.com"_s);
    }

    void bodyFollowsTheZoomLargerThanTheList()
    {
        requestReset(u"john@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 1);
        auto *body = child<QPlainTextEdit>(u"bodyView"_s);
        const qreal before = body->font().pointSizeF();
        QVERIFY(before > m_panel->view()->font().pointSizeF());

        QFont zoomed = QApplication::font();
        zoomed.setPointSizeF(zoomed.pointSizeF() * 2);
        QApplication::setFont(zoomed);

        QTRY_VERIFY(body->font().pointSizeF() > 1.9 * before);
    }

private:
    OutboxModel *model() const { return m_panel->model(); }

    template<typename Widget>
    Widget *child(const QString &name) const
    {
        auto *widget = m_panel->findChild<Widget *>(name);
        if (!widget)
            qFatal("no child %s", qPrintable(name));
        return widget;
    }

    QString page() const
    {
        return child<QStackedWidget>(u"outboxStack"_s)->currentWidget()->objectName();
    }

    QString cell(int row, int column) const
    {
        return m_panel->view()->model()->index(row, column).data().toString();
    }

    QList<int> selectedRows() const
    {
        QList<int> rows;
        const QModelIndexList selected = m_panel->view()->selectionModel()->selectedRows();
        for (const QModelIndex &index : selected)
            rows.append(index.row());
        return rows;
    }

    void requestReset(const QString &email)
    {
        const QByteArray body = QJsonDocument(QJsonObject{{u"email"_s, email}}).toJson();
        QCOMPARE(m_client->sendJson("POST", u"/password-reset"_s, body).status, 200);
    }

    // The token of the outbox's row-th newest email, as GET /outbox lists it.
    QString outboxToken(int row)
    {
        const QJsonArray emails =
            m_client->get(u"/outbox"_s).json()[u"data"_s][u"emails"_s].toArray();
        return emails.at(emails.size() - 1 - row)[u"token"_s].toString();
    }

    void clickRow(int row)
    {
        QTableView *view = m_panel->view();
        // The subject column is hidden beside the reading pane.
        const QRect cell = view->visualRect(view->model()->index(row, OutboxModel::ToColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    }

    QFont m_applicationFont;
    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<OutboxPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
};

QTEST_MAIN(TestOutboxPanel)
#include "tst_outboxpanel.moc"
