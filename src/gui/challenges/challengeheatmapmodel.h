#pragma once

#include "progressrowsmodel.h"

// Students × challenges: one row per instance, one column per challenge of the catalogue, each
// cell done or not. A column's header gives its number and how many instances have done it, so
// that the trainer sees, whatever the scroll, which challenge the class is stuck on: the least
// done ones stand out.
class ChallengeHeatMapModel : public ProgressRowsModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChallengeHeatMapModel)

public:
    enum Role {
        DoneRole = Qt::UserRole + 1, // a cell: bool
        SandboxRole,                 // a cell: its row's sandbox ("" for the class API)
        CountRole,                   // a column's header: how many have done it
        StuckRole,                   // a column's header: it is among the least done
    };

    explicit ChallengeHeatMapModel(QList<Challenge> challenges, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // How many instances have done the challenge in this column.
    int doneBy(int column) const;
    // Done by fewer than the others (and not by everyone).
    bool isStuck(int column) const;
    // "9 of 30 done".
    static QString countText(int done, int instances);

protected:
    std::pair<int, int> changedColumns(const ChallengeProgress &before,
                                       const ChallengeProgress &after) const override;
    void rowsUpdated() override;

private:
    QVariant columnHeaderData(int column, int role) const;

    std::vector<int> m_doneBy; // by column
    int m_leastDone = 0;
};
