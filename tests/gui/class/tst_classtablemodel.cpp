#include "classtablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTimeZone>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QDateTime start(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);

SandboxSummary sandbox(const QString &name, qint64 requests = 1, int users = 2)
{
    SandboxSummary summary;
    summary.name = name;
    summary.createdAt = start;
    summary.lastRequestAt = start;
    summary.clientAddresses = {u"10.0.0.7"_s};
    summary.requests = requests;
    summary.users = users;
    return summary;
}

QList<SandboxSummary> names(const QStringList &list)
{
    QList<SandboxSummary> sandboxes;
    for (const QString &name : list)
        sandboxes.append(sandbox(name));
    return sandboxes;
}

} // namespace

// The class model on its own, fed with summaries built by hand and a clock the test moves.
class TestClassTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_now = start;
        m_model = std::make_unique<ClassTableModel>();
        m_model->setClock([this] { return m_now; });
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_proxy = std::make_unique<QSortFilterProxyModel>();
        m_proxy->setSourceModel(m_model.get());
        m_proxy->setSortRole(ClassTableModel::SortRole);
        m_proxy->sort(ClassTableModel::NameColumn);
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

    void newSandboxesAreOneInsertion()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->setSandboxes(names({u"carol"_s, u"alice"_s, u"bob"_s}));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->rowOf(u"alice"_s), 1);
        QCOMPARE(m_model->index(0, ClassTableModel::NameColumn).data().toString(), u"carol"_s);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(shownNames(), (QStringList{u"alice"_s, u"bob"_s, u"carol"_s}));
    }

    void cellsSayWhatTheSandboxDid()
    {
        SandboxSummary alice = sandbox(u"alice"_s, 1234, 3);
        alice.clientAddresses = {u"10.0.0.7"_s, u"10.0.0.8"_s};
        alice.clientErrors = 5;
        alice.lastRequestAt = start.addSecs(-12);
        m_model->setSandboxes({alice});
        using M = ClassTableModel;
        QCOMPARE(cell(0, M::NameColumn), u"alice"_s);
        QCOMPARE(cell(0, M::ClientsColumn), u"10.0.0.7, 10.0.0.8"_s);
        QCOMPARE(cell(0, M::RequestsColumn), QLocale().toString(1234));
        QCOMPARE(cell(0, M::ClientErrorsColumn), u"5"_s);
        QCOMPARE(cell(0, M::ServerErrorsColumn), u"0"_s);
        QCOMPARE(cell(0, M::LastRequestColumn), u"12 s ago"_s);
        QCOMPARE(cell(0, M::UsersColumn), u"3"_s);
        QCOMPARE(m_model->index(0, M::RequestsColumn).data(M::SortRole), QVariant(qint64(1234)));
        QVERIFY(m_model->index(0, M::ClientErrorsColumn).data(Qt::ForegroundRole).isValid());
        QVERIFY(!m_model->index(0, M::ServerErrorsColumn).data(Qt::ForegroundRole).isValid());
    }

    void updatesAreInPlaceAndOneSignalPerBatch()
    {
        m_model->setSandboxes(names({u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s}));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

        QList<SandboxSummary> next = names({u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s});
        next[1].requests = 7;     // bob
        next[2].serverErrors = 1; // carol
        next[2].lastRequestAt = start.addSecs(1);
        m_model->setSandboxes(next);

        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(changed.size(), 1);
        const auto topLeft = changed[0][0].value<QModelIndex>();
        const auto bottomRight = changed[0][1].value<QModelIndex>();
        QCOMPARE(topLeft.row(), 1);
        QCOMPARE(bottomRight.row(), 2);
        QCOMPARE(topLeft.column(), int(ClassTableModel::RequestsColumn));
        QCOMPARE(bottomRight.column(), int(ClassTableModel::LastRequestColumn));
        QCOMPARE(cell(1, ClassTableModel::RequestsColumn), u"7"_s);

        // The same list again changes nothing.
        m_model->setSandboxes(next);
        QCOMPARE(changed.size(), 1);
    }

    void goneSandboxesLeaveAndNewOnesArriveInOneBatch()
    {
        m_model->setSandboxes(names({u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s}));
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);

        m_model->setSandboxes(names({u"a"_s, u"d"_s, u"f"_s, u"g"_s}));

        QCOMPARE(removed.size(), 2); // e alone, then b and c together
        QCOMPARE(removed[0][1].toInt(), 4);
        QCOMPARE(removed[1][1].toInt(), 1);
        QCOMPARE(removed[1][2].toInt(), 2);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(shownNames(), (QStringList{u"a"_s, u"d"_s, u"f"_s, u"g"_s}));
        QCOMPARE(m_model->rowOf(u"d"_s), 1);
        QCOMPARE(m_model->rowOf(u"b"_s), -1);

        m_model->setSandboxes({});
        QCOMPARE(m_model->rowCount(), 0);
    }

    void aSelectionSurvivesABusyClass()
    {
        QList<SandboxSummary> classList;
        for (int i = 0; i < 200; ++i)
            classList.append(sandbox(u"student%1"_s.arg(i, 3, 10, QChar(u'0'))));
        m_model->setSandboxes(classList);
        m_proxy->sort(ClassTableModel::RequestsColumn, Qt::DescendingOrder);
        const QPersistentModelIndex selected =
            m_proxy->index(m_proxy->rowCount() - 1, ClassTableModel::NameColumn);
        const QString name = selected.data().toString();

        // Every student sends requests, batch after batch: the rows move, the index follows.
        for (int batch = 1; batch <= 20; ++batch) {
            for (int i = 0; i < classList.size(); ++i)
                classList[i].requests += (i * 7 + batch) % 5;
            m_model->setSandboxes(classList);
        }
        QVERIFY(selected.isValid());
        QCOMPARE(selected.data().toString(), name);
        QCOMPARE(m_proxy->rowCount(), 200);
        // Sorted by the typed count, not its text.
        for (int row = 1; row < m_proxy->rowCount(); ++row)
            QVERIFY(m_proxy->index(row - 1, ClassTableModel::RequestsColumn)
                        .data(ClassTableModel::SortRole)
                        .toLongLong() >= m_proxy->index(row, ClassTableModel::RequestsColumn)
                                             .data(ClassTableModel::SortRole)
                                             .toLongLong());
    }

    void lastRequestCountsUpWithTheClock()
    {
        m_model->setSandboxes(names({u"alice"_s, u"bob"_s}));
        QCOMPARE(cell(0, ClassTableModel::LastRequestColumn), u"just now"_s);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

        m_now = start.addSecs(12);
        m_model->refreshTimes();
        QCOMPARE(cell(0, ClassTableModel::LastRequestColumn), u"12 s ago"_s);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].value<QModelIndex>().column(),
                 int(ClassTableModel::LastRequestColumn));
        QCOMPARE(changed[0][1].value<QModelIndex>().row(), 1);
        QCOMPARE(reset.size(), 0);

        m_now = start.addSecs(5 * 60 + 3);
        QCOMPARE(cell(1, ClassTableModel::LastRequestColumn), u"5 min ago"_s);
        m_now = start.addSecs(3 * 3600);
        QCOMPARE(cell(1, ClassTableModel::LastRequestColumn), u"3 h ago"_s);
        m_now = start.addDays(3);
        QCOMPARE(cell(1, ClassTableModel::LastRequestColumn), u"3 d ago"_s);
    }

    void timerRefreshesWhileThereAreRows()
    {
        m_model->setClock(systemClock());
        QVERIFY(!m_model->isRefreshing());
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setSandboxes(names({u"alice"_s}));
        QVERIFY(m_model->isRefreshing());
        QVERIFY(changed.wait(5 * ClassTableModel::RefreshIntervalMs));
        m_model->setSandboxes({});
        QVERIFY(!m_model->isRefreshing());
    }

private:
    QString cell(int row, int column) const
    {
        return m_model->index(row, column).data().toString();
    }

    QStringList shownNames() const
    {
        QStringList list;
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            list.append(m_proxy->index(row, ClassTableModel::NameColumn).data().toString());
        return list;
    }

    QDateTime m_now;
    std::unique_ptr<ClassTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QSortFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

QTEST_MAIN(TestClassTableModel)
#include "tst_classtablemodel.moc"
