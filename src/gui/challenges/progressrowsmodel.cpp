#include "progressrowsmodel.h"

#include <QSet>
#include <algorithm>

ProgressRowsModel::ProgressRowsModel(QList<Challenge> challenges, QObject *parent)
    : QAbstractTableModel(parent)
    , m_challenges(std::move(challenges))
{
    for (int i = 0; i < m_challenges.size(); ++i)
        m_challengeIndex.insert(m_challenges.at(i).id, i);
}

QString ProgressRowsModel::instanceName(const QString &sandbox)
{
    return sandbox.isEmpty() ? tr("Class API") : sandbox;
}

const ChallengeProgress &ProgressRowsModel::progressAt(int row) const
{
    Q_ASSERT(row >= 0 && size_t(row) < m_rows.size());
    return m_rows[size_t(row)];
}

int ProgressRowsModel::doneCount(const ChallengeProgress &progress) const
{
    int count = 0;
    for (auto it = progress.done.cbegin(); it != progress.done.cend(); ++it)
        count += m_challengeIndex.contains(it.key()) ? 1 : 0;
    return count;
}

void ProgressRowsModel::setProgress(const QList<ChallengeProgress> &progress)
{
    removeGone(progress);
    // One dataChanged over the rows and columns that changed, so that a sorting proxy re-sorts
    // once per snapshot, not once per student.
    int firstRow = -1;
    int lastRow = -1;
    int firstColumn = columnCount();
    int lastColumn = -1;
    std::vector<ChallengeProgress> added;
    for (const ChallengeProgress &instance : progress) {
        const int row = rowOf(instance.sandbox);
        if (row < 0) {
            if (std::none_of(added.cbegin(), added.cend(), [&](const ChallengeProgress &a) {
                    return a.sandbox == instance.sandbox;
                }))
                added.push_back(instance);
            continue;
        }
        ChallengeProgress &stored = m_rows[size_t(row)];
        const auto [first, last] = changedColumns(stored, instance);
        stored = instance;
        if (first < 0)
            continue;
        firstRow = firstRow < 0 ? row : qMin(firstRow, row);
        lastRow = qMax(lastRow, row);
        firstColumn = qMin(firstColumn, first);
        lastColumn = qMax(lastColumn, last);
    }
    if (firstRow >= 0)
        emit dataChanged(index(firstRow, firstColumn), index(lastRow, lastColumn));
    append(std::move(added));
    rowsUpdated();
}

void ProgressRowsModel::applyProgress(const ChallengeProgress &progress)
{
    const int row = rowOf(progress.sandbox);
    if (row < 0) {
        append({progress});
    } else {
        ChallengeProgress &stored = m_rows[size_t(row)];
        const auto [first, last] = changedColumns(stored, progress);
        stored = progress;
        if (first >= 0)
            emit dataChanged(index(row, first), index(row, last));
    }
    rowsUpdated();
}

void ProgressRowsModel::append(std::vector<ChallengeProgress> added)
{
    if (added.empty())
        return;
    const int first = instanceCount();
    beginInsertRows({}, first, first + int(added.size()) - 1);
    for (ChallengeProgress &instance : added) {
        m_rowBySandbox.insert(instance.sandbox, instanceCount());
        m_rows.push_back(std::move(instance));
    }
    endInsertRows();
}

// Gone rows leave in runs of neighbours, from the bottom up so that the rows above keep their
// numbers while the runs below go.
void ProgressRowsModel::removeGone(const QList<ChallengeProgress> &progress)
{
    QSet<QString> kept;
    kept.reserve(progress.size());
    for (const ChallengeProgress &instance : progress)
        kept.insert(instance.sandbox);
    const auto gone = [&](int row) {
        return !kept.contains(m_rows[size_t(row)].sandbox);
    };
    bool removed = false;
    for (int row = instanceCount() - 1; row >= 0; --row) {
        if (!gone(row))
            continue;
        const int last = row;
        while (row > 0 && gone(row - 1))
            --row;
        beginRemoveRows({}, row, last);
        m_rows.erase(m_rows.begin() + row, m_rows.begin() + last + 1);
        endRemoveRows();
        removed = true;
    }
    if (!removed)
        return;
    m_rowBySandbox.clear();
    for (int i = 0; i < instanceCount(); ++i)
        m_rowBySandbox.insert(m_rows[size_t(i)].sandbox, i);
}
