#pragma once

#include "faultplan.h"

#include <QAbstractTableModel>
#include <QList>

// The fault plan's rules as a table, top to bottom in the order they are checked. The panel
// changes the rows through the row operations; the view changes only the On column (a
// checkbox), which the panel hears of through rulesEdited().
class FaultRuleModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { OnColumn, MethodColumn, PathColumn, ActionColumn, TriggerColumn, ColumnCount };

    explicit FaultRuleModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Only Qt::CheckStateRole of the On column: switches the rule and emits rulesEdited().
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    const QList<FaultRule> &rules() const { return m_rules; }
    const FaultRule &rule(int row) const { return m_rules.at(row); }

    // The same number of rules only updates the cells, so that the view keeps its selection.
    void setRules(const QList<FaultRule> &rules);
    int addRule(const FaultRule &rule); // appended; returns its row
    void replaceRule(int row, const FaultRule &rule);
    void removeRule(int row);
    // Swap with the neighbour; false at the edge.
    bool moveRuleUp(int row);
    bool moveRuleDown(int row);

    // "Any" for a rule without a method.
    static QString methodText(const QByteArray &method);

signals:
    // The trainer switched a rule on or off in the view.
    void rulesEdited();

private:
    bool isValidRow(int row) const { return row >= 0 && row < m_rules.size(); }

    QList<FaultRule> m_rules;
};
