#pragma once

#include "challenges/challenge.h"
#include "challenges/challengeprogress.h"

#include <QAbstractTableModel>
#include <QHash>
#include <utility>
#include <vector>

// A table with one row per API instance and its challenge progress, kept in the order the
// instances first appeared (a view sorts through a proxy). A snapshot or one instance's change
// updates the rows in place, inserts the new instances and removes the gone ones, never a reset,
// so that a view keeps its selection and sort while the class works.
class ProgressRowsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressRowsModel)

public:
    explicit ProgressRowsModel(QList<Challenge> challenges, QObject *parent = nullptr);

    // Every instance there is, with its progress now: the others leave.
    void setProgress(const QList<ChallengeProgress> &progress);
    // One instance's progress changed (or it is new).
    void applyProgress(const ChallengeProgress &progress);

    const QList<Challenge> &challenges() const { return m_challenges; }
    int challengeIndex(const QString &id) const { return m_challengeIndex.value(id, -1); }
    int instanceCount() const { return int(m_rows.size()); }
    const ChallengeProgress &progressAt(int row) const;
    int rowOf(const QString &sandbox) const { return m_rowBySandbox.value(sandbox, -1); }
    // The challenges of the catalogue an instance has done (ids the catalogue lacks do not count).
    int doneCount(const ChallengeProgress &progress) const;

    // "Class API" for the shared instance, else the sandbox's name.
    static QString instanceName(const QString &sandbox);

protected:
    // The first and last column whose cells differ between two states of a row (-1: none).
    virtual std::pair<int, int> changedColumns(const ChallengeProgress &before,
                                               const ChallengeProgress &after) const = 0;
    // After any change of the rows, for what depends on all of them.
    virtual void rowsUpdated() {}

private:
    void removeGone(const QList<ChallengeProgress> &progress);
    void append(std::vector<ChallengeProgress> added);

    QList<Challenge> m_challenges;
    QHash<QString, int> m_challengeIndex;
    std::vector<ChallengeProgress> m_rows;
    QHash<QString, int> m_rowBySandbox;
};
