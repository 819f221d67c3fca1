#pragma once

#include "cellhighlights.h"
#include "lessonapi.h"

#include <QAbstractTableModel>
#include <QBasicTimer>
#include <QElapsedTimer>
#include <QJsonObject>
#include <vector>

// A lesson's own list (API.md Part C) as the window shows it, read-only: one row per record in
// the lesson's order, one column per field of LessonList::columns. A new state of the list is
// applied as the rows that went, came and changed, matched by the first column (the record's
// key), so that the selection and the scroll position stay; cells that changed light up and fade
// out like the Products table's.
class LessonListModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LessonListModel)

public:
    enum Role {
        HighlightRole = Qt::UserRole + 1, // qreal: 1 just changed, fading to 0
        SortRole,                         // the typed value: numbers sort as numbers
    };

    static constexpr int DefaultHighlightMs = 2000;
    static constexpr int FadeFrameMs = 50;

    explicit LessonListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The list's state now. The first state after clear(), or one with other columns, replaces
    // the table without highlights: a list that was there before is not news.
    void setList(const LessonList &list);
    // No list (another one is chosen, or the watched instance changed).
    void clear();

    QString title() const { return m_title; }
    const QJsonObject &recordAt(int row) const { return m_rows[size_t(row)].record; }
    int rowOfKey(const QString &key) const; // -1 if no record has this key

    void setHighlightDuration(int ms) { m_highlights.setDuration(ms); }
    bool isFading() const { return m_fadeTimer.isActive(); }

    // How a JSON value reads in a cell: strings as they are, numbers as JSON writes them, an
    // object by its most telling field (an owner by its email), an array as its items.
    static QString displayText(const QJsonValue &value);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Row
    {
        qint64 id = 0; // the highlights' handle for the key, stable while the record stays
        QString key;
        QJsonObject record;
    };

    QString keyOf(const QJsonObject &record) const;
    std::vector<Row> rowsOf(const LessonList &list);
    void replaceRows(const LessonList &list);
    void removeGoneRows(const QHash<QString, int> &newRowOfKey);
    void reorderAs(const QHash<QString, int> &newOrder);
    void insertNewRows(const std::vector<Row> &rows);
    void updateChangedCells(const std::vector<Row> &rows);
    void highlight(qint64 id, CellHighlights::Columns columns);
    void repaintHighlights(const std::vector<CellHighlights::Cells> &cells);

    QString m_title;
    QStringList m_columns;
    bool m_hasList = false;
    std::vector<Row> m_rows;
    QHash<QString, qint64> m_idOfKey;
    qint64 m_lastId = 0;
    CellHighlights m_highlights;
    QBasicTimer m_fadeTimer; // runs only while something is highlighted
    QElapsedTimer m_clock;
};
