#pragma once

#include "outbox.h"
#include "outboxchange.h"

#include <QAbstractTableModel>
#include <QBasicTimer>
#include <QElapsedTimer>
#include <deque>

// The outbox as the API announces it, newest email on top the way mail clients list them. Emails
// that arrive are unread (bold) until markRead(), and highlighted for a moment, fading out. A
// snapshot (Reset) keeps the read state of the emails it still holds.
class OutboxModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxModel)

public:
    enum Column { ToColumn, SubjectColumn, ReceivedColumn, ColumnCount };
    enum Role {
        HighlightRole = Qt::UserRole + 1, // qreal: 1 just arrived, fading to 0
        UnreadRole,                       // bool
    };

    static constexpr int DefaultHighlightMs = 3000;
    static constexpr int FadeFrameMs = 50;
    // As many as the shared API keeps; a sandbox keeps its own limit (setCapacity).
    static constexpr int DefaultCapacity = Outbox::DefaultCapacity;

    explicit OutboxModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const OutboxEmail &emailAt(int row) const;
    int rowOf(qint64 emailId) const; // -1 if the list has no such email

    int unreadCount() const { return m_unreadCount; }
    bool isUnread(int row) const;
    void markRead(int row);

    // Applies a batch of the outbox's changes: what the last Reset holds, then the arrivals after
    // it as one insertion on top.
    void applyChanges(const QList<OutboxChange> &changes);

    // As many as the instance shown keeps: older emails leave the list as they leave its
    // GET /outbox. At least 1; drops the oldest rows at once.
    int capacity() const { return m_capacity; }
    void setCapacity(int capacity);

    void setHighlightDuration(int ms);
    int highlightDuration() const { return m_highlightMs; }
    bool isFading() const { return m_fadeTimer.isActive(); }

signals:
    void unreadCountChanged(int count);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Entry
    {
        OutboxEmail email;
        bool unread = true;
        qint64 arrivedMs = 0; // on m_clock; meaningful for the highlighted rows only
    };

    void resetTo(const QList<OutboxEmail> &emails);
    void prepend(QList<OutboxEmail> emails);
    void removeOldestRows(int count);
    bool holdsExactly(const QList<OutboxEmail> &emails) const;
    qreal highlightStrength(int row) const;
    void reportUnreadCount();
    qint64 now() const { return m_clock.elapsed(); }

    std::deque<Entry> m_entries; // newest first, ids descending
    int m_capacity = DefaultCapacity;
    int m_unreadCount = 0;
    int m_reportedUnreadCount = 0; // the last unreadCountChanged()
    // Arrivals go on top, so the highlighted rows are always the first ones.
    int m_highlightedRows = 0;
    int m_highlightMs = DefaultHighlightMs;
    QBasicTimer m_fadeTimer; // runs only while something is highlighted
    QElapsedTimer m_clock;
};
