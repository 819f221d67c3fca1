#pragma once

#include <QtGlobal>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

// A FIFO with O(1) access by position: appending at the back and dropping from the front cost
// only the items appended or dropped, never a move of everything in between, however long it is.
//
// Items live in a circular array of slots whose count is a power of two; the array grows (the
// only time items move) when an append would overflow it, so a buffer kept at a steady size
// settles at one allocation.
template<typename T>
class RingBuffer
{
public:
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

    const T &at(qsizetype position) const
    {
        Q_ASSERT(position >= 0 && position < m_size);
        return *m_slots[slotOf(position)];
    }

    template<typename Iterator>
    void append(Iterator begin, Iterator end)
    {
        reserve(m_size + qsizetype(std::distance(begin, end)));
        for (; begin != end; ++begin)
            m_slots[slotOf(m_size++)].emplace(*begin);
    }

    // Destroys the `count` oldest items at once, so that what they hold is freed now.
    void removeFirst(qsizetype count)
    {
        Q_ASSERT(count >= 0 && count <= m_size);
        for (qsizetype i = 0; i < count; ++i)
            m_slots[slotOf(i)].reset();
        m_first = m_slots.empty() ? 0 : slotOf(count);
        m_size -= count;
    }

    // Keeps only the newest `size` items.
    void trimTo(qsizetype size)
    {
        if (m_size > size)
            removeFirst(m_size - size);
    }

    // Empties the buffer and frees its slots.
    void clear()
    {
        m_slots = {};
        m_first = 0;
        m_size = 0;
    }

private:
    qsizetype slotOf(qsizetype position) const
    {
        return (m_first + position) & (qsizetype(m_slots.size()) - 1);
    }

    void reserve(qsizetype count)
    {
        qsizetype slotCount = qMax(qsizetype(m_slots.size()), qsizetype(16));
        while (slotCount < count)
            slotCount *= 2;
        if (slotCount == qsizetype(m_slots.size()))
            return;
        std::vector<std::optional<T>> grown(static_cast<size_t>(slotCount));
        for (qsizetype i = 0; i < m_size; ++i)
            grown[size_t(i)] = std::move(m_slots[slotOf(i)]);
        m_slots = std::move(grown);
        m_first = 0;
    }

    std::vector<std::optional<T>> m_slots;
    qsizetype m_first = 0;
    qsizetype m_size = 0;
};
