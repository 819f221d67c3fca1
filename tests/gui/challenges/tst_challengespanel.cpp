#include "challengecsv.h"
#include "challengeheatmapmodel.h"
#include "challengespanel.h"
#include "classboardmodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QDateTime lessonStart(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
constexpr int ChallengeCount = 42;
constexpr int StudentCount = 30;
constexpr int StuckChallenge = 17; // the one only two students manage in the simulation

QList<Challenge> catalogue()
{
    const QStringList titles = {
        u"Check the API is up"_s,
        u"List the users"_s,
        u"Filter users by role"_s,
        u"Read one user"_s,
        u"Ask for a user who is not there"_s,
        u"Send a bad id"_s,
        u"Log in"_s,
        u"Call without a token"_s,
        u"Send a malformed token"_s,
        u"Tamper with the signature"_s,
        u"Use an expired token"_s,
        u"Reuse a token after logging out"_s,
    };
    QList<Challenge> challenges;
    for (int i = 0; i < ChallengeCount; ++i) {
        const QString title =
            i < titles.size() ? titles.at(i) : u"Validation boundary number %1"_s.arg(i);
        challenges.append(Challenge{u"c%1"_s.arg(i, 2, 10, QChar(u'0')), u"Area"_s, title,
                                    u"Hint for %1"_s.arg(title), u"Teaches %1"_s.arg(i)});
    }
    return challenges;
}

QString studentName(int student)
{
    return u"student-%1"_s.arg(student, 2, 10, QChar(u'0'));
}

// Student s has done challenge c at lessonStart + (7c + 13s) % 97 minutes (a different minute
// for each challenge of a student) when this says so: every
// student a different subset, and StuckChallenge done by students 3 and 11 only.
bool simulatedDone(int student, int challenge)
{
    if (challenge == StuckChallenge)
        return student == 3 || student == 11;
    if (challenge < 5) // the student's number in binary: no two subsets alike
        return (student + 1) & (1 << challenge);
    return (student * 5 + challenge * 3) % 7 < 3 + student % 3;
}

QDateTime simulatedTime(int student, int challenge)
{
    return lessonStart.addSecs(60 * ((7 * challenge + 13 * student) % 97));
}

QList<ChallengeProgress> simulatedClass()
{
    QList<ChallengeProgress> progress;
    for (int student = 0; student < StudentCount; ++student) {
        ChallengeProgress instance{studentName(student), {}};
        for (int challenge = 0; challenge < ChallengeCount; ++challenge) {
            if (simulatedDone(student, challenge))
                instance.done.insert(catalogue().at(challenge).id,
                                     simulatedTime(student, challenge));
        }
        progress.append(instance);
    }
    return progress;
}

ChallengeProgress progressOf(const QString &sandbox, const QList<int> &challenges,
                             int minutesIn = 0)
{
    ChallengeProgress progress{sandbox, {}};
    for (int challenge : challenges)
        progress.done.insert(catalogue().at(challenge).id,
                             lessonStart.addSecs(60 * (minutesIn + challenge)));
    return progress;
}

QString shortTime(const QDateTime &at)
{
    return QLocale().toString(at.toLocalTime().time(), QLocale::ShortFormat);
}

} // namespace

// The Challenges tab with its models under QAbstractItemModelTester, fed by hand.
class TestChallengesPanel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_panel = std::make_unique<ChallengesPanel>(catalogue());
        m_panel->resize(1200, 700);
        using Tester = QAbstractItemModelTester;
        const auto fatal = Tester::FailureReportingMode::Fatal;
        for (QAbstractItemModel *model :
             {static_cast<QAbstractItemModel *>(m_panel->boardModel()),
              m_panel->boardView()->model(),
              static_cast<QAbstractItemModel *>(m_panel->heatMapModel()),
              m_panel->heatMapView()->model()})
            m_testers.push_back(std::make_unique<Tester>(model, fatal));
    }

    void cleanup()
    {
        m_testers.clear();
        m_panel.reset();
    }

    void boardRowSaysWhatTheInstanceDid()
    {
        m_panel->setProgress({progressOf(u"alice"_s, {0, 11, 3}), progressOf({}, {})});
        const ClassBoardModel *board = m_panel->boardModel();
        QCOMPARE(board->rowCount(), 2);
        const int alice = board->rowOf(u"alice"_s);
        using M = ClassBoardModel;
        QCOMPARE(board->index(alice, M::StudentColumn).data().toString(), u"alice"_s);
        QCOMPARE(board->index(alice, M::DoneColumn).data().toString(), u"3 / 42"_s);
        QCOMPARE(board->index(alice, M::DoneColumn).data(M::SortRole).toInt(), 3);
        QCOMPARE(board->index(alice, M::DoneColumn).data(M::FractionRole).toReal(), 3.0 / 42);
        // Challenge 11 was done last (minute 11).
        QCOMPARE(board->index(alice, M::LatestColumn).data().toString(),
                 u"Reuse a token after logging out"_s);
        QCOMPARE(board->index(alice, M::WhenColumn).data(M::SortRole).toDateTime(),
                 lessonStart.addSecs(11 * 60));
        QCOMPARE(board->index(alice, M::WhenColumn).data().toString(),
                 shortTime(lessonStart.addSecs(11 * 60)));
        const int classApi = board->rowOf(QString());
        QCOMPARE(board->index(classApi, M::StudentColumn).data().toString(), u"Class API"_s);
        QCOMPARE(board->index(classApi, M::DoneColumn).data().toString(), u"0 / 42"_s);
        QCOMPARE(board->index(classApi, M::LatestColumn).data().toString(), QString());
        QCOMPARE(board->index(classApi, M::StudentColumn).data(M::SandboxRole).toString(),
                 QString());
    }

    void classSimulationShowsExactlyEachStudent()
    {
        const QList<ChallengeProgress> simulated = simulatedClass();
        m_panel->setProgress(simulated);

        // Every subset is different.
        QSet<QStringList> subsets;
        for (const ChallengeProgress &student : simulated) {
            QStringList ids = student.done.keys();
            ids.sort();
            subsets.insert(ids);
        }
        QCOMPARE(subsets.size(), StudentCount);

        const ClassBoardModel *board = m_panel->boardModel();
        QCOMPARE(board->rowCount(), StudentCount);
        QList<int> expectedCounts;
        for (int student = 0; student < StudentCount; ++student) {
            int count = 0;
            int latest = -1;
            for (int challenge = 0; challenge < ChallengeCount; ++challenge) {
                if (!simulatedDone(student, challenge))
                    continue;
                ++count;
                if (latest < 0 ||
                    simulatedTime(student, challenge) > simulatedTime(student, latest))
                    latest = challenge;
            }
            expectedCounts.append(count);
            const int row = board->rowOf(studentName(student));
            QVERIFY(row >= 0);
            QCOMPARE(board->index(row, ClassBoardModel::DoneColumn).data().toString(),
                     u"%1 / 42"_s.arg(count));
            QCOMPARE(board->index(row, ClassBoardModel::LatestColumn).data().toString(),
                     catalogue().at(latest).title);
            QCOMPARE(board->index(row, ClassBoardModel::WhenColumn).data(ClassBoardModel::SortRole),
                     QVariant(simulatedTime(student, latest)));
        }

        // Sorted by Done, most first: the view shows the counts in that order.
        m_panel->boardView()->sortByColumn(ClassBoardModel::DoneColumn, Qt::DescendingOrder);
        std::sort(expectedCounts.begin(), expectedCounts.end(), std::greater<>());
        QCOMPARE(columnSortValues(ClassBoardModel::DoneColumn), expectedCounts);

        // The heat map's column headers count, challenge by challenge.
        const ChallengeHeatMapModel *heatMap = m_panel->heatMapModel();
        QCOMPARE(heatMap->rowCount(), StudentCount);
        for (int challenge = 0; challenge < ChallengeCount; ++challenge) {
            int doneBy = 0;
            for (int student = 0; student < StudentCount; ++student)
                doneBy += simulatedDone(student, challenge) ? 1 : 0;
            const auto header = [&](int role) {
                return heatMap->headerData(challenge, Qt::Horizontal, role);
            };
            QCOMPARE(header(Qt::DisplayRole).toString(),
                     u"%1\n%2"_s.arg(challenge + 1).arg(doneBy));
            QCOMPARE(header(ChallengeHeatMapModel::CountRole).toInt(), doneBy);
            QVERIFY(header(Qt::ToolTipRole).toString().contains(u"%1 of 30 done"_s.arg(doneBy)));
            QCOMPARE(header(ChallengeHeatMapModel::StuckRole).toBool(),
                     challenge == StuckChallenge);
            QCOMPARE(header(Qt::ForegroundRole).isValid(), challenge == StuckChallenge);
        }
        // Each cell, done or not.
        for (int student = 0; student < StudentCount; ++student) {
            const int row = heatMap->rowOf(studentName(student));
            for (int challenge = 0; challenge < ChallengeCount; ++challenge)
                QCOMPARE(
                    heatMap->index(row, challenge).data(ChallengeHeatMapModel::DoneRole).toBool(),
                    simulatedDone(student, challenge));
        }
    }

    void liveUpdatesKeepSelectionAndSort()
    {
        m_panel->setProgress({progressOf(u"ann"_s, {0, 1, 2}), progressOf(u"bob"_s, {0}),
                              progressOf(u"cem"_s, {0, 1})});
        QTableView *view = m_panel->boardView();
        view->sortByColumn(ClassBoardModel::DoneColumn, Qt::DescendingOrder);
        QCOMPARE(columnTexts(ClassBoardModel::StudentColumn),
                 (QStringList{u"ann"_s, u"cem"_s, u"bob"_s}));
        view->selectRow(2); // bob
        QCOMPARE(m_panel->selectedSandbox(), std::optional<QString>(u"bob"_s));

        QSignalSpy reset(m_panel->boardModel(), &QAbstractItemModel::modelReset);
        QSignalSpy changed(m_panel->boardModel(), &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(m_panel->boardModel(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_panel->boardModel(), &QAbstractItemModel::rowsRemoved);

        // Bob overtakes everyone: his row alone changes, and moves to the top, still selected.
        m_panel->applyProgress(progressOf(u"bob"_s, {0, 3, 4, 5, 6}, 30));
        QCOMPARE(changed.size(), 1);
        const int bob = m_panel->boardModel()->rowOf(u"bob"_s);
        QCOMPARE(changed.constFirst().at(0).toModelIndex().row(), bob);
        QCOMPARE(changed.constFirst().at(1).toModelIndex().row(), bob);
        QCOMPARE(columnTexts(ClassBoardModel::StudentColumn),
                 (QStringList{u"bob"_s, u"ann"_s, u"cem"_s}));
        QCOMPARE(m_panel->selectedSandbox(), std::optional<QString>(u"bob"_s));

        // The same progress again changes nothing.
        m_panel->applyProgress(progressOf(u"bob"_s, {0, 3, 4, 5, 6}, 30));
        QCOMPARE(changed.size(), 1);

        // A snapshot: dee is new, ann left the class; one insertion, one removal.
        m_panel->setProgress({progressOf(u"bob"_s, {0, 3, 4, 5, 6}, 30),
                              progressOf(u"cem"_s, {0, 1}), progressOf(u"dee"_s, {1})});
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(columnTexts(ClassBoardModel::StudentColumn),
                 (QStringList{u"bob"_s, u"cem"_s, u"dee"_s}));
        QCOMPARE(m_panel->boardModel()->rowOf(u"ann"_s), -1);
        QCOMPARE(m_panel->heatMapModel()->rowOf(u"ann"_s), -1);
        QCOMPARE(m_panel->heatMapModel()->headerData(0, Qt::Horizontal,
                                                     ChallengeHeatMapModel::CountRole),
                 QVariant(2));
        QCOMPARE(m_panel->selectedSandbox(), std::optional<QString>(u"bob"_s));
    }

    void heatMapExplainsItsCells()
    {
        m_panel->setProgress({progressOf(u"zoe"_s, {11}), progressOf(u"amy"_s, {})});
        const ChallengeHeatMapModel *heatMap = m_panel->heatMapModel();
        const QString header = heatMap->headerData(11, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY2(header.contains(u"Reuse a token after logging out"_s), qPrintable(header));
        QVERIFY2(header.contains(u"Hint for Reuse a token after logging out"_s),
                 qPrintable(header));
        QVERIFY2(header.contains(u"1 of 2 done"_s), qPrintable(header));
        QCOMPARE(heatMap->headerData(11, Qt::Horizontal).toString(), u"12\n1"_s);
        const int zoe = heatMap->rowOf(u"zoe"_s);
        const QString cell = heatMap->index(zoe, 11).data(Qt::ToolTipRole).toString();
        QVERIFY2(cell.contains(QLocale().toString(lessonStart.addSecs(11 * 60).toLocalTime(),
                                                  QLocale::ShortFormat)),
                 qPrintable(cell));
        QVERIFY(heatMap->index(zoe, 11).data(ChallengeHeatMapModel::DoneRole).toBool());
        QVERIFY(!heatMap->index(zoe, 10).data(ChallengeHeatMapModel::DoneRole).toBool());
        QVERIFY(heatMap->index(zoe, 10).data(Qt::ToolTipRole).toString().contains(u"not done"_s));

        // Students by name in the view.
        const QAbstractItemModel *shown = m_panel->heatMapView()->model();
        QStringList rows;
        for (int row = 0; row < shown->rowCount(); ++row)
            rows.append(shown->headerData(row, Qt::Vertical).toString());
        QCOMPARE(rows, (QStringList{u"amy"_s, u"zoe"_s}));
        m_panel->applyProgress(progressOf(u"abe"_s, {11}));
        QCOMPARE(shown->headerData(0, Qt::Vertical).toString(), u"abe"_s);
        QCOMPARE(shown->headerData(11, Qt::Horizontal).toString(), u"12\n2"_s);
        QVERIFY(shown->headerData(10, Qt::Horizontal, ChallengeHeatMapModel::StuckRole).toBool());
        QVERIFY(!shown->headerData(11, Qt::Horizontal, ChallengeHeatMapModel::StuckRole).toBool());
    }

    void csvHasOneRowPerInstanceInTheBoardsOrder()
    {
        const QList<Challenge> three = catalogue().mid(0, 3);
        ChallengeProgress alice{u"alice"_s,
                                {{u"c02"_s, lessonStart.addSecs(90)},
                                 {u"c00"_s, lessonStart},
                                 {u"gone-id"_s, lessonStart}}};
        ChallengeProgress classApi{QString(), {}};
        QCOMPARE(QString::fromUtf8(ChallengeCsv::write(three, {alice, classApi})),
                 u"student,done,c00,c01,c02\r\n"
                 "alice,2,2026-03-02T09:00:00Z,,2026-03-02T09:01:30Z\r\n"
                 "Class API,0,,,\r\n"_s);
        QCOMPARE(ChallengeCsv::field(u"a,b \"c\""_s), u"\"a,b \"\"c\"\"\""_s);

        // The panel writes its rows as the board shows them.
        m_panel->setProgress({progressOf(u"bob"_s, {1}), progressOf(u"al"_s, {0, 1})});
        QTemporaryDir dir;
        const QString path = dir.filePath(u"class.csv"_s);
        QCOMPARE(m_panel->writeCsv(path), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 4); // and the empty rest after the last line break
        QVERIFY(lines.at(0).startsWith("student,done,c00,c01,c02,"));
        QVERIFY(lines.at(1).startsWith("al,2,2026-03-02T09:00:00Z,2026-03-02T09:01:00Z,,"));
        QVERIFY(lines.at(2).startsWith("bob,1,,2026-03-02T09:01:00Z,,"));
        QCOMPARE(lines.at(1).count(','), 1 + ChallengeCount);
    }

    void resetProgressAsksFirst()
    {
        m_panel->setProgress({progressOf(u"alice"_s, {1}), progressOf(u"bob"_s, {2})});
        m_panel->show();
        QVERIFY(!m_panel->resetButton()->isEnabled());
        m_panel->boardView()->selectRow(1); // bob, by name
        QVERIFY(m_panel->resetButton()->isEnabled());
        QSignalSpy requested(m_panel.get(), &ChallengesPanel::resetProgressRequested);

        QTest::mouseClick(m_panel->resetButton(), Qt::LeftButton);
        answer(QMessageBox::RejectRole);
        QCOMPARE(requested.size(), 0);

        QTest::mouseClick(m_panel->resetButton(), Qt::LeftButton);
        answer(QMessageBox::DestructiveRole);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.constFirst().constFirst().toString(), u"bob"_s);
    }

    void heatMapSelectsAnInstance()
    {
        m_panel->setProgress({progressOf({}, {1}), progressOf(u"bob"_s, {2})});
        m_panel->show();
        QTest::mouseClick(m_panel->heatMapButton(), Qt::LeftButton);
        QVERIFY(m_panel->isShowingHeatMap());
        QVERIFY(m_panel->heatMapView()->isVisible());
        QVERIFY(!m_panel->boardView()->isVisible());
        QVERIFY(!m_panel->resetButton()->isEnabled());
        m_panel->heatMapView()->selectRow(1);
        QCOMPARE(m_panel->selectedSandbox(), std::optional<QString>(u"bob"_s));
        m_panel->heatMapView()->selectRow(0); // the class API comes first
        QCOMPARE(m_panel->selectedSandbox(), std::optional<QString>(QString()));
        QVERIFY(m_panel->resetButton()->isEnabled());
        QTest::mouseClick(m_panel->boardButton(), Qt::LeftButton);
        QVERIFY(m_panel->boardView()->isVisible());
    }

    void completionToastNamesWhoAndWhat()
    {
        const Challenge logout = catalogue().at(11);
        QCOMPARE(ChallengesPanel::completionToast(u"alice"_s, logout),
                 u"alice completed “Reuse a token after logging out”"_s);
        QCOMPARE(ChallengesPanel::completionToast(QString(), logout),
                 u"The class API completed “Reuse a token after logging out”"_s);
    }

    // At projector zoom the cells grow with the font: squares no smaller than a line of text.
    // With APIDOJO_SCREENSHOTS set, the board and the heat map are saved there to be looked at.
    void projectorZoomGrowsTheCells()
    {
        m_panel->setProgress(simulatedClass());
        m_panel->resize(1600, 1000);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        const QFont normal = QApplication::font();
        QFont zoomed = normal;
        zoomed.setPointSizeF(normal.pointSizeF() * 2);
        QApplication::setFont(zoomed);
        const int line = QFontMetrics(zoomed).height();
        QTableView *heatMap = m_panel->heatMapView();
        QTRY_VERIFY(heatMap->rowHeight(0) >= line);
        QTRY_VERIFY(m_panel->exportButton()->width() >=
                    m_panel->exportButton()->sizeHint().width());
        QVERIFY(heatMap->columnWidth(0) >= line);
        QVERIFY(m_panel->boardView()->rowHeight(0) >= line);
        const QString shots = qEnvironmentVariable("APIDOJO_SCREENSHOTS");
        if (!shots.isEmpty()) {
            m_panel->boardView()->sortByColumn(ClassBoardModel::DoneColumn, Qt::DescendingOrder);
            m_panel->boardView()->selectRow(2);
            QVERIFY(m_panel->grab().save(shots + u"/challenges-board-200.png"_s));
            m_panel->showHeatMap();
            QVERIFY(m_panel->grab().save(shots + u"/challenges-heatmap-200.png"_s));
        }
        QApplication::setFont(normal);
    }

private:
    QList<int> columnSortValues(int column) const
    {
        const QAbstractItemModel *shown = m_panel->boardView()->model();
        QList<int> values;
        for (int row = 0; row < shown->rowCount(); ++row)
            values.append(shown->index(row, column).data(ClassBoardModel::SortRole).toInt());
        return values;
    }

    QStringList columnTexts(int column) const
    {
        const QAbstractItemModel *shown = m_panel->boardView()->model();
        QStringList values;
        for (int row = 0; row < shown->rowCount(); ++row)
            values.append(shown->index(row, column).data().toString());
        return values;
    }

    // Presses the button with this role in the confirmation the panel opened.
    void answer(QMessageBox::ButtonRole role)
    {
        QMessageBox *box = nullptr;
        const QString name = u"resetProgressConfirmation"_s;
        QTRY_VERIFY((box = m_panel->findChild<QMessageBox *>(name)) && box->isVisible());
        QAbstractButton *pressed = nullptr;
        for (QAbstractButton *candidate : box->buttons()) {
            if (box->buttonRole(candidate) == role)
                pressed = candidate;
        }
        QVERIFY(pressed);
        QTest::mouseClick(pressed, Qt::LeftButton);
        QTRY_VERIFY(!m_panel->findChild<QMessageBox *>(name));
    }

    std::unique_ptr<ChallengesPanel> m_panel;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

QTEST_MAIN(TestChallengesPanel)
#include "tst_challengespanel.moc"
