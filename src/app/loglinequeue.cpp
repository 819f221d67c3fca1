#include "loglinequeue.h"

using namespace Qt::StringLiterals;

namespace {

// Digits in groups of three, the same in every locale (log lines are read by scripts too).
QByteArray groupedDigits(qint64 number)
{
    QByteArray digits = QByteArray::number(number);
    for (qsizetype at = digits.size() - 3; at > 0; at -= 3)
        digits.insert(at, ',');
    return digits;
}

} // namespace

LogLineQueue::LogLineQueue(qsizetype capacityBytes)
    : m_capacity(capacityBytes)
{}

bool LogLineQueue::push(QByteArrayView line)
{
    // After a drop, nothing more until the reader caught up: the note then stands for one gap.
    if (m_dropped > 0 || m_pending.size() + line.size() + 1 > m_capacity) {
        ++m_dropped;
        return false;
    }
    m_pending += line;
    m_pending += '\n';
    return true;
}

QByteArray LogLineQueue::take()
{
    QByteArray taken = std::exchange(m_pending, {});
    if (m_dropped > 0) {
        taken += droppedNote(std::exchange(m_dropped, 0));
        taken += '\n';
    }
    return taken;
}

QByteArray LogLineQueue::droppedNote(qint64 lines)
{
    QByteArray note = "\xE2\x80\xA6 "_ba; // an ellipsis
    note += groupedDigits(lines);
    note += lines == 1 ? " log line dropped" : " log lines dropped";
    return note;
}
