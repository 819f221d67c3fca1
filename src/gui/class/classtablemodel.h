#pragma once

#include "clock.h"
#include "sandboxes/sandboxsummary.h"

#include <QAbstractTableModel>
#include <QBasicTimer>
#include <QHash>
#include <vector>

// The class: one row per sandbox, as ServerHost::classChanged lists them. Rows stay in the order
// the sandboxes first appeared (a view sorts through a proxy); a new list updates the rows it
// finds by name in place, inserts the new ones in one go and removes the gone ones, never a
// reset, so that a view keeps its selection while 200 students hammer the API. "Last request"
// counts up with the clock: a timer repaints that column once a second while there are rows.
class ClassTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClassTableModel)

public:
    enum Column {
        NameColumn,
        ClientsColumn,
        RequestsColumn,
        ClientErrorsColumn, // 4xx
        ServerErrorsColumn, // 5xx
        LastRequestColumn,
        UsersColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // the typed value: counts and times sort as such
        NameRole,                    // the sandbox's name, whatever the column
    };

    static constexpr int RefreshIntervalMs = 1000;

    explicit ClassTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The class as it is now: every sandbox there is.
    void setSandboxes(const QList<SandboxSummary> &sandboxes);

    const SandboxSummary &sandboxAt(int row) const;
    int rowOf(const QString &name) const; // -1 if there is no such sandbox

    // Where "now" comes from, for "12 s ago"; tests inject their own.
    void setClock(Clock clock);
    // Repaints the "last request" column (the timer calls it).
    void refreshTimes();
    bool isRefreshing() const { return m_refreshTimer.isActive(); }

    // "just now", "12 s ago", "5 min ago", "3 h ago", "2 d ago".
    static QString agoText(qint64 seconds);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    QVariant displayValue(const SandboxSummary &sandbox, int column) const;
    void removeGone(const QSet<QString> &names);
    void updateTimer();

    std::vector<SandboxSummary> m_rows;
    QHash<QString, int> m_rowByName;
    Clock m_clock;
    QBasicTimer m_refreshTimer; // runs while there are rows
};
