#pragma once

#include "clock.h"
#include "sandboxes/sandboxsummary.h"
#include "tokenevent.h"

#include <QAbstractTableModel>
#include <QBasicTimer>
#include <QHash>
#include <deque>

// The tokens the API issued while the window watched, oldest first, at most `capacity` of them:
// a batch of events is one insertion of the issued tokens and one removal of the oldest rows,
// never a reset (except clear()), so a view keeps its selection. A revocation marks every row it
// covers. Whether a token has expired follows the clock: a timer refreshes the expiry and state
// columns once a second.
//
// It keeps the tokens of every API instance (the shared one and each sandbox), each row with its
// instance: user ids repeat across sandboxes, so an event changes only rows of its own instance.
class TokenTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenTableModel)

public:
    enum Column {
        UserColumn,
        TypeColumn,
        FreshColumn,
        IssuedColumn,
        ExpiresColumn,
        StateColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // the typed value: times sort as such
        StateRole,                   // State, as int
        SandboxRole,                 // QString: the token's instance ("" : the shared API)
    };
    // Invalid: the token's user or sandbox is gone (the API answers INVALID_TOKEN).
    enum class State { Active, Expired, Revoked, Invalid };

    static constexpr int DefaultCapacity = 5000;
    static constexpr int RefreshIntervalMs = 1000;

    explicit TokenTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void applyEvents(const QList<TokenEvent> &events);
    // The class's sandboxes now (ServerHost::classChanged; empty: none). The rows of a sandbox
    // not among them turn Invalid ("sandbox removed"), and so do those issued before the
    // sandbox of their name was made: a removed one's, whose name came back. For good: a new
    // sandbox of that name does not know them. The shared API's rows never change here.
    void setSandboxes(const QList<SandboxSummary> &sandboxes);
    // Forgets the rows, not the tokens: they stay valid.
    void clear();

    int capacity() const { return m_capacity; }
    void setCapacity(int capacity); // at least 1; drops the oldest rows at once

    // Where "now" comes from, for the expiry; tests inject their own.
    void setClock(Clock clock);
    // Recomputes the expiry and state columns from the clock (the timer calls it).
    void refreshTimes();

    const TokenRecord &tokenAt(int row) const;
    QString sandboxAt(int row) const; // "" : the shared API
    State stateAt(int row) const;
    QString revocationReasonAt(int row) const; // empty unless revoked
    QString userGoneReasonAt(int row) const;   // empty while the token's user exists
    int activeCount() const;
    // The rows and the active ones of one instance.
    int tokenCount(const QString &sandbox) const;
    int activeCount(const QString &sandbox) const;

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Row
    {
        TokenRecord token;
        QString sandbox;
        QString revokedBecause; // empty while not revoked
        bool revoked = false;
        QString userGoneBecause; // empty while the user exists
        bool sandboxRemoved = false;
    };

    State stateOf(const Row &row, const QDateTime &now) const;
    QVariant displayValue(const Row &row, int column, const QDateTime &now) const;
    // Applies `change` (which says whether it changed the row) to the rows shown, widening
    // [firstRow, lastRow] over those it changed, and to the rows still pending.
    template<typename Change>
    void changeRows(std::vector<Row> &pending, int &firstRow, int &lastRow, Change change);
    void insert(std::vector<Row> &pending);
    void trimToCapacity();
    // The timer runs while some row counts down: neither revoked nor expired by `since`.
    bool isCounting(const Row &row, const QDateTime &since) const;
    void updateTimer();

    std::deque<Row> m_rows; // oldest first
    int m_capacity = DefaultCapacity;
    Clock m_clock;
    // Each sandbox of the last class list, with the sequence its first token could have.
    QHash<QString, quint64> m_sandboxStarts;
    bool m_classKnown = false;  // a class list came (an empty one too)
    QBasicTimer m_refreshTimer; // runs only while some row counts down
};
