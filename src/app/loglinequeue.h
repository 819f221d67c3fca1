#pragma once

#include <QByteArray>

// Log lines on their way to a reader that may be slow: at most a capacity of bytes waits. Once a
// line finds no room, the ones after it are dropped too until the reader has taken what waits,
// and a note of how many were dropped follows that (so the gap shows where it is). Not
// thread-safe: its owner locks.
class LogLineQueue
{
public:
    explicit LogLineQueue(qsizetype capacityBytes);

    // Queues the line and a newline; false when it was dropped.
    bool push(QByteArrayView line);
    // What waits, oldest first, then the note on the lines dropped since, if any; empties the
    // queue.
    QByteArray take();
    // Nothing to take: no line waits and no drop is to be reported.
    bool isEmpty() const { return m_pending.isEmpty() && m_dropped == 0; }
    qsizetype pendingBytes() const { return m_pending.size(); }

    // "… 1,234 log lines dropped"
    static QByteArray droppedNote(qint64 lines);

private:
    qsizetype m_capacity;
    QByteArray m_pending;
    qint64 m_dropped = 0;
};
