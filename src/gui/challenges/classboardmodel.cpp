#include "classboardmodel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

ClassBoardModel::ClassBoardModel(QList<Challenge> challenges, QObject *parent)
    : ProgressRowsModel(std::move(challenges), parent)
{}

int ClassBoardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : instanceCount();
}

int ClassBoardModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ClassBoardModel::doneText(int done, int total)
{
    const QLocale locale;
    return tr("%1 / %2").arg(locale.toString(done), locale.toString(total));
}

const Challenge *ClassBoardModel::latestDone(const ChallengeProgress &progress) const
{
    int latest = -1;
    QDateTime latestAt;
    for (auto it = progress.done.cbegin(); it != progress.done.cend(); ++it) {
        const int index = challengeIndex(it.key());
        if (index < 0)
            continue;
        if (latest < 0 || it.value() > latestAt || (it.value() == latestAt && index > latest)) {
            latest = index;
            latestAt = it.value();
        }
    }
    return latest < 0 ? nullptr : &challenges().at(latest);
}

QVariant ClassBoardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChallengeProgress &progress = progressAt(index.row());
    const Challenge *latest = index.column() >= LatestColumn ? latestDone(progress) : nullptr;
    const QDateTime latestAt = latest ? progress.done.value(latest->id) : QDateTime();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StudentColumn:
            return instanceName(progress.sandbox);
        case DoneColumn:
            return doneText(doneCount(progress), int(challenges().size()));
        case LatestColumn:
            return latest ? latest->title : QString();
        case WhenColumn:
            return latest ? QLocale().toString(latestAt.toLocalTime().time(), QLocale::ShortFormat)
                          : QString();
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case StudentColumn:
            return instanceName(progress.sandbox);
        case DoneColumn:
            return doneCount(progress);
        case LatestColumn:
            return latest ? latest->title : QString();
        case WhenColumn:
            return latestAt;
        }
        return {};
    case SandboxRole:
        return progress.sandbox;
    case FractionRole:
        return challenges().isEmpty() ? 0.0
                                      : qreal(doneCount(progress)) / qreal(challenges().size());
    case Qt::ToolTipRole:
        if (index.column() == LatestColumn && latest)
            return u"%1\n%2"_s.arg(latest->title, latest->teaches);
        if (index.column() == WhenColumn && latest)
            return QLocale().toString(latestAt.toLocalTime(), QLocale::LongFormat);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == DoneColumn || index.column() == WhenColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant ClassBoardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && section == DoneColumn)
        return tr("Challenges done, of the %1 there are").arg(challenges().size());
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StudentColumn:
        return tr("Student");
    case DoneColumn:
        return tr("Done");
    case LatestColumn:
        return tr("Latest");
    case WhenColumn:
        return tr("When");
    }
    return {};
}

std::pair<int, int> ClassBoardModel::changedColumns(const ChallengeProgress &before,
                                                    const ChallengeProgress &after) const
{
    // Every column but the name comes from the done challenges.
    if (before.done == after.done)
        return {-1, -1};
    return {DoneColumn, WhenColumn};
}
