#include "userstore.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// A clock that moves one second each time it is read, so every change gets its own time.
static Clock steppingClock(QDateTime *now)
{
    return [now] {
        *now = now->addSecs(1);
        return *now;
    };
}

class TestUserStore : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_now = QDateTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC); }

    void startsWithTheSeed()
    {
        UserStore store(steppingClock(&m_now));
        const QList<User> users = store.users();
        QCOMPARE(users.size(), 2);
        QCOMPARE(users[0].id, 1);
        QCOMPARE(users[0].email, u"admin@example.com"_s);
        QCOMPARE(users[0].role, UserRole::Admin);
        QCOMPARE(users[0].age, std::optional<int>(30));
        QCOMPARE(users[1].name, u"John Doe"_s);
        QCOMPARE(users[1].role, UserRole::User);
        QCOMPARE(users[1].createdAt, users[1].updatedAt);
    }

    void addAnnouncesAndNumbersAfterTheSeed()
    {
        UserStore store(steppingClock(&m_now));
        QSignalSpy added(&store, &UserStore::userAdded);
        const User user = store.add({u"Ann Lee"_s, u"ann@example.com"_s, 31, std::nullopt});
        QCOMPARE(user.id, 3);
        QCOMPARE(user.role, UserRole::User);
        QCOMPARE(user.createdAt, user.updatedAt);
        QCOMPARE(added.count(), 1);
        QCOMPARE(added[0][0].value<User>(), user);
        QCOMPARE(store.userJson(3), user.toJson());
        QCOMPARE(store.userJsonBytes(3),
                 QJsonDocument(user.toJson()).toJson(QJsonDocument::Compact));
        QCOMPARE(store.user(3), user);
    }

    void updateMovesOnlyUpdatedAt()
    {
        UserStore store(steppingClock(&m_now));
        const User before = *store.user(2);
        QSignalSpy updated(&store, &UserStore::userUpdated);
        const auto after = store.update(2, {std::nullopt, std::nullopt, 44, std::nullopt});
        QVERIFY(after);
        QCOMPARE(after->age, 44);
        QCOMPARE(after->name, before.name);
        QCOMPARE(after->createdAt, before.createdAt);
        QVERIFY(after->updatedAt > before.updatedAt);
        QCOMPARE(updated.count(), 1);
        QCOMPARE(store.userJson(2), after->toJson());
        QCOMPARE(store.userJson(2)[u"age"_s].toInt(), 44);
        QCOMPARE(store.userJsonBytes(2),
                 QJsonDocument(after->toJson()).toJson(QJsonDocument::Compact));
        QVERIFY(!store.update(99, {}));
        QCOMPARE(updated.count(), 1);
    }

    void removeAnnouncesAndForgets()
    {
        UserStore store(steppingClock(&m_now));
        QSignalSpy removed(&store, &UserStore::userRemoved);
        const auto user = store.remove(2);
        QVERIFY(user);
        QCOMPARE(user->email, u"john@example.com"_s);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed[0][0].toLongLong(), 2);
        QVERIFY(!store.user(2));
        QVERIFY(store.userJson(2).isEmpty());
        QVERIFY(store.userJsonBytes(2).isEmpty());
        QVERIFY(!store.remove(2));
        QCOMPARE(removed.count(), 1);
    }

    void emailLookupIgnoresCase()
    {
        UserStore store(steppingClock(&m_now));
        QCOMPARE(store.userByEmail(u"JOHN@Example.COM"_s)->id, 2);
        QVERIFY(!store.userByEmail(u"nobody@example.com"_s));
    }

    void emailLookupFollowsEveryChange()
    {
        UserStore store(steppingClock(&m_now));
        const qint64 ann = store.add({u"Ann Lee"_s, u"Ann@Example.com"_s, 31, std::nullopt}).id;
        QCOMPARE(store.userByEmail(u"ann@example.com"_s)->id, ann);

        // A change of case only: the same user under any case, stored as given.
        store.update(ann, {std::nullopt, u"ANN@example.com"_s, std::nullopt, std::nullopt});
        QCOMPARE(store.userByEmail(u"ann@EXAMPLE.com"_s)->id, ann);
        QCOMPARE(store.userByEmail(u"ann@example.com"_s)->email, u"ANN@example.com"_s);

        // A new address: the old one is free, the new one found.
        store.update(ann, {std::nullopt, u"lee@example.com"_s, std::nullopt, std::nullopt});
        QVERIFY(!store.userByEmail(u"ann@example.com"_s));
        QCOMPARE(store.userByEmail(u"LEE@example.com"_s)->id, ann);

        // An update that leaves the email alone keeps it found.
        store.update(ann, {u"Ann Lee-Ray"_s, std::nullopt, 32, std::nullopt});
        QCOMPARE(store.userByEmail(u"lee@example.com"_s)->name, u"Ann Lee-Ray"_s);

        // Another user may take a freed address.
        const qint64 bob = store.add({u"Bob Ray"_s, u"ann@example.com"_s, 50, std::nullopt}).id;
        QCOMPARE(store.userByEmail(u"Ann@example.com"_s)->id, bob);

        store.remove(ann);
        QVERIFY(!store.userByEmail(u"lee@example.com"_s));
        QCOMPARE(store.userByEmail(u"ann@example.com"_s)->id, bob);

        store.reset();
        QVERIFY(!store.userByEmail(u"ann@example.com"_s));
        QCOMPARE(store.userByEmail(u"Admin@example.com"_s)->id, 1);
        QCOMPARE(store.userByEmail(u"john@example.com"_s)->id, 2);
        // The seed's addresses stay taken after a reset that removed them first.
        store.remove(2);
        store.reset();
        QCOMPARE(store.userByEmail(u"john@example.com"_s)->id, 2);
    }

    void forEachUserVisitsInIdOrder()
    {
        UserStore store(steppingClock(&m_now));
        store.add({u"Ann Lee"_s, u"ann@example.com"_s, 31, std::nullopt});
        store.remove(1);
        QList<qint64> ids;
        store.forEachUser([&](const User &user) { ids.append(user.id); });
        QCOMPARE(ids, (QList<qint64>{2, 3}));
    }

    void resetRestoresSeedAndIds()
    {
        UserStore store(steppingClock(&m_now));
        store.add({u"Ann Lee"_s, u"ann@example.com"_s, 31, std::nullopt});
        store.remove(1);
        QSignalSpy reset(&store, &UserStore::usersReset);
        store.reset();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(store.count(), 2);
        QCOMPARE(store.user(1)->email, u"admin@example.com"_s);
        QCOMPARE(store.userJson(1), store.user(1)->toJson());
        QVERIFY(store.userJson(3).isEmpty());
        QCOMPARE(store.add({u"Bob Ray"_s, u"bob@example.com"_s, 50, std::nullopt}).id, 3);
    }

private:
    QDateTime m_now;
};

QTEST_GUILESS_MAIN(TestUserStore)
#include "tst_userstore.moc"
