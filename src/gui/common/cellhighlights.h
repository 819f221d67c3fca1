#pragma once

#include <QtGlobal>
#include <array>
#include <map>
#include <vector>

// Which cells of a table a change touched recently, and how strongly each still shows: full
// strength when touched, fading linearly to nothing over the duration. Keyed by a row's id, not
// its position, so that inserting or removing rows above never moves a highlight to another row.
// Every operation costs in proportion to the highlighted cells, never to the whole table.
class CellHighlights
{
public:
    static constexpr int MaxColumns = 16;
    using Columns = quint32; // bit n: column n

    struct Cells
    {
        qint64 id = 0;
        Columns columns = 0;
    };

    void setDuration(qint64 ms) { m_durationMs = qMax<qint64>(1, ms); }
    qint64 duration() const { return m_durationMs; }
    // Beyond this many rows the oldest highlights are dropped at the next advance(): under a
    // flood of changes a view repaints only what a class can follow, at a bounded cost.
    void setMaxRows(int rows) { m_maxRows = qMax(1, rows); }

    void touch(qint64 id, Columns columns, qint64 nowMs);
    void forget(qint64 id) { m_rows.erase(id); }
    void clear() { m_rows.clear(); }

    // 1 when just touched, 0 when faded out or never touched.
    qreal strength(qint64 id, int column, qint64 nowMs) const;
    bool isEmpty() const { return m_rows.empty(); }
    int cellCount() const;

    // Drops what has faded out by nowMs, and the oldest rows beyond the limit. Returns every cell
    // that was highlighted before the call, in ascending id order: each looks different now.
    std::vector<Cells> advance(qint64 nowMs);

private:
    struct Row
    {
        Columns columns = 0;
        std::array<qint64, MaxColumns> touchedAt{};
        qint64 lastTouch = 0;
    };

    bool hasFaded(const Row &row, int column, qint64 nowMs) const;
    void dropOldestBeyondLimit();

    std::map<qint64, Row> m_rows;
    qint64 m_durationMs = 2000;
    int m_maxRows = 1000;
};
