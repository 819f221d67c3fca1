#include "outboxmodel.h"

#include "emailtext.h"
#include "guistyle.h"

#include <QFont>
#include <QHash>
#include <QTimerEvent>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool isReset(const OutboxChange &change)
{
    return change.kind == OutboxChange::Kind::Reset;
}

// The same email, not merely the same id: ids start again at 1 after the outbox is emptied.
bool isSameEmail(const OutboxEmail &a, const OutboxEmail &b)
{
    return a.id == b.id && a.token == b.token;
}

} // namespace

OutboxModel::OutboxModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_clock.start();
}

int OutboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int OutboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries[index.row()];
    const OutboxEmail &email = entry.email;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ToColumn:
            return email.to;
        case SubjectColumn:
            return email.subject;
        case ReceivedColumn:
            return EmailText::listTime(email.sentAt);
        }
        return {};
    case Qt::ToolTipRole:
        // The time as the API writes it, to compare with GET /outbox.
        if (index.column() == ReceivedColumn)
            return EmailText::receivedTime(email.sentAt);
        return {};
    case Qt::FontRole:
        if (entry.unread) {
            // Only the weight: the rest comes from the view's font, and with it the zoom.
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::BackgroundRole:
        return GuiStyle::highlightBackground(highlightStrength(index.row()));
    case HighlightRole:
        return highlightStrength(index.row());
    case UnreadRole:
        return entry.unread;
    }
    return {};
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ToColumn:
        return tr("To");
    case SubjectColumn:
        return tr("Subject");
    case ReceivedColumn:
        return tr("Received");
    }
    return {};
}

const OutboxEmail &OutboxModel::emailAt(int row) const
{
    Q_ASSERT(row >= 0 && size_t(row) < m_entries.size());
    return m_entries[row].email;
}

int OutboxModel::rowOf(qint64 emailId) const
{
    const auto it =
        std::lower_bound(m_entries.cbegin(), m_entries.cend(), emailId,
                         [](const Entry &entry, qint64 id) { return entry.email.id > id; });
    return it != m_entries.cend() && it->email.id == emailId ? int(it - m_entries.cbegin()) : -1;
}

bool OutboxModel::isUnread(int row) const
{
    Q_ASSERT(row >= 0 && size_t(row) < m_entries.size());
    return m_entries[row].unread;
}

void OutboxModel::markRead(int row)
{
    if (row < 0 || size_t(row) >= m_entries.size() || !m_entries[row].unread)
        return;
    m_entries[row].unread = false;
    --m_unreadCount;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1), {Qt::FontRole, UnreadRole});
    reportUnreadCount();
}

void OutboxModel::applyChanges(const QList<OutboxChange> &changes)
{
    // Whatever came before the last reset of the batch is moot.
    const auto lastReset = std::find_if(changes.crbegin(), changes.crend(), isReset);
    qsizetype first = 0;
    if (lastReset != changes.crend()) {
        resetTo(lastReset->records);
        first = changes.crend() - lastReset;
    }
    QList<OutboxEmail> arrived;
    // Ids only grow until a reset: a lower one would be a copy of an email already listed.
    qint64 newestId = m_entries.empty() ? 0 : m_entries.front().email.id;
    for (qsizetype i = first; i < changes.size(); ++i) {
        const OutboxChange &change = changes[i];
        if (change.kind == OutboxChange::Kind::Added && change.record.id > newestId) {
            arrived.append(change.record);
            newestId = change.record.id;
        }
    }
    if (!arrived.isEmpty())
        prepend(std::move(arrived));
}

void OutboxModel::resetTo(const QList<OutboxEmail> &emails)
{
    // Every panel's attach() asks for a snapshot: the same outbox again changes nothing, and
    // leaves the view's selection alone.
    if (holdsExactly(emails))
        return;
    QHash<qint64, const Entry *> shown;
    for (const Entry &entry : m_entries)
        shown.insert(entry.email.id, &entry);
    std::deque<Entry> entries;
    const qsizetype kept = qMin<qsizetype>(emails.size(), m_capacity);
    int unread = 0;
    for (auto it = emails.cend() - kept; it != emails.cend(); ++it) {
        const Entry *before = shown.value(it->id);
        const bool wasRead = before && isSameEmail(before->email, *it) && !before->unread;
        entries.push_front({*it, !wasRead, 0});
        unread += wasRead ? 0 : 1;
    }
    beginResetModel();
    m_entries = std::move(entries);
    m_unreadCount = unread;
    // An outbox that was there before is not news.
    m_highlightedRows = 0;
    m_fadeTimer.stop();
    endResetModel();
    reportUnreadCount();
}

bool OutboxModel::holdsExactly(const QList<OutboxEmail> &emails) const
{
    if (size_t(emails.size()) != m_entries.size())
        return false;
    return std::equal(emails.crbegin(), emails.crend(), m_entries.cbegin(),
                      [](const OutboxEmail &email, const Entry &entry) {
                          return isSameEmail(email, entry.email);
                      });
}

// The oldest rows make room first, so that the list never holds more than the API.
void OutboxModel::prepend(QList<OutboxEmail> emails)
{
    if (emails.size() > m_capacity)
        emails.remove(0, emails.size() - m_capacity);
    const int count = int(emails.size());
    removeOldestRows(int(m_entries.size()) + count - m_capacity);
    const qint64 arrivedMs = now();
    beginInsertRows({}, 0, count - 1);
    for (const OutboxEmail &email : std::as_const(emails))
        m_entries.push_front({email, true, arrivedMs});
    m_highlightedRows += count;
    m_unreadCount += count;
    endInsertRows();
    if (!m_fadeTimer.isActive())
        m_fadeTimer.start(FadeFrameMs, this);
    reportUnreadCount();
}

void OutboxModel::setCapacity(int capacity)
{
    m_capacity = qMax(1, capacity);
    removeOldestRows(int(m_entries.size()) - m_capacity);
    reportUnreadCount();
}

void OutboxModel::removeOldestRows(int count)
{
    if (count <= 0)
        return;
    const int size = int(m_entries.size());
    count = qMin(count, size);
    int unreadGone = 0;
    for (int row = size - count; row < size; ++row)
        unreadGone += m_entries[row].unread ? 1 : 0;
    beginRemoveRows({}, size - count, size - 1);
    m_entries.erase(m_entries.end() - count, m_entries.end());
    m_highlightedRows = qMin(m_highlightedRows, size - count);
    m_unreadCount -= unreadGone;
    endRemoveRows();
}

qreal OutboxModel::highlightStrength(int row) const
{
    if (row >= m_highlightedRows)
        return 0;
    const qint64 age = now() - m_entries[row].arrivedMs;
    return qBound<qreal>(0, 1 - qreal(age) / m_highlightMs, 1);
}

void OutboxModel::setHighlightDuration(int ms)
{
    m_highlightMs = qMax(1, ms);
}

void OutboxModel::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_fadeTimer.timerId()) {
        QAbstractTableModel::timerEvent(event);
        return;
    }
    const int fading = m_highlightedRows;
    // The oldest arrivals are the lowest of the highlighted rows, and fade out first.
    while (m_highlightedRows > 0 && highlightStrength(m_highlightedRows - 1) <= 0)
        --m_highlightedRows;
    if (fading > 0) {
        emit dataChanged(index(0, 0), index(fading - 1, ColumnCount - 1),
                         {Qt::BackgroundRole, HighlightRole});
    }
    if (m_highlightedRows == 0)
        m_fadeTimer.stop();
}

// The count is kept with the rows, so a view that marks an arrival read as it is inserted finds
// it right; the signal tells only the count the batch left.
void OutboxModel::reportUnreadCount()
{
    if (m_unreadCount == m_reportedUnreadCount)
        return;
    m_reportedUnreadCount = m_unreadCount;
    emit unreadCountChanged(m_unreadCount);
}
