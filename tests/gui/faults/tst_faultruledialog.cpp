#include "faultruledialog.h"
#include "pathpattern.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr FaultAction::Kind ActionKinds[] = {FaultAction::Kind::Status,
                                             FaultAction::Kind::Latency,
                                             FaultAction::Kind::Drop,
                                             FaultAction::Kind::Reset,
                                             FaultAction::Kind::MalformedBody,
                                             FaultAction::Kind::EmptyBody,
                                             FaultAction::Kind::WrongContentType,
                                             FaultAction::Kind::SlowBody};
constexpr FaultTrigger::Kind TriggerKinds[] = {
    FaultTrigger::Kind::Always, FaultTrigger::Kind::Probability, FaultTrigger::Kind::NextN,
    FaultTrigger::Kind::EveryNth};

// Every parameter away from its default, so that a field that is not read back shows.
FaultRule unusualRule(FaultAction::Kind action, FaultTrigger::Kind trigger)
{
    FaultRule rule;
    rule.enabled = false;
    rule.method = "PATCH";
    rule.path = u"/users/**"_s;
    rule.action.kind = action;
    rule.action.status = 418;
    rule.action.latencyMs = 1234;
    rule.action.durationMs = 7000;
    rule.trigger.kind = trigger;
    rule.trigger.percent = 35;
    rule.trigger.count = 7;
    return rule;
}

} // namespace

// The rule dialog with real widgets: every kind round-trips, parameters show for the kinds that
// use them, and OK waits for a usable rule.
class TestFaultRuleDialog : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dialog = std::make_unique<FaultRuleDialog>(FaultRuleDialog::Purpose::Edit);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    void cleanup() { m_dialog.reset(); }

    void startsWithTheDefaultRule()
    {
        QCOMPARE(m_dialog->rule(), FaultRule());
        QVERIFY(okButton()->isEnabled());
        QCOMPARE(m_dialog->windowTitle(), u"Edit rule"_s);
        QVERIFY(!child<QLabel>(u"problemLabel"_s)->isVisible());
        QCOMPARE(child<QLabel>(u"previewLabel"_s)->text(),
                 u"any request: 503 Service Unavailable, every request"_s);
    }

    void addingSaysSo()
    {
        FaultRuleDialog dialog(FaultRuleDialog::Purpose::Add);
        QCOMPARE(dialog.windowTitle(), u"Add rule"_s);
        QCOMPARE(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->text(),
                 u"Add"_s);
    }

    void roundTrip_data()
    {
        QTest::addColumn<FaultRule>("rule");
        for (const FaultAction::Kind action : ActionKinds) {
            for (const FaultTrigger::Kind trigger : TriggerKinds) {
                const QByteArray name =
                    QByteArray::number(int(action)) + '/' + QByteArray::number(int(trigger));
                QTest::newRow(name.constData()) << unusualRule(action, trigger);
            }
        }
        FaultRule anyMethod = unusualRule(FaultAction::Kind::Status, FaultTrigger::Kind::Always);
        anyMethod.method.clear();
        anyMethod.enabled = true;
        anyMethod.action.status = 599; // no reason phrase
        QTest::newRow("any method, 599") << anyMethod;
        FaultRule unusualMethod = anyMethod;
        unusualMethod.method = "TRACE"; // from an imported file
        QTest::newRow("unusual method") << unusualMethod;
        FaultRule limits = anyMethod;
        limits.action.latencyMs = LatencyFault::MaxMs;
        limits.action.durationMs = FaultAction::MaxDurationMs;
        limits.trigger.count = FaultTrigger::MaxCount;
        limits.trigger.percent = 100;
        QTest::newRow("limits") << limits;
    }

    void roundTrip()
    {
        QFETCH(FaultRule, rule);

        m_dialog->setRule(rule);

        QCOMPARE(m_dialog->rule(), rule);
        QVERIFY(okButton()->isEnabled());
        QSignalSpy accepted(m_dialog.get(), &FaultRuleDialog::ruleAccepted);
        QTest::mouseClick(okButton(), Qt::LeftButton);
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(accepted[0][0].value<FaultRule>(), rule);
        QVERIFY(!m_dialog->isVisible());
    }

    void fieldsBuildTheRule()
    {
        QSignalSpy accepted(m_dialog.get(), &FaultRuleDialog::ruleAccepted);

        child<QCheckBox>(u"enabledCheckBox"_s)->click();
        child<QComboBox>(u"methodComboBox"_s)->setCurrentText(u"DELETE"_s);
        QLineEdit *path = child<QLineEdit>(u"pathEdit"_s);
        path->selectAll();
        QTest::keyClicks(path, u"/users/*"_s);
        child<QComboBox>(u"actionComboBox"_s)->setCurrentText(u"Add latency"_s);
        child<QSpinBox>(u"latencySpinBox"_s)->setValue(250);
        child<QComboBox>(u"triggerComboBox"_s)->setCurrentText(u"Every Nth request"_s);
        child<QSpinBox>(u"countSpinBox"_s)->setValue(4);
        QCOMPARE(child<QLabel>(u"previewLabel"_s)->text(),
                 u"DELETE /users/*: +250 ms latency, every 4th request"_s);
        QTest::mouseClick(okButton(), Qt::LeftButton);

        QCOMPARE(accepted.size(), 1);
        const FaultRule rule = accepted[0][0].value<FaultRule>();
        QVERIFY(!rule.enabled);
        QCOMPARE(rule.method, QByteArray("DELETE"));
        QCOMPARE(rule.path, u"/users/*"_s);
        QCOMPARE(rule.action.kind, FaultAction::Kind::Latency);
        QCOMPARE(rule.action.latencyMs, 250);
        QCOMPARE(rule.trigger.kind, FaultTrigger::Kind::EveryNth);
        QCOMPARE(rule.trigger.count, 4);
    }

    void everyChoiceIsOffered()
    {
        QCOMPARE(items(u"methodComboBox"_s),
                 (QStringList{u"Any"_s, u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s,
                              u"HEAD"_s, u"OPTIONS"_s}));
        QCOMPARE(items(u"actionComboBox"_s),
                 (QStringList{u"Respond with an error status"_s, u"Add latency"_s,
                              u"Drop the connection"_s, u"Reset mid-response"_s,
                              u"Truncated JSON body"_s, u"Empty body"_s, u"Wrong Content-Type"_s,
                              u"Slow body"_s}));
        QCOMPARE(items(u"triggerComboBox"_s),
                 (QStringList{u"Always"_s, u"Probability %"_s, u"Next N requests"_s,
                              u"Every Nth request"_s}));
        const QStringList statuses = items(u"statusComboBox"_s);
        QCOMPARE(statuses.first(), u"500 Internal Server Error"_s);
        for (const QString &status :
             {u"502 Bad Gateway"_s, u"503 Service Unavailable"_s, u"504 Gateway Timeout"_s,
              u"429 Too Many Requests"_s, u"400 Bad Request"_s, u"401 Unauthorized"_s,
              u"403 Forbidden"_s, u"404 Not Found"_s, u"408 Request Timeout"_s, u"409 Conflict"_s})
            QVERIFY2(statuses.contains(status), qPrintable(status));
        // The limits of faultplan.h.
        QCOMPARE(child<QSpinBox>(u"latencySpinBox"_s)->minimum(), 1);
        QCOMPARE(child<QSpinBox>(u"latencySpinBox"_s)->maximum(), LatencyFault::MaxMs);
        QCOMPARE(child<QSpinBox>(u"durationSpinBox"_s)->maximum(), FaultAction::MaxDurationMs);
        QCOMPARE(child<QSpinBox>(u"percentSpinBox"_s)->minimum(), 0);
        QCOMPARE(child<QSpinBox>(u"percentSpinBox"_s)->maximum(), 100);
        QCOMPARE(child<QSpinBox>(u"countSpinBox"_s)->minimum(), 1);
        QCOMPARE(child<QSpinBox>(u"countSpinBox"_s)->maximum(), FaultTrigger::MaxCount);
    }

    void parametersShowForTheKindsThatUseThem()
    {
        for (const FaultAction::Kind action : ActionKinds) {
            m_dialog->setRule(unusualRule(action, FaultTrigger::Kind::Always));
            QCOMPARE(shown(u"statusComboBox"_s), action == FaultAction::Kind::Status);
            QCOMPARE(shown(u"statusLabel"_s), action == FaultAction::Kind::Status);
            QCOMPARE(shown(u"latencySpinBox"_s), action == FaultAction::Kind::Latency);
            QCOMPARE(shown(u"durationSpinBox"_s), action == FaultAction::Kind::SlowBody);
            QVERIFY(!child<QLabel>(u"actionHintLabel"_s)->text().isEmpty());
        }
        for (const FaultTrigger::Kind trigger : TriggerKinds) {
            m_dialog->setRule(unusualRule(FaultAction::Kind::Drop, trigger));
            QCOMPARE(shown(u"percentSpinBox"_s), trigger == FaultTrigger::Kind::Probability);
            QCOMPARE(shown(u"countSpinBox"_s), trigger == FaultTrigger::Kind::NextN ||
                                                   trigger == FaultTrigger::Kind::EveryNth);
        }
        // Changing the kind in the form shows its parameter at once.
        child<QComboBox>(u"actionComboBox"_s)->setCurrentText(u"Slow body"_s);
        QVERIFY(shown(u"durationSpinBox"_s));
        QVERIFY(!shown(u"statusComboBox"_s));
    }

    void invalidPathDisablesOkWithTheReason()
    {
        QLineEdit *path = child<QLineEdit>(u"pathEdit"_s);
        auto *problem = child<QLabel>(u"problemLabel"_s);
        QSignalSpy accepted(m_dialog.get(), &FaultRuleDialog::ruleAccepted);

        for (const QString &bad : {u"users"_s, u"/users/**/x"_s, u""_s, u"/a//b"_s}) {
            path->setText(bad);
            QVERIFY2(!okButton()->isEnabled(), qPrintable(bad));
            QVERIFY(problem->isVisible());
            QCOMPARE(problem->text(), PathPattern::problem(bad));
            QCOMPARE(m_dialog->problem(), PathPattern::problem(bad));
            QVERIFY(!child<QLabel>(u"previewLabel"_s)->isVisible());
        }
        // Return in the field does not get past it either.
        QTest::keyClick(path, Qt::Key_Return);
        m_dialog->accept();
        QCOMPARE(accepted.size(), 0);
        QVERIFY(m_dialog->isVisible());

        path->clear();
        QTest::keyClicks(path, u"/users/**"_s);
        QVERIFY(okButton()->isEnabled());
        QVERIFY(!problem->isVisible());
        QVERIFY(m_dialog->problem().isEmpty());
    }

    void anyStatusFrom400To599CanBeTyped()
    {
        auto *status = child<QComboBox>(u"statusComboBox"_s);
        QVERIFY(status->isEditable());
        QLineEdit *edit = status->lineEdit();

        edit->clear();
        QTest::keyClicks(edit, u"418"_s);
        QCOMPARE(m_dialog->rule().action.status, 418);
        QVERIFY(okButton()->isEnabled());
        // Leaving the field names the status, like the choices in the list.
        emit edit->editingFinished();
        QCOMPARE(status->currentText(), u"418 I'm a teapot"_s);

        edit->clear();
        QTest::keyClicks(edit, u"200"_s);
        QVERIFY(!okButton()->isEnabled());
        QCOMPARE(child<QLabel>(u"problemLabel"_s)->text(),
                 u"The status must be a number from 400 to 599."_s);
        // Only the Status action uses it.
        child<QComboBox>(u"actionComboBox"_s)->setCurrentText(u"Drop the connection"_s);
        QVERIFY(okButton()->isEnabled());
        QCOMPARE(m_dialog->rule().action.status, 503); // the last usable one
        child<QComboBox>(u"actionComboBox"_s)->setCurrentText(u"Respond with an error status"_s);
        QVERIFY(!okButton()->isEnabled());

        status->setCurrentIndex(status->findText(u"429 Too Many Requests"_s));
        QVERIFY(okButton()->isEnabled());
        QCOMPARE(m_dialog->rule().action.status, 429);
    }

    void statusTexts()
    {
        QCOMPARE(FaultRuleDialog::statusText(503), u"503 Service Unavailable"_s);
        QCOMPARE(FaultRuleDialog::statusText(599), u"599"_s);
        QCOMPARE(FaultRuleDialog::statusOf(u"503 Service Unavailable"_s), 503);
        QCOMPARE(FaultRuleDialog::statusOf(u" 599"_s), 599);
        QCOMPARE(FaultRuleDialog::statusOf(u"400"_s), 400);
        QCOMPARE(FaultRuleDialog::statusOf(u"399"_s), 0);
        QCOMPARE(FaultRuleDialog::statusOf(u"600"_s), 0);
        QCOMPARE(FaultRuleDialog::statusOf(u"5000"_s), 0);
        QCOMPARE(FaultRuleDialog::statusOf(u"50"_s), 0);
        QCOMPARE(FaultRuleDialog::statusOf(u"Bad Gateway"_s), 0);
    }

private:
    template<typename Widget>
    Widget *child(const QString &name) const
    {
        auto *widget = m_dialog->findChild<Widget *>(name);
        if (!widget)
            qFatal("no widget %s", qPrintable(name));
        return widget;
    }

    QPushButton *okButton() const
    {
        return m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

    bool shown(const QString &name) const
    {
        return child<QWidget>(name)->isVisibleTo(m_dialog.get());
    }

    QStringList items(const QString &comboBoxName) const
    {
        const auto *comboBox = child<QComboBox>(comboBoxName);
        QStringList texts;
        for (int i = 0; i < comboBox->count(); ++i)
            texts.append(comboBox->itemText(i));
        return texts;
    }

    std::unique_ptr<FaultRuleDialog> m_dialog;
};

QTEST_MAIN(TestFaultRuleDialog)
#include "tst_faultruledialog.moc"
