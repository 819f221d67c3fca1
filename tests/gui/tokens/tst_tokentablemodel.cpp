#include "guistyle.h"
#include "theme.h"
#include "tokenservice.h"
#include "tokentablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime start = QDateTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC);

TokenRecord makeToken(quint64 sequence, qint64 userId, TokenType type = TokenType::Access,
                      qint64 lifetimeSeconds = 3600)
{
    TokenRecord token;
    token.jti = u"jti-%1"_s.arg(sequence);
    token.sequence = sequence;
    token.userId = userId;
    token.email = u"user%1@example.com"_s.arg(userId);
    token.type = type;
    token.fresh = type == TokenType::Access;
    token.issuedAt = start;
    token.expiresAt = start.addSecs(lifetimeSeconds);
    return token;
}

TokenEvent issued(const TokenRecord &token)
{
    return {TokenEvent::Kind::Issued, token, {}, {}, {}};
}

TokenEvent revoked(TokenRevocation::Scope scope, const QString &reason, qint64 userId = 0,
                   quint64 beforeSequence = 0, const QString &jti = {})
{
    TokenRevocation revocation;
    revocation.scope = scope;
    revocation.jti = jti;
    revocation.userId = userId;
    revocation.beforeSequence = beforeSequence;
    revocation.reason = reason;
    return {TokenEvent::Kind::Revoked, {}, revocation, {}, {}};
}

TokenEvent usersGone(const QString &reason, quint64 beforeSequence, qint64 userId = 0)
{
    TokenEvent event =
        revoked(userId == 0 ? TokenRevocation::Scope::All : TokenRevocation::Scope::UserAll, reason,
                userId, beforeSequence);
    event.kind = TokenEvent::Kind::UsersGone;
    return event;
}

TokenEvent usersRestored(const QList<qint64> &userIds)
{
    return {TokenEvent::Kind::UsersRestored, {}, {}, userIds, {}};
}

// The event as a sandbox's instance sends it.
TokenEvent inSandbox(TokenEvent event, const QString &sandbox)
{
    event.sandbox = sandbox;
    return event;
}

// Users 1 and 2, each with an access and a refresh token (sequences 1..4), then user 1 again
// (5, 6).
QList<TokenEvent> sixTokens()
{
    return {issued(makeToken(1, 1)), issued(makeToken(2, 1, TokenType::Refresh)),
            issued(makeToken(3, 2)), issued(makeToken(4, 2, TokenType::Refresh)),
            issued(makeToken(5, 1)), issued(makeToken(6, 1, TokenType::Refresh))};
}

} // namespace

// The tokens model on its own, fed with TokenEvents built by hand and a clock the test moves.
class TestTokenTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_now = start.addSecs(1);
        m_model = std::make_unique<TokenTableModel>();
        m_model->setClock([this] { return m_now; });
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_proxy = std::make_unique<QSortFilterProxyModel>();
        m_proxy->setSourceModel(m_model.get());
        m_proxy->setSortRole(TokenTableModel::SortRole);
        m_proxy->sort(TokenTableModel::IssuedColumn, Qt::DescendingOrder);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    void cleanup()
    {
        m_proxyTester.reset();
        m_proxy.reset();
        m_modelTester.reset();
        m_model.reset();
    }

    void issuedTokensAreOneInsertionOldestFirst()
    {
        QSignalSpy aboutToInsert(m_model.get(), &QAbstractItemModel::rowsAboutToBeInserted);

        m_model->applyEvents(sixTokens());

        QCOMPARE(aboutToInsert.size(), 1);
        QCOMPARE(aboutToInsert[0][1].toInt(), 0);
        QCOMPARE(aboutToInsert[0][2].toInt(), 5);
        QCOMPARE(m_model->rowCount(), 6);
        QCOMPARE(m_model->columnCount(), 6);
        QCOMPARE(m_model->tokenAt(0).sequence, 1u);
        QCOMPARE(m_model->tokenAt(5).sequence, 6u);
        // Sorted by issue order, newest first.
        QCOMPARE(m_proxy->index(0, 0).data(Qt::ToolTipRole).toString(), u"jti: jti-6"_s);

        QCOMPARE(cell(0, TokenTableModel::UserColumn), u"user1@example.com (#1)"_s);
        QCOMPARE(cell(0, TokenTableModel::TypeColumn), u"access"_s);
        QCOMPARE(cell(1, TokenTableModel::TypeColumn), u"refresh"_s);
        QCOMPARE(cell(0, TokenTableModel::FreshColumn), u"✓"_s);
        QCOMPARE(cell(1, TokenTableModel::FreshColumn), QString());
        const QString local = start.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
        QCOMPARE(cell(0, TokenTableModel::IssuedColumn), local);
        const QString expires =
            start.addSecs(3600).toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
        QCOMPARE(cell(0, TokenTableModel::ExpiresColumn), expires + u" (in 59 min)"_s);
        QCOMPARE(cell(0, TokenTableModel::StateColumn), u"Active"_s);
        QCOMPARE(m_model->index(0, TokenTableModel::StateColumn).data(Qt::ForegroundRole),
                 QVariant(GuiStyle::statusColor(200)));
        // Never the token: its jti, on every cell.
        QCOMPARE(m_model->index(0, TokenTableModel::TypeColumn).data(Qt::ToolTipRole).toString(),
                 u"jti: jti-1"_s);
        QCOMPARE(m_model->activeCount(), 6);

        const QStringList titles{u"User"_s,   u"Type"_s,    u"Fresh"_s,
                                 u"Issued"_s, u"Expires"_s, u"State"_s};
        for (int column = 0; column < titles.size(); ++column)
            QCOMPARE(m_model->headerData(column, Qt::Horizontal).toString(), titles[column]);
    }

    void revocationMarksExactlyTheCoveredRows_data()
    {
        QTest::addColumn<TokenEvent>("revocation");
        QTest::addColumn<QList<int>>("revokedRows");
        QTest::addColumn<QString>("stateText");

        // The trainer's revocation says "revoked" once.
        QTest::newRow("one") << revoked(TokenRevocation::Scope::One, u"revoked by the trainer"_s, 0,
                                        0, u"jti-3"_s)
                             << QList<int>{2} << u"Revoked (by the trainer)"_s;
        QTest::newRow("user refresh")
            << revoked(TokenRevocation::Scope::UserRefresh, u"logout"_s, 1, 6) << QList<int>{1}
            << u"Revoked (logout)"_s; // 6 is not before 6
        QTest::newRow("user all") << revoked(TokenRevocation::Scope::UserAll, u"password reset"_s,
                                             1, 6)
                                  << QList<int>{0, 1, 4} << u"Revoked (password reset)"_s;
        QTest::newRow("all") << revoked(TokenRevocation::Scope::All, u"data reset"_s, 0, 5)
                             << QList<int>{0, 1, 2, 3} << u"Revoked (data reset)"_s;
        QTest::newRow("none") << revoked(TokenRevocation::Scope::One, u"logout"_s, 0, 0,
                                         u"jti-unknown"_s)
                              << QList<int>{} << QString();
    }

    void revocationMarksExactlyTheCoveredRows()
    {
        QFETCH(TokenEvent, revocation);
        QFETCH(QList<int>, revokedRows);
        QFETCH(QString, stateText);
        m_model->applyEvents(sixTokens());
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

        m_model->applyEvents({revocation});

        const QString reason = revocation.revocation.reason;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const bool isRevoked = revokedRows.contains(row);
            QCOMPARE(m_model->stateAt(row),
                     isRevoked ? TokenTableModel::State::Revoked : TokenTableModel::State::Active);
            QCOMPARE(cell(row, TokenTableModel::StateColumn), isRevoked ? stateText : u"Active"_s);
            QCOMPARE(m_model->revocationReasonAt(row), isRevoked ? reason : QString());
        }
        QCOMPARE(changed.size(), revokedRows.isEmpty() ? 0 : 1);
        if (!revokedRows.isEmpty()) {
            QCOMPARE(changed[0][0].toModelIndex().row(), revokedRows.first());
            QCOMPARE(changed[0][1].toModelIndex().row(), revokedRows.last());
        }
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(m_model->activeCount(), 6 - int(revokedRows.size()));
    }

    void firstRevocationKeepsItsReason()
    {
        m_model->applyEvents(sixTokens());
        m_model->applyEvents({revoked(TokenRevocation::Scope::UserRefresh, u"logout"_s, 2, 10),
                              revoked(TokenRevocation::Scope::All, u"data reset"_s, 0, 10)});

        QCOMPARE(m_model->revocationReasonAt(3), u"logout"_s);
        QCOMPARE(m_model->revocationReasonAt(2), u"data reset"_s);
        QCOMPARE(m_model->index(3, TokenTableModel::StateColumn).data(Qt::ForegroundRole),
                 QVariant(GuiStyle::statusColor(401)));
    }

    void tokensOfGoneUsersAreInvalidUntilTheUserComesBack()
    {
        m_model->applyEvents(sixTokens());
        m_model->applyEvents({revoked(TokenRevocation::Scope::One, u"logout"_s, 1, 0, u"jti-1"_s)});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        // A reset removes everyone (tokens 1..4 were issued before it), then brings back user 1.
        // As the API answers: a gone user's token is invalid, revoked or not.
        m_model->applyEvents({usersGone(u"data reset"_s, 5)});
        QCOMPARE(m_model->stateAt(0), TokenTableModel::State::Invalid);
        m_model->applyEvents({usersRestored({1})});
        QCOMPARE(changed.size(), 2);
        QCOMPARE(m_model->stateAt(0), TokenTableModel::State::Revoked); // logged out stays so
        QCOMPARE(m_model->stateAt(1), TokenTableModel::State::Active);
        QCOMPARE(m_model->stateAt(2), TokenTableModel::State::Invalid);
        QCOMPARE(m_model->index(2, TokenTableModel::StateColumn).data().toString(),
                 u"Invalid (data reset)"_s);
        QCOMPARE(m_model->stateAt(4), TokenTableModel::State::Active);
        QCOMPARE(m_model->activeCount(), 3);

        // User 1 deleted, then restored by the next reset.
        m_model->applyEvents({usersGone(u"user deleted"_s, 7, 1)});
        QCOMPARE(m_model->userGoneReasonAt(4), u"user deleted"_s);
        QCOMPARE(m_model->index(4, TokenTableModel::StateColumn).data(Qt::ForegroundRole),
                 QVariant(GuiStyle::statusColor(401)));
        m_model->applyEvents({usersRestored({1, 2})});
        QCOMPARE(m_model->activeCount(), 5);
        QVERIFY(m_model->userGoneReasonAt(2).isEmpty());
    }

    void eventsChangeOnlyTheirOwnInstancesRows()
    {
        // User 1 of the shared API and user 1 of alice's sandbox are different people.
        m_model->applyEvents({issued(makeToken(1, 1)),
                              inSandbox(issued(makeToken(1, 1)), u"alice"_s),
                              inSandbox(issued(makeToken(2, 2)), u"alice"_s)});
        QCOMPARE(m_model->sandboxAt(0), QString());
        QCOMPARE(m_model->sandboxAt(1), u"alice"_s);
        QCOMPARE(m_model->index(1, 0).data(TokenTableModel::SandboxRole).toString(), u"alice"_s);
        QCOMPARE(m_model->tokenCount(u"alice"_s), 2);
        QCOMPARE(m_model->tokenCount(QString()), 1);

        m_model->applyEvents({inSandbox(usersGone(u"user deleted"_s, 3, 1), u"alice"_s)});
        QCOMPARE(m_model->stateAt(0), TokenTableModel::State::Active);
        QCOMPARE(m_model->stateAt(1), TokenTableModel::State::Invalid);
        QCOMPARE(m_model->activeCount(u"alice"_s), 1);
        QCOMPARE(m_model->activeCount(QString()), 1);

        m_model->applyEvents(
            {usersRestored({1}), revoked(TokenRevocation::Scope::All, u"new secret"_s, 0, 10)});
        QCOMPARE(m_model->stateAt(0), TokenTableModel::State::Revoked);
        QCOMPARE(m_model->stateAt(1), TokenTableModel::State::Invalid);
        QCOMPARE(m_model->stateAt(2), TokenTableModel::State::Active);

        m_model->applyEvents({inSandbox(usersRestored({1}), u"alice"_s)});
        QCOMPARE(m_model->stateAt(1), TokenTableModel::State::Active);
    }

    // Sequences are the clock's milliseconds times 1,000: a sandbox made at `start` has tokens
    // from sequenceAt(start) on.
    void tokensOfRemovedSandboxesTurnInvalidForGood()
    {
        const quint64 at = TokenService::sequenceAt(start);
        m_model->applyEvents({issued(makeToken(at + 1, 1)),
                              inSandbox(issued(makeToken(at + 2, 1)), u"alice"_s),
                              inSandbox(issued(makeToken(at + 3, 1)), u"bob"_s)});
        const auto sandbox = [](const QString &name, const QDateTime &createdAt) {
            SandboxSummary summary;
            summary.name = name;
            summary.createdAt = createdAt;
            return summary;
        };
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setSandboxes({sandbox(u"alice"_s, start), sandbox(u"bob"_s, start)});
        QCOMPARE(changed.size(), 0);
        QCOMPARE(m_model->activeCount(), 3);

        // Bob removed, and made again before the next list: his token is older than he is.
        m_model->setSandboxes({sandbox(u"bob"_s, start.addMSecs(5))});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(m_model->stateAt(0), TokenTableModel::State::Active);
        QCOMPARE(m_model->stateAt(1), TokenTableModel::State::Invalid);
        QCOMPARE(m_model->stateAt(2), TokenTableModel::State::Invalid);
        QCOMPARE(m_model->data(m_model->index(1, TokenTableModel::StateColumn)).toString(),
                 u"Invalid (sandbox removed)"_s);

        // A new alice's token is active; the old one stays invalid, even once users come back.
        m_model->applyEvents({inSandbox(issued(makeToken(at + 10'000, 1)), u"alice"_s)});
        m_model->setSandboxes(
            {sandbox(u"alice"_s, start.addMSecs(10)), sandbox(u"bob"_s, start.addMSecs(5))});
        m_model->applyEvents({inSandbox(usersRestored({1}), u"alice"_s)});
        QCOMPARE(m_model->stateAt(1), TokenTableModel::State::Invalid);
        QCOMPARE(m_model->stateAt(3), TokenTableModel::State::Active);

        m_model->setSandboxes({}); // none left
        QCOMPARE(m_model->stateAt(3), TokenTableModel::State::Invalid);
        QCOMPARE(m_model->activeCount(), 1);
        QCOMPARE(m_model->stateAt(0), TokenTableModel::State::Active);
    }

    void tokenRevokedInItsOwnBatchArrivesRevoked()
    {
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        m_model->applyEvents({issued(makeToken(1, 1)), issued(makeToken(2, 1, TokenType::Refresh)),
                              revoked(TokenRevocation::Scope::UserRefresh, u"logout"_s, 1, 3),
                              issued(makeToken(3, 1, TokenType::Refresh))});

        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->stateAt(0), TokenTableModel::State::Active);
        QCOMPARE(m_model->stateAt(1), TokenTableModel::State::Revoked);
        QCOMPARE(m_model->stateAt(2), TokenTableModel::State::Active);
        QCOMPARE(changed.size(), 0);
    }

    void capacityDropsTheOldestBeforeInserting()
    {
        m_model->setCapacity(4);
        m_model->applyEvents(sixTokens().mid(0, 3));
        QSignalSpy aboutToRemove(m_model.get(), &QAbstractItemModel::rowsAboutToBeRemoved);
        QSignalSpy aboutToInsert(m_model.get(), &QAbstractItemModel::rowsAboutToBeInserted);
        QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
        QList<QString> order;
        connect(m_model.get(), &QAbstractItemModel::rowsRemoved, this,
                [&] { order.append(u"removed"_s); });
        connect(m_model.get(), &QAbstractItemModel::rowsInserted, this,
                [&] { order.append(u"inserted"_s); });

        m_model->applyEvents(sixTokens().mid(3));

        QCOMPARE(order, (QList<QString>{u"removed"_s, u"inserted"_s}));
        QCOMPARE(aboutToRemove[0][1].toInt(), 0);
        QCOMPARE(aboutToRemove[0][2].toInt(), 1);
        QCOMPARE(aboutToInsert[0][1].toInt(), 1);
        QCOMPARE(aboutToInsert[0][2].toInt(), 3);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(m_model->rowCount(), 4);
        QCOMPARE(m_model->tokenAt(0).sequence, 3u);
        QCOMPARE(m_model->tokenAt(3).sequence, 6u);
    }

    void batchLargerThanTheCapacityKeepsItsNewest()
    {
        m_model->setCapacity(2);
        m_model->applyEvents(sixTokens().mid(0, 2));

        m_model->applyEvents(sixTokens().mid(2));

        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->tokenAt(0).sequence, 5u);
        QCOMPARE(m_model->tokenAt(1).sequence, 6u);

        m_model->setCapacity(1);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->tokenAt(0).sequence, 6u);
    }

    void defaultCapacityIsFiveThousand()
    {
        QCOMPARE(m_model->capacity(), 5000);
        QList<TokenEvent> batch;
        for (quint64 sequence = 1; sequence <= 5003; ++sequence)
            batch.append(issued(makeToken(sequence, 1)));
        m_model->applyEvents(batch);
        QCOMPARE(m_model->rowCount(), 5000);
        QCOMPARE(m_model->tokenAt(0).sequence, 4u);
    }

    // Revoked and long-expired rows never change again: the once-a-second refresh leaves them
    // alone, and stops when no row counts down.
    void refreshTouchesOnlyRowsStillCounting()
    {
        m_model->applyEvents({issued(makeToken(1, 1, TokenType::Access, 45)),
                              issued(makeToken(2, 2, TokenType::Access, 3600)),
                              issued(makeToken(3, 1, TokenType::Refresh, 3600))});
        m_model->applyEvents({revoked(TokenRevocation::Scope::UserAll, u"logout"_s, 1, 10)});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->refreshTimes();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].toModelIndex(), m_model->index(1, TokenTableModel::ExpiresColumn));
        QCOMPARE(changed[0][1].toModelIndex(), m_model->index(1, TokenTableModel::StateColumn));

        m_model->applyEvents({revoked(TokenRevocation::Scope::All, u"data reset"_s, 0, 10)});
        changed.clear();
        m_model->refreshTimes();
        QCOMPARE(changed.size(), 0);
    }

    void expiryFollowsTheClock()
    {
        m_model->applyEvents({issued(makeToken(1, 1, TokenType::Access, 45)),
                              issued(makeToken(2, 1, TokenType::Refresh, 7 * 86400))});
        QCOMPARE(cell(0, TokenTableModel::ExpiresColumn).section(u' ', 2, -1), u"(in 44 s)"_s);
        QCOMPARE(cell(1, TokenTableModel::ExpiresColumn).section(u' ', 2, -1), u"(in 6 d 23 h)"_s);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        m_now = start.addSecs(45);
        m_model->refreshTimes();

        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].toModelIndex(), m_model->index(0, TokenTableModel::ExpiresColumn));
        QCOMPARE(changed[0][1].toModelIndex(), m_model->index(1, TokenTableModel::StateColumn));
        QCOMPARE(m_model->stateAt(0), TokenTableModel::State::Expired);
        QCOMPARE(cell(0, TokenTableModel::StateColumn), u"Expired"_s);
        QCOMPARE(cell(0, TokenTableModel::ExpiresColumn).section(u' ', 2, -1), u"(expired)"_s);
        QCOMPARE(m_model->index(0, TokenTableModel::UserColumn).data(Qt::ForegroundRole),
                 QVariant(GuiStyle::inactiveColor()));
        QCOMPARE(cell(1, TokenTableModel::ExpiresColumn).section(u' ', 2, -1), u"(in 6 d 23 h)"_s);
        QCOMPARE(m_model->activeCount(), 1);

        // Revoked wins over expired: the reason is what a class needs to read.
        m_model->applyEvents({revoked(TokenRevocation::Scope::All, u"new secret"_s, 0, 3)});
        QCOMPARE(cell(0, TokenTableModel::StateColumn), u"Revoked (new secret)"_s);
    }

    // A token that no longer opens anything has nothing to count down to; its row steps back
    // in a shade still readable on every row of a table, its state in words.
    void onlyActiveTokensCountDown()
    {
        m_model->applyEvents({issued(makeToken(1, 1, TokenType::Access, 45)),
                              issued(makeToken(2, 2)), issued(makeToken(3, 3)),
                              issued(makeToken(4, 4))});
        m_model->applyEvents(
            {revoked(TokenRevocation::Scope::One, u"revoked by the trainer"_s, 0, 0, u"jti-2"_s),
             usersGone(u"user deleted"_s, 10, 3)});
        m_now = start.addSecs(60);
        m_model->refreshTimes();

        const QString expires =
            start.addSecs(3600).toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
        QCOMPARE(cell(0, TokenTableModel::ExpiresColumn).section(u' ', 2, -1), u"(expired)"_s);
        QCOMPARE(cell(1, TokenTableModel::ExpiresColumn), expires);
        QCOMPARE(cell(1, TokenTableModel::StateColumn), u"Revoked (by the trainer)"_s);
        QCOMPARE(cell(2, TokenTableModel::ExpiresColumn), expires);
        QCOMPARE(cell(3, TokenTableModel::ExpiresColumn), expires + u" (in 59 min)"_s);

        for (int row = 0; row < 3; ++row) {
            for (const int column : {TokenTableModel::UserColumn, TokenTableModel::ExpiresColumn}) {
                const QColor text =
                    m_model->index(row, column).data(Qt::ForegroundRole).value<QColor>();
                QCOMPARE(text, GuiStyle::inactiveColor());
                QVERIFY(Theme::contrastRatio(text, Theme::color(Theme::Role::AlternateBase)) >=
                        4.5);
            }
        }
        QVERIFY(!m_model->index(3, TokenTableModel::UserColumn).data(Qt::ForegroundRole).isValid());
    }

    void timerRefreshesTheStateWithARealClock()
    {
        m_model->setClock(systemClock());
        TokenRecord token = makeToken(1, 1);
        token.issuedAt = QDateTime::currentDateTimeUtc();
        token.expiresAt = token.issuedAt.addMSecs(300);
        m_model->applyEvents({issued(token)});
        QCOMPARE(m_model->stateAt(0), TokenTableModel::State::Active);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 3000);

        QCOMPARE(changed[0][0].toModelIndex().column(), int(TokenTableModel::ExpiresColumn));
        QCOMPARE(changed[0][1].toModelIndex().column(), int(TokenTableModel::StateColumn));
        QCOMPARE(m_model->stateAt(0), TokenTableModel::State::Expired);
    }

    void clearIsTheOnlyReset()
    {
        m_model->applyEvents(sixTokens());
        QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);

        m_model->clear();

        QCOMPARE(resets.size(), 1);
        QCOMPARE(m_model->rowCount(), 0);
        // A revocation of tokens no longer listed changes nothing.
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->applyEvents({revoked(TokenRevocation::Scope::All, u"data reset"_s, 0, 100)});
        m_model->refreshTimes();
        QCOMPARE(changed.size(), 0);
    }

private:
    QString cell(int row, int column) const
    {
        return m_model->index(row, column).data().toString();
    }

    QDateTime m_now;
    std::unique_ptr<TokenTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QSortFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

QTEST_GUILESS_MAIN(TestTokenTableModel)
#include "tst_tokentablemodel.moc"
