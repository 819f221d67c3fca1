#include "classtablemodel.h"

#include "guistyle.h"

#include <QLocale>
#include <QSet>
#include <QTimerEvent>

using namespace Qt::StringLiterals;

namespace {

// Which columns differ between two states of a sandbox, as a first and last column (-1: none).
std::pair<int, int> changedColumns(const SandboxSummary &a, const SandboxSummary &b)
{
    const bool changed[ClassTableModel::ColumnCount] = {
        false, // a row keeps its name
        a.clientAddresses != b.clientAddresses,
        a.requests != b.requests,
        a.clientErrors != b.clientErrors,
        a.serverErrors != b.serverErrors,
        a.lastRequestAt != b.lastRequestAt,
        a.users != b.users,
    };
    int first = -1;
    int last = -1;
    for (int column = 0; column < ClassTableModel::ColumnCount; ++column) {
        if (changed[column]) {
            first = first < 0 ? column : first;
            last = column;
        }
    }
    return {first, last};
}

} // namespace

ClassTableModel::ClassTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(systemClock())
{}

int ClassTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ClassTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ClassTableModel::agoText(qint64 seconds)
{
    if (seconds < 1)
        return tr("just now");
    if (seconds < 60)
        return tr("%1 s ago").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min ago").arg(seconds / 60);
    if (seconds < 48 * 3600)
        return tr("%1 h ago").arg(seconds / 3600);
    return tr("%1 d ago").arg(seconds / 86400);
}

QVariant ClassTableModel::displayValue(const SandboxSummary &sandbox, int column) const
{
    const QLocale locale;
    switch (column) {
    case NameColumn:
        return sandbox.name;
    case ClientsColumn:
        return sandbox.clientAddresses.join(u", "_s);
    case RequestsColumn:
        return locale.toString(sandbox.requests);
    case ClientErrorsColumn:
        return locale.toString(sandbox.clientErrors);
    case ServerErrorsColumn:
        return locale.toString(sandbox.serverErrors);
    case LastRequestColumn:
        return agoText(qMax<qint64>(0, sandbox.lastRequestAt.secsTo(m_clock())));
    case UsersColumn:
        return locale.toString(sandbox.users);
    }
    return {};
}

QVariant ClassTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SandboxSummary &sandbox = m_rows[size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(sandbox, column);
    case SortRole:
        switch (column) {
        case NameColumn:
            return sandbox.name;
        case ClientsColumn:
            return sandbox.clientAddresses.join(u", "_s);
        case RequestsColumn:
            return sandbox.requests;
        case ClientErrorsColumn:
            return sandbox.clientErrors;
        case ServerErrorsColumn:
            return sandbox.serverErrors;
        case LastRequestColumn:
            return sandbox.lastRequestAt;
        case UsersColumn:
            return sandbox.users;
        }
        return {};
    case NameRole:
        return sandbox.name;
    case Qt::ToolTipRole:
        if (column == LastRequestColumn)
            return sandbox.lastRequestAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
        if (column == ClientsColumn)
            return sandbox.clientAddresses.join(u'\n');
        return tr("Double-click to watch %1's API in the tables").arg(sandbox.name);
    case Qt::TextAlignmentRole:
        if (column >= RequestsColumn && column != LastRequestColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        // Errors in the colour of their status class, once there are any.
        if (column == ClientErrorsColumn && sandbox.clientErrors > 0)
            return GuiStyle::statusColor(400);
        if (column == ServerErrorsColumn && sandbox.serverErrors > 0)
            return GuiStyle::statusColor(500);
        return {};
    }
    return {};
}

QVariant ClassTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ClientsColumn:
            return tr("The addresses the sandbox's requests came from (the first few)");
        case ClientErrorsColumn:
            return tr("Requests answered with a 4xx status: the client's mistakes");
        case ServerErrorsColumn:
            return tr("Requests answered with a 5xx status: the API's failures (or a fault)");
        case UsersColumn:
            return tr("Users in the sandbox's store now");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Sandbox");
    case ClientsColumn:
        return tr("Clients");
    case RequestsColumn:
        return tr("Requests");
    case ClientErrorsColumn:
        return tr("4xx");
    case ServerErrorsColumn:
        return tr("5xx");
    case LastRequestColumn:
        return tr("Last request");
    case UsersColumn:
        return tr("Users");
    }
    return {};
}

void ClassTableModel::setSandboxes(const QList<SandboxSummary> &sandboxes)
{
    QSet<QString> names;
    names.reserve(sandboxes.size());
    for (const SandboxSummary &sandbox : sandboxes)
        names.insert(sandbox.name);
    removeGone(names);

    // Updates in place: one dataChanged over the rows and columns that changed, so that a sorting
    // proxy re-sorts once per batch, not once per student.
    int firstRow = -1;
    int lastRow = -1;
    int firstColumn = ColumnCount;
    int lastColumn = -1;
    std::vector<SandboxSummary> added;
    for (const SandboxSummary &sandbox : sandboxes) {
        const int row = m_rowByName.value(sandbox.name, -1);
        if (row < 0) {
            if (!std::any_of(added.cbegin(), added.cend(),
                             [&](const SandboxSummary &a) { return a.name == sandbox.name; }))
                added.push_back(sandbox);
            continue;
        }
        SandboxSummary &stored = m_rows[size_t(row)];
        const auto [first, last] = changedColumns(stored, sandbox);
        stored = sandbox;
        if (first < 0)
            continue;
        firstRow = firstRow < 0 ? row : qMin(firstRow, row);
        lastRow = qMax(lastRow, row);
        firstColumn = qMin(firstColumn, first);
        lastColumn = qMax(lastColumn, last);
    }
    if (firstRow >= 0)
        emit dataChanged(index(firstRow, firstColumn), index(lastRow, lastColumn));

    if (!added.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (SandboxSummary &sandbox : added) {
            m_rowByName.insert(sandbox.name, int(m_rows.size()));
            m_rows.push_back(std::move(sandbox));
        }
        endInsertRows();
    }
    updateTimer();
}

// Gone rows leave in runs of neighbours, from the bottom up so that the rows above keep their
// numbers while the runs below go.
void ClassTableModel::removeGone(const QSet<QString> &names)
{
    bool removed = false;
    int row = int(m_rows.size()) - 1;
    while (row >= 0) {
        if (names.contains(m_rows[size_t(row)].name)) {
            --row;
            continue;
        }
        const int last = row;
        while (row > 0 && !names.contains(m_rows[size_t(row - 1)].name))
            --row;
        beginRemoveRows({}, row, last);
        m_rows.erase(m_rows.begin() + row, m_rows.begin() + last + 1);
        endRemoveRows();
        removed = true;
        --row;
    }
    if (!removed)
        return;
    m_rowByName.clear();
    for (int i = 0; i < int(m_rows.size()); ++i)
        m_rowByName.insert(m_rows[size_t(i)].name, i);
}

const SandboxSummary &ClassTableModel::sandboxAt(int row) const
{
    Q_ASSERT(row >= 0 && size_t(row) < m_rows.size());
    return m_rows[size_t(row)];
}

int ClassTableModel::rowOf(const QString &name) const
{
    return m_rowByName.value(name, -1);
}

void ClassTableModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
    refreshTimes();
}

void ClassTableModel::refreshTimes()
{
    if (!m_rows.empty())
        emit dataChanged(index(0, LastRequestColumn), index(rowCount() - 1, LastRequestColumn),
                         {Qt::DisplayRole});
}

void ClassTableModel::updateTimer()
{
    if (m_rows.empty())
        m_refreshTimer.stop();
    else if (!m_refreshTimer.isActive())
        m_refreshTimer.start(RefreshIntervalMs, this);
}

void ClassTableModel::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_refreshTimer.timerId()) {
        QAbstractTableModel::timerEvent(event);
        return;
    }
    refreshTimes();
}
