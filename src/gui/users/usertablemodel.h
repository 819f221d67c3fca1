#pragma once

#include "cellhighlights.h"
#include "userchange.h"

#include <QAbstractTableModel>
#include <QBasicTimer>
#include <QElapsedTimer>
#include <QJsonObject>
#include <deque>

// The users table as the store announces it, one row per user in ascending id order. It never
// changes itself: edits become editRequested() for the API to judge, and only the store's change
// events (applyChanges) move the rows. Cells a change touched are highlighted, fading out.
class UserTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        NameColumn,
        EmailColumn,
        AgeColumn,
        RoleColumn,
        CreatedColumn,
        UpdatedColumn,
        ColumnCount
    };
    enum Role {
        HighlightRole = Qt::UserRole + 1, // qreal: 1 just changed, fading to 0
        SortRole,                         // the typed value: numbers and times sort as such
    };

    static constexpr int DefaultHighlightMs = 2000;
    static constexpr int FadeFrameMs = 50;
    static constexpr int MaxHighlightedRows = 1000;

    explicit UserTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Asks for the edit with editRequested() and leaves the stored value alone; true if the
    // value differs from it.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    const User &userAt(int row) const;
    int rowOf(qint64 userId) const; // -1 if there is no such user

    // Applies a batch of the store's changes in order, inserting or removing runs of rows at once.
    void applyChanges(const QList<UserChange> &changes);

    void setHighlightDuration(int ms);
    int highlightDuration() const { return int(m_highlights.duration()); }
    int highlightedCellCount() const { return m_highlights.cellCount(); }
    bool isFading() const { return m_fadeTimer.isActive(); }

    // The JSON field of PUT /users/{id} that a column edits; empty for read-only columns.
    static QString fieldName(int column);

signals:
    // One field of a user, as the trainer typed it, for PUT /users/{id}.
    void editRequested(qint64 userId, const QJsonObject &fields);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    using Columns = CellHighlights::Columns;
    static constexpr Columns AllColumns = (1u << ColumnCount) - 1;

    int lowerBoundRow(qint64 userId) const;
    void resetTo(const QList<User> &users);
    qsizetype appendAddedRun(const QList<UserChange> &changes, qsizetype first);
    qsizetype removeRemovedRun(const QList<UserChange> &changes, qsizetype first);
    void insertOrUpdate(const User &user);
    void insertAt(int row, const User &user);
    void update(int row, const User &user);

    void highlight(qint64 userId, Columns columns);
    void repaintHighlights(const std::vector<CellHighlights::Cells> &cells);
    void emitCellsChanged(int firstRow, int lastRow, Columns columns, const QList<int> &roles);
    qint64 now() const { return m_clock.elapsed(); }

    // Ascending by id, as the store keeps them. A deque grows without moving what it holds: no
    // pause to copy a table of a million users when it outgrows its memory.
    std::deque<User> m_users;
    CellHighlights m_highlights;
    QBasicTimer m_fadeTimer; // runs only while something is highlighted
    QElapsedTimer m_clock;
};
