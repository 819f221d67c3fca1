#include "faultrulemodel.h"
#include "guistyle.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QPalette>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

FaultRule makeRule(const QByteArray &method, const QString &path, int status, bool enabled = true)
{
    FaultRule rule = FaultRule::make(method, path, FaultAction::respondWith(status),
                                     FaultTrigger::probability(30));
    rule.enabled = enabled;
    return rule;
}

QList<FaultRule> threeRules()
{
    return {makeRule("POST", u"/users"_s, 503), makeRule({}, u"*"_s, 500, false),
            makeRule("GET", u"/users/*"_s, 404)};
}

QStringList paths(const QList<FaultRule> &rules)
{
    QStringList result;
    for (const FaultRule &rule : rules)
        result.append(rule.path);
    return result;
}

} // namespace

// The rules table on its own: what each column shows, the checkbox, and the row operations.
class TestFaultRuleModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<FaultRuleModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void showsEachRuleInItsColumns()
    {
        m_model->setRules(threeRules());

        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->columnCount(), 5);
        const QStringList titles{u"On"_s, u"Method"_s, u"Path"_s, u"Action"_s, u"Trigger"_s};
        for (int column = 0; column < titles.size(); ++column)
            QCOMPARE(m_model->headerData(column, Qt::Horizontal).toString(), titles[column]);

        QCOMPARE(cell(0, FaultRuleModel::MethodColumn), u"POST"_s);
        QCOMPARE(cell(0, FaultRuleModel::PathColumn), u"/users"_s);
        QCOMPARE(cell(0, FaultRuleModel::ActionColumn), u"503 Service Unavailable"_s);
        QCOMPARE(cell(0, FaultRuleModel::TriggerColumn), u"30 % of requests"_s);
        QCOMPARE(cell(1, FaultRuleModel::MethodColumn), u"Any"_s);
        QCOMPARE(cell(2, FaultRuleModel::ActionColumn), u"404 Not Found"_s);
        QVERIFY(cell(0, FaultRuleModel::OnColumn).isEmpty());
        // The whole rule in a sentence, wherever the pointer rests.
        QCOMPARE(m_model->index(0, FaultRuleModel::PathColumn).data(Qt::ToolTipRole).toString(),
                 describe(threeRules()[0]));
    }

    void onColumnIsACheckboxOfTheRule()
    {
        m_model->setRules(threeRules());

        QCOMPARE(checkState(0), Qt::Checked);
        QCOMPARE(checkState(1), Qt::Unchecked);
        QVERIFY(m_model->flags(m_model->index(0, FaultRuleModel::OnColumn)) &
                Qt::ItemIsUserCheckable);
        QVERIFY(m_model->flags(m_model->index(0, FaultRuleModel::OnColumn)) & Qt::ItemIsEnabled);
        for (int column = FaultRuleModel::MethodColumn; column < FaultRuleModel::ColumnCount;
             ++column) {
            const Qt::ItemFlags flags = m_model->flags(m_model->index(0, column));
            QVERIFY(!(flags & Qt::ItemIsUserCheckable));
            QVERIFY(!(flags & Qt::ItemIsEditable));
            QVERIFY(flags & Qt::ItemIsSelectable);
            QVERIFY(!m_model->index(0, column).data(Qt::CheckStateRole).isValid());
        }
    }

    void togglingTheCheckboxSwitchesTheRuleAndTellsThePanel()
    {
        m_model->setRules(threeRules());
        QSignalSpy edited(m_model.get(), &FaultRuleModel::rulesEdited);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        QVERIFY(m_model->setData(m_model->index(0, FaultRuleModel::OnColumn), Qt::Unchecked,
                                 Qt::CheckStateRole));

        QCOMPARE(edited.size(), 1);
        QVERIFY(!m_model->rule(0).enabled);
        QCOMPARE(checkState(0), Qt::Unchecked);
        // The whole row repaints: it turns grey.
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].toModelIndex(), m_model->index(0, 0));
        QCOMPARE(changed[0][1].toModelIndex(), m_model->index(0, FaultRuleModel::ColumnCount - 1));

        QVERIFY(m_model->setData(m_model->index(1, FaultRuleModel::OnColumn), Qt::Checked,
                                 Qt::CheckStateRole));
        QCOMPARE(edited.size(), 2);
        QVERIFY(m_model->rule(1).enabled);

        // The same state again is no edit.
        QVERIFY(m_model->setData(m_model->index(1, FaultRuleModel::OnColumn), Qt::Checked,
                                 Qt::CheckStateRole));
        QCOMPARE(edited.size(), 2);
    }

    void onlyTheCheckboxCanBeSet()
    {
        m_model->setRules(threeRules());
        QSignalSpy edited(m_model.get(), &FaultRuleModel::rulesEdited);

        QVERIFY(!m_model->setData(m_model->index(0, FaultRuleModel::PathColumn), u"/x"_s));
        QVERIFY(!m_model->setData(m_model->index(0, FaultRuleModel::OnColumn), false));
        QVERIFY(!m_model->setData(m_model->index(0, FaultRuleModel::MethodColumn), Qt::Unchecked,
                                  Qt::CheckStateRole));

        QCOMPARE(edited.size(), 0);
        QCOMPARE(m_model->rules(), threeRules());
    }

    void disabledRulesAreGreyed()
    {
        m_model->setRules(threeRules());
        const QColor grey = GuiStyle::inactiveColor();

        for (int column = 0; column < FaultRuleModel::ColumnCount; ++column) {
            QVERIFY(!m_model->index(0, column).data(Qt::ForegroundRole).isValid());
            QCOMPARE(m_model->index(1, column).data(Qt::ForegroundRole).value<QColor>(), grey);
        }
    }

    void rulesOfTheSameCountUpdateInPlace()
    {
        m_model->setRules(threeRules());
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QList<FaultRule> rules = threeRules();
        rules[2].path = u"/sessions"_s;

        m_model->setRules(rules);

        QCOMPARE(reset.size(), 0); // a view keeps its selection
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell(2, FaultRuleModel::PathColumn), u"/sessions"_s);

        m_model->setRules(rules);
        QCOMPARE(changed.size(), 1);

        m_model->setRules(rules.mid(1));
        QCOMPARE(reset.size(), 1);
        QCOMPARE(m_model->rowCount(), 2);
    }

    void addReplaceAndRemove()
    {
        m_model->setRules(threeRules());
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

        QCOMPARE(m_model->addRule(makeRule("DELETE", u"/users/**"_s, 409)), 3);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(cell(3, FaultRuleModel::MethodColumn), u"DELETE"_s);

        m_model->replaceRule(1, makeRule("PUT", u"/users/*"_s, 502));
        QCOMPARE(cell(1, FaultRuleModel::ActionColumn), u"502 Bad Gateway"_s);
        QCOMPARE(checkState(1), Qt::Checked);

        m_model->removeRule(0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(paths(m_model->rules()),
                 (QStringList{u"/users/*"_s, u"/users/*"_s, u"/users/**"_s}));
        QCOMPARE(m_model->rule(0).method, QByteArray("PUT"));

        // Rows that are not there are left alone.
        m_model->removeRule(3);
        m_model->removeRule(-1);
        m_model->replaceRule(7, makeRule({}, u"*"_s, 500));
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(removed.size(), 1);
    }

    void moveUpAndDown()
    {
        QList<FaultRule> rules = threeRules();
        rules[1].path = u"/second"_s;
        m_model->setRules(rules);
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        const QPersistentModelIndex second = m_model->index(1, FaultRuleModel::PathColumn);

        QVERIFY(m_model->moveRuleUp(1));
        QCOMPARE(paths(m_model->rules()), (QStringList{u"/second"_s, u"/users"_s, u"/users/*"_s}));
        QCOMPARE(second.row(), 0); // a selection follows its rule

        QVERIFY(!m_model->moveRuleUp(0));

        QVERIFY(m_model->moveRuleDown(0));
        QVERIFY(m_model->moveRuleDown(1));
        QCOMPARE(paths(m_model->rules()), (QStringList{u"/users"_s, u"/users/*"_s, u"/second"_s}));
        QCOMPARE(second.row(), 2);
        QCOMPARE(second.data().toString(), u"/second"_s);

        QVERIFY(!m_model->moveRuleDown(2));
        QVERIFY(!m_model->moveRuleDown(5));
        QCOMPARE(moved.size(), 3);
    }

private:
    QString cell(int row, int column) const
    {
        return m_model->index(row, column).data().toString();
    }

    Qt::CheckState checkState(int row) const
    {
        return Qt::CheckState(
            m_model->index(row, FaultRuleModel::OnColumn).data(Qt::CheckStateRole).toInt());
    }

    std::unique_ptr<FaultRuleModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestFaultRuleModel)
#include "tst_faultrulemodel.moc"
