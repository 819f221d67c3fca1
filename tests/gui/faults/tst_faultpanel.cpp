#include "faultpanel.h"
#include "faultplanfile.h"
#include "faultplanjson.h"
#include "faultpresets.h"
#include "faultruledialog.h"
#include "faultrulemodel.h"
#include "guistyle.h"
#include "theme.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFontInfo>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

FaultRule makeRule(const QByteArray &method, const QString &path, int status)
{
    return FaultRule::make(method, path, FaultAction::respondWith(status),
                           FaultTrigger::probability(30));
}

// Something of everything, switched on.
FaultPlan busyPlan()
{
    FaultPlan plan;
    plan.latency = {true, 500, 200, true};
    plan.rateLimit = {true, 10, 60};
    plan.rules = {makeRule("POST", u"/users"_s, 503), makeRule({}, u"*"_s, 500),
                  makeRule("GET", u"/users/*"_s, 404)};
    plan.seed = 42;
    return plan;
}

} // namespace

// The faults panel with real widgets: every edit comes out as planEdited at once, and what comes
// in through setPlan only shows.
class TestFaultPanel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_panel = std::make_unique<FaultPanel>();
        m_panel->resize(850, 300);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        m_panel->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
        m_edited = std::make_unique<QSignalSpy>(m_panel.get(), &FaultPanel::planEdited);
    }

    void cleanup()
    {
        m_edited.reset();
        m_panel.reset();
        Theme::apply(Theme::Id::Standard); // after a failed theme test too
    }

    void startsWithNoFaults()
    {
        QCOMPARE(m_panel->plan(), FaultPlan());
        QCOMPARE(child<QLabel>(u"summaryLabel"_s)->text(),
                 u"No faults: the API behaves normally."_s);
        QVERIFY(!child<QPushButton>(u"allOffButton"_s)->isEnabled());
        QVERIFY(!child<QCheckBox>(u"latencyCheckBox"_s)->isChecked());
        QVERIFY(!child<QCheckBox>(u"rateLimitCheckBox"_s)->isChecked());
        QVERIFY(!child<QCheckBox>(u"fixedSeedCheckBox"_s)->isChecked());
        QVERIFY(!child<QLineEdit>(u"seedEdit"_s)->isEnabled());
        QCOMPARE(m_panel->ruleModel()->rowCount(), 0);
        QVERIFY(!child<QPushButton>(u"editRuleButton"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(u"removeRuleButton"_s)->isEnabled());
    }

    void setPlanShowsThePlanWithoutEmitting()
    {
        m_panel->setPlan(busyPlan());

        QCOMPARE(m_edited->size(), 0);
        QCOMPARE(m_panel->plan(), busyPlan());
        QVERIFY(child<QCheckBox>(u"latencyCheckBox"_s)->isChecked());
        QCOMPARE(child<QSpinBox>(u"latencyFixedSpinBox"_s)->value(), 500);
        QCOMPARE(child<QSpinBox>(u"latencyJitterSpinBox"_s)->value(), 200);
        QVERIFY(child<QCheckBox>(u"exemptHealthCheckBox"_s)->isChecked());
        QVERIFY(child<QCheckBox>(u"rateLimitCheckBox"_s)->isChecked());
        QCOMPARE(child<QSpinBox>(u"rateLimitSpinBox"_s)->value(), 10);
        QCOMPARE(child<QSpinBox>(u"rateWindowSpinBox"_s)->value(), 1);
        QCOMPARE(child<QComboBox>(u"rateWindowUnitComboBox"_s)->currentText(), u"min"_s);
        QVERIFY(child<QCheckBox>(u"fixedSeedCheckBox"_s)->isChecked());
        QCOMPARE(child<QLineEdit>(u"seedEdit"_s)->text(), u"42"_s);
        QCOMPARE(m_panel->ruleModel()->rules(), busyPlan().rules);
        auto *summary = child<QLabel>(u"summaryLabel"_s);
        QCOMPARE(summary->text(), describeActiveFaults(busyPlan()).join(u" · "_s));
        // In the faults' own colour, as everywhere else they show.
        QCOMPARE(summary->palette().color(QPalette::WindowText), GuiStyle::faultColor());
        QVERIFY(summary->autoFillBackground());
        QVERIFY(child<QPushButton>(u"allOffButton"_s)->isEnabled());

        // And back: nothing is left over from the busy plan.
        m_panel->setPlan(FaultPlan());
        QCOMPARE(m_edited->size(), 0);
        QVERIFY(!child<QCheckBox>(u"latencyCheckBox"_s)->isChecked());
        QVERIFY(!child<QCheckBox>(u"fixedSeedCheckBox"_s)->isChecked());
        QCOMPARE(m_panel->ruleModel()->rowCount(), 0);
        QVERIFY(!child<QPushButton>(u"allOffButton"_s)->isEnabled());
        QVERIFY(summary->palette().color(QPalette::WindowText) != GuiStyle::faultColor());
        QVERIFY(!summary->autoFillBackground());
    }

    void setPlanKeepsTheSelectedRule()
    {
        m_panel->setPlan(busyPlan());
        view()->selectRow(1);

        m_panel->setPlan(busyPlan()); // the server's echo
        QCOMPARE(selectedRows(), QList<int>{1});

        FaultPlan changed = busyPlan();
        changed.rules[2].path = u"/sessions"_s; // a test suite changed another rule
        m_panel->setPlan(changed);
        QCOMPARE(selectedRows(), QList<int>{1});
        QCOMPARE(m_panel->ruleModel()->rule(2).path, u"/sessions"_s);
        QCOMPARE(m_edited->size(), 0);
    }

    void clickingARuleCheckboxSwitchesItOff()
    {
        m_panel->setPlan(busyPlan());
        const QModelIndex on = m_panel->ruleModel()->index(0, FaultRuleModel::OnColumn);

        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, checkboxCentre(on));

        QCOMPARE(m_edited->size(), 1);
        const FaultPlan edited = lastEdit();
        QVERIFY(!edited.rules[0].enabled);
        QVERIFY(edited.rules[1].enabled);
        QCOMPARE(m_panel->plan(), edited);
        QVERIFY(!child<QLabel>(u"summaryLabel"_s)->text().contains(u"POST /users"_s));
    }

    void spaceOnARuleCheckboxSwitchesItBackOn()
    {
        FaultPlan plan = busyPlan();
        plan.rules[1].enabled = false;
        m_panel->setPlan(plan);
        view()->setFocus();
        view()->setCurrentIndex(m_panel->ruleModel()->index(1, FaultRuleModel::OnColumn));

        QTest::keyClick(view(), Qt::Key_Space);

        QCOMPARE(m_edited->size(), 1);
        QVERIFY(lastEdit().rules[1].enabled);
    }

    void latencyEditsApplyAtOnce()
    {
        auto *latency = child<QCheckBox>(u"latencyCheckBox"_s);
        auto *fixed = child<QSpinBox>(u"latencyFixedSpinBox"_s);
        auto *jitter = child<QSpinBox>(u"latencyJitterSpinBox"_s);
        QVERIFY(!fixed->isEnabled()); // off, and looks it

        latency->click();
        QCOMPARE(m_edited->size(), 1);
        QVERIFY(lastEdit().latency.enabled);
        QVERIFY(fixed->isEnabled());
        QVERIFY(child<QCheckBox>(u"exemptHealthCheckBox"_s)->isEnabled());

        // Typed numbers count once they are entered, not at every keystroke.
        fixed->setFocus();
        fixed->selectAll();
        QTest::keyClicks(fixed, u"800"_s);
        QCOMPARE(m_edited->size(), 1);
        QTest::keyClick(fixed, Qt::Key_Return);
        QCOMPARE(m_edited->size(), 2);
        QCOMPARE(lastEdit().latency.fixedMs, 800);

        jitter->setFocus();
        QTest::keyClick(jitter, Qt::Key_Up); // one step: 100 ms
        QCOMPARE(m_edited->size(), 3);
        QCOMPARE(lastEdit().latency.jitterMs, 100);

        child<QCheckBox>(u"exemptHealthCheckBox"_s)->click();
        QCOMPARE(m_edited->size(), 4);
        QCOMPARE(lastEdit().latency, (LatencyFault{true, 800, 100, false}));
        QCOMPARE(child<QLabel>(u"summaryLabel"_s)->text(), u"800 ms ± 100 ms on every request"_s);
        QVERIFY(child<QPushButton>(u"allOffButton"_s)->isEnabled());
        QCOMPARE(fixed->maximum(), LatencyFault::MaxMs);
    }

    void rateLimitEditsApplyAtOnce()
    {
        QVERIFY(!child<QSpinBox>(u"rateLimitSpinBox"_s)->isEnabled());
        child<QCheckBox>(u"rateLimitCheckBox"_s)->click();
        QCOMPARE(lastEdit().rateLimit, (RateLimitFault{true, 10, 60}));
        QVERIFY(child<QSpinBox>(u"rateLimitSpinBox"_s)->isEnabled());

        child<QSpinBox>(u"rateLimitSpinBox"_s)->setValue(5);
        QCOMPARE(lastEdit().rateLimit.limit, 5);

        auto *units = child<QComboBox>(u"rateWindowUnitComboBox"_s);
        auto *window = child<QSpinBox>(u"rateWindowSpinBox"_s);
        window->setValue(2);
        QCOMPARE(lastEdit().rateLimit.windowSeconds, 120);
        const qsizetype edits = m_edited->size();
        units->setCurrentText(u"h"_s);
        QCOMPARE(m_edited->size(), edits + 1);
        QCOMPARE(lastEdit().rateLimit.windowSeconds, 7200);
        QCOMPARE(window->maximum(), 24); // a day at most
        units->setCurrentText(u"s"_s);
        QCOMPARE(lastEdit().rateLimit.windowSeconds, 2);
        QCOMPARE(window->maximum(), RateLimitFault::MaxWindowSeconds);
        QCOMPARE(child<QSpinBox>(u"rateLimitSpinBox"_s)->maximum(), RateLimitFault::MaxLimit);
    }

    void rateWindowShowsInTheLargestWholeUnit_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("unit");
        QTest::newRow("seconds") << 90 << 90 << u"s"_s;
        QTest::newRow("minutes") << 120 << 2 << u"min"_s;
        QTest::newRow("hours") << 7200 << 2 << u"h"_s;
        QTest::newRow("a day") << RateLimitFault::MaxWindowSeconds << 24 << u"h"_s;
        QTest::newRow("one second") << 1 << 1 << u"s"_s;
    }

    void rateWindowShowsInTheLargestWholeUnit()
    {
        QFETCH(int, seconds);
        QFETCH(int, value);
        QFETCH(QString, unit);
        FaultPlan plan;
        plan.rateLimit = {true, 3, seconds};

        m_panel->setPlan(plan);

        QCOMPARE(child<QSpinBox>(u"rateWindowSpinBox"_s)->value(), value);
        QCOMPARE(child<QComboBox>(u"rateWindowUnitComboBox"_s)->currentText(), unit);
        QCOMPARE(m_edited->size(), 0);
        QCOMPARE(m_panel->plan(), plan);
    }

    void fixedSeedRoundTripsEveryQuint32()
    {
        auto *fixed = child<QCheckBox>(u"fixedSeedCheckBox"_s);
        auto *seed = child<QLineEdit>(u"seedEdit"_s);
        FaultPlan plan;
        plan.seed = 4294967295u;

        m_panel->setPlan(plan);
        QCOMPARE(seed->text(), u"4294967295"_s);
        QVERIFY(seed->isEnabled());

        // One more does not fit, and is not taken.
        seed->setFocus();
        seed->selectAll();
        QTest::keyClicks(seed, u"4294967296"_s);
        QCOMPARE(seed->text(), u"429496729"_s);
        QTest::keyClicks(seed, u"x"_s);
        QCOMPARE(seed->text(), u"429496729"_s);
        QTest::keyClick(seed, Qt::Key_Return);
        QCOMPARE(lastEdit().seed, std::optional<quint32>(429496729u));

        fixed->click();
        QVERIFY(!lastEdit().seed.has_value());
        QVERIFY(!seed->isEnabled());
    }

    void fixingTheSeedKeepsTheOneInUse()
    {
        auto *seed = child<QLineEdit>(u"seedEdit"_s);
        QCOMPARE(child<QLabel>(u"seedInUseLabel"_s)->text(), u"Seed in use: not known yet"_s);
        m_panel->setSeedInUse(3000000000u);
        QCOMPARE(child<QLabel>(u"seedInUseLabel"_s)->text(), u"Seed in use: 3000000000"_s);
        QCOMPARE(m_edited->size(), 0);

        child<QCheckBox>(u"fixedSeedCheckBox"_s)->click();

        QCOMPARE(m_edited->size(), 1);
        QCOMPARE(lastEdit().seed, std::optional<quint32>(3000000000u));
        QCOMPARE(seed->text(), u"3000000000"_s);
    }

    void replayAsksForARestart()
    {
        QSignalSpy restart(m_panel.get(), &FaultPanel::restartRequested);
        QTest::mouseClick(child<QPushButton>(u"replayButton"_s), Qt::LeftButton);
        QCOMPARE(restart.size(), 1);
        QCOMPARE(m_edited->size(), 0);
    }

    void presetsMenuAppliesAPreset()
    {
        auto *button = child<QPushButton>(u"presetsButton"_s);
        QVERIFY(button->menu());
        const QList<QAction *> actions = button->menu()->actions();
        const QList<FaultPreset> presets = FaultPresets::all();
        QCOMPARE(actions.size(), presets.size());
        QCOMPARE(actions[0]->text(), presets[0].name);
        QCOMPARE(actions[0]->toolTip(), presets[0].description);
        m_panel->setPlan(busyPlan().allOff());

        actions[0]->trigger();

        QCOMPARE(m_edited->size(), 1);
        const FaultPlan expected = presets[0].apply(busyPlan().allOff());
        QCOMPARE(lastEdit(), expected);
        QCOMPARE(m_panel->plan(), expected);
        QCOMPARE(m_panel->ruleModel()->rules(), expected.rules);
        // The new rule is selected, where the trainer can see it.
        QCOMPARE(selectedRows(), QList<int>{int(expected.rules.size()) - 1});
        QVERIFY(child<QPushButton>(u"allOffButton"_s)->isEnabled());

        // A global one shows in its fields.
        for (int i = 0; i < presets.size(); ++i) {
            if (presets[i].name.startsWith(u"Slow network"_s))
                actions[i]->trigger();
        }
        QCOMPARE(m_edited->size(), 2);
        QVERIFY(child<QCheckBox>(u"latencyCheckBox"_s)->isChecked());
        QCOMPARE(child<QSpinBox>(u"latencyFixedSpinBox"_s)->value(), 800);
    }

    void allFaultsOffKeepsTheRules()
    {
        m_panel->setPlan(busyPlan());
        view()->selectRow(2);
        auto *allOff = child<QPushButton>(u"allOffButton"_s);

        QTest::mouseClick(allOff, Qt::LeftButton);

        QCOMPARE(m_edited->size(), 1);
        const FaultPlan off = lastEdit();
        QVERIFY(!off.isActive());
        QCOMPARE(off, busyPlan().allOff());
        QCOMPARE(off.rules.size(), 3);
        QVERIFY(!allOff->isEnabled());
        QVERIFY(!child<QCheckBox>(u"latencyCheckBox"_s)->isChecked());
        QVERIFY(!child<QCheckBox>(u"rateLimitCheckBox"_s)->isChecked());
        QCOMPARE(checkState(0), Qt::Unchecked);
        QCOMPARE(selectedRows(), QList<int>{2});
        QCOMPARE(child<QLabel>(u"summaryLabel"_s)->text(),
                 u"No faults: the API behaves normally."_s);
    }

    void addingARuleThroughTheDialog()
    {
        m_panel->setPlan(busyPlan());
        QTest::mouseClick(child<QPushButton>(u"addRuleButton"_s), Qt::LeftButton);
        QPointer<FaultRuleDialog> dialog = m_panel->findChild<FaultRuleDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(dialog->windowModality(), Qt::WindowModal);
        QLineEdit *path = dialog->findChild<QLineEdit *>(u"pathEdit"_s);
        path->setText(u"/sessions"_s);
        dialog->findChild<QComboBox *>(u"methodComboBox"_s)->setCurrentText(u"POST"_s);

        QTest::mouseClick(okButton(dialog), Qt::LeftButton);

        QCOMPARE(m_edited->size(), 1);
        QCOMPARE(lastEdit().rules.size(), 4);
        QCOMPARE(lastEdit().rules[3].path, u"/sessions"_s);
        QCOMPARE(lastEdit().rules[3].method, QByteArray("POST"));
        QCOMPARE(selectedRows(), QList<int>{3});
        QTRY_VERIFY(!dialog); // it deletes itself
    }

    void cancellingTheDialogChangesNothing()
    {
        m_panel->setPlan(busyPlan());
        FaultRuleDialog *dialog = m_panel->openEditRuleDialog(0);
        QVERIFY(dialog);
        dialog->findChild<QLineEdit *>(u"pathEdit"_s)->setText(u"/elsewhere"_s);
        dialog->reject();
        QCOMPARE(m_edited->size(), 0);
        QCOMPARE(m_panel->plan(), busyPlan());
        QVERIFY(!m_panel->openEditRuleDialog(3));
    }

    void doubleClickEditsTheRule()
    {
        m_panel->setPlan(busyPlan());
        const QRect cell =
            view()->visualRect(m_panel->ruleModel()->index(1, FaultRuleModel::ActionColumn));

        // As a real double click arrives: a click, then a press that is also a double click.
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mousePress(view()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(view()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, {}, cell.center());

        QPointer<FaultRuleDialog> dialog = m_panel->findChild<FaultRuleDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->rule(), busyPlan().rules[1]);
        QCOMPARE(dialog->windowTitle(), u"Edit rule"_s);
        auto *status = dialog->findChild<QComboBox *>(u"statusComboBox"_s);
        status->setCurrentIndex(status->findText(u"502 Bad Gateway"_s));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);

        QCOMPARE(m_edited->size(), 1);
        QCOMPARE(lastEdit().rules.size(), 3);
        QCOMPARE(lastEdit().rules[1].action.status, 502);
        QCOMPARE(lastEdit().rules[0], busyPlan().rules[0]);
        QCOMPARE(m_panel->ruleModel()->index(1, FaultRuleModel::ActionColumn).data().toString(),
                 u"502 Bad Gateway"_s);
    }

    void returnEditsAndDeleteRemovesTheSelectedRule()
    {
        m_panel->setPlan(busyPlan());
        view()->setFocus();
        view()->selectRow(2);

        QTest::keyClick(view(), Qt::Key_Return);
        QPointer<FaultRuleDialog> dialog = m_panel->findChild<FaultRuleDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->rule(), busyPlan().rules[2]);
        dialog->reject();
        QTRY_VERIFY(!dialog);

        m_panel->activateWindow(); // the window manager's job, once the dialog is gone
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_Delete);
        QCOMPARE(m_edited->size(), 1);
        QCOMPARE(lastEdit().rules, busyPlan().rules.mid(0, 2));
    }

    void aRuleThatGoesWhileItIsEditedComesBackAsNew()
    {
        m_panel->setPlan(busyPlan());
        FaultRuleDialog *dialog = m_panel->openEditRuleDialog(2);
        FaultPlan shorter = busyPlan();
        shorter.rules.removeLast(); // a test suite removed it meanwhile
        m_panel->setPlan(shorter);

        dialog->accept();

        QCOMPARE(lastEdit().rules.size(), 3);
        QCOMPARE(lastEdit().rules[2], busyPlan().rules[2]);
    }

    void aRuleReplacedWhileItIsEditedIsKept()
    {
        m_panel->setPlan(busyPlan());
        FaultRuleDialog *dialog = m_panel->openEditRuleDialog(0);
        FaultPlan replaced = busyPlan();
        replaced.rules[0].path = u"/replaced"_s; // same number of rules, another rule in row 0
        m_panel->setPlan(replaced);
        dialog->findChild<QLineEdit *>(u"pathEdit"_s)->setText(u"/edited"_s);

        dialog->accept();

        QCOMPARE(lastEdit().rules.size(), replaced.rules.size() + 1);
        QCOMPARE(lastEdit().rules[0].path, u"/replaced"_s);
        QCOMPARE(lastEdit().rules.last().path, u"/edited"_s);
    }

    void removeAndMoveTheSelectedRule()
    {
        m_panel->setPlan(busyPlan());
        auto *up = child<QPushButton>(u"moveUpButton"_s);
        auto *down = child<QPushButton>(u"moveDownButton"_s);
        auto *remove = child<QPushButton>(u"removeRuleButton"_s);
        view()->selectRow(0);
        QVERIFY(!up->isEnabled());
        QVERIFY(down->isEnabled());

        QTest::mouseClick(down, Qt::LeftButton);
        QCOMPARE(paths(lastEdit()), (QStringList{u"*"_s, u"/users"_s, u"/users/*"_s}));
        QCOMPARE(selectedRows(), QList<int>{1});
        QTest::mouseClick(down, Qt::LeftButton);
        QCOMPARE(paths(lastEdit()), (QStringList{u"*"_s, u"/users/*"_s, u"/users"_s}));
        QVERIFY(!down->isEnabled());
        QVERIFY(up->isEnabled());
        QTest::mouseClick(up, Qt::LeftButton);
        QCOMPARE(paths(lastEdit()), (QStringList{u"*"_s, u"/users"_s, u"/users/*"_s}));
        QCOMPARE(m_edited->size(), 3);

        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(paths(lastEdit()), (QStringList{u"*"_s, u"/users/*"_s}));
        QCOMPARE(selectedRows(), QList<int>{1}); // the next one, for removing several
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_Delete);
        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(lastEdit().rules.size(), 0);
        QVERIFY(!remove->isEnabled());
        QCOMPARE(m_edited->size(), 6);
        // The latency and the rate limit are still on.
        QVERIFY(lastEdit().isActive());
    }

    void importReplacesThePlan()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"class-3.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(FaultPlanJson::toBytes(busyPlan()));
        file.close();

        QVERIFY(m_panel->importFrom(path));

        QCOMPARE(m_edited->size(), 1);
        QCOMPARE(lastEdit(), busyPlan());
        QCOMPARE(m_panel->plan(), busyPlan());
        QCOMPARE(m_panel->ruleModel()->rowCount(), 3);
        QVERIFY(!m_panel->findChild<QMessageBox *>());
    }

    void aBadFileIsReportedAndChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::newRow("not JSON") << QByteArray("{ \"latency\": ");
        QTest::newRow("out of range")
            << QByteArray(R"({"rules": [{"action": {"type": "status", "status": 200}}]})");
        QTest::newRow("an array") << QByteArray("[]");
    }

    void aBadFileIsReportedAndChangesNothing()
    {
        QFETCH(QByteArray, contents);
        m_panel->setPlan(busyPlan());
        QTemporaryDir dir;
        const QString path = dir.filePath(u"broken.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
        file.close();
        const QString error = FaultPlanJson::fromBytes(contents).error;
        QVERIFY(!error.isEmpty());

        QVERIFY(!m_panel->importFrom(path));

        QCOMPARE(m_edited->size(), 0);
        QCOMPARE(m_panel->plan(), busyPlan());
        QPointer<QMessageBox> box = m_panel->findChild<QMessageBox *>(u"importErrorBox"_s);
        QMessageBox *shown = box.data(); // a plain pointer: GCC cannot follow QPointer's checks
        QVERIFY(shown);
        QTRY_VERIFY(shown->isVisible());
        QVERIFY(box->text().contains(u"broken.json"_s));
        QCOMPARE(box->informativeText(), error);
        QCOMPARE(box->icon(), QMessageBox::Warning);
        box->close();
        QTRY_VERIFY(!box);
    }

    void aMissingFileIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(!m_panel->importFrom(dir.filePath(u"nowhere.json"_s)));
        auto *box = m_panel->findChild<QMessageBox *>(u"importErrorBox"_s);
        QVERIFY(box);
        QVERIFY(box->informativeText().startsWith(u"The file cannot be read: "_s));
        QCOMPARE(m_edited->size(), 0);
    }

    void exportWritesWhatImportReads()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"faults.json"_s);
        FaultPlan plan = busyPlan();
        plan.seed = 4294967295u;
        plan.rules[1].method = "OPTIONS";
        m_panel->setPlan(plan);

        QVERIFY(m_panel->exportTo(path));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const FaultPlanJson::Parsed parsed = FaultPlanJson::fromBytes(file.readAll());
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.plan, plan);
        QCOMPARE(FaultPlanFile::importPlan(path).plan, plan);
        QVERIFY(!m_panel->findChild<QMessageBox *>());
        QCOMPARE(m_edited->size(), 0);

        // Over an existing file, whole.
        m_panel->setPlan(FaultPlan());
        QVERIFY(m_panel->exportTo(path));
        QCOMPARE(FaultPlanFile::importPlan(path).plan, FaultPlan());
    }

    void exportErrorsAreShown()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"no-such-folder/faults.json"_s);

        QVERIFY(!m_panel->exportTo(path));

        auto *box = m_panel->findChild<QMessageBox *>(u"exportErrorBox"_s);
        QVERIFY(box);
        QVERIFY(box->text().contains(u"faults.json"_s));
        QVERIFY(box->informativeText().startsWith(u"The file cannot be written: "_s));
        QVERIFY(!QFile::exists(path));
    }

    void controlApiShowsItsKeyAndHowToUseIt()
    {
        QSignalSpy toggled(m_panel.get(), &FaultPanel::controlApiToggled);
        auto *allow = child<QCheckBox>(u"controlCheckBox"_s);
        auto *key = child<QLineEdit>(u"controlKeyEdit"_s);
        QVERIFY(!allow->isChecked());
        QVERIFY(!key->isEnabled());

        m_panel->setControlApi(true, u"k3y-0123"_s, u"http://127.0.0.1:5000/"_s);

        QCOMPARE(toggled.size(), 0);
        QVERIFY(allow->isChecked());
        QVERIFY(key->isEnabled());
        QVERIFY(key->isReadOnly());
        QCOMPARE(key->text(), u"k3y-0123"_s);
        QCOMPARE(key->echoMode(), QLineEdit::Password); // not on the projector
        auto *hint = child<QLabel>(u"controlHintLabel"_s);
        QCOMPARE(hint->text(), u"curl -H \"X-Dojo-Key: $APIDOJO_CONTROL_KEY\" "
                               u"http://127.0.0.1:5000/_dojo/faults"_s);
        QVERIFY(hint->textInteractionFlags() & Qt::TextSelectableByMouse);
        QVERIFY(hint->isEnabled());

        QTest::mouseClick(child<QPushButton>(u"copyKeyButton"_s), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"k3y-0123"_s);

        QSignalSpy newKey(m_panel.get(), &FaultPanel::controlKeyRegenerationRequested);
        QTest::mouseClick(child<QPushButton>(u"newKeyButton"_s), Qt::LeftButton);
        QCOMPARE(newKey.size(), 1);

        allow->click();
        QCOMPARE(toggled.size(), 1);
        QCOMPARE(toggled[0][0].toBool(), false);
        QVERIFY(!key->isEnabled());
        QVERIFY(!hint->isEnabled());
        QVERIFY(!child<QPushButton>(u"newKeyButton"_s)->isEnabled());
        allow->click();
        QCOMPARE(toggled.size(), 2);
        QCOMPARE(toggled[1][0].toBool(), true);
        QCOMPARE(m_edited->size(), 0);
    }

    void followsTheZoom()
    {
        m_panel->setPlan(busyPlan());
        auto *summary = child<QLabel>(u"summaryLabel"_s);
        const int rowHeight = view()->rowHeight(0);
        const qreal summarySize = QFontInfo(summary->font()).pointSizeF();
        QFont large = m_panel->font();
        large.setPointSizeF(large.pointSizeF() * 2.5);

        m_panel->setFont(large);

        QVERIFY(view()->rowHeight(0) > 2 * rowHeight);
        QVERIFY(QFontInfo(summary->font()).pointSizeF() > 2 * summarySize);
        QVERIFY(summary->font().bold());
    }

    // A projector theme chosen while faults are on: the banner and the button take its colours.
    void summaryAndAllOffButtonFollowTheTheme()
    {
        m_panel->setPlan(busyPlan());
        auto *summary = child<QLabel>(u"summaryLabel"_s);
        auto *allOff = child<QPushButton>(u"allOffButton"_s);

        Theme::apply(Theme::Id::ProjectorDark);

        QTRY_COMPARE(summary->palette().color(QPalette::WindowText), GuiStyle::faultColor());
        QTRY_COMPARE(summary->palette().color(QPalette::Window), GuiStyle::faultBackgroundColor());
        QTRY_COMPARE(allOff->palette().color(QPalette::Active, QPalette::ButtonText),
                     GuiStyle::faultColor());
        m_panel->setPlan(FaultPlan());
        QCOMPARE(summary->palette().color(QPalette::WindowText), GuiStyle::statusColor(200));
        Theme::apply(Theme::Id::Standard);
        QTRY_COMPARE(summary->palette().color(QPalette::WindowText), GuiStyle::statusColor(200));
        QTRY_COMPARE(allOff->palette().color(QPalette::Active, QPalette::ButtonText),
                     GuiStyle::faultColor());
    }

    // Latency and rate limit, a few lines, come first in a short, narrow tab (a large zoom);
    // the rules follow in the same scrolling page.
    void stacksTheSettingsAboveTheRulesWhenNarrow()
    {
        auto *columns = m_panel->findChild<QBoxLayout *>(u"columnsLayout"_s);
        QVERIFY(columns);
        m_panel->resize(1600, 300);
        QTRY_COMPARE(columns->direction(), QBoxLayout::LeftToRight);

        m_panel->resize(520, 300);
        QTRY_COMPARE(columns->direction(), QBoxLayout::BottomToTop);
        auto *settings = child<QGroupBox>(u"settingsGroup"_s);
        auto *rules = child<QGroupBox>(u"rulesGroup"_s);
        QTRY_VERIFY(settings->geometry().bottom() < rules->geometry().top());
        // Nothing needs a sideways scroll.
        auto *scrollArea = m_panel->findChild<QScrollArea *>(u"scrollArea"_s);
        QTRY_VERIFY(!scrollArea->horizontalScrollBar()->isVisible() ||
                    scrollArea->horizontalScrollBar()->maximum() == 0);

        m_panel->resize(1600, 300);
        QTRY_COMPARE(columns->direction(), QBoxLayout::LeftToRight);
    }

private:
    template<typename Widget>
    Widget *child(const QString &name) const
    {
        auto *widget = m_panel->findChild<Widget *>(name);
        if (!widget)
            qFatal("no widget %s", qPrintable(name));
        return widget;
    }

    QTableView *view() const { return m_panel->rulesView(); }

    FaultPlan lastEdit() const
    {
        if (m_edited->isEmpty())
            qFatal("no planEdited");
        return m_edited->last().first().value<FaultPlan>();
    }

    QList<int> selectedRows() const
    {
        QList<int> rows;
        const QModelIndexList selected = view()->selectionModel()->selectedRows();
        for (const QModelIndex &index : selected)
            rows.append(index.row());
        return rows;
    }

    Qt::CheckState checkState(int row) const
    {
        return Qt::CheckState(m_panel->ruleModel()
                                  ->index(row, FaultRuleModel::OnColumn)
                                  .data(Qt::CheckStateRole)
                                  .toInt());
    }

    // Where the style draws the cell's checkbox, as the delegate finds it.
    QPoint checkboxCentre(const QModelIndex &index) const
    {
        QStyleOptionViewItem option;
        option.initFrom(view()->viewport());
        option.rect = view()->visualRect(index);
        option.features |= QStyleOptionViewItem::HasCheckIndicator;
        option.checkState = checkState(index.row());
        option.font = view()->font();
        option.fontMetrics = view()->fontMetrics();
        return view()
            ->style()
            ->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, view())
            .center();
    }

    static QStringList paths(const FaultPlan &plan)
    {
        QStringList result;
        for (const FaultRule &rule : plan.rules)
            result.append(rule.path);
        return result;
    }

    static QPushButton *okButton(QDialog *dialog)
    {
        return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

    std::unique_ptr<FaultPanel> m_panel;
    std::unique_ptr<QSignalSpy> m_edited;
};

QTEST_MAIN(TestFaultPanel)
#include "tst_faultpanel.moc"
