#include "cellhighlights.h"

#include <QtAlgorithms>
#include <algorithm>

void CellHighlights::touch(qint64 id, Columns columns, qint64 nowMs)
{
    // Most touches are new rows with ids above all others: the hint makes them constant time.
    const auto hint =
        m_rows.empty() || id > m_rows.rbegin()->first ? m_rows.end() : m_rows.lower_bound(id);
    Row &row = m_rows.try_emplace(hint, id)->second;
    for (int column = 0; column < MaxColumns; ++column) {
        if (columns & (1u << column))
            row.touchedAt[column] = nowMs;
    }
    row.columns |= columns;
    row.lastTouch = nowMs;
}

bool CellHighlights::hasFaded(const Row &row, int column, qint64 nowMs) const
{
    return nowMs - row.touchedAt[column] >= m_durationMs;
}

qreal CellHighlights::strength(qint64 id, int column, qint64 nowMs) const
{
    const auto it = m_rows.find(id);
    if (it == m_rows.end() || column < 0 || column >= MaxColumns ||
        !(it->second.columns & (1u << column)) || hasFaded(it->second, column, nowMs)) {
        return 0;
    }
    const qint64 elapsed = qMax<qint64>(0, nowMs - it->second.touchedAt[column]);
    return 1.0 - qreal(elapsed) / qreal(m_durationMs);
}

int CellHighlights::cellCount() const
{
    int count = 0;
    for (const auto &entry : m_rows)
        count += qPopulationCount(entry.second.columns);
    return count;
}

std::vector<CellHighlights::Cells> CellHighlights::advance(qint64 nowMs)
{
    std::vector<Cells> before;
    before.reserve(m_rows.size());
    for (const auto &[id, row] : m_rows)
        before.push_back({id, row.columns});

    for (auto it = m_rows.begin(); it != m_rows.end();) {
        Row &row = it->second;
        for (int column = 0; column < MaxColumns; ++column) {
            if ((row.columns & (1u << column)) && hasFaded(row, column, nowMs))
                row.columns &= ~(1u << column);
        }
        it = row.columns ? std::next(it) : m_rows.erase(it);
    }
    dropOldestBeyondLimit();
    return before;
}

void CellHighlights::dropOldestBeyondLimit()
{
    if (m_rows.size() <= size_t(m_maxRows))
        return;
    // Newest first by last touch, then by id (rows added in one batch share a time).
    using Age = std::pair<qint64, qint64>;
    std::vector<Age> ages;
    ages.reserve(m_rows.size());
    for (const auto &[id, row] : m_rows)
        ages.emplace_back(row.lastTouch, id);
    const auto keep = ages.begin() + m_maxRows;
    std::nth_element(ages.begin(), keep - 1, ages.end(), std::greater<Age>());
    const Age oldestKept = *(keep - 1);
    for (auto it = m_rows.begin(); it != m_rows.end();) {
        const Age age{it->second.lastTouch, it->first};
        it = age < oldestKept ? m_rows.erase(it) : std::next(it);
    }
}
