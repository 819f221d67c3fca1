#include "httpclient.h"
#include "serverfixture.h"
#include "tokenspanel.h"
#include "tokentablemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

// The tokens panel against the real API on its worker thread: logins over HTTP add rows, and the
// trainer's Revoke really revokes.
class TestTokensPanel : public QObject
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
        m_server.host().setTokenLifetime(TokenService::DefaultLifetimeSeconds);
        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
        m_server.host().removeAllSandboxes();
        m_panel = std::make_unique<TokensPanel>();
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_viewModelTester = std::make_unique<QAbstractItemModelTester>(
            view()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_panel->resize(1000, 500);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        // Let the reset's revocation (of tokens issued before) pass before the panel listens.
        QTest::qWait(2 * ServerHost::BatchIntervalMs);
        m_panel->attach(&m_server.host());
    }

    void cleanup()
    {
        m_viewModelTester.reset();
        m_modelTester.reset();
        m_panel.reset();
    }

    void nothingToRevokeAtFirst()
    {
        QCOMPARE(model()->rowCount(), 0);
        QVERIFY(!button(u"revokeButton"_s)->isEnabled());
        QVERIFY(!button(u"clearListButton"_s)->isEnabled());
        QCOMPARE(countLabel(), u"0 tokens, 0 active"_s);
    }

    void loginAddsAnAccessAndARefreshRow()
    {
        login(u"john@example.com"_s);

        QTRY_COMPARE(model()->rowCount(), 2);
        const int access = rowOf(TokenType::Access);
        const int refresh = rowOf(TokenType::Refresh);
        QVERIFY(access >= 0 && refresh >= 0);
        QCOMPARE(cell(access, TokenTableModel::UserColumn), u"john@example.com (#2)"_s);
        QCOMPARE(cell(access, TokenTableModel::FreshColumn), u"✓"_s);
        QCOMPARE(cell(refresh, TokenTableModel::FreshColumn), QString());
        QVERIFY(cell(access, TokenTableModel::ExpiresColumn).endsWith(u"(in 59 min)"_s));
        QCOMPARE(cell(access, TokenTableModel::StateColumn), u"Active"_s);
        QCOMPARE(countLabel(), u"2 tokens, 2 active"_s);
        // The newest at the top.
        QCOMPARE(view()->model()->index(0, 0).data(Qt::ToolTipRole).toString(),
                 u"jti: "_s + model()->tokenAt(1).jti);
        QVERIFY(button(u"clearListButton"_s)->isEnabled());
    }

    void revokeButtonRevokesTheSelectedToken()
    {
        const QByteArray token = login(u"john@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 2);
        const int access = rowOf(TokenType::Access);
        QCOMPARE(m_client->sendJson("GET", u"/me"_s, {}, token).status, 200);

        clickRow(access);
        QVERIFY(button(u"revokeButton"_s)->isEnabled());
        QTest::mouseClick(button(u"revokeButton"_s), Qt::LeftButton);

        // Not marked before the API says so.
        QCOMPARE(model()->stateAt(access), TokenTableModel::State::Active);
        QTRY_COMPARE(cell(access, TokenTableModel::StateColumn), u"Revoked (by the trainer)"_s);
        QCOMPARE(model()->stateAt(rowOf(TokenType::Refresh)), TokenTableModel::State::Active);
        QVERIFY(!button(u"revokeButton"_s)->isEnabled());
        QCOMPARE(countLabel(), u"2 tokens, 1 active"_s);

        const HttpResult me = m_client->sendJson("GET", u"/me"_s, {}, token);
        QCOMPARE(me.status, 401);
        QCOMPARE(me.json()[u"error_code"_s].toString(), u"TOKEN_REVOKED"_s);
    }

    void deleteKeyRevokesToo()
    {
        login(u"john@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 2);
        const int refresh = rowOf(TokenType::Refresh);
        clickRow(refresh);

        QTest::keyClick(view(), Qt::Key_Delete);

        QTRY_COMPARE(model()->stateAt(refresh), TokenTableModel::State::Revoked);
        QVERIFY(view()->actions().contains(m_panel->revokeAction()));
        QCOMPARE(view()->contextMenuPolicy(), Qt::ActionsContextMenu);
    }

    void logoutRevokesTheUsersRefreshRow()
    {
        const QByteArray token = login(u"john@example.com"_s);
        login(u"admin@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 4);

        QCOMPARE(m_client->sendJson("POST", u"/logout"_s, {}, token).status, 200);

        QTRY_COMPARE(model()->activeCount(), 2);
        for (int row = 0; row < model()->rowCount(); ++row) {
            const bool john = model()->tokenAt(row).email == u"john@example.com"_s;
            QCOMPARE(cell(row, TokenTableModel::StateColumn),
                     john ? u"Revoked (logout)"_s : u"Active"_s);
        }
    }

    void showOnlyActiveHidesTheOthers()
    {
        const QByteArray token = login(u"john@example.com"_s);
        login(u"admin@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 4);
        QCOMPARE(m_client->sendJson("POST", u"/logout"_s, {}, token).status, 200);
        QTRY_COMPARE(model()->activeCount(), 2);

        QTest::mouseClick(m_panel->findChild<QCheckBox *>(u"activeOnlyCheck"_s), Qt::LeftButton);

        QCOMPARE(view()->model()->rowCount(), 2);
        QCOMPARE(countLabel(), u"4 tokens, 2 active"_s);
        // A revocation while filtered takes the row out of the view.
        clickRow(rowOf(TokenType::Access, u"admin@example.com"_s));
        QTest::mouseClick(button(u"revokeButton"_s), Qt::LeftButton);
        QTRY_COMPARE(view()->model()->rowCount(), 1);

        m_panel->setActiveOnly(false);
        QCOMPARE(view()->model()->rowCount(), 4);
    }

    void showsOnlyTheWatchedInstancesTokens()
    {
        login(u"john@example.com"_s);
        const QByteArray aliceAdmin = login(u"admin@example.com"_s, u"/s/alice"_s);
        login(u"john@example.com"_s, u"/s/alice"_s);
        QTRY_COMPARE(model()->rowCount(), 6);

        // The shared API's until told otherwise.
        QCOMPARE(view()->model()->rowCount(), 2);
        QCOMPARE(countLabel(), u"2 tokens, 2 active"_s);
        m_panel->setWatchedSandbox(u"alice"_s);
        QCOMPARE(view()->model()->rowCount(), 4);
        QCOMPARE(countLabel(), u"4 tokens, 4 active"_s);

        // Alice's John (user 2 of her sandbox) is deleted: the shared John's tokens stay active.
        QCOMPARE(m_client->sendJson("DELETE", u"/s/alice/users/2"_s, {}, aliceAdmin).status, 200);
        QTRY_COMPARE(countLabel(), u"4 tokens, 2 active"_s);
        const int sharedAccess = rowOf(TokenType::Access, u"john@example.com"_s, QString());
        QCOMPARE(model()->stateAt(sharedAccess), TokenTableModel::State::Active);
        QCOMPARE(model()->stateAt(rowOf(TokenType::Access, u"john@example.com"_s, u"alice"_s)),
                 TokenTableModel::State::Invalid);

        // A revocation goes to the row's own instance.
        clickRow(rowOf(TokenType::Access, u"admin@example.com"_s, u"alice"_s));
        QTest::mouseClick(button(u"revokeButton"_s), Qt::LeftButton);
        const HttpResult me = m_client->sendJson("GET", u"/s/alice/me"_s, {}, aliceAdmin);
        QCOMPARE(me.status, 401);
        QCOMPARE(me.json()[u"error_code"_s].toString(), u"TOKEN_REVOKED"_s);
        QTRY_COMPARE(countLabel(), u"4 tokens, 1 active"_s);

        m_panel->setWatchedSandbox(QString());
        QCOMPARE(view()->model()->rowCount(), 2);
        QCOMPARE(countLabel(), u"2 tokens, 2 active"_s);
    }

    // A removed sandbox takes its tokens along: the API answers INVALID_TOKEN for them, also
    // once a sandbox of the same name is made again. The class API's tokens never go this way.
    void tokensOfARemovedSandboxTurnInvalid()
    {
        login(u"john@example.com"_s);
        const QByteArray aliceAdmin = login(u"admin@example.com"_s, u"/s/alice"_s);
        login(u"admin@example.com"_s, u"/s/bob"_s);
        QTRY_COMPARE(model()->rowCount(), 6);
        m_panel->setWatchedSandbox(u"alice"_s);
        QCOMPARE(countLabel(), u"2 tokens, 2 active"_s);

        m_server.host().removeSandbox(u"alice"_s);
        const int oldAlice = rowOf(TokenType::Access, u"admin@example.com"_s, u"alice"_s);
        QTRY_COMPARE(model()->stateAt(oldAlice), TokenTableModel::State::Invalid);
        QCOMPARE(cell(oldAlice, TokenTableModel::StateColumn), u"Invalid (sandbox removed)"_s);
        QCOMPARE(countLabel(), u"2 tokens, 0 active"_s);
        QCOMPARE(model()->stateAt(rowOf(TokenType::Access)), TokenTableModel::State::Active);
        QCOMPARE(model()->stateAt(rowOf(TokenType::Access, u"admin@example.com"_s, u"bob"_s)),
                 TokenTableModel::State::Active);

        // The old token makes a new alice, who does not know it; her own logins are active.
        const HttpResult me = m_client->sendJson("GET", u"/s/alice/me"_s, {}, aliceAdmin);
        QCOMPARE(me.status, 401);
        QCOMPARE(me.json()[u"error_code"_s].toString(), u"INVALID_TOKEN"_s);
        login(u"john@example.com"_s, u"/s/alice"_s);
        QTRY_COMPARE(countLabel(), u"4 tokens, 2 active"_s);
        QTest::qWait(3 * ServerHost::BatchIntervalMs); // the class list has the new alice
        QCOMPARE(countLabel(), u"4 tokens, 2 active"_s);
        QCOMPARE(model()->stateAt(oldAlice), TokenTableModel::State::Invalid);

        // Removed and made again at once, between two class lists: bob's old tokens are older
        // than his new sandbox.
        m_server.host().removeSandbox(u"bob"_s);
        login(u"john@example.com"_s, u"/s/bob"_s);
        m_panel->setWatchedSandbox(u"bob"_s);
        QTRY_COMPARE(countLabel(), u"4 tokens, 2 active"_s);
        QCOMPARE(model()->stateAt(rowOf(TokenType::Access, u"admin@example.com"_s, u"bob"_s)),
                 TokenTableModel::State::Invalid);

        // None left: an empty class.
        m_server.host().removeAllSandboxes();
        QTRY_COMPARE(countLabel(), u"4 tokens, 0 active"_s);
        m_panel->setWatchedSandbox(QString());
        QCOMPARE(countLabel(), u"2 tokens, 2 active"_s);
    }

    void expiredTokensTurnExpired()
    {
        m_server.host().setTokenLifetime(1);
        const QByteArray token = login(u"john@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 2);
        const int access = rowOf(TokenType::Access);

        QTRY_COMPARE_WITH_TIMEOUT(cell(access, TokenTableModel::StateColumn), u"Expired"_s, 4000);
        QVERIFY(cell(access, TokenTableModel::ExpiresColumn).endsWith(u"(expired)"_s));
        QCOMPARE(m_client->sendJson("GET", u"/me"_s, {}, token).status, 401);
        clickRow(access);
        QVERIFY(!button(u"revokeButton"_s)->isEnabled());
    }

    void clearListEmptiesTheViewOnly()
    {
        const QByteArray token = login(u"john@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 2);

        QTest::mouseClick(button(u"clearListButton"_s), Qt::LeftButton);

        QCOMPARE(model()->rowCount(), 0);
        QCOMPARE(countLabel(), u"0 tokens, 0 active"_s);
        QVERIFY(!button(u"clearListButton"_s)->isEnabled());
        // The tokens were not revoked.
        QCOMPARE(m_client->sendJson("GET", u"/me"_s, {}, token).status, 200);
        login(u"admin@example.com"_s);
        QTRY_COMPARE(model()->rowCount(), 2);
    }

private:
    TokenTableModel *model() const { return m_panel->model(); }
    QTableView *view() const { return m_panel->view(); }

    QPushButton *button(const QString &name) const
    {
        return m_panel->findChild<QPushButton *>(name);
    }

    QString countLabel() const
    {
        return m_panel->findChild<QLabel *>(u"tokenCountLabel"_s)->text();
    }

    QString cell(int row, int column) const
    {
        return model()->index(row, column).data().toString();
    }

    int rowOf(TokenType type, const QString &email = u"john@example.com"_s,
              const QString &sandbox = {}) const
    {
        for (int row = 0; row < model()->rowCount(); ++row) {
            if (model()->tokenAt(row).type == type && model()->tokenAt(row).email == email &&
                model()->sandboxAt(row) == sandbox)
                return row;
        }
        return -1;
    }

    void clickRow(int sourceRow)
    {
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(view()->model());
        const QModelIndex index =
            proxy->mapFromSource(model()->index(sourceRow, TokenTableModel::TypeColumn));
        QVERIFY(index.isValid());
        view()->scrollTo(index);
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {},
                          view()->visualRect(index).center());
        QVERIFY(view()->selectionModel()->isRowSelected(index.row(), {}));
    }

    // The access token, of the shared API or of the sandbox a prefix ("/s/alice") names.
    QByteArray login(const QString &email, const QString &prefix = {})
    {
        const HttpResult result = m_client->sendJson("POST", prefix + u"/login"_s,
                                                     u"{\"email\":\"%1\"}"_s.arg(email).toUtf8());
        if (result.status != 200)
            qWarning() << result.status << result.body;
        return result.json()[u"data"_s][u"access_token"_s].toString().toLatin1();
    }

    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<TokensPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_viewModelTester;
};

QTEST_MAIN(TestTokensPanel)
#include "tst_tokenspanel.moc"
