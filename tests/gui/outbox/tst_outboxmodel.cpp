#include "emailtext.h"
#include "guistyle.h"
#include "outboxmodel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime sentAt = QDateTime(QDate(2026, 2, 18), QTime(10, 30, 5), Qt::UTC);

OutboxEmail makeEmail(qint64 id, const QString &token = {})
{
    const QString resetToken = token.isEmpty() ? u"token-%1"_s.arg(id) : token;
    return {id,
            u"user%1@example.com"_s.arg(id),
            u"Reset your ApiDojo password"_s,
            u"POST http://127.0.0.1:5000/password-reset/"_s + resetToken,
            resetToken,
            sentAt.addSecs(id)};
}

QList<OutboxEmail> makeEmails(qint64 firstId, qint64 lastId)
{
    QList<OutboxEmail> emails;
    for (qint64 id = firstId; id <= lastId; ++id)
        emails.append(makeEmail(id));
    return emails;
}

OutboxChange added(const OutboxEmail &email)
{
    return {OutboxChange::Kind::Added, email, {}};
}

QList<OutboxChange> arrivals(qint64 firstId, qint64 lastId)
{
    QList<OutboxChange> changes;
    for (const OutboxEmail &email : makeEmails(firstId, lastId))
        changes.append(added(email));
    return changes;
}

OutboxChange reset(const QList<OutboxEmail> &emails)
{
    return {OutboxChange::Kind::Reset, {}, emails};
}

} // namespace

// The outbox model on its own, fed with the outbox's changes built by hand.
class TestOutboxModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<OutboxModel>();
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    void cleanup()
    {
        m_modelTester.reset();
        m_model.reset();
    }

    void emptyAtFirst()
    {
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->columnCount(), int(OutboxModel::ColumnCount));
        QCOMPARE(m_model->unreadCount(), 0);
        QVERIFY(!m_model->isFading());
        QCOMPARE(header(OutboxModel::ToColumn), u"To"_s);
        QCOMPARE(header(OutboxModel::SubjectColumn), u"Subject"_s);
        QCOMPARE(header(OutboxModel::ReceivedColumn), u"Received"_s);
    }

    void arrivalsOfABatchGoOnTopInOneInsertion()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);

        m_model->applyChanges(arrivals(1, 3));

        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted[0][1].toInt(), 0);
        QCOMPARE(inserted[0][2].toInt(), 2);
        QCOMPARE(ids(), (QList<qint64>{3, 2, 1}));

        m_model->applyChanges(arrivals(4, 4));

        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted[1][1].toInt(), 0);
        QCOMPARE(inserted[1][2].toInt(), 0);
        QCOMPARE(ids(), (QList<qint64>{4, 3, 2, 1}));
        QCOMPARE(m_model->rowOf(4), 0);
        QCOMPARE(m_model->rowOf(1), 3);
        QCOMPARE(m_model->rowOf(5), -1);
    }

    void cellsShowTheEmail()
    {
        m_model->applyChanges(arrivals(1, 1));
        const OutboxEmail email = makeEmail(1);

        QCOMPARE(text(0, OutboxModel::ToColumn), u"user1@example.com"_s);
        QCOMPARE(text(0, OutboxModel::SubjectColumn), u"Reset your ApiDojo password"_s);
        QCOMPARE(text(0, OutboxModel::ReceivedColumn), EmailText::listTime(email.sentAt));
        QCOMPARE(m_model->index(0, OutboxModel::ReceivedColumn).data(Qt::ToolTipRole).toString(),
                 EmailText::receivedTime(email.sentAt));
        QCOMPARE(m_model->emailAt(0).body, email.body);
        QCOMPARE(m_model->emailAt(0).token, u"token-1"_s);
    }

    void arrivalsAreUnreadUntilMarkedRead()
    {
        QSignalSpy unread(m_model.get(), &OutboxModel::unreadCountChanged);

        m_model->applyChanges(arrivals(1, 3));

        QCOMPARE(m_model->unreadCount(), 3);
        QCOMPARE(unread.size(), 1); // once per batch, not per email
        QCOMPARE(unread[0][0].toInt(), 3);
        for (int row = 0; row < 3; ++row) {
            QVERIFY(m_model->isUnread(row));
            QVERIFY(isBold(row));
            QVERIFY(m_model->index(row, 0).data(OutboxModel::UnreadRole).toBool());
        }

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->markRead(1);

        QCOMPARE(m_model->unreadCount(), 2);
        QCOMPARE(unread.size(), 2);
        QCOMPARE(unread[1][0].toInt(), 2);
        QVERIFY(!m_model->isUnread(1));
        QVERIFY(!isBold(1));
        QVERIFY(isBold(0));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].toModelIndex(), m_model->index(1, 0));
        QCOMPARE(changed[0][1].toModelIndex(), m_model->index(1, OutboxModel::ColumnCount - 1));

        // Already read, or no such row: nothing to tell.
        m_model->markRead(1);
        m_model->markRead(-1);
        m_model->markRead(3);
        QCOMPARE(unread.size(), 2);
        QCOMPARE(changed.size(), 1);
    }

    void aViewThatReadsArrivalsAsTheyComeKeepsTheCountRight()
    {
        // As the panel does when it shows the newest email the moment it is inserted.
        connect(m_model.get(), &QAbstractItemModel::rowsInserted, this,
                [this] { m_model->markRead(0); });
        connect(m_model.get(), &QAbstractItemModel::modelReset, this,
                [this] { m_model->markRead(0); });
        QSignalSpy unread(m_model.get(), &OutboxModel::unreadCountChanged);

        m_model->applyChanges(arrivals(1, 2));

        QCOMPARE(m_model->unreadCount(), 1);
        QCOMPARE(unread.size(), 1);
        QCOMPARE(unread[0][0].toInt(), 1);

        m_model->applyChanges({reset(makeEmails(5, 7))});

        QCOMPARE(m_model->unreadCount(), 2);
        QCOMPARE(unread.size(), 2);
        QCOMPARE(unread[1][0].toInt(), 2);
    }

    void arrivalsAreHighlightedThenFade()
    {
        m_model->setHighlightDuration(1000);
        m_model->applyChanges(arrivals(1, 2));

        for (int row = 0; row < 2; ++row) {
            QVERIFY(highlight(row) > 0.5);
            QVERIFY(m_model->index(row, 1).data(Qt::BackgroundRole).value<QColor>().isValid());
        }
        QVERIFY(m_model->isFading());

        QTRY_VERIFY(!m_model->isFading());
        QCOMPARE(highlight(0), 0.0);
        QCOMPARE(highlight(1), 0.0);
        QVERIFY(!m_model->index(0, 1).data(Qt::BackgroundRole).isValid());
    }

    void fadingRepaintsOnlyTheArrivals()
    {
        m_model->applyChanges({reset(makeEmails(1, 5))});
        m_model->setHighlightDuration(60'000);
        m_model->applyChanges(arrivals(6, 7));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        QTRY_VERIFY(changed.size() >= 2);

        for (const QList<QVariant> &signal : std::as_const(changed)) {
            QCOMPARE(signal[0].toModelIndex(), m_model->index(0, 0));
            QCOMPARE(signal[1].toModelIndex(), m_model->index(1, OutboxModel::ColumnCount - 1));
        }
        QCOMPARE(highlight(2), 0.0);
    }

    void resetReplacesTheList()
    {
        m_model->applyChanges(arrivals(1, 3));
        QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy unread(m_model.get(), &OutboxModel::unreadCountChanged);

        // As after POST /reset: the outbox is empty.
        m_model->applyChanges({reset({})});

        QCOMPARE(resets.size(), 1);
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->unreadCount(), 0);
        QCOMPARE(unread.size(), 1);
        QCOMPARE(unread[0][0].toInt(), 0);
        QVERIFY(!m_model->isFading());
    }

    void snapshotShowsTheOutboxWithoutHighlight()
    {
        m_model->applyChanges({reset(makeEmails(1, 3))});

        QCOMPARE(ids(), (QList<qint64>{3, 2, 1}));
        // Nobody has read them here yet.
        QCOMPARE(m_model->unreadCount(), 3);
        // An outbox that was there before the panel is not news.
        QCOMPARE(highlight(0), 0.0);
        QVERIFY(!m_model->isFading());
    }

    void theSameSnapshotAgainChangesNothing()
    {
        m_model->applyChanges(arrivals(1, 3));
        m_model->markRead(0);
        QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy unread(m_model.get(), &OutboxModel::unreadCountChanged);

        // Another panel's attach() asks for a snapshot of everything.
        m_model->applyChanges({reset(makeEmails(1, 3))});

        QCOMPARE(resets.size(), 0);
        QCOMPARE(unread.size(), 0);
        QCOMPARE(m_model->unreadCount(), 2);
        QVERIFY(highlight(1) > 0);
    }

    void snapshotKeepsTheReadStateOfTheEmailsItStillHolds()
    {
        m_model->applyChanges(arrivals(1, 3));
        for (int row = 0; row < 3; ++row)
            m_model->markRead(row);

        m_model->applyChanges({reset(makeEmails(2, 4))});

        QCOMPARE(ids(), (QList<qint64>{4, 3, 2}));
        QCOMPARE(m_model->unreadCount(), 1);
        QVERIFY(m_model->isUnread(0));
        QVERIFY(!m_model->isUnread(1));
        QVERIFY(!m_model->isUnread(2));
    }

    void idsThatStartAgainAreOtherEmails()
    {
        m_model->applyChanges(arrivals(1, 1));
        m_model->markRead(0);

        // The outbox was emptied and john asked again: id 1 once more, with another token.
        m_model->applyChanges({reset({makeEmail(1, u"another"_s)})});

        QCOMPARE(m_model->emailAt(0).token, u"another"_s);
        QVERIFY(m_model->isUnread(0));
    }

    void onlyWhatFollowsTheLastResetOfABatchCounts()
    {
        m_model->applyChanges(arrivals(1, 2));
        QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);

        m_model->applyChanges(
            {added(makeEmail(3)), reset({}), added(makeEmail(1, u"fresh"_s)), added(makeEmail(2))});

        QCOMPARE(resets.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(ids(), (QList<qint64>{2, 1}));
        QCOMPARE(m_model->emailAt(1).token, u"fresh"_s);
        QCOMPARE(m_model->unreadCount(), 2);
        QVERIFY(highlight(0) > 0);
    }

    void anEmailAlreadyListedIsNotAddedTwice()
    {
        m_model->applyChanges(arrivals(1, 2));
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);

        m_model->applyChanges(arrivals(2, 3));

        QCOMPARE(inserted.size(), 1);
        QCOMPARE(ids(), (QList<qint64>{3, 2, 1}));
        QCOMPARE(m_model->unreadCount(), 3);
    }

    void theOldestLeaveAsTheApiDropsThem()
    {
        m_model->applyChanges({reset(makeEmails(1, OutboxModel::DefaultCapacity))});
        m_model->markRead(OutboxModel::DefaultCapacity - 1); // email 1, about to go
        QCOMPARE(m_model->unreadCount(), OutboxModel::DefaultCapacity - 1);
        QList<QString> order;
        connect(m_model.get(), &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [&](const QModelIndex &, int first, int last) {
                    order.append(u"removed %1-%2"_s.arg(first).arg(last));
                });
        connect(m_model.get(), &QAbstractItemModel::rowsAboutToBeInserted, this,
                [&](const QModelIndex &, int first, int last) {
                    order.append(u"inserted %1-%2"_s.arg(first).arg(last));
                });

        m_model->applyChanges(
            arrivals(OutboxModel::DefaultCapacity + 1, OutboxModel::DefaultCapacity + 3));

        // The oldest make room before the newest come: never more rows than the API keeps.
        QCOMPARE(order, (QList<QString>{u"removed 997-999"_s, u"inserted 0-2"_s}));
        QCOMPARE(m_model->rowCount(), OutboxModel::DefaultCapacity);
        QCOMPARE(m_model->emailAt(0).id, OutboxModel::DefaultCapacity + 3);
        QCOMPARE(m_model->emailAt(OutboxModel::DefaultCapacity - 1).id, 4);
        // Emails 2 and 3 left unread, email 1 read.
        QCOMPARE(m_model->unreadCount(), OutboxModel::DefaultCapacity - 1 - 2 + 3);
    }

    void aFloodLargerThanTheOutboxKeepsTheLatest()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);

        m_model->applyChanges(arrivals(1, OutboxModel::DefaultCapacity + 5));

        QCOMPARE(inserted.size(), 1);
        QCOMPARE(m_model->rowCount(), OutboxModel::DefaultCapacity);
        QCOMPARE(m_model->emailAt(0).id, OutboxModel::DefaultCapacity + 5);
        QCOMPARE(m_model->emailAt(OutboxModel::DefaultCapacity - 1).id, 6);
        QCOMPARE(m_model->unreadCount(), OutboxModel::DefaultCapacity);

        m_model->applyChanges({reset(makeEmails(1, OutboxModel::DefaultCapacity + 5))});
        QCOMPARE(m_model->rowCount(), OutboxModel::DefaultCapacity);
        QCOMPARE(m_model->emailAt(OutboxModel::DefaultCapacity - 1).id, 6);
    }

    // A sandbox's outbox keeps fewer: a lower capacity drops the oldest at once, and arrivals
    // and snapshots keep to it.
    void aSmallerCapacityKeepsTheNewest()
    {
        m_model->applyChanges({reset(makeEmails(1, 5))});
        m_model->markRead(0); // email 5
        QSignalSpy unread(m_model.get(), &OutboxModel::unreadCountChanged);

        m_model->setCapacity(2);
        QCOMPARE(ids(), (QList<qint64>{5, 4}));
        QCOMPARE(m_model->unreadCount(), 1);
        QCOMPARE(unread.size(), 1);
        QCOMPARE(unread[0][0].toInt(), 1);

        m_model->applyChanges(arrivals(6, 8));
        QCOMPARE(ids(), (QList<qint64>{8, 7}));
        m_model->applyChanges({reset(makeEmails(1, 8))});
        QCOMPARE(ids(), (QList<qint64>{8, 7}));

        m_model->setCapacity(0);
        QCOMPARE(m_model->capacity(), 1);
        QCOMPARE(ids(), (QList<qint64>{8}));
    }

private:
    QList<qint64> ids() const
    {
        QList<qint64> result;
        for (int row = 0; row < m_model->rowCount(); ++row)
            result.append(m_model->emailAt(row).id);
        return result;
    }

    QString text(int row, int column) const
    {
        return m_model->index(row, column).data().toString();
    }

    QString header(int section) const
    {
        return m_model->headerData(section, Qt::Horizontal).toString();
    }

    bool isBold(int row) const
    {
        const QVariant font = m_model->index(row, OutboxModel::SubjectColumn).data(Qt::FontRole);
        return font.isValid() && font.value<QFont>().bold();
    }

    qreal highlight(int row) const
    {
        return m_model->index(row, 0).data(OutboxModel::HighlightRole).toReal();
    }

    std::unique_ptr<OutboxModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
};

QTEST_MAIN(TestOutboxModel)
#include "tst_outboxmodel.moc"
