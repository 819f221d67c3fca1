#include "challengeheatmapmodel.h"

#include "guistyle.h"

#include <QFont>
#include <QLocale>
#include <algorithm>

using namespace Qt::StringLiterals;

ChallengeHeatMapModel::ChallengeHeatMapModel(QList<Challenge> challenges, QObject *parent)
    : ProgressRowsModel(std::move(challenges), parent)
    , m_doneBy(size_t(this->challenges().size()), 0)
{}

int ChallengeHeatMapModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : instanceCount();
}

int ChallengeHeatMapModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(challenges().size());
}

int ChallengeHeatMapModel::doneBy(int column) const
{
    return m_doneBy.at(size_t(column));
}

QString ChallengeHeatMapModel::countText(int done, int instances)
{
    return tr("%1 of %2 done").arg(QLocale().toString(done), QLocale().toString(instances));
}

bool ChallengeHeatMapModel::isStuck(int column) const
{
    const int done = doneBy(column);
    return instanceCount() > 0 && done == m_leastDone && done < instanceCount();
}

QVariant ChallengeHeatMapModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChallengeProgress &progress = progressAt(index.row());
    const Challenge &challenge = challenges().at(index.column());
    const QDateTime doneAt = progress.done.value(challenge.id);
    switch (role) {
    case DoneRole:
        return doneAt.isValid();
    case SandboxRole:
        return progress.sandbox;
    case Qt::AccessibleTextRole:
        return doneAt.isValid() ? tr("done") : tr("not done");
    case Qt::ToolTipRole: {
        const QString who = instanceName(progress.sandbox);
        const QString state =
            doneAt.isValid()
                ? tr("%1: done at %2")
                      .arg(who, QLocale().toString(doneAt.toLocalTime(), QLocale::ShortFormat))
                : tr("%1: not done yet").arg(who);
        return u"%1\n%2"_s.arg(challenge.title, state);
    }
    }
    return {};
}

QVariant ChallengeHeatMapModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < columnCount() ? columnHeaderData(section, role)
                                                       : QVariant();
    if (section < 0 || section >= rowCount())
        return {};
    if (role == Qt::DisplayRole)
        return instanceName(progressAt(section).sandbox);
    return {};
}

QVariant ChallengeHeatMapModel::columnHeaderData(int column, int role) const
{
    const Challenge &challenge = challenges().at(column);
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        // 40-odd ids never fit across a projector: the number, and below it the count.
        return u"%1\n%2"_s.arg(locale.toString(column + 1), locale.toString(doneBy(column)));
    case Qt::ToolTipRole:
        return u"%1. %2 (%3)\n%4\n%5"_s.arg(locale.toString(column + 1), challenge.title,
                                            challenge.id, challenge.hint,
                                            countText(doneBy(column), instanceCount()));
    case CountRole:
        return doneBy(column);
    case StuckRole:
        return isStuck(column);
    case Qt::ForegroundRole:
        return isStuck(column) ? QVariant(GuiStyle::statusColor(500)) : QVariant();
    case Qt::FontRole:
        if (isStuck(column)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::UserRole:
        return challenge.id;
    }
    return {};
}

std::pair<int, int> ChallengeHeatMapModel::changedColumns(const ChallengeProgress &before,
                                                          const ChallengeProgress &after) const
{
    int first = -1;
    int last = -1;
    const auto note = [&](const QString &id) {
        const int column = challengeIndex(id);
        if (column < 0)
            return;
        first = first < 0 ? column : qMin(first, column);
        last = qMax(last, column);
    };
    for (auto it = after.done.cbegin(); it != after.done.cend(); ++it) {
        if (before.done.value(it.key()) != it.value())
            note(it.key());
    }
    for (auto it = before.done.cbegin(); it != before.done.cend(); ++it) {
        if (!after.done.contains(it.key()))
            note(it.key());
    }
    return {first, last};
}

void ChallengeHeatMapModel::rowsUpdated()
{
    std::fill(m_doneBy.begin(), m_doneBy.end(), 0);
    for (int row = 0; row < instanceCount(); ++row) {
        const ChallengeProgress &progress = progressAt(row);
        for (auto it = progress.done.cbegin(); it != progress.done.cend(); ++it) {
            const int column = challengeIndex(it.key());
            if (column >= 0)
                ++m_doneBy[size_t(column)];
        }
    }
    m_leastDone = m_doneBy.empty() ? 0 : *std::min_element(m_doneBy.cbegin(), m_doneBy.cend());
    if (columnCount() > 0)
        emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}
