#pragma once

#include <QByteArray>
#include <memory>
#include <thread>

// Headless mode's stdout: lines wait in a LogLineQueue and a thread of the log's own writes them,
// so a reader that is slow, paused (Ctrl-S) or never reads costs dropped lines, not a blocked
// caller or unbounded memory. A reader that is gone (EPIPE: `| head -1`) ends only the logging.
class StdoutLog
{
    Q_DISABLE_COPY_MOVE(StdoutLog)

public:
    static constexpr qsizetype DefaultCapacityBytes = 1024 * 1024;

    explicit StdoutLog(int fd = 1, qsizetype capacityBytes = DefaultCapacityBytes);
    // Writes nothing more (flush() first for that); a thread blocked on an unread pipe is left
    // behind, so that the process may end all the same.
    ~StdoutLog();

    // Never blocks on the reader.
    void write(QByteArrayView line);
    // Waits at most timeoutMs for what was written so far to reach the reader; false if it
    // did not (a reader too slow or not reading).
    bool flush(int timeoutMs);

private:
    struct Shared;
    static void writeUntilClosed(const std::shared_ptr<Shared> &shared, int fd);

    std::shared_ptr<Shared> m_shared;
    std::thread m_thread;
};
