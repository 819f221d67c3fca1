#include "tokentablemodel.h"

#include "guistyle.h"
#include "tokenservice.h"

#include <QTimerEvent>
#include <algorithm>
#include <iterator>

using namespace Qt::StringLiterals;

namespace {

QString localTimeText(const QDateTime &time)
{
    return time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

// "in 30 s", "in 59 min", "in 6 h", "in 6 d 23 h": the whole units left, as a clock would
// count; days with their hours, so a 7-day token just issued does not read "in 6 d".
QString timeLeftText(qint64 seconds)
{
    if (seconds < 60)
        return TokenTableModel::tr("in %1 s").arg(seconds);
    if (seconds < 120 * 60)
        return TokenTableModel::tr("in %1 min").arg(seconds / 60);
    if (seconds < 48 * 3600)
        return TokenTableModel::tr("in %1 h").arg(seconds / 3600);
    const qint64 hours = seconds % 86400 / 3600;
    return hours == 0 ? TokenTableModel::tr("in %1 d").arg(seconds / 86400)
                      : TokenTableModel::tr("in %1 d %2 h").arg(seconds / 86400).arg(hours);
}

// Some reasons already say "revoked by …": after "Revoked" that verb would come twice.
QString revocationReasonText(const QString &reason)
{
    const QString verb = u"revoked "_s;
    return reason.startsWith(verb, Qt::CaseInsensitive) ? reason.mid(verb.size()) : reason;
}

} // namespace

TokenTableModel::TokenTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(systemClock())
{}

int TokenTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TokenTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

TokenTableModel::State TokenTableModel::stateOf(const Row &row, const QDateTime &now) const
{
    // As the API answers: a token whose user or sandbox is gone is INVALID_TOKEN, revoked or not.
    if (row.sandboxRemoved || !row.userGoneBecause.isEmpty())
        return State::Invalid;
    if (row.revoked)
        return State::Revoked;
    return now >= row.token.expiresAt ? State::Expired : State::Active;
}

QVariant TokenTableModel::displayValue(const Row &row, int column, const QDateTime &now) const
{
    const TokenRecord &token = row.token;
    switch (column) {
    case UserColumn:
        return tr("%1 (#%2)").arg(token.email).arg(token.userId);
    case TypeColumn:
        return tokenTypeName(token.type);
    case FreshColumn:
        return token.fresh ? u"✓"_s : QString();
    case IssuedColumn:
        return localTimeText(token.issuedAt);
    case ExpiresColumn:
        // Only a token that still opens something counts down.
        switch (stateOf(row, now)) {
        case State::Active:
            return tr("%1 (%2)").arg(localTimeText(token.expiresAt),
                                     timeLeftText(now.secsTo(token.expiresAt)));
        case State::Expired:
            return tr("%1 (expired)").arg(localTimeText(token.expiresAt));
        case State::Revoked:
        case State::Invalid:
            return localTimeText(token.expiresAt);
        }
        return {};
    case StateColumn:
        switch (stateOf(row, now)) {
        case State::Active:
            return tr("Active");
        case State::Expired:
            return tr("Expired");
        case State::Revoked:
            return row.revokedBecause.isEmpty()
                       ? tr("Revoked")
                       : tr("Revoked (%1)").arg(revocationReasonText(row.revokedBecause));
        case State::Invalid:
            return tr("Invalid (%1)")
                .arg(row.sandboxRemoved ? tr("sandbox removed") : row.userGoneBecause);
        }
    }
    return {};
}

QVariant TokenTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, column, m_clock());
    case SortRole:
        switch (column) {
        case UserColumn:
            return row.token.email;
        case IssuedColumn:
            return row.token.sequence; // issue order, finer than the clock
        case ExpiresColumn:
            return row.token.expiresAt;
        case StateColumn:
            return int(stateOf(row, m_clock()));
        }
        return displayValue(row, column, m_clock());
    case StateRole:
        return int(stateOf(row, m_clock()));
    case SandboxRole:
        return row.sandbox;
    case Qt::ToolTipRole:
        // Never the token itself (the server does not keep it): its id, to match a JWT's jti.
        return tr("jti: %1").arg(row.token.jti);
    case Qt::TextAlignmentRole:
        if (column == FreshColumn)
            return Qt::AlignCenter;
        return {};
    case Qt::ForegroundRole: {
        const State state = stateOf(row, m_clock());
        if (column == StateColumn) {
            // Active green like a 2xx; revoked like the 401 it now gets.
            switch (state) {
            case State::Active:
                return GuiStyle::statusColor(200);
            case State::Revoked:
            case State::Invalid:
                return GuiStyle::statusColor(401);
            case State::Expired:
                break;
            }
        }
        // A token that no longer opens anything steps back, still legible: its state says why.
        return state == State::Active ? QVariant() : QVariant(GuiStyle::inactiveColor());
    }
    }
    return {};
}

QVariant TokenTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case UserColumn:
        return tr("User");
    case TypeColumn:
        return tr("Type");
    case FreshColumn:
        return tr("Fresh");
    case IssuedColumn:
        return tr("Issued");
    case ExpiresColumn:
        return tr("Expires");
    case StateColumn:
        return tr("State");
    }
    return {};
}

void TokenTableModel::applyEvents(const QList<TokenEvent> &events)
{
    std::vector<Row> pending;
    int firstChanged = -1;
    int lastChanged = -1;
    for (const TokenEvent &event : events) {
        const TokenRevocation &scope = event.revocation;
        const QString &sandbox = event.sandbox;
        switch (event.kind) {
        case TokenEvent::Kind::Issued:
            pending.push_back({event.token, sandbox, {}, false, {}});
            break;
        case TokenEvent::Kind::Revoked:
            changeRows(pending, firstChanged, lastChanged, [&](Row &row) {
                if (row.sandbox != sandbox || row.revoked || !scope.covers(row.token))
                    return false;
                row.revoked = true;
                row.revokedBecause = scope.reason;
                return true;
            });
            break;
        case TokenEvent::Kind::UsersGone:
            changeRows(pending, firstChanged, lastChanged, [&](Row &row) {
                if (row.sandbox != sandbox || !row.userGoneBecause.isEmpty() ||
                    !scope.covers(row.token))
                    return false;
                row.userGoneBecause = scope.reason;
                return true;
            });
            break;
        case TokenEvent::Kind::UsersRestored:
            changeRows(pending, firstChanged, lastChanged, [&](Row &row) {
                if (row.sandbox != sandbox || row.userGoneBecause.isEmpty() ||
                    !event.userIds.contains(row.token.userId))
                    return false;
                row.userGoneBecause.clear();
                return true;
            });
            break;
        }
    }
    if (firstChanged >= 0)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    insert(pending);
    updateTimer();
}

void TokenTableModel::setSandboxes(const QList<SandboxSummary> &sandboxes)
{
    QHash<QString, quint64> starts;
    starts.reserve(sandboxes.size());
    for (const SandboxSummary &sandbox : sandboxes)
        starts.insert(sandbox.name, TokenService::sequenceAt(sandbox.createdAt));
    // Most lists only count requests: the rows change when the class does.
    if (m_classKnown && starts == m_sandboxStarts)
        return;
    m_classKnown = true;
    m_sandboxStarts = std::move(starts);
    std::vector<Row> none;
    int first = -1;
    int last = -1;
    changeRows(none, first, last, [this](Row &row) {
        if (row.sandbox.isEmpty() || row.sandboxRemoved)
            return false;
        const auto start = m_sandboxStarts.constFind(row.sandbox);
        if (start != m_sandboxStarts.cend() && row.token.sequence >= *start)
            return false;
        row.sandboxRemoved = true;
        return true;
    });
    if (first >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    updateTimer();
}

template<typename Change>
void TokenTableModel::changeRows(std::vector<Row> &pending, int &firstRow, int &lastRow,
                                 Change change)
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (!change(m_rows[i]))
            continue;
        firstRow = firstRow < 0 ? int(i) : qMin(firstRow, int(i));
        lastRow = qMax(lastRow, int(i));
    }
    for (Row &row : pending)
        change(row);
}

// The oldest rows go before the newest come, so that the view never holds more than the
// capacity; of a batch larger than the capacity only its newest rows are kept.
void TokenTableModel::insert(std::vector<Row> &pending)
{
    if (pending.empty())
        return;
    if (pending.size() > size_t(m_capacity))
        pending.erase(pending.begin(), pending.end() - m_capacity);
    const int excess = int(m_rows.size() + pending.size()) - m_capacity;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
        endRemoveRows();
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(pending.size()) - 1);
    std::move(pending.begin(), pending.end(), std::back_inserter(m_rows));
    endInsertRows();
    updateTimer();
}

void TokenTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    updateTimer();
}

void TokenTableModel::setCapacity(int capacity)
{
    m_capacity = qMax(1, capacity);
    trimToCapacity();
}

void TokenTableModel::trimToCapacity()
{
    const int excess = int(m_rows.size()) - m_capacity;
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
    endRemoveRows();
    updateTimer();
}

void TokenTableModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
    refreshTimes();
}

bool TokenTableModel::isCounting(const Row &row, const QDateTime &since) const
{
    return !row.revoked && !row.sandboxRemoved && row.userGoneBecause.isEmpty() &&
           row.token.expiresAt > since;
}

void TokenTableModel::refreshTimes()
{
    // The rows still counting down, and those that stopped since the last tick (they turn
    // Expired now): one change over the two columns of that range. Revoked and long-expired
    // rows never change again.
    const QDateTime now = m_clock();
    const QDateTime lastTick = now.addMSecs(-2 * RefreshIntervalMs);
    int first = -1;
    int last = -1;
    for (int row = 0; row < int(m_rows.size()); ++row) {
        if (isCounting(m_rows[size_t(row)], lastTick)) {
            first = first < 0 ? row : first;
            last = row;
        }
    }
    static_assert(StateColumn == ExpiresColumn + 1);
    if (first >= 0)
        emit dataChanged(index(first, ExpiresColumn), index(last, StateColumn));
    updateTimer();
}

void TokenTableModel::updateTimer()
{
    const QDateTime now = m_clock();
    const bool counting = std::any_of(m_rows.cbegin(), m_rows.cend(),
                                      [&](const Row &row) { return isCounting(row, now); });
    if (!counting)
        m_refreshTimer.stop();
    else if (!m_refreshTimer.isActive())
        m_refreshTimer.start(RefreshIntervalMs, this);
}

void TokenTableModel::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_refreshTimer.timerId()) {
        QAbstractTableModel::timerEvent(event);
        return;
    }
    refreshTimes();
}

const TokenRecord &TokenTableModel::tokenAt(int row) const
{
    Q_ASSERT(row >= 0 && size_t(row) < m_rows.size());
    return m_rows[size_t(row)].token;
}

QString TokenTableModel::sandboxAt(int row) const
{
    Q_ASSERT(row >= 0 && size_t(row) < m_rows.size());
    return m_rows[size_t(row)].sandbox;
}

TokenTableModel::State TokenTableModel::stateAt(int row) const
{
    Q_ASSERT(row >= 0 && size_t(row) < m_rows.size());
    return stateOf(m_rows[size_t(row)], m_clock());
}

QString TokenTableModel::revocationReasonAt(int row) const
{
    Q_ASSERT(row >= 0 && size_t(row) < m_rows.size());
    return m_rows[size_t(row)].revokedBecause;
}

QString TokenTableModel::userGoneReasonAt(int row) const
{
    Q_ASSERT(row >= 0 && size_t(row) < m_rows.size());
    return m_rows[size_t(row)].userGoneBecause;
}

int TokenTableModel::activeCount() const
{
    const QDateTime now = m_clock();
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [&](const Row &row) { return stateOf(row, now) == State::Active; }));
}

int TokenTableModel::tokenCount(const QString &sandbox) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [&](const Row &row) { return row.sandbox == sandbox; }));
}

int TokenTableModel::activeCount(const QString &sandbox) const
{
    const QDateTime now = m_clock();
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [&](const Row &row) {
        return row.sandbox == sandbox && stateOf(row, now) == State::Active;
    }));
}
