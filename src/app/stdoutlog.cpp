#include "stdoutlog.h"

#include "loglinequeue.h"

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <csignal>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>
#endif

namespace {

// Lines are written at most this often: a busy API then costs the log a few writes a second
// instead of a write and a thread switch per request.
constexpr std::chrono::milliseconds WriteInterval(50);

// Writes all of `bytes`, waiting for the reader as long as it takes; false once it is gone.
bool writeAll(int fd, QByteArrayView bytes)
{
    while (!bytes.isEmpty()) {
#ifdef Q_OS_WIN
        const auto written =
            ::_write(fd, bytes.data(), unsigned(qMin<qsizetype>(bytes.size(), 1 << 30)));
#else
        const auto written = ::write(fd, bytes.data(), size_t(bytes.size()));
        if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd writable = {fd, POLLOUT, 0}; // an fd someone else made non-blocking
            ::poll(&writable, 1, -1);
            continue;
        }
#endif
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        bytes = bytes.sliced(written);
    }
    return true;
}

} // namespace

struct StdoutLog::Shared
{
    explicit Shared(qsizetype capacityBytes)
        : queue(capacityBytes)
    {}

    std::mutex mutex;
    std::condition_variable wake;    // something to write, or closing
    std::condition_variable written; // the queue was emptied or the reader is gone
    LogLineQueue queue;
    bool writing = false;
    bool readerGone = false;
    bool closing = false;
    bool flushing = false; // someone waits for what is queued: write it without the interval
};

StdoutLog::StdoutLog(int fd, qsizetype capacityBytes)
    : m_shared(std::make_shared<Shared>(capacityBytes))
    , m_thread(writeUntilClosed, m_shared, fd)
{}

StdoutLog::~StdoutLog()
{
    bool idle = false;
    {
        const std::lock_guard lock(m_shared->mutex);
        m_shared->closing = true;
        idle = !m_shared->writing;
    }
    m_shared->wake.notify_one();
    // A thread inside write() may stay there for ever; it owns a share of the state it uses.
    if (idle)
        m_thread.join();
    else
        m_thread.detach();
}

void StdoutLog::write(QByteArrayView line)
{
    bool wakeWriter = false;
    {
        const std::lock_guard lock(m_shared->mutex);
        if (m_shared->readerGone)
            return;
        // The writer sleeps only on an empty queue: one wake-up when it stops being empty (a
        // line, or a drop to report), not one per line, which would cost the API a context
        // switch per request.
        const bool wasEmpty = m_shared->queue.isEmpty();
        m_shared->queue.push(line);
        wakeWriter = wasEmpty && !m_shared->queue.isEmpty();
    }
    if (wakeWriter)
        m_shared->wake.notify_one();
}

bool StdoutLog::flush(int timeoutMs)
{
    std::unique_lock lock(m_shared->mutex);
    m_shared->flushing = true;
    m_shared->wake.notify_one();
    const bool flushed =
        m_shared->written.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this] {
            return m_shared->readerGone || (m_shared->queue.isEmpty() && !m_shared->writing);
        });
    m_shared->flushing = false;
    return flushed;
}

void StdoutLog::writeUntilClosed(const std::shared_ptr<Shared> &shared, int fd)
{
#ifndef Q_OS_WIN
    // A reader that went away makes write() fail with EPIPE in this thread instead of raising
    // SIGPIPE, which would end the whole process.
    sigset_t pipeSignal;
    sigemptyset(&pipeSignal);
    sigaddset(&pipeSignal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeSignal, nullptr);
#endif
    std::unique_lock lock(shared->mutex);
    for (;;) {
        shared->wake.wait(lock, [&] { return !shared->queue.isEmpty() || shared->closing; });
        if (shared->closing)
            return; // what is left waits in vain: flush() first to give it a chance
        const QByteArray lines = shared->queue.take();
        shared->writing = true;
        lock.unlock();
        const bool delivered = writeAll(fd, lines);
        lock.lock();
        shared->writing = false;
        if (!delivered) {
            shared->readerGone = true;
            shared->queue.take(); // what waits will never be read
        }
        shared->written.notify_all();
        if (shared->readerGone)
            return;
        shared->wake.wait_for(lock, WriteInterval,
                              [&] { return shared->closing || shared->flushing; });
    }
}
