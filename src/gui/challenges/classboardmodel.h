#pragma once

#include "progressrowsmodel.h"

// The class board: one row per instance with how many challenges it has done, the latest one
// and when. Sort through a proxy on SortRole: counts and times sort as such.
class ClassBoardModel : public ProgressRowsModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClassBoardModel)

public:
    enum Column { StudentColumn, DoneColumn, LatestColumn, WhenColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, // the typed value
        SandboxRole,                 // the instance's sandbox ("" for the class API), any column
        FractionRole,                // done / challenges, 0 to 1: the bar
    };

    explicit ClassBoardModel(QList<Challenge> challenges, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "17 / 42".
    static QString doneText(int done, int total);
    // The challenge done last (the catalogue's later one on a tie); null if none.
    const Challenge *latestDone(const ChallengeProgress &progress) const;

protected:
    std::pair<int, int> changedColumns(const ChallengeProgress &before,
                                       const ChallengeProgress &after) const override;
};
