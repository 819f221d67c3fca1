#include "classpanel.h"
#include "classtablemodel.h"
#include "exchangelogmodel.h"
#include "faultpanel.h"
#include "faultrulemodel.h"
#include "guistyle.h"
#include "httpclient.h"
#include "inspectorpanel.h"
#include "lessons/lessoncatalogue.h"
#include "mainwindow.h"
#include "outboxmodel.h"
#include "outboxpanel.h"
#include "requestlogpanel.h"
#include "serverhost.h"
#include "serverpanel.h"
#include "settingsdialog.h"
#include "tokendecoderdialog.h"
#include "tokenspanel.h"
#include "tokentablemodel.h"
#include "userspanel.h"
#include "usertablemodel.h"
#include "zoomcontroller.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int SeedUsers = 2; // Admin User and John Doe

// Receives what QDesktopServices would open in a browser.
class UrlCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public slots:
    void open(const QUrl &url) { urls.append(url); }
};

QByteArray tokenFrom(const HttpResult &login)
{
    return login.json().value(u"data"_s).toObject().value(u"token"_s).toString().toUtf8();
}

} // namespace

// The window as a user meets it: its own server on a free port, real HTTP from outside, and
// the panels showing what happened.
class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QSettings().clear(); // a first start: no saved port, zoom or layout
        m_baseFont = QApplication::font();
    }

    void init() { startWindow({}); }

    void startWindow(WindowOptions options)
    {
        m_client.reset();
        m_usersTester.reset();
        m_logTester.reset();
        m_window.reset();
        m_host = std::make_unique<ServerHost>();
        options.bindAddress = QHostAddress(QHostAddress::LocalHost);
        options.port = 0;
        m_window = std::make_unique<MainWindow>(*m_host, options);
        m_logTester = std::make_unique<QAbstractItemModelTester>(
            m_window->requestLog()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_usersTester = std::make_unique<QAbstractItemModelTester>(
            m_window->users()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->startServer();
        QTRY_COMPARE(m_window->serverController().state(), ServerController::State::Listening);
        m_client = std::make_unique<HttpClient>(m_window->serverController().urls().constFirst());
        QTRY_COMPARE(usersModel()->rowCount(), SeedUsers);
    }

    void cleanup()
    {
        m_client.reset();
        m_usersTester.reset();
        m_logTester.reset();
        m_window.reset();
        m_host.reset();
        QApplication::setFont(m_baseFont);
        QSettings().remove(u"faults"_s); // each test starts without the last one's faults
        QSettings().remove(u"lessons"_s);
    }

    void readmeExamplesShowInTheLogAndTheUsersTable()
    {
        const QByteArray token =
            tokenFrom(m_client->sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})"));
        QVERIFY(!token.isEmpty());
        const HttpResult created = m_client->sendJson(
            "POST", u"/users"_s, R"({"name":"Ada Lovelace","email":"ada@example.com","age":36})",
            token);
        QCOMPARE(created.status, 201);
        const qint64 id = created.json().value(u"data"_s).toObject().value(u"id"_s).toInteger();
        QCOMPARE(m_client->get(u"/users/999"_s).status, 404);

        ExchangeLogModel *log = m_window->requestLog()->model();
        QTRY_COMPARE(log->rowCount(), 3);
        QCOMPARE(log->exchangeAt(0).request.path, u"/login"_s);
        QCOMPARE(log->exchangeAt(1).response.status, 201);
        QCOMPARE(log->data(log->index(2, ExchangeLogModel::StatusColumn)).toString(),
                 u"404 USER_NOT_FOUND"_s);

        UserTableModel *users = usersModel();
        QTRY_COMPARE(users->rowCount(), SeedUsers + 1);
        const int row = users->rowOf(id);
        QVERIFY(row >= 0);
        QCOMPARE(users->userAt(row).email, u"ada@example.com"_s);
        QVERIFY(users
                    ->data(users->index(row, UserTableModel::EmailColumn),
                           UserTableModel::HighlightRole)
                    .toReal() > 0);

        QTRY_COMPARE(statusText(u"statusTotalLabel"_s), u"3 requests"_s);
        QCOMPARE(
            statusText(u"statusUrlLabel"_s),
            u"Listening on %1"_s.arg(m_window->serverController().urls().constFirst().toString()));
    }

    // The issue's GUI check: a rule switched on in the panel makes a request fail over HTTP,
    // loudly; the status bar's one button brings normal service back.
    void faultRuleSwitchedOnInThePanelFailsRequestsUntilAllOff()
    {
        FaultRule rule;
        rule.enabled = false;
        rule.method = "GET";
        rule.path = u"/users"_s;
        rule.action.status = 503;
        FaultPlan plan;
        plan.rules = {rule};
        QSignalSpy planChanged(m_host.get(), &ServerHost::faultPlanChanged);
        m_host->setFaultPlan(plan);
        QTRY_VERIFY(!planChanged.isEmpty() &&
                    planChanged.constLast()[0].value<FaultPlan>() == plan);
        QCOMPARE(m_client->get(u"/users"_s).status, 200);

        m_window->findChild<QAction *>(u"showFaultsAction"_s)->trigger();
        auto *tabs = m_window->findChild<QTabWidget *>(u"topTabs"_s);
        QCOMPARE(tabs->currentWidget(), m_window->findChild<QWidget *>(u"faultsTab"_s));
        QTableView *rules = m_window->faults()->rulesView();
        QTRY_COMPARE(rules->model()->rowCount(), 1);
        rules->setFocus();
        rules->setCurrentIndex(rules->model()->index(0, FaultRuleModel::OnColumn));
        planChanged.clear();
        QTest::keyClick(rules, Qt::Key_Space);
        QTRY_COMPARE(planChanged.size(), 1);
        QVERIFY(planChanged[0][0].value<FaultPlan>().rules[0].enabled);

        const HttpResult failed = m_client->get(u"/users"_s);
        QCOMPARE(failed.status, 503);
        QCOMPARE(failed.json().value(u"error_code"_s).toString(), u"SERVICE_UNAVAILABLE"_s);
        auto *banner = m_window->findChild<QLabel *>(u"faultStatusLabel"_s);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->text(), u"\u26A1 FAULTS ON: GET /users: 503 Service Unavailable, every "
                                 u"request"_s);
        QCOMPARE(tabs->tabText(tabs->indexOf(m_window->findChild<QWidget *>(u"faultsTab"_s))),
                 u"Faults (1 on)"_s);
        ExchangeLogModel *log = m_window->requestLog()->model();
        QTRY_COMPARE(log->rowCount(), 2);
        QCOMPARE(log->data(log->index(1, ExchangeLogModel::FaultColumn)).toString(),
                 u"\u26A1 Rule 1"_s);

        QTest::mouseClick(m_window->findChild<QPushButton *>(u"faultStatusAllOffButton"_s),
                          Qt::LeftButton);
        QTRY_VERIFY(!banner->isVisible());
        QCOMPARE(m_client->get(u"/users"_s).status, 200);
        QCOMPARE(m_window->faults()->plan().rules.size(), 1); // kept, switched off
        QVERIFY(!m_window->faults()->plan().isActive());
    }

    // The trainer's plan comes back at the next start; a plan from the command line does not
    // replace it.
    void trainersPlanIsKeptAndACommandLinePlanIsNot()
    {
        FaultPanel *panel = m_window->faults();
        QSignalSpy planChanged(m_host.get(), &ServerHost::faultPlanChanged);
        panel->applyPreset(0); // the trainer picks a preset: an edit like any other
        const FaultPlan trainers = panel->plan();
        QVERIFY(trainers.isActive());
        QTRY_VERIFY(!planChanged.isEmpty() &&
                    planChanged.constLast()[0].value<FaultPlan>() == trainers);
        m_logTester.reset(); // they watch the models of this window
        m_usersTester.reset();
        m_window.reset();
        m_host.reset();

        m_host = std::make_unique<ServerHost>();
        WindowOptions options;
        options.bindAddress = QHostAddress(QHostAddress::LocalHost);
        options.port = 0;
        m_window = std::make_unique<MainWindow>(*m_host, options);
        QVERIFY(m_window->faults()->plan() == trainers);

        FaultPlan fromFile;
        fromFile.latency = {true, 50, 0, true};
        options.faultPlan = fromFile;
        options.seed = 7;
        m_window.reset();
        m_host = std::make_unique<ServerHost>();
        QSignalSpy echoed(m_host.get(), &ServerHost::faultPlanChanged);
        m_window = std::make_unique<MainWindow>(*m_host, options);
        QVERIFY(echoed.wait(5000)); // the window has heard back from the host
        QCOMPARE(m_window->faults()->plan().latency, fromFile.latency);
        QCOMPARE(m_window->faults()->plan().seed, std::optional<quint32>(7));
        QVERIFY(WindowSettings().faultPlan() == trainers);
    }

    // On a projector's zoom a long alarm would push the window past the screen's edge.
    void faultBannerNeverWidensTheWindow()
    {
        const int minimumWidth = m_window->minimumSizeHint().width();
        FaultPlan plan;
        for (int n = 0; n < 5; ++n) {
            plan.rules.append(FaultRule::make("PATCH", u"/a/rather/long/path/%1/**"_s.arg(n),
                                              FaultAction::respondWith(503),
                                              FaultTrigger::probability(33)));
        }
        QSignalSpy planChanged(m_host.get(), &ServerHost::faultPlanChanged);
        m_host->setFaultPlan(plan);
        QTRY_VERIFY(!planChanged.isEmpty() &&
                    planChanged.constLast()[0].value<FaultPlan>() == plan);
        auto *banner = m_window->findChild<QLabel *>(u"faultStatusLabel"_s);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(banner->sizeHint().width() > minimumWidth / 2); // long indeed
        QCOMPARE(m_window->minimumSizeHint().width(), minimumWidth);
    }

    void selectingALogRowShowsTheExchangeInTheInspector()
    {
        QCOMPARE(m_client->get(u"/health"_s).status, 200);
        auto *table = m_window->requestLog()->findChild<QTableView *>(u"requestTable"_s);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        table->selectRow(0);
        auto *summary = m_window->inspector()->findChild<QLabel *>(u"summaryRequestLabel"_s);
        QTRY_VERIFY(summary->isVisible());
        QVERIFY2(summary->text().contains(u"/health"_s), qPrintable(summary->text()));
    }

    void resetButtonRestoresTheSeed()
    {
        const QByteArray token =
            tokenFrom(m_client->sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})"));
        QCOMPARE(m_client->sendJson("DELETE", u"/users/2"_s, {}, token).status, 200);
        QTRY_COMPARE(usersModel()->rowCount(), SeedUsers - 1);

        QTest::mouseClick(m_window->users()->findChild<QPushButton *>(u"resetDataButton"_s),
                          Qt::LeftButton);
        auto *confirmation = m_window->users()->findChild<QMessageBox *>(u"resetConfirmation"_s);
        QVERIFY(confirmation);
        QTest::mouseClick(confirmation->findChild<QPushButton *>(u"confirmResetButton"_s),
                          Qt::LeftButton);
        QTRY_COMPARE(usersModel()->rowCount(), SeedUsers);
        QCOMPARE(m_client->get(u"/users/2"_s).status, 200);
        // The log names it, though no request made it.
        const QAbstractItemModel *log =
            m_window->requestLog()->findChild<QTableView *>(u"requestTable"_s)->model();
        QTRY_VERIFY(log->rowCount() >= 3);
        QCOMPARE(log->index(2, ExchangeLogModel::PathColumn).data().toString(),
                 u"\u21BA Data reset — by the trainer (window)"_s);
        // It is no request: the status bar's count and rate leave it out.
        QTRY_COMPARE(m_window->requestsSeen(), 3); // login, DELETE and GET
        QTest::qWait(2 * ServerHost::BatchIntervalMs);
        QCOMPARE(m_window->requestsSeen(), 3);
    }

    void editingACellChangesTheApi()
    {
        QTableView *view = m_window->users()->view();
        const int row = usersModel()->rowOf(2);
        const QModelIndex source = usersModel()->index(row, UserTableModel::NameColumn);
        const QModelIndex cell =
            qobject_cast<QSortFilterProxyModel *>(view->model())->mapFromSource(source);
        view->setCurrentIndex(cell);
        view->edit(cell);
        auto *editor = view->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, u"Johnny Doe"_s);
        QTest::keyClick(editor, Qt::Key_Return);

        QTRY_COMPARE(usersModel()->userAt(usersModel()->rowOf(2)).name, u"Johnny Doe"_s);
        const HttpResult fetched = m_client->get(u"/users/2"_s);
        QCOMPARE(fetched.json().value(u"data"_s).toObject().value(u"name"_s).toString(),
                 u"Johnny Doe"_s);
    }

    void pathFilterNarrowsTheLog()
    {
        QCOMPARE(m_client->get(u"/health"_s).status, 200);
        QCOMPARE(m_client->get(u"/users"_s).status, 200);
        QCOMPARE(m_client->get(u"/users/1"_s).status, 200);
        auto *table = m_window->requestLog()->findChild<QTableView *>(u"requestTable"_s);
        QTRY_COMPARE(table->model()->rowCount(), 3);
        QTest::keyClicks(m_window->requestLog()->findChild<QLineEdit *>(u"pathFilterEdit"_s),
                         u"users"_s);
        QTRY_COMPARE(table->model()->rowCount(), 2);
    }

    void zoomShortcutsScaleTheTextAndPersist()
    {
        const qreal base = QApplication::font().pointSizeF();
        QTableView *usersView = m_window->users()->view();
        const int rowHeight = usersView->verticalHeader()->defaultSectionSize();
        auto *title = m_window->findChild<QLabel *>(u"requestsTitle"_s);
        const qreal titleSize = title->font().pointSizeF();
        QVERIFY(titleSize > base); // a heading stands out from the text

        QTest::keySequence(m_window.get(), QKeySequence(u"Ctrl++"_s));
        QTest::keySequence(m_window.get(), QKeySequence(u"Ctrl++"_s));
        QCOMPARE(m_window->zoom().percent(), 125);
        QCOMPARE(QApplication::font().pointSizeF(), base * 1.25);
        QTRY_VERIFY(usersView->verticalHeader()->defaultSectionSize() > rowHeight);
        QTRY_COMPARE(title->font().pointSizeF(), titleSize * 1.25);

        QTest::keySequence(m_window.get(), QKeySequence(u"Ctrl+-"_s));
        QCOMPARE(m_window->zoom().percent(), 110);
        QCOMPARE(WindowSettings().zoomPercent(), 110);

        QTest::keySequence(m_window.get(), QKeySequence(u"Ctrl+0"_s));
        QCOMPARE(m_window->zoom().percent(), 100);
        QCOMPARE(QApplication::font().pointSizeF(), base);
        QCOMPARE(WindowSettings().zoomPercent(), 100);
    }

    // At a saved zoom every table's header is as large as its rows, the Challenges tab's too
    // (made in code, not in the form).
    void savedZoomScalesEveryHeader()
    {
        const qreal base = QApplication::font().pointSizeF();
        WindowSettings().setZoomPercent(200);
        startWindow({});
        QCOMPARE(QApplication::font().pointSizeF(), base * 2);
        const QList<QTableView *> views = m_window->findChildren<QTableView *>();
        QVERIFY(views.size() >= 8);
        for (QTableView *view : views) {
            QTRY_COMPARE_WITH_TIMEOUT(view->horizontalHeader()->font().pointSizeF(), base * 2,
                                      2000);
            QCOMPARE(view->font().pointSizeF(), base * 2);
        }
        WindowSettings().setZoomPercent(100);
    }

    void tokenLifetimeAppliesToTheNextLogin()
    {
        SettingsDialog *dialog = m_window->settingsDialog();
        dialog->show();
        auto *unit = dialog->findChild<QComboBox *>(u"tokenLifetimeUnitCombo"_s);
        auto *spin = dialog->findChild<QSpinBox *>(u"tokenLifetimeSpin"_s);
        unit->setCurrentIndex(0);
        spin->setValue(30);
        QCOMPARE(dialog->tokenLifetimeSeconds(), 30);
        QCOMPARE(WindowSettings().tokenLifetimeSeconds(), 30);

        // The next login is answered after the queued change: same thread, in order.
        const QByteArray token =
            tokenFrom(m_client->sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})"));
        const QJsonObject claims = JwtCodec::decode(token)->claims;
        QCOMPARE(claims.value(u"exp"_s).toInteger() - claims.value(u"iat"_s).toInteger(), 30);
        WindowSettings().setTokenLifetimeSeconds(TokenService::DefaultLifetimeSeconds);
    }

    // The issue's check: the trainer revokes a token in the Tokens tab; its next use is
    // refused and the log says TOKEN_REVOKED.
    void revokedTokenShowsInTheLogAsTokenRevoked()
    {
        const QByteArray token =
            tokenFrom(m_client->sendJson("POST", u"/login"_s, R"({"email":"john@example.com"})"));
        topTabs()->setCurrentWidget(m_window->tokens()->parentWidget());
        TokenTableModel *tokens = m_window->tokens()->model();
        QTRY_COMPARE(tokens->rowCount(), 2);
        const int accessRow = tokens->tokenAt(0).type == TokenType::Access ? 0 : 1;
        QTableView *view = m_window->tokens()->view();
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(view->model());
        const QModelIndex cell =
            proxy->mapFromSource(tokens->index(accessRow, TokenTableModel::UserColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(cell).center());
        QTest::mouseClick(m_window->tokens()->findChild<QPushButton *>(u"revokeButton"_s),
                          Qt::LeftButton);
        QTRY_VERIFY(tokens->data(tokens->index(accessRow, TokenTableModel::StateColumn))
                        .toString()
                        .startsWith(u"Revoked"_s));

        const HttpResult me = m_client->sendJson("GET", u"/me"_s, {}, token);
        QCOMPARE(me.status, 401);
        ExchangeLogModel *log = m_window->requestLog()->model();
        QTRY_COMPARE(log->rowCount(), 2);
        QCOMPARE(log->data(log->index(1, ExchangeLogModel::StatusColumn)).toString(),
                 u"401 TOKEN_REVOKED"_s);
    }

    // A password reset lands in the Outbox tab, whose title counts what is unread.
    void passwordResetEmailArrivesInTheOutboxTab()
    {
        QTabWidget *tabs = topTabs();
        const int outboxTab = tabs->indexOf(m_window->outbox()->parentWidget());
        QVERIFY(outboxTab >= 0);
        QCOMPARE(tabs->tabText(outboxTab), u"Outbox"_s);
        QCOMPARE(m_client->sendJson("POST", u"/password-reset"_s, R"({"email":"john@example.com"})")
                     .status,
                 200);
        QTRY_COMPARE(tabs->tabText(outboxTab), u"Outbox (1)"_s);
        QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {},
                          tabs->tabBar()->tabRect(outboxTab).center());
        QTRY_COMPARE(tabs->tabText(outboxTab), u"Outbox"_s);
    }

    void helpOpensTheServedApiDocs()
    {
        UrlCatcher catcher;
        QDesktopServices::setUrlHandler(u"http"_s, &catcher, "open");
        auto *action = m_window->findChild<QAction *>(u"openApiDocsAction"_s);
        QVERIFY(action->isEnabled());
        action->trigger();
        QDesktopServices::unsetUrlHandler(u"http"_s);
        QCOMPARE(catcher.urls.size(), 1);
        const QUrl docs = catcher.urls.first();
        QCOMPARE(docs.path(), u"/docs"_s);
        const HttpResult page = HttpClient(docs.resolved(QUrl(u"/"_s))).get(docs.path());
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Type").startsWith("text/html"));
    }

    void requirePasswordsAndRefreshLifetimeApplyAtOnce()
    {
        SettingsDialog *dialog = m_window->settingsDialog();
        dialog->show();
        auto *check = dialog->findChild<QCheckBox *>(u"requirePasswordsCheck"_s);
        QVERIFY(!check->isChecked());
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY(WindowSettings().requirePasswords());
        const HttpResult emailOnly =
            m_client->sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})");
        QCOMPARE(emailOnly.status, 400);
        QCOMPARE(emailOnly.json()[u"message"_s].toString(), u"Missing required field: password"_s);

        dialog->findChild<QComboBox *>(u"refreshLifetimeUnitCombo"_s)->setCurrentIndex(0);
        dialog->findChild<QSpinBox *>(u"refreshLifetimeSpin"_s)->setValue(5);
        QCOMPARE(dialog->refreshTokenLifetimeSeconds(), 300);
        QCOMPARE(WindowSettings().refreshTokenLifetimeSeconds(), 300);
        const HttpResult login = m_client->sendJson(
            "POST", u"/login"_s, R"({"email":"admin@example.com","password":"admin123"})");
        QCOMPARE(login.status, 200);
        const QJsonObject claims =
            JwtCodec::decode(login.json()[u"data"_s][u"refresh_token"_s].toString().toLatin1())
                ->claims;
        QCOMPARE(claims.value(u"exp"_s).toInteger() - claims.value(u"iat"_s).toInteger(), 300);

        QTest::mouseClick(check, Qt::LeftButton);
        QCOMPARE(m_client->sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})").status,
                 200);
        WindowSettings().setRefreshTokenLifetimeSeconds(
            TokenService::DefaultRefreshLifetimeSeconds);
    }

    void watchingASandboxSwitchesTheTables()
    {
        const QByteArray token = tokenFrom(
            m_client->sendJson("POST", u"/s/alice/login"_s, R"({"email":"admin@example.com"})"));
        QCOMPARE(m_client
                     ->sendJson("POST", u"/s/alice/users"_s,
                                R"({"name":"Ada Lovelace","email":"ada@example.com","age":36})",
                                token)
                     .status,
                 201);
        QComboBox *selector = watchSelector();
        QTRY_COMPARE(selector->count(), 2);
        QCOMPARE(selector->itemText(0), u"Class API"_s);
        QCOMPARE(selector->itemText(1), u"alice"_s);
        QCOMPARE(tabTitle(u"classTab"_s), u"Class (1)"_s);
        QVERIFY(m_window->requestLog()->showsSandboxes());

        QTest::keyClick(selector, Qt::Key_Down); // the trainer picks alice
        QTRY_COMPARE(usersModel()->rowCount(), 3);
        QCOMPARE(m_window->watchedSandbox(), u"alice"_s);
        QVERIFY(watchBanner()->isVisible());
        QVERIFY(watchBanner()->text().contains(u"Tables show <b>alice</b>'s sandbox"_s));
        QCOMPARE(tabColor(u"usersTab"_s), GuiStyle::sandboxColor());
        QCOMPARE(tabColor(u"outboxTab"_s), GuiStyle::sandboxColor());
        QCOMPARE(tabColor(u"classTab"_s), QColor());
        QCOMPARE(m_window->tokens()->watchedSandbox(), u"alice"_s);
        // Alice's admin token is the one the Tokens tab shows now.
        QTRY_COMPARE(m_window->tokens()->view()->model()->rowCount(), 2);

        QTest::keyClick(selector, Qt::Key_Up); // back to the class API
        QTRY_COMPARE(usersModel()->rowCount(), SeedUsers);
        QCOMPARE(m_window->watchedSandbox(), QString());
        QVERIFY(!watchBanner()->isVisible());
        QCOMPARE(tabColor(u"usersTab"_s), QColor());
        QCOMPARE(m_window->tokens()->view()->model()->rowCount(), 0);
    }

    void removedSandboxSendsTheTablesBackToTheClassApi()
    {
        QCOMPARE(m_client->get(u"/s/bob/users"_s).status, 200);
        ClassPanel *panel = m_window->classPanel();
        QTRY_COMPARE(panel->model()->rowCount(), 1);
        topTabs()->setCurrentWidget(m_window->findChild<QWidget *>(u"classTab"_s));
        QTableView *view = panel->view();
        const QPoint bob = view->visualRect(view->model()->index(0, 0)).center();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, bob);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, bob);
        QTRY_COMPARE(m_window->watchedSandbox(), u"bob"_s);
        QCOMPARE(watchSelector()->currentText(), u"bob"_s);

        m_host->removeSandbox(u"bob"_s);

        QTRY_COMPARE(m_window->watchedSandbox(), QString());
        QCOMPARE(watchSelector()->currentText(), u"Class API"_s);
        QVERIFY2(m_window->statusBar()->currentMessage().contains(u"bob is gone"_s),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QTRY_COMPARE(tabTitle(u"classTab"_s), u"Class"_s);
        QVERIFY(!watchBanner()->isVisible());
    }

    // Two quick choices, alice then bob, and bob is removed before the host gets to him: the
    // host answers "alice", then "" for bob. Bob is the one gone, not alice.
    void quickWatchChangesNameTheSandboxThatIsGone()
    {
        QCOMPARE(m_client->get(u"/s/alice/users"_s).status, 200);
        QCOMPARE(m_client->get(u"/s/bob/users"_s).status, 200);
        QComboBox *selector = watchSelector();
        QTRY_COMPARE(selector->count(), 3);
        QSignalSpy answers(m_host.get(), &ServerHost::watching);

        QTest::keyClick(selector, Qt::Key_Down); // alice
        m_host->removeSandbox(u"bob"_s);
        QTest::keyClick(selector, Qt::Key_Down); // bob, still listed
        QTRY_COMPARE(answers.size(), 2);
        QCOMPARE(answers[0][0].toString(), u"alice"_s);
        QCOMPARE(answers[1][0].toString(), QString());
        QCOMPARE(m_window->watchedSandbox(), QString());
        QVERIFY2(!m_window->statusBar()->currentMessage().contains(u"alice is gone"_s),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QTRY_COMPARE(selector->count(), 2); // the class without bob
        QVERIFY2(m_window->statusBar()->currentMessage().contains(u"bob is gone"_s),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QCOMPARE(selector->currentText(), u"Class API"_s);
    }

    // Alice then the class API, quickly: the host's answer "alice" is not the last word, and
    // its "" afterwards is the class API asked for, not a sandbox gone.
    void quickReturnToTheClassApiIsNoSandboxGone()
    {
        QCOMPARE(m_client->get(u"/s/alice/users"_s).status, 200);
        QTRY_COMPARE(watchSelector()->count(), 2);
        QSignalSpy answers(m_host.get(), &ServerHost::watching);
        QTest::keyClick(watchSelector(), Qt::Key_Down); // alice
        QTest::keyClick(watchSelector(), Qt::Key_Up);   // the class API again
        QTRY_COMPARE(answers.size(), 2);
        QCOMPARE(m_window->watchedSandbox(), QString());
        QCOMPARE(m_window->statusBar()->currentMessage(), u"The tables show the class API"_s);
    }

    // A sandbox keeps its newest maxOutboxEmails: the Outbox tab lists no more than its
    // GET /outbox, as emails arrive and when the trainer lowers the limit.
    void watchedSandboxsOutboxKeepsTheSandboxLimit()
    {
        SettingsDialog *dialog = m_window->settingsDialog();
        dialog->findChild<QSpinBox *>(u"maxOutboxSpin"_s)->setValue(3);
        QCOMPARE(m_client->get(u"/s/alice/users"_s).status, 200);
        QTRY_COMPARE(watchSelector()->count(), 2);
        QTest::keyClick(watchSelector(), Qt::Key_Down);
        QTRY_COMPARE(m_window->watchedSandbox(), u"alice"_s);

        OutboxModel *outbox = m_window->outbox()->model();
        for (int n = 0; n < 5; ++n) {
            QCOMPARE(m_client
                         ->sendJson("POST", u"/s/alice/password-reset"_s,
                                    R"({"email":"john@example.com"})")
                         .status,
                     200);
        }
        const HttpResult listed = m_client->get(u"/s/alice/outbox"_s);
        QCOMPARE(listed.json()[u"data"_s][u"emails"_s].toArray().size(), 3);
        QTRY_VERIFY(outbox->rowCount() > 0 && outbox->emailAt(0).id == 5);
        QCOMPARE(outbox->rowCount(), 3);
        QCOMPARE(outbox->emailAt(2).id, 3);

        dialog->findChild<QSpinBox *>(u"maxOutboxSpin"_s)->setValue(2);
        QCOMPARE(outbox->rowCount(), 2);
        QCOMPARE(outbox->emailAt(1).id, 4);

        QTest::keyClick(watchSelector(), Qt::Key_Up); // the class API keeps 1,000
        QTRY_COMPARE(m_window->watchedSandbox(), QString());
        QCOMPARE(outbox->capacity(), Outbox::DefaultCapacity);
        WindowSettings().setSandboxLimits(SandboxLimits());
    }

    void bannerLinkShowsTheClassApiAgain()
    {
        QCOMPARE(m_client->get(u"/s/carol/users"_s).status, 200);
        QTRY_COMPARE(watchSelector()->count(), 2);
        QTest::keyClick(watchSelector(), Qt::Key_Down);
        QTRY_VERIFY(watchBanner()->isVisible());
        emit watchBanner()->linkActivated(u"class"_s);
        QTRY_COMPARE(m_window->watchedSandbox(), QString());
        QVERIFY(!watchBanner()->isVisible());
        QCOMPARE(watchSelector()->currentText(), u"Class API"_s);
    }

    void classSettingsApplyAtOnceAndAreKept()
    {
        // This test's client stands for a student's computer.
        m_host->setTrainerAddresses(QList<QHostAddress>{});
        SettingsDialog *dialog = m_window->settingsDialog();
        dialog->show();
        auto *protect = dialog->findChild<QCheckBox *>(u"protectClassApiCheck"_s);
        QVERIFY(!protect->isChecked());
        QVERIFY(protect->toolTip().contains(u"403 CLASS_API_PROTECTED"_s));
        QCOMPARE(dialog->sandboxLimits().maxSandboxes, 200);
        QCOMPARE(dialog->sandboxLimits().idleSeconds, 4 * 3600);
        QCOMPARE(dialog->findChild<QComboBox *>(u"idleUnitCombo"_s)->currentText(), u"hours"_s);

        QTest::mouseClick(protect, Qt::LeftButton);
        QVERIFY(WindowSettings().protectClassApi());
        const HttpResult refused = m_client->sendJson("POST", u"/users"_s, "{}");
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.json()[u"error_code"_s].toString(), u"CLASS_API_PROTECTED"_s);
        QCOMPARE(m_client->get(u"/users"_s).status, 200);

        dialog->findChild<QSpinBox *>(u"maxSandboxesSpin"_s)->setValue(1);
        dialog->findChild<QSpinBox *>(u"maxUsersSpin"_s)->setValue(2);
        dialog->findChild<QComboBox *>(u"idleUnitCombo"_s)->setCurrentIndex(0);
        dialog->findChild<QSpinBox *>(u"idleSpin"_s)->setValue(30);
        const SandboxLimits saved = WindowSettings().sandboxLimits();
        QCOMPARE(saved.maxSandboxes, 1);
        QCOMPARE(saved.records.maxUsers, 2);
        QCOMPARE(saved.idleSeconds, 30 * 60);
        const QByteArray token = tokenFrom(
            m_client->sendJson("POST", u"/s/alice/login"_s, R"({"email":"admin@example.com"})"));
        const HttpResult full = m_client->sendJson(
            "POST", u"/s/alice/users"_s,
            R"({"name":"Ada Lovelace","email":"ada@example.com","age":36})", token);
        QCOMPARE(full.status, 409);
        QCOMPARE(full.json()[u"error_code"_s].toString(), u"SANDBOX_FULL"_s);
        const HttpResult limit = m_client->get(u"/s/bob/users"_s);
        QCOMPARE(limit.status, 503);
        QCOMPARE(limit.json()[u"error_code"_s].toString(), u"SANDBOX_LIMIT"_s);

        WindowSettings().setSandboxLimits(SandboxLimits());
        WindowSettings().setProtectClassApi(false);
    }

    // The trainer changes the unit: the duration stays (4 hours are 240 minutes, not 4), and
    // nothing is applied, since nothing changed. Minutes that make no whole hour round up.
    void idleUnitChangeKeepsTheDuration()
    {
        SettingsDialog *dialog = m_window->settingsDialog();
        dialog->show();
        auto *unit = dialog->findChild<QComboBox *>(u"idleUnitCombo"_s);
        auto *spin = dialog->findChild<QSpinBox *>(u"idleSpin"_s);
        QCOMPARE(unit->currentText(), u"hours"_s);
        QCOMPARE(spin->value(), 4);
        QSignalSpy applied(dialog, &SettingsDialog::sandboxLimitsChanged);

        QTest::keyClick(unit, Qt::Key_Up);
        QCOMPARE(unit->currentText(), u"minutes"_s);
        QCOMPARE(spin->value(), 240);
        QCOMPARE(dialog->sandboxLimits().idleSeconds, 4 * 3600);
        QCOMPARE(applied.size(), 0);
        QCOMPARE(WindowSettings().sandboxLimits().idleSeconds, 4 * 3600);

        spin->setValue(90);
        QCOMPARE(WindowSettings().sandboxLimits().idleSeconds, 90 * 60);
        QTest::keyClick(unit, Qt::Key_Down);
        QCOMPARE(unit->currentText(), u"hours"_s);
        QCOMPARE(spin->value(), 2); // never removes a sandbox sooner than the trainer said
        QCOMPARE(WindowSettings().sandboxLimits().idleSeconds, 2 * 3600);
        WindowSettings().setSandboxLimits(SandboxLimits());
    }

    // Settings ▸ Lesson APIs: a box per lesson, its title and prefix. Off, the prefix answers
    // 404 in the class API and in every sandbox, and stays off at the next start.
    void lessonSwitchedOffInSettingsAnswers404AndIsKept()
    {
        const auto lessonCheck = [this](const QString &name) {
            return m_window->settingsDialog()->findChild<QCheckBox *>(u"lessonCheck_"_s + name);
        };
        const auto click = [](QCheckBox *check) {
            QTest::mouseClick(check, Qt::LeftButton, {},
                              QPoint(check->height(), check->height() / 2));
        };
        m_window->settingsDialog()->show();
        QCOMPARE(m_window->settingsDialog()
                     ->findChild<QGroupBox *>(u"lessonsGroup"_s)
                     ->findChildren<QCheckBox *>()
                     .size(),
                 lessonCatalogue().size());
        QCheckBox *inventory = lessonCheck(u"inventory"_s);
        QVERIFY(inventory);
        QVERIFY(inventory->isChecked());
        QVERIFY2(inventory->text().endsWith(u" /lessons/inventory"_s),
                 qPrintable(inventory->text()));
        const QString docs = u"/lessons/inventory/openapi.json"_s;
        QCOMPARE(m_client->get(docs).status, 200);

        click(inventory);
        QVERIFY(!inventory->isChecked());
        QCOMPARE(WindowSettings().disabledLessons(), QStringList{u"inventory"_s});
        QCOMPARE(m_client->get(docs).status, 404);
        QCOMPARE(m_client->get(u"/s/alice"_s + docs).status, 404);
        QCOMPARE(m_client->get(u"/lessons/user-management/openapi.json"_s).status, 200);

        startWindow({}); // the next start
        QCOMPARE(m_client->get(docs).status, 404);
        QCOMPARE(m_client->get(u"/s/bob"_s + docs).status, 404);
        m_window->settingsDialog()->show();
        inventory = lessonCheck(u"inventory"_s);
        QVERIFY(!inventory->isChecked());
        click(inventory);
        QCOMPARE(m_client->get(docs).status, 200);
        QCOMPARE(m_client->get(u"/s/bob"_s + docs).status, 200);
        QVERIFY(WindowSettings().disabledLessons().isEmpty());
    }

    // --no-lesson: off for this run (the box shows it), not saved.
    void commandLineNoLessonIsForThisRunOnly()
    {
        WindowOptions options;
        options.disabledLessons = {u"flask-advanced"_s};
        startWindow(options);
        QCOMPARE(m_client->get(u"/lessons/flask-advanced/openapi.json"_s).status, 404);
        QCOMPARE(m_client->get(u"/lessons/inventory/openapi.json"_s).status, 200);
        SettingsDialog *dialog = m_window->settingsDialog();
        QCOMPARE(dialog->disabledLessons(), QStringList{u"flask-advanced"_s});
        QVERIFY(!dialog->findChild<QCheckBox *>(u"lessonCheck_flask-advanced"_s)->isChecked());
        QVERIFY(WindowSettings().disabledLessons().isEmpty());
    }

    void commandLineClassOptionsAreForThisRunOnly()
    {
        WindowOptions options;
        options.protectClassApi = true;
        options.maxSandboxes = 1;
        options.sandboxIdleSeconds = 120;
        startWindow(options);
        SettingsDialog *dialog = m_window->settingsDialog();
        QVERIFY(dialog->findChild<QCheckBox *>(u"protectClassApiCheck"_s)->isChecked());
        QCOMPARE(dialog->sandboxLimits().maxSandboxes, 1);
        QCOMPARE(dialog->sandboxLimits().idleSeconds, 120);
        QCOMPARE(m_client->get(u"/s/alice/users"_s).status, 200);
        QCOMPARE(m_client->get(u"/s/bob/users"_s).status, 503);

        // Another limit changed by the trainer is kept; the command line's are not.
        dialog->findChild<QSpinBox *>(u"maxOutboxSpin"_s)->setValue(10);
        const SandboxLimits saved = WindowSettings().sandboxLimits();
        QCOMPARE(saved.records.maxOutboxEmails, 10);
        QCOMPARE(saved.maxSandboxes, SandboxLimits::DefaultMaxSandboxes);
        QCOMPARE(saved.idleSeconds, SandboxLimits::DefaultIdleSeconds);
        QVERIFY(!WindowSettings().protectClassApi());
        WindowSettings().setSandboxLimits(SandboxLimits());
    }

    // Tools ▸ Decode Token… judges with the instance the tables show: a sandbox's token is
    // valid there and forged in the class API.
    void decodeTokenJudgesInTheWatchedInstance()
    {
        const QByteArray token = tokenFrom(
            m_client->sendJson("POST", u"/s/bob/login"_s, R"({"email":"admin@example.com"})"));
        m_window->findChild<QAction *>(u"decodeTokenAction"_s)->trigger();
        auto *decoder = m_window->findChild<TokenDecoderDialog *>();
        QVERIFY(decoder && decoder->isVisible());
        auto *verdict = decoder->findChild<QLabel *>(u"tokenVerdictLabel"_s);
        auto *judgedBy = decoder->findChild<QLabel *>(u"judgedByLabel"_s);
        decoder->setToken(QString::fromLatin1(token));
        QTRY_COMPARE(verdict->text(), u"Forged token"_s);
        QVERIFY(judgedBy->text().contains(u"the class API"_s));

        QComboBox *selector = watchSelector();
        QTRY_COMPARE(selector->count(), 2);
        QTest::keyClick(selector, Qt::Key_Down); // the trainer watches bob
        QTRY_COMPARE(m_window->watchedSandbox(), u"bob"_s);
        QTest::mouseClick(decoder->findChild<QPushButton *>(u"judgeAgainButton"_s), Qt::LeftButton);
        QTRY_COMPARE(verdict->text(), u"Valid token"_s);
        QVERIFY(judgedBy->text().contains(u"sandbox bob"_s));
    }

    void regeneratingTheSecretInvalidatesIssuedTokens()
    {
        const QByteArray token =
            tokenFrom(m_client->sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})"));
        // An empty body gets past authentication to validation: the token works.
        QCOMPARE(m_client->sendJson("POST", u"/users"_s, "{}", token).status, 400);

        SettingsDialog *dialog = m_window->settingsDialog();
        dialog->show();
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"regenerateSecretButton"_s),
                          Qt::LeftButton);
        auto *confirmation = dialog->findChild<QMessageBox *>(u"regenerateConfirmation"_s);
        QVERIFY(confirmation);
        QPushButton *regenerate = nullptr;
        for (QAbstractButton *button : confirmation->buttons()) {
            if (button->text() == u"Regenerate"_s)
                regenerate = qobject_cast<QPushButton *>(button);
        }
        QVERIFY(regenerate);
        QTest::mouseClick(regenerate, Qt::LeftButton);

        const HttpResult refused = m_client->sendJson("POST", u"/users"_s, "{}", token);
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.json().value(u"error_code"_s).toString(), u"INVALID_TOKEN"_s);
        const QByteArray fresh =
            tokenFrom(m_client->sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})"));
        QCOMPARE(m_client->sendJson("POST", u"/users"_s, "{}", fresh).status, 400);
    }

private:
    QTabWidget *topTabs() const { return m_window->findChild<QTabWidget *>(u"topTabs"_s); }
    QString tabTitle(const QString &tabName) const
    {
        return topTabs()->tabText(topTabs()->indexOf(m_window->findChild<QWidget *>(tabName)));
    }
    QColor tabColor(const QString &tabName) const
    {
        return topTabs()->tabBar()->tabTextColor(
            topTabs()->indexOf(m_window->findChild<QWidget *>(tabName)));
    }
    QLabel *watchBanner() const { return m_window->findChild<QLabel *>(u"watchBanner"_s); }
    QComboBox *watchSelector() const
    {
        return m_window->serverPanel()->findChild<QComboBox *>(u"watchCombo"_s);
    }
    UserTableModel *usersModel() const { return m_window->users()->model(); }
    QString statusText(const QString &name) const
    {
        return m_window->findChild<QLabel *>(name)->text();
    }

    QFont m_baseFont;
    std::unique_ptr<ServerHost> m_host;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_logTester;
    std::unique_ptr<QAbstractItemModelTester> m_usersTester;
    std::unique_ptr<HttpClient> m_client;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
