#include "guistyle.h"
#include "httpclient.h"
#include "messagebar.h"
#include "serverfixture.h"
#include "theme.h"
#include "userdialog.h"
#include "userspanel.h"
#include "usertablemodel.h"

#include <QAbstractItemModelTester>
#include <QAbstractProxyModel>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

// The users panel against the real API on its worker thread: what HTTP clients do shows in the
// table, and what the trainer does in the table goes through the API.
class TestUsersPanel : public QObject
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
        // A reset revokes every token, so the token comes after it. Its batch of changes must be
        // out before the panel connects: one arriving after the panel's snapshot would reset the
        // table again under an editor a test has opened (seen on a loaded machine).
        QSignalSpy usersChanged(&m_server.host(), &ServerHost::usersChanged);
        QCOMPARE(m_client->send("POST", u"/reset"_s).status, 200);
        QTRY_VERIFY(!usersChanged.isEmpty());
        const HttpResult login =
            m_client->sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})"_ba);
        QCOMPARE(login.status, 200);
        m_token = login.json()[u"data"_s][u"token"_s].toString().toLatin1();
        m_panel = std::make_unique<UsersPanel>();
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_viewModelTester = std::make_unique<QAbstractItemModelTester>(
            view()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        // Nothing fades while a test looks.
        model()->setHighlightDuration(60'000);
        m_panel->resize(1000, 500);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));

        m_panel->attach(&m_server.host());

        QTRY_COMPARE(model()->rowCount(), 2);
    }

    void cleanup()
    {
        QApplication::setFont(m_applicationFont);
        Theme::apply(Theme::Id::Standard); // after a failed theme test too
        m_viewModelTester.reset();
        m_modelTester.reset();
        m_panel.reset();
    }

    void seedRowsAppear()
    {
        QCOMPARE(viewColumn(UserTableModel::NameColumn),
                 (QStringList{u"Admin User"_s, u"John Doe"_s}));
        QCOMPARE(viewColumn(UserTableModel::RoleColumn), (QStringList{u"admin"_s, u"user"_s}));
        QCOMPARE(child<QLabel>(u"userCountLabel"_s)->text(), u"2 users"_s);
        QVERIFY(messageBar()->isHidden());
        QVERIFY(child<QPushButton>(u"addUserButton"_s)->isEnabled());
        QVERIFY(child<QPushButton>(u"resetDataButton"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(u"deleteUserButton"_s)->isEnabled());
        // A table that was there before the panel is not news.
        QCOMPARE(model()->highlightedCellCount(), 0);
    }

    void withoutAnApiNothingIsOffered()
    {
        UsersPanel detached;
        QCOMPARE(detached.findChild<QLabel *>(u"userCountLabel"_s)->text(), u"0 users"_s);
        for (const QString &button :
             {u"addUserButton"_s, u"deleteUserButton"_s, u"resetDataButton"_s})
            QVERIFY(!detached.findChild<QPushButton *>(button)->isEnabled());

        UserDialog dialog(nullptr);
        fillDialog(&dialog, u"Grace Hopper"_s, u"grace@example.com"_s, u"85"_s);
        dialog.accept();
        auto *errorBar = dialog.findChild<MessageBar *>(u"errorBar"_s);
        QVERIFY(!errorBar->isHidden());
        QCOMPARE(errorBar->message(), u"The API is not running."_s);
        QCOMPARE(errorBar->detail(), QString());
    }

    void panelAttachedLateShowsTheCurrentTable()
    {
        const qint64 id = createOverHttp(u"Ada Lovelace"_s, u"ada@example.com"_s, 36);
        QTRY_VERIFY(model()->rowOf(id) >= 0);

        UsersPanel late;
        late.attach(&m_server.host());

        QTRY_COMPARE(late.model()->rowCount(), 3);
        QCOMPARE(late.model()->userAt(2).name, u"Ada Lovelace"_s);
        QCOMPARE(late.findChild<QLabel *>(u"userCountLabel"_s)->text(), u"3 users"_s);
    }

    void userCreatedOverHttpAppearsHighlighted()
    {
        const qint64 id = createOverHttp(u"Ada Lovelace"_s, u"ada@example.com"_s, 36);

        QTRY_VERIFY(model()->rowOf(id) >= 0);

        const int row = model()->rowOf(id);
        QCOMPARE(highlightedColumns(row).size(), int(UserTableModel::ColumnCount));
        QCOMPARE(highlightedColumns(0), QList<int>{});
        QCOMPARE(viewColumn(UserTableModel::NameColumn).last(), u"Ada Lovelace"_s);
        QCOMPARE(child<QLabel>(u"userCountLabel"_s)->text(), u"3 users"_s);
    }

    void putOverHttpHighlightsTheChangedCell()
    {
        const HttpResult put =
            m_client->sendJson("PUT", u"/users/2"_s, R"({"age":26})"_ba, m_token);
        QCOMPARE(put.status, 200);

        QTRY_COMPARE(model()->userAt(1).age, std::optional<int>(26));

        // The field the request changed, and the time the store stamped on the change.
        QCOMPARE(highlightedColumns(1),
                 (QList<int>{UserTableModel::AgeColumn, UserTableModel::UpdatedColumn}));
        QCOMPARE(highlightedColumns(0), QList<int>{});
    }

    void deleteOverHttpRemovesTheRow()
    {
        const qint64 id = createOverHttp(u"Ada Lovelace"_s, u"ada@example.com"_s, 36);
        QTRY_VERIFY(model()->rowOf(id) >= 0);

        QCOMPARE(m_client->sendJson("DELETE", u"/users/%1"_s.arg(id), {}, m_token).status, 200);

        QTRY_COMPARE(model()->rowOf(id), -1);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(child<QLabel>(u"userCountLabel"_s)->text(), u"2 users"_s);
    }

    void editInTheViewGoesThroughTheApi()
    {
        // Opened by the view's own edit trigger, typed, committed with Enter.
        view()->setCurrentIndex(viewIndex(2, UserTableModel::EmailColumn));
        QTest::keyClick(view(), Qt::Key_F2);
        typeAndCommit(viewIndex(2, UserTableModel::EmailColumn), u"johnny@example.com"_s);

        QTRY_COMPARE(model()->userAt(1).email, u"johnny@example.com"_s);
        QCOMPARE(m_client->get(u"/users/2"_s).json()[u"data"_s][u"email"_s].toString(),
                 u"johnny@example.com"_s);
        QCOMPARE(highlightedColumns(1),
                 (QList<int>{UserTableModel::EmailColumn, UserTableModel::UpdatedColumn}));
        QVERIFY(messageBar()->isHidden());
    }

    void doubleClickEditsOnlyTheUserFields()
    {
        const QModelIndex name = viewIndex(2, UserTableModel::NameColumn);
        doubleClickCell(name);
        auto *editor = qobject_cast<QLineEdit *>(view()->indexWidget(name));
        QVERIFY(editor);
        QCOMPARE(editor->text(), u"John Doe"_s);
        QTest::keyClick(editor, Qt::Key_Escape);
        QTRY_VERIFY(!view()->indexWidget(name));

        const QModelIndex id = viewIndex(2, UserTableModel::IdColumn);
        doubleClickCell(id);
        QVERIFY(!view()->indexWidget(id));
    }

    void ageEditorLeavesTheRangeToTheApi()
    {
        const QModelIndex index = viewIndex(2, UserTableModel::AgeColumn);
        view()->edit(index);
        auto *editor = qobject_cast<QSpinBox *>(view()->indexWidget(index));
        QVERIFY(editor);
        QCOMPARE(editor->value(), 25);
        // Wider than the API's 18 to 150, so that the API's own message shows (see below).
        QVERIFY(editor->minimum() < 18);
        QVERIFY(editor->maximum() > 150);
        QTest::keyClick(editor, Qt::Key_Escape);
        QVERIFY(!view()->indexWidget(index));
    }

    // A registered user may have no age: opening its age and leaving with Enter sends nothing;
    // a typed age is sent.
    void unknownAgeIsNotInventedByTheEditor()
    {
        QCOMPARE(
            m_client
                ->sendJson(
                    "POST", u"/register"_s,
                    R"({"name":"Ann Lee","email":"ann@example.com","password":"correct horse"})"_ba)
                .status,
            201);
        QTRY_COMPARE(model()->rowCount(), 3);
        QCOMPARE(model()->userAt(2).age, std::optional<int>());
        const QModelIndex index = viewIndex(3, UserTableModel::AgeColumn);
        QCOMPARE(index.data().toString(), QString());

        view()->edit(index);
        auto *editor = qobject_cast<QSpinBox *>(view()->indexWidget(index));
        QVERIFY(editor);
        QCOMPARE(editor->value(), 18);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!view()->indexWidget(index));
        QTest::qWait(2 * ServerHost::BatchIntervalMs);
        QVERIFY(messageBar()->isHidden());
        QVERIFY(m_client->get(u"/users/3"_s).json()[u"data"_s][u"age"_s].isNull());

        view()->edit(index);
        typeAndCommit(index, u"40"_s);
        QTRY_COMPARE(model()->userAt(2).age, std::optional<int>(40));
    }

    void roleEditorCommitsTheChoice()
    {
        const QModelIndex index = viewIndex(2, UserTableModel::RoleColumn);
        view()->edit(index);
        auto *editor = qobject_cast<QComboBox *>(view()->indexWidget(index));
        QVERIFY(editor);
        QCOMPARE(editor->currentText(), u"user"_s);

        QTest::keyClick(editor, Qt::Key_Up); // picks "admin", which commits it

        QTRY_COMPARE(model()->userAt(1).role, UserRole::Admin);
        QCOMPARE(m_client->get(u"/users/2"_s).json()[u"data"_s][u"role"_s].toString(), u"admin"_s);
    }

    void invalidEditShowsTheApiMessage_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("detail");

        QTest::newRow("email format") << int(UserTableModel::EmailColumn) << u"not-an-email"_s
                                      << u"Invalid email format"_s << u"HTTP 400 · INVALID_EMAIL"_s;
        QTest::newRow("duplicate email")
            << int(UserTableModel::EmailColumn) << u"ADMIN@example.com"_s
            << u"Email already exists. Please use a different email."_s
            << u"HTTP 409 · DUPLICATE_EMAIL"_s;
        QTest::newRow("short name")
            << int(UserTableModel::NameColumn) << u"Al"_s
            << u"Name must be at least 3 characters long"_s << u"HTTP 400 · INVALID_NAME"_s;
        QTest::newRow("too young") << int(UserTableModel::AgeColumn) << u"17"_s
                                   << u"Age must be 18 or older"_s << u"HTTP 400 · INVALID_AGE"_s;
    }

    void invalidEditShowsTheApiMessage()
    {
        QFETCH(int, column);
        QFETCH(QString, typed);
        QFETCH(QString, message);
        QFETCH(QString, detail);
        const QModelIndex index = viewIndex(2, column);
        const QVariant before = index.data();

        view()->edit(index);
        typeAndCommit(index, typed);

        QTRY_VERIFY(messageBar()->isShowingError());
        QCOMPARE(child<QLabel>(u"messageText"_s)->text(), message);
        QCOMPARE(child<QLabel>(u"messageDetail"_s)->text(), detail);
        QVERIFY(messageBar()->isVisible());
        QCOMPARE(child<QLabel>(u"messageText"_s)->palette().color(QPalette::WindowText),
                 GuiStyle::statusColor(500));
        QCOMPARE(viewIndex(2, column).data(), before);
        QCOMPARE(highlightedColumns(1), QList<int>{});

        // The next edit that works clears the error away.
        view()->edit(viewIndex(2, UserTableModel::NameColumn));
        typeAndCommit(viewIndex(2, UserTableModel::NameColumn), u"Johnny Doe"_s);
        QTRY_COMPARE(model()->userAt(1).name, u"Johnny Doe"_s);
        QVERIFY(messageBar()->isHidden());
    }

    // A projector theme chosen while the API's error shows: its text takes the theme's red.
    void messageFollowsTheTheme()
    {
        const QModelIndex index = viewIndex(2, UserTableModel::EmailColumn);
        view()->edit(index);
        typeAndCommit(index, u"not-an-email"_s);
        QTRY_VERIFY(messageBar()->isShowingError());

        Theme::apply(Theme::Id::ProjectorDark);

        for (const QString &name : {u"messageText"_s, u"messageDetail"_s})
            QTRY_COMPARE(child<QLabel>(name)->palette().color(QPalette::WindowText),
                         GuiStyle::statusColor(500));
        Theme::apply(Theme::Id::Standard);
        QTRY_COMPARE(child<QLabel>(u"messageText"_s)->palette().color(QPalette::WindowText),
                     GuiStyle::statusColor(500));
    }

    void deleteButtonDeletesTheSelectedUser()
    {
        auto *deleteButton = child<QPushButton>(u"deleteUserButton"_s);
        QVERIFY(!deleteButton->isEnabled());
        clickCell(2, UserTableModel::NameColumn);
        QVERIFY(deleteButton->isEnabled());

        QTest::mouseClick(deleteButton, Qt::LeftButton);

        QTRY_COMPARE(model()->rowOf(2), -1);
        QCOMPARE(m_client->get(u"/users/2"_s).status, 404);
        // No other user is selected in its place: a second click deletes nothing.
        QVERIFY(!deleteButton->isEnabled());
        QCOMPARE(child<QLabel>(u"userCountLabel"_s)->text(), u"1 user"_s);
    }

    void deleteButtonDeletesEverySelectedUser()
    {
        const qint64 ada = createOverHttp(u"Ada Lovelace"_s, u"ada@example.com"_s, 36);
        QTRY_VERIFY(model()->rowOf(ada) >= 0);
        clickCell(2, UserTableModel::NameColumn);
        clickCell(ada, UserTableModel::EmailColumn, Qt::ControlModifier);

        QTest::mouseClick(child<QPushButton>(u"deleteUserButton"_s), Qt::LeftButton);

        QTRY_COMPARE(model()->rowCount(), 1);
        QCOMPARE(model()->userAt(0).id, 1);
    }

    void resetButtonRestoresTheSeed()
    {
        const qint64 id = createOverHttp(u"Ada Lovelace"_s, u"ada@example.com"_s, 36);
        QCOMPARE(m_client->sendJson("DELETE", u"/users/2"_s, {}, m_token).status, 200);
        QTRY_VERIFY(model()->rowOf(id) >= 0 && model()->rowOf(2) < 0);
        messageBar()->setSuccessTimeout(300);

        QTest::mouseClick(child<QPushButton>(u"resetDataButton"_s), Qt::LeftButton);
        QMessageBox *confirmation = resetConfirmation();
        QVERIFY(confirmation);
        QTest::mouseClick(confirmation->findChild<QPushButton *>(u"confirmResetButton"_s),
                          Qt::LeftButton);

        QTRY_COMPARE(viewColumn(UserTableModel::NameColumn),
                     (QStringList{u"Admin User"_s, u"John Doe"_s}));
        QTRY_VERIFY(messageBar()->isVisible());
        QCOMPARE(messageBar()->message(), u"Data reset to initial state"_s);
        QVERIFY(!messageBar()->isShowingError());
        QCOMPARE(child<QLabel>(u"messageText"_s)->palette().color(QPalette::WindowText),
                 GuiStyle::statusColor(200));
        QCOMPARE(m_client->get(u"/users"_s).json()[u"data"_s][u"count"_s].toInt(), 2);
        // A success note goes away by itself.
        QTRY_VERIFY(messageBar()->isHidden());
    }

    void resetAsksFirstAndNamesWhatIsLost()
    {
        const qint64 id = createOverHttp(u"Ada Lovelace"_s, u"ada@example.com"_s, 36);
        QTRY_VERIFY(model()->rowOf(id) >= 0);

        QTest::mouseClick(child<QPushButton>(u"resetDataButton"_s), Qt::LeftButton);

        QPointer<QMessageBox> confirmation = resetConfirmation();
        QVERIFY(confirmation);
        QVERIFY(confirmation->isVisible());
        QCOMPARE(confirmation->text(), u"Reset the class API to its seed data?"_s);
        const QString lost = confirmation->informativeText();
        for (const QString &named :
             {u"The 3 users in the table"_s, u"product"_s, u"sessions"_s, u"Outbox"_s})
            QVERIFY2(lost.contains(named), qPrintable(lost));
        // Cancel is the default: Enter in passing loses nothing.
        QCOMPARE(confirmation->defaultButton(), confirmation->button(QMessageBox::Cancel));

        QTest::mouseClick(confirmation->button(QMessageBox::Cancel), Qt::LeftButton);

        QTRY_VERIFY(!confirmation);
        // A reset would have been queued before this request on the API's thread.
        QCOMPARE(m_client->get(u"/users"_s).json()[u"data"_s][u"count"_s].toInt(), 3);
        QVERIFY(model()->rowOf(id) >= 0);
    }

    void resetConfirmationNamesTheWatchedSandbox()
    {
        const HttpResult login =
            m_client->sendJson("POST", u"/s/alice/login"_s, R"({"email":"admin@example.com"})"_ba);
        QCOMPARE(login.status, 200);
        const QByteArray aliceToken = login.json()[u"data"_s][u"token"_s].toString().toLatin1();
        const HttpResult created = m_client->sendJson(
            "POST", u"/s/alice/users"_s,
            R"({"name":"Ada Lovelace","email":"ada@example.com","age":36})"_ba, aliceToken);
        QCOMPARE(created.status, 201);
        const qint64 sharedUser = createOverHttp(u"Grace Hopper"_s, u"grace@example.com"_s, 40);
        QSignalSpy watching(&m_server.host(), &ServerHost::watching);
        m_server.host().watch(u"alice"_s);
        QTRY_COMPARE(watching.size(), 1);
        QTRY_COMPARE(
            viewColumn(UserTableModel::EmailColumn),
            (QStringList{u"admin@example.com"_s, u"john@example.com"_s, u"ada@example.com"_s}));

        QTest::mouseClick(child<QPushButton>(u"resetDataButton"_s), Qt::LeftButton);
        QMessageBox *confirmation = resetConfirmation();
        QVERIFY(confirmation);
        QCOMPARE(confirmation->text(), u"Reset alice's sandbox to its seed data?"_s);
        QTest::mouseClick(confirmation->findChild<QPushButton *>(u"confirmResetButton"_s),
                          Qt::LeftButton);

        QTRY_COMPARE(model()->rowCount(), 2);
        QCOMPARE(m_client->get(u"/s/alice/users"_s).json()[u"data"_s][u"count"_s].toInt(), 2);
        // The class API is not what the trainer confirmed.
        QCOMPARE(m_client->get(u"/users/"_s + QString::number(sharedUser)).status, 200);
        m_server.host().watch(QString());
        QTRY_COMPARE(watching.size(), 2);
    }

    void messageBarFloatsOverTheTable()
    {
        QTRY_VERIFY(model()->rowCount() > 0);
        const QRect tableBefore = view()->geometry();
        const QRect firstRowBefore = view()->visualRect(view()->model()->index(0, 0));

        const QModelIndex index = viewIndex(2, UserTableModel::EmailColumn);
        view()->edit(index);
        typeAndCommit(index, u"not-an-email"_s);
        QTRY_VERIFY(messageBar()->isShowingError());
        QVERIFY(messageBar()->isVisible());

        // Nothing under the trainer's cursor moved: the message lies over the table's foot.
        QCOMPARE(view()->geometry(), tableBefore);
        QCOMPARE(view()->visualRect(view()->model()->index(0, 0)), firstRowBefore);
        QVERIFY(tableBefore.contains(messageBar()->geometry()));
        QCOMPARE(messageBar()->geometry().bottom() > tableBefore.center().y(), true);
        for (const QString &label : {u"messageText"_s, u"messageDetail"_s})
            QVERIFY(messageBar()->rect().contains(child<QLabel>(label)->geometry()));
        // The table's rows do not show through it.
        QVERIFY(messageBar()->autoFillBackground());

        // It follows the table when the panel grows.
        m_panel->resize(m_panel->width() + 100, m_panel->height() + 80);
        QTRY_COMPARE(messageBar()->geometry().bottom() > view()->geometry().center().y(), true);
        QVERIFY(view()->geometry().contains(messageBar()->geometry()));
        QCOMPARE(messageBar()->width() > tableBefore.width(), true);
    }

    void addDialogCreatesTheUser()
    {
        QTest::mouseClick(child<QPushButton>(u"addUserButton"_s), Qt::LeftButton);
        QPointer<UserDialog> dialog = m_panel->findChild<UserDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        fillDialog(dialog, u"Grace Hopper"_s, u"grace@example.com"_s, u"85"_s);
        dialog->findChild<QComboBox *>(u"roleComboBox"_s)->setCurrentText(u"admin"_s);

        QTest::mouseClick(okButton(dialog), Qt::LeftButton);

        QTRY_VERIFY(!dialog); // closed and deleted
        QTRY_VERIFY(model()->rowOf(3) >= 0);
        const User created = model()->userAt(model()->rowOf(3));
        QCOMPARE(created.name, u"Grace Hopper"_s);
        QCOMPARE(created.age, std::optional<int>(85));
        QCOMPARE(created.role, UserRole::Admin);
        QCOMPARE(m_client->get(u"/users/3"_s).json()[u"data"_s][u"email"_s].toString(),
                 u"grace@example.com"_s);
    }

    void addDialogShowsTheApiErrorAndStaysOpen()
    {
        QTest::mouseClick(child<QPushButton>(u"addUserButton"_s), Qt::LeftButton);
        QPointer<UserDialog> dialog = m_panel->findChild<UserDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *errorBar = dialog->findChild<MessageBar *>(u"errorBar"_s);
        QVERIFY(errorBar->isHidden());
        fillDialog(dialog, u"John Again"_s, u"john@example.com"_s, u"40"_s);

        QTest::mouseClick(okButton(dialog), Qt::LeftButton);

        QTRY_VERIFY(errorBar->isVisible());
        QCOMPARE(errorBar->message(), u"Email already exists. Please use a different email."_s);
        QCOMPARE(errorBar->detail(), u"HTTP 409 · DUPLICATE_EMAIL"_s);
        QCOMPARE(
            errorBar->findChild<QLabel *>(u"messageText"_s)->palette().color(QPalette::WindowText),
            GuiStyle::statusColor(500));
        QVERIFY(dialog->isVisible());
        QCOMPARE(model()->rowCount(), 2);

        fillDialog(dialog, u"John Again"_s, u"john.again@example.com"_s, u"151"_s);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_COMPARE(errorBar->message(), u"Age must be 150 or younger"_s);
        QVERIFY(dialog->isVisible());

        fillDialog(dialog, u"John Again"_s, u"john.again@example.com"_s, u"40"_s);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        QTRY_COMPARE(model()->rowCount(), 3);
    }

    void clickingAHeaderSorts()
    {
        createOverHttp(u"Zoe Old"_s, u"zoe@example.com"_s, 100);
        QTRY_COMPARE(model()->rowCount(), 3);
        QHeaderView *header = view()->horizontalHeader();
        QCOMPARE(header->sortIndicatorSection(), int(UserTableModel::IdColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        QCOMPARE(viewColumn(UserTableModel::IdColumn), (QStringList{u"1"_s, u"2"_s, u"3"_s}));

        clickHeader(UserTableModel::AgeColumn);
        QCOMPARE(viewColumn(UserTableModel::AgeColumn),
                 (QStringList{u"25"_s, u"30"_s, u"100"_s})); // as numbers, not text
        clickHeader(UserTableModel::AgeColumn);
        QCOMPARE(viewColumn(UserTableModel::AgeColumn), (QStringList{u"100"_s, u"30"_s, u"25"_s}));
        clickHeader(UserTableModel::NameColumn);
        QCOMPARE(viewColumn(UserTableModel::NameColumn),
                 (QStringList{u"Admin User"_s, u"John Doe"_s, u"Zoe Old"_s}));

        // A live change lands in its sorted place.
        createOverHttp(u"Bob Builder"_s, u"bob@example.com"_s, 40);
        QTRY_COMPARE(viewColumn(UserTableModel::NameColumn),
                     (QStringList{u"Admin User"_s, u"Bob Builder"_s, u"John Doe"_s, u"Zoe Old"_s}));
    }

    void biggerApplicationFontGivesTallerRows()
    {
        const QFont original = m_applicationFont;
        const int rowHeight = view()->rowHeight(0);
        QVERIFY(rowHeight >= view()->fontMetrics().height());

        QFont bigger = original;
        if (original.pointSizeF() > 0)
            bigger.setPointSizeF(original.pointSizeF() * 2);
        else
            bigger.setPixelSize(original.pixelSize() * 2);
        QApplication::setFont(bigger);

        QTRY_VERIFY(view()->rowHeight(0) > rowHeight);
        QVERIFY(view()->rowHeight(0) >= view()->fontMetrics().height());
        // Email takes the width left over, but never less than its minimum at the new size.
        QTRY_VERIFY(view()->columnWidth(UserTableModel::EmailColumn) >=
                    22 * view()->fontMetrics().averageCharWidth());

        QApplication::setFont(original);
        QTRY_COMPARE(view()->rowHeight(0), rowHeight);
    }

private:
    UserTableModel *model() const { return m_panel->model(); }
    QTableView *view() const { return m_panel->view(); }
    MessageBar *messageBar() const { return child<MessageBar>(u"messageBar"_s); }
    QMessageBox *resetConfirmation() const
    {
        return m_panel->findChild<QMessageBox *>(u"resetConfirmation"_s);
    }

    template<typename Widget>
    Widget *child(const QString &name) const
    {
        auto *widget = m_panel->findChild<Widget *>(name);
        if (!widget)
            qFatal("no child %s", qPrintable(name));
        return widget;
    }

    QModelIndex viewIndex(qint64 userId, int column) const
    {
        const auto *proxy = qobject_cast<const QAbstractProxyModel *>(view()->model());
        return proxy->mapFromSource(model()->index(model()->rowOf(userId), column));
    }

    QStringList viewColumn(int column) const
    {
        QStringList values;
        for (int row = 0; row < view()->model()->rowCount(); ++row)
            values.append(view()->model()->index(row, column).data().toString());
        return values;
    }

    QList<int> highlightedColumns(int row) const
    {
        QList<int> columns;
        for (int column = 0; column < UserTableModel::ColumnCount; ++column) {
            if (model()->index(row, column).data(UserTableModel::HighlightRole).toReal() > 0)
                columns.append(column);
        }
        return columns;
    }

    qint64 createOverHttp(const QString &name, const QString &email, int age)
    {
        const QJsonObject body{{u"name"_s, name}, {u"email"_s, email}, {u"age"_s, age}};
        const HttpResult created = m_client->sendJson(
            "POST", u"/users"_s, QJsonDocument(body).toJson(QJsonDocument::Compact), m_token);
        if (created.status != 201)
            qWarning() << "POST /users answered" << created.status << created.body;
        return created.json()[u"data"_s][u"id"_s].toInteger();
    }

    // Types into the editor open on index, replacing its text, and commits with Enter.
    void typeAndCommit(const QModelIndex &index, const QString &text)
    {
        QWidget *editor = view()->indexWidget(index);
        QVERIFY2(editor, "no editor open");
        if (auto *line = qobject_cast<QLineEdit *>(editor))
            line->selectAll();
        else if (auto *spin = qobject_cast<QAbstractSpinBox *>(editor))
            spin->selectAll();
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits once the editor has seen the key.
        QTRY_VERIFY(!view()->indexWidget(index));
    }

    void fillDialog(UserDialog *dialog, const QString &name, const QString &email,
                    const QString &age)
    {
        for (const auto &[fieldName, text] :
             {std::pair{u"nameEdit"_s, name}, std::pair{u"emailEdit"_s, email}}) {
            auto *edit = dialog->findChild<QLineEdit *>(fieldName);
            edit->clear();
            QTest::keyClicks(edit, text);
        }
        auto *ageSpinBox = dialog->findChild<QSpinBox *>(u"ageSpinBox"_s);
        ageSpinBox->selectAll();
        QTest::keyClicks(ageSpinBox, age);
        QCOMPARE(ageSpinBox->value(), age.toInt());
    }

    static QPushButton *okButton(UserDialog *dialog)
    {
        return dialog->findChild<QDialogButtonBox *>(u"buttonBox"_s)->button(QDialogButtonBox::Ok);
    }

    void clickCell(qint64 userId, int column, Qt::KeyboardModifiers modifiers = {})
    {
        const QRect cell = view()->visualRect(viewIndex(userId, column));
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, modifiers, cell.center());
    }

    // As a person does it: the first click of a double click selects.
    void doubleClickCell(const QModelIndex &index)
    {
        const QPoint center = view()->visualRect(index).center();
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, center);
        QTest::mouseDClick(view()->viewport(), Qt::LeftButton, {}, center);
    }

    void clickHeader(int column)
    {
        QHeaderView *header = view()->horizontalHeader();
        const QPoint center(header->sectionViewportPosition(column) +
                                header->sectionSize(column) / 2,
                            header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, center);
    }

    QFont m_applicationFont;
    ServerFixture m_server;
    std::unique_ptr<HttpClient> m_client;
    QByteArray m_token;
    std::unique_ptr<UsersPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_viewModelTester;
};

QTEST_MAIN(TestUsersPanel)
#include "tst_userspanel.moc"
