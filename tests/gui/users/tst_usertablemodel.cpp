#include "guistyle.h"
#include "usertablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime created = QDateTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC);

User makeUser(qint64 id, const QString &name, int age = 30, UserRole role = UserRole::User)
{
    return {id,      name,   name.section(u' ', 0, 0).toLower() + u"@example.com"_s, age, role,
            created, created};
}

QList<User> seed()
{
    return {makeUser(1, u"Admin User"_s, 30, UserRole::Admin), makeUser(2, u"John Doe"_s, 25)};
}

UserChange added(const User &user)
{
    return {UserChange::Kind::Added, user, {}};
}

UserChange updated(const User &user)
{
    return {UserChange::Kind::Updated, user, {}};
}

UserChange removed(qint64 id)
{
    User user;
    user.id = id;
    return {UserChange::Kind::Removed, user, {}};
}

UserChange reset(const QList<User> &users)
{
    return {UserChange::Kind::Reset, {}, users};
}

} // namespace

// The users table model on its own, fed with the store's change events built by hand.
class TestUserTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<UserTableModel>();
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_proxy = std::make_unique<QSortFilterProxyModel>();
        m_proxy->setSourceModel(m_model.get());
        m_proxy->setSortRole(UserTableModel::SortRole);
        m_proxy->sort(UserTableModel::IdColumn);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        // Long enough that nothing fades while a test looks, unless it wants it to.
        m_model->setHighlightDuration(60'000);
    }

    void cleanup()
    {
        m_proxyTester.reset();
        m_proxy.reset();
        m_modelTester.reset();
        m_model.reset();
    }

    void resetShowsTheTableInIdOrder()
    {
        m_model->applyChanges({reset({seed()[1], seed()[0]})});

        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->columnCount(), 7);
        QCOMPARE(m_model->userAt(0).id, 1);
        QCOMPARE(m_model->rowOf(2), 1);
        QCOMPARE(m_model->rowOf(9), -1);
        QCOMPARE(cell(0, UserTableModel::IdColumn), QVariant(1));
        QCOMPARE(cell(0, UserTableModel::NameColumn), QVariant(u"Admin User"_s));
        QCOMPARE(cell(0, UserTableModel::EmailColumn), QVariant(u"admin@example.com"_s));
        QCOMPARE(cell(0, UserTableModel::AgeColumn), QVariant(30));
        QCOMPARE(cell(0, UserTableModel::RoleColumn), QVariant(u"admin"_s));
        QCOMPARE(cell(1, UserTableModel::RoleColumn), QVariant(u"user"_s));
        const QString local = created.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
        QCOMPARE(cell(0, UserTableModel::CreatedColumn), QVariant(local));
        QCOMPARE(cell(0, UserTableModel::UpdatedColumn), QVariant(local));
        QCOMPARE(cell(0, UserTableModel::CreatedColumn, Qt::ToolTipRole),
                 QVariant(u"2026-02-18T10:30:00.000000 UTC"_s));
        QCOMPARE(cell(0, UserTableModel::CreatedColumn, UserTableModel::SortRole),
                 QVariant(created));

        const QStringList titles{u"ID"_s,   u"Name"_s,    u"Email"_s,  u"Age"_s,
                                 u"Role"_s, u"Created"_s, u"Updated"_s};
        for (int column = 0; column < titles.size(); ++column)
            QCOMPARE(m_model->headerData(column, Qt::Horizontal).toString(), titles[column]);
        QCOMPARE(m_model->highlightedCellCount(), 0);
        QVERIFY(!m_model->isFading());
    }

    void addedUserAppearsWithEveryCellHighlighted()
    {
        m_model->applyChanges({reset(seed())});
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);

        m_model->applyChanges({added(makeUser(3, u"Ada Lovelace"_s, 36))});

        QCOMPARE(inserted.size(), 1);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(cell(2, UserTableModel::NameColumn), QVariant(u"Ada Lovelace"_s));
        for (int column = 0; column < UserTableModel::ColumnCount; ++column) {
            QVERIFY(highlight(2, column) > 0.9);
            const QColor background = cell(2, column, Qt::BackgroundRole).value<QColor>();
            QCOMPARE(background.rgb(), GuiStyle::highlightColor().rgb());
            QCOMPARE(highlight(0, column), 0.0);
            QVERIFY(!cell(0, column, Qt::BackgroundRole).isValid());
        }
        QCOMPARE(m_model->highlightedCellCount(), UserTableModel::ColumnCount);
        QVERIFY(m_model->isFading());
    }

    void batchOfAdditionsIsOneInsertion()
    {
        m_model->applyChanges({reset(seed())});
        QSignalSpy aboutToInsert(m_model.get(), &QAbstractItemModel::rowsAboutToBeInserted);
        QList<UserChange> batch;
        for (qint64 id = 3; id < 503; ++id)
            batch.append(added(makeUser(id, u"User %1"_s.arg(id))));

        m_model->applyChanges(batch);

        QCOMPARE(aboutToInsert.size(), 1);
        QCOMPARE(aboutToInsert[0][1].toInt(), 2);
        QCOMPARE(aboutToInsert[0][2].toInt(), 501);
        QCOMPARE(m_model->rowCount(), 502);
        QCOMPARE(m_model->userAt(501).id, 502);
        QCOMPARE(m_proxy->rowCount(), 502);
    }

    void additionBelowTheLastIdIsInsertedInOrder()
    {
        m_model->applyChanges({reset({makeUser(1, u"One"_s), makeUser(5, u"Five"_s)})});
        m_model->applyChanges({added(makeUser(3, u"Three"_s))});
        QCOMPARE(m_model->userAt(1).id, 3);
        QCOMPARE(m_model->userAt(2).id, 5);
        QVERIFY(highlight(1, UserTableModel::NameColumn) > 0.9);
    }

    void updateHighlightsOnlyTheChangedCells()
    {
        m_model->applyChanges({reset(seed())});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        User john = seed()[1];
        john.age = 26;

        m_model->applyChanges({updated(john)});

        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].toModelIndex(), m_model->index(1, UserTableModel::AgeColumn));
        QCOMPARE(changed[0][1].toModelIndex(), m_model->index(1, UserTableModel::AgeColumn));
        QCOMPARE(cell(1, UserTableModel::AgeColumn), QVariant(26));
        QCOMPARE(highlightedColumns(1), QList<int>{UserTableModel::AgeColumn});
        QCOMPARE(highlightedColumns(0), QList<int>{});

        // The store stamps every update: the time is a changed cell too.
        john.name = u"Johnny Doe"_s;
        john.updatedAt = created.addSecs(60);
        changed.clear();
        m_model->applyChanges({updated(john)});
        QCOMPARE(changed.size(), 2); // two separate runs of columns
        QCOMPARE(highlightedColumns(1),
                 (QList<int>{UserTableModel::NameColumn, UserTableModel::AgeColumn,
                             UserTableModel::UpdatedColumn}));
    }

    void updateToTheSameValuesChangesNothing()
    {
        m_model->applyChanges({reset(seed())});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->applyChanges({updated(seed()[1])});
        QCOMPARE(changed.size(), 0);
        QCOMPARE(m_model->highlightedCellCount(), 0);
        QVERIFY(!m_model->isFading());
    }

    void removedUserDisappears()
    {
        m_model->applyChanges({reset(seed())});
        m_model->applyChanges({added(makeUser(3, u"Ada Lovelace"_s))});

        m_model->applyChanges({removed(2)});

        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->rowOf(2), -1);
        // The highlight stays with its user, now one row up.
        QCOMPARE(m_model->userAt(1).id, 3);
        QVERIFY(highlight(1, UserTableModel::NameColumn) > 0.9);

        m_model->applyChanges({removed(3)});
        QCOMPARE(m_model->highlightedCellCount(), 0);
        m_model->applyChanges({removed(42)}); // not shown: nothing to do
        QCOMPARE(m_model->rowCount(), 1);
    }

    void neighbouringRemovalsAreOneRemoval()
    {
        QList<User> users;
        for (qint64 id = 1; id <= 10; ++id)
            users.append(makeUser(id, u"User %1"_s.arg(id)));
        m_model->applyChanges({reset(users)});
        QSignalSpy aboutToRemove(m_model.get(), &QAbstractItemModel::rowsAboutToBeRemoved);

        m_model->applyChanges({removed(3), removed(4), removed(5), removed(8)});

        QCOMPARE(aboutToRemove.size(), 2);
        QCOMPARE(aboutToRemove[0][1].toInt(), 2);
        QCOMPARE(aboutToRemove[0][2].toInt(), 4);
        QCOMPARE(m_model->rowCount(), 6);
        QCOMPARE(m_model->rowOf(8), -1);
        QCOMPARE(m_model->userAt(2).id, 6);
    }

    void resetInABatchSupersedesWhatCameBefore()
    {
        m_model->applyChanges({reset(seed())});
        QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);

        m_model->applyChanges({added(makeUser(3, u"Gone Soon"_s)), reset(seed()),
                               added(makeUser(3, u"Ada Lovelace"_s))});

        QCOMPARE(resets.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(cell(2, UserTableModel::NameColumn), QVariant(u"Ada Lovelace"_s));
    }

    void highlightFadesToNothing()
    {
        m_model->setHighlightDuration(1000);
        m_model->applyChanges({reset(seed())});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->applyChanges({added(makeUser(3, u"Ada Lovelace"_s))});
        QVERIFY(m_model->isFading());

        QTRY_VERIFY(highlight(2, UserTableModel::IdColumn) > 0 &&
                    highlight(2, UserTableModel::IdColumn) < 0.9);
        const QColor fading = cell(2, UserTableModel::IdColumn, Qt::BackgroundRole).value<QColor>();
        QVERIFY(fading.alphaF() < 0.9f);
        QTRY_COMPARE(m_model->highlightedCellCount(), 0);
        QTRY_VERIFY(!m_model->isFading());

        QCOMPARE(highlight(2, UserTableModel::IdColumn), 0.0);
        QVERIFY(!cell(2, UserTableModel::IdColumn, Qt::BackgroundRole).isValid());
        // Repainted with one signal per frame, for the highlighted row's cells only.
        QVERIFY(!changed.isEmpty());
        for (const QList<QVariant> &signal : std::as_const(changed)) {
            QCOMPARE(signal[0].toModelIndex(), m_model->index(2, 0));
            QCOMPARE(signal[1].toModelIndex(), m_model->index(2, UserTableModel::ColumnCount - 1));
            QVERIFY(signal[2].value<QList<int>>().contains(Qt::BackgroundRole));
        }
    }

    void floodKeepsOnlyTheLatestHighlights()
    {
        m_model->applyChanges({reset(seed())});
        const int flood = UserTableModel::MaxHighlightedRows + 500;
        QList<UserChange> batch;
        for (qint64 id = 3; id < 3 + flood; ++id)
            batch.append(added(makeUser(id, u"User %1"_s.arg(id))));
        m_model->applyChanges(batch);

        QTRY_COMPARE(m_model->highlightedCellCount(),
                     UserTableModel::MaxHighlightedRows * UserTableModel::ColumnCount);
        QVERIFY(highlight(m_model->rowCount() - 1, UserTableModel::NameColumn) > 0.9);
        QCOMPARE(highlight(2, UserTableModel::NameColumn), 0.0);
    }

    void editRequestsTheChangeAndLeavesTheDataAlone_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QJsonObject>("fields");

        QTest::newRow("name") << int(UserTableModel::NameColumn) << QVariant(u"Jane Doe"_s)
                              << QJsonObject{{u"name"_s, u"Jane Doe"_s}};
        QTest::newRow("email") << int(UserTableModel::EmailColumn) << QVariant(u"not-an-email"_s)
                               << QJsonObject{{u"email"_s, u"not-an-email"_s}};
        QTest::newRow("age") << int(UserTableModel::AgeColumn) << QVariant(17)
                             << QJsonObject{{u"age"_s, 17}};
        QTest::newRow("role") << int(UserTableModel::RoleColumn) << QVariant(u"admin"_s)
                              << QJsonObject{{u"role"_s, u"admin"_s}};
    }

    void editRequestsTheChangeAndLeavesTheDataAlone()
    {
        QFETCH(int, column);
        QFETCH(QVariant, value);
        QFETCH(QJsonObject, fields);
        m_model->applyChanges({reset(seed())});
        QSignalSpy requested(m_model.get(), &UserTableModel::editRequested);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        const QModelIndex index = m_model->index(1, column);
        const QVariant before = index.data();
        QVERIFY(m_model->flags(index) & Qt::ItemIsEditable);

        QVERIFY(m_model->setData(index, value));

        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested[0][0].toLongLong(), 2);
        QCOMPARE(requested[0][1].toJsonObject(), fields);
        QCOMPARE(index.data(), before);
        QCOMPARE(changed.size(), 0);
        // The same value again is no edit at all.
        QVERIFY(!m_model->setData(index, before));
        QCOMPARE(requested.size(), 1);
    }

    void onlyUserFieldsAreEditable()
    {
        m_model->applyChanges({reset(seed())});
        QSignalSpy requested(m_model.get(), &UserTableModel::editRequested);
        for (int column : {UserTableModel::IdColumn, UserTableModel::CreatedColumn,
                           UserTableModel::UpdatedColumn}) {
            const QModelIndex index = m_model->index(0, column);
            QVERIFY(!(m_model->flags(index) & Qt::ItemIsEditable));
            QVERIFY(!m_model->setData(index, u"x"_s));
        }
        QVERIFY(!m_model->setData(m_model->index(0, UserTableModel::NameColumn), u"x"_s,
                                  Qt::DisplayRole));
        QCOMPARE(requested.size(), 0);
    }

    void sortsNumbersAndTimesByValue()
    {
        User young = makeUser(3, u"Young One"_s, 100);
        young.createdAt = created.addDays(-1);
        m_model->applyChanges({reset(seed()), added(young)});

        m_proxy->sort(UserTableModel::AgeColumn);
        QCOMPARE(proxyColumn(UserTableModel::AgeColumn), (QVariantList{25, 30, 100}));
        m_proxy->sort(UserTableModel::CreatedColumn);
        QCOMPARE(proxyColumn(UserTableModel::IdColumn).first(), QVariant(3));
        m_proxy->sort(UserTableModel::IdColumn, Qt::DescendingOrder);
        QCOMPARE(proxyColumn(UserTableModel::IdColumn), (QVariantList{3, 2, 1}));
    }

private:
    QVariant cell(int row, int column, int role = Qt::DisplayRole) const
    {
        return m_model->index(row, column).data(role);
    }

    qreal highlight(int row, int column) const
    {
        return cell(row, column, UserTableModel::HighlightRole).toReal();
    }

    QList<int> highlightedColumns(int row) const
    {
        QList<int> columns;
        for (int column = 0; column < UserTableModel::ColumnCount; ++column) {
            if (highlight(row, column) > 0)
                columns.append(column);
        }
        return columns;
    }

    QVariantList proxyColumn(int column) const
    {
        QVariantList values;
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            values.append(m_proxy->index(row, column).data());
        return values;
    }

    std::unique_ptr<UserTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QSortFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

QTEST_MAIN(TestUserTableModel)
#include "tst_usertablemodel.moc"
