#include "classpanel.h"
#include "classtablemodel.h"
#include "httpclient.h"
#include "serverfixture.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

// The class panel against the real API: students' requests over HTTP make the rows, and the
// trainer's buttons really reset and remove sandboxes.
class TestClassPanel : public QObject
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
        m_server.host().removeAllSandboxes();
        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
        m_panel = std::make_unique<ClassPanel>();
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_viewModelTester = std::make_unique<QAbstractItemModelTester>(
            view()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_panel->setBaseUrl(m_server.baseUrl());
        m_panel->resize(1000, 500);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        m_panel->attach(&m_server.host());
    }

    void cleanup()
    {
        m_viewModelTester.reset();
        m_modelTester.reset();
        m_panel.reset();
    }

    void emptyClassTellsHowToJoin()
    {
        auto *stack = m_panel->findChild<QStackedWidget *>(u"viewStack"_s);
        QCOMPARE(stack->currentWidget()->objectName(), u"emptyPage"_s);
        const QString text = m_panel->findChild<QLabel *>(u"emptyLabel"_s)->text();
        QVERIFY2(text.contains(m_server.baseUrl().toString(QUrl::StripTrailingSlash) +
                               u"/s/your-name/users"_s),
                 qPrintable(text));
        QVERIFY(text.contains(u"X-Sandbox: your-name"_s));
        QVERIFY(!button(u"resetAllButton"_s)->isEnabled());
        QVERIFY(!button(u"resetButton"_s)->isEnabled());
    }

    void studentsRequestsMakeLiveRows()
    {
        QSignalSpy counted(m_panel.get(), &ClassPanel::sandboxCountChanged);
        QCOMPARE(m_client->get(u"/s/alice/users"_s).status, 200);
        QCOMPARE(m_client->get(u"/s/alice/nothing"_s).status, 404);
        QCOMPARE(m_client->send("GET", u"/users"_s, {}, {{"X-Sandbox"_ba, "bob"_ba}}).status, 200);

        QTRY_COMPARE(model()->rowCount(), 2);
        QCOMPARE(counted.constLast().constFirst().toInt(), 2);
        QCOMPARE(m_panel->findChild<QLabel *>(u"countLabel"_s)->text(), u"2 sandboxes"_s);
        QCOMPARE(shownName(0), u"alice"_s); // sorted by name
        const int alice = model()->rowOf(u"alice"_s);
        QTRY_COMPARE(cell(alice, ClassTableModel::RequestsColumn), u"2"_s);
        QCOMPARE(cell(alice, ClassTableModel::ClientErrorsColumn), u"1"_s);
        QCOMPARE(cell(alice, ClassTableModel::ClientsColumn), u"127.0.0.1"_s);
        QCOMPARE(cell(alice, ClassTableModel::UsersColumn), u"2"_s);
        QVERIFY(cell(alice, ClassTableModel::LastRequestColumn).endsWith(u"ago"_s) ||
                cell(alice, ClassTableModel::LastRequestColumn) == u"just now"_s);
        QVERIFY(button(u"resetAllButton"_s)->isEnabled());
    }

    void resetPutsTheSelectedSandboxBackToTheSeed()
    {
        addUser(u"/s/alice"_s);
        addUser(u"/s/bob"_s);
        QTRY_COMPARE(usersOf(u"alice"_s), 3);
        QTRY_COMPARE(usersOf(u"bob"_s), 3);

        selectByName(u"alice"_s);
        QTest::mouseClick(button(u"resetButton"_s), Qt::LeftButton);

        // The worker runs the reset before it reads the next request.
        QCOMPARE(usersAnswered(u"/s/alice"_s), 2);
        QCOMPARE(usersAnswered(u"/s/bob"_s), 3);
        QTRY_COMPARE(usersOf(u"alice"_s), 2);
        QCOMPARE(usersOf(u"bob"_s), 3);
        // The selection stays on alice's row through the updates.
        QCOMPARE(m_panel->selectedNames(), QStringList{u"alice"_s});
    }

    void removeAsksFirst()
    {
        QCOMPARE(m_client->get(u"/s/alice/users"_s).status, 200);
        QCOMPARE(m_client->get(u"/s/bob/users"_s).status, 200);
        QTRY_COMPARE(model()->rowCount(), 2);
        selectByName(u"bob"_s);

        QTest::mouseClick(button(u"removeButton"_s), Qt::LeftButton);
        answer(u"removeConfirmation"_s, QMessageBox::RejectRole);
        QCOMPARE(model()->rowCount(), 2);

        m_panel->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_Delete); // the same action
        answer(u"removeConfirmation"_s, QMessageBox::DestructiveRole);
        QTRY_COMPARE(model()->rowCount(), 1);
        QCOMPARE(model()->sandboxAt(0).name, u"alice"_s);
        QVERIFY(!button(u"removeButton"_s)->isEnabled());
    }

    void resetAllAsksAndResetsEverySandbox()
    {
        addUser(u"/s/alice"_s);
        addUser(u"/s/bob"_s);
        addUser(QString()); // the class API's: not touched
        QTRY_COMPARE(usersOf(u"alice"_s), 3);
        QTRY_COMPARE(usersOf(u"bob"_s), 3);

        QTest::mouseClick(button(u"resetAllButton"_s), Qt::LeftButton);
        answer(u"resetAllConfirmation"_s, QMessageBox::DestructiveRole);

        QCOMPARE(usersAnswered(u"/s/alice"_s), 2);
        QCOMPARE(usersAnswered(u"/s/bob"_s), 2);
        QCOMPARE(usersAnswered(QString()), 3);
        QTRY_COMPARE(usersOf(u"alice"_s), 2);
        QTRY_COMPARE(usersOf(u"bob"_s), 2);
    }

    void doubleClickAsksToWatch()
    {
        QCOMPARE(m_client->get(u"/s/alice/users"_s).status, 200);
        QTRY_COMPARE(model()->rowCount(), 1);
        QSignalSpy watch(m_panel.get(), &ClassPanel::watchRequested);
        const QRect cellRect = view()->visualRect(view()->model()->index(0, 0));
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, cellRect.center());
        QTest::mouseDClick(view()->viewport(), Qt::LeftButton, {}, cellRect.center());
        QCOMPARE(watch.size(), 1);
        QCOMPARE(watch[0][0].toString(), u"alice"_s);
    }

private:
    ClassTableModel *model() const { return m_panel->model(); }
    QTableView *view() const { return m_panel->view(); }
    QPushButton *button(const QString &name) const
    {
        return m_panel->findChild<QPushButton *>(name);
    }
    QString cell(int row, int column) const
    {
        return model()->index(row, column).data().toString();
    }
    QString shownName(int row) const { return view()->model()->index(row, 0).data().toString(); }

    int usersOf(const QString &name) const
    {
        const int row = model()->rowOf(name);
        return row < 0 ? -1 : model()->sandboxAt(row).users;
    }

    void selectByName(const QString &name)
    {
        QTRY_VERIFY(model()->rowOf(name) >= 0);
        for (int row = 0; row < view()->model()->rowCount(); ++row) {
            if (shownName(row) != name)
                continue;
            const QRect cellRect = view()->visualRect(view()->model()->index(row, 0));
            QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, cellRect.center());
        }
        QCOMPARE(m_panel->selectedNames(), QStringList{name});
    }

    // GET /users of the instance a prefix names ("" : the class API): how many users it has.
    int usersAnswered(const QString &prefix)
    {
        return m_client->get(prefix + u"/users"_s).json()[u"data"_s][u"count"_s].toInt();
    }

    // Creates a user in the instance a prefix names ("" : the class API), as its admin.
    void addUser(const QString &prefix)
    {
        const QByteArray token =
            m_client->sendJson("POST", prefix + u"/login"_s, R"({"email":"admin@example.com"})")
                .json()[u"data"_s][u"access_token"_s]
                .toString()
                .toLatin1();
        QCOMPARE(m_client
                     ->sendJson("POST", prefix + u"/users"_s,
                                R"({"name":"Ada Lovelace","email":"ada@example.com","age":36})",
                                token)
                     .status,
                 201);
    }

    // Presses a button of the confirmation the panel opened.
    void answer(const QString &boxName, QMessageBox::ButtonRole role)
    {
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_panel->findChild<QMessageBox *>(boxName)) && box->isVisible());
        QAbstractButton *pressed = nullptr;
        for (QAbstractButton *candidate : box->buttons()) {
            const auto candidateRole = box->buttonRole(candidate);
            if (candidateRole == role)
                pressed = candidate;
        }
        QVERIFY(pressed);
        QTest::mouseClick(pressed, Qt::LeftButton);
        QTRY_VERIFY(!m_panel->findChild<QMessageBox *>(boxName));
    }

    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<ClassPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_viewModelTester;
};

QTEST_MAIN(TestClassPanel)
#include "tst_classpanel.moc"
