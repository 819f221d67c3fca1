#include "serverhost.h"

#include "apiserver.h"

#include <QBasicTimer>
#include <QSemaphore>
#include <QTimerEvent>
#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

// Lives on the worker thread and owns everything that serves requests.
class ServerWorker : public QObject
{
    Q_OBJECT

public:
    void start(const ServiceConfig &config, const QHostAddress &address, quint16 port)
    {
        stop();
        m_service = std::make_unique<ApiService>(config);
        ApiService *service = m_service.get();
        m_server = std::make_unique<ApiServer>(
            [service](const ApiRequest &request) { return service->handle(request); });
        connect(m_server.get(), &ApiServer::exchangeRecorded, this, &ServerWorker::collect);
        if (!m_server->listen(address, port)) {
            const QString reason = m_server->errorString();
            stop();
            emit startFailed(reason);
            return;
        }
        emit started(m_server->serverAddress(), m_server->serverPort());
    }

    void stop()
    {
        m_server.reset();
        m_service.reset();
        publishBatch();
    }

signals:
    void started(const QHostAddress &address, quint16 port);
    void startFailed(const QString &reason);
    void exchangesRecorded(const QList<Exchange> &exchanges);

private:
    void collect(const Exchange &exchange)
    {
        m_batch.append(exchange);
        if (!m_batchTimer.isActive())
            m_batchTimer.start(ServerHost::BatchIntervalMs, this);
    }

    void publishBatch()
    {
        m_batchTimer.stop();
        if (m_batch.isEmpty())
            return;
        emit exchangesRecorded(m_batch);
        m_batch.clear();
    }

    void timerEvent(QTimerEvent *event) override
    {
        if (event->timerId() == m_batchTimer.timerId())
            publishBatch();
    }

    QBasicTimer m_batchTimer;
    QList<Exchange> m_batch;
    std::unique_ptr<ApiService> m_service;
    std::unique_ptr<ApiServer> m_server;
};

ServerHost::ServerHost(QObject *parent)
    : QObject(parent)
    , m_worker(new ServerWorker)
{
    qRegisterMetaType<Exchange>();
    qRegisterMetaType<QList<Exchange>>();
    m_thread.setObjectName(u"ApiDojo server"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ServerWorker::started, this, &ServerHost::started);
    connect(m_worker, &ServerWorker::startFailed, this, &ServerHost::startFailed);
    connect(m_worker, &ServerWorker::exchangesRecorded, this, &ServerHost::exchangesRecorded);
    m_thread.start();
}

ServerHost::~ServerHost()
{
    if (!m_thread.isRunning())
        return;
    stop(StopTimeoutMs);
    // OpenSSL keeps per-thread state (random generators seeded by our RAND_bytes and by Qt's TLS
    // backend, which QHttpServer loads); free it on this thread, or it outlives the thread.
    QMetaObject::invokeMethod(
        m_worker, [] { OPENSSL_thread_stop(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void ServerHost::start(const ServiceConfig &config, const QHostAddress &address, quint16 port)
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, config, address, port] { worker->start(config, address, port); },
        Qt::QueuedConnection);
}

bool ServerHost::stop(int timeoutMs)
{
    if (!m_thread.isRunning())
        return true;
    // Shared: if the wait gives up, the worker still releases a semaphore that exists.
    const auto stopped = std::make_shared<QSemaphore>();
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, stopped] {
            worker->stop();
            stopped->release();
        },
        Qt::QueuedConnection);
    return stopped->tryAcquire(1, timeoutMs);
}

#include "serverhost.moc"
