#include "serverhost.h"

#include "apiserver.h"
#include "controlapi.h"
#include "faultinjector.h"
#include "serverurls.h"
#include "wireresponse.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QPointer>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QTimerEvent>
#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

// Lives on the worker thread and owns everything that serves requests.
class ServerWorker : public QObject
{
    Q_OBJECT

public:
    explicit ServerWorker(ServerHost::Publishes publishes)
        : m_publishes(publishes)
        , m_faults(QRandomGenerator::global()->generate())
    {
        m_steadyClock.start();
    }

    void start(const ServiceConfig &config, const QHostAddress &address, quint16 port)
    {
        closeServer();
        if (!m_service)
            createService(config);
        m_server = std::make_unique<ApiServer>(
            [service = m_service.get(), control = m_control.get()](const ApiRequest &request) {
                if (std::optional<ApiResponse> answer = control->handle(request))
                    return *answer;
                return service->handle(request);
            });
        m_server->setFaultPolicy([this](const ApiRequest &request) {
            return m_faults.decide(request, m_steadyClock.elapsed());
        });
        connect(m_server.get(), &ApiServer::exchangeRecorded, this, &ServerWorker::collectExchange);
        if (!m_server->listen(address, port)) {
            const QString reason = m_server->errorString();
            const auto error = m_server->serverError();
            closeServer();
            emit startFailed(error, reason);
            return;
        }
        // Links in emails (password reset) point where the students reach the API: on the local
        // network its address there, else loopback. Never the request's Host header, which a
        // client chooses (password-reset poisoning).
        const QList<QUrl> urls = reachableUrls(m_server->serverAddress(), m_server->serverPort());
        const auto onNetwork = std::find_if(urls.cbegin(), urls.cend(), [](const QUrl &url) {
            return !QHostAddress(url.host()).isLoopback();
        });
        if (!urls.isEmpty()) {
            const QUrl &link = onNetwork != urls.cend() ? *onNetwork : urls.first();
            m_service->setBaseUrl(link.toString(QUrl::StripTrailingSlash));
        }
        emit started(m_server->serverAddress(), m_server->serverPort());
    }

    void stop()
    {
        const bool wasListening = m_server != nullptr;
        closeServer();
        publishBatches();
        if (wasListening)
            emit stopped();
    }

    // Before the thread ends: the service's objects belong to it.
    void shutDown()
    {
        closeServer();
        m_control.reset();
        m_service.reset();
        publishBatches();
    }

    ApiService *service() { return m_service.get(); }

    void setFaultPlan(const FaultPlan &plan)
    {
        m_faults.setPlan(plan);
        publishFaultPlan();
    }

    void restartFaults() { m_faults.restart(); }

    void setFallbackSeed(quint32 seed)
    {
        m_faults.setFallbackSeed(seed);
        publishFaultPlan();
    }

    void setControlApi(bool enabled, const QByteArray &key)
    {
        m_controlEnabled = enabled;
        m_controlKey = key;
        if (m_control) {
            m_control->setEnabled(enabled);
            m_control->setKey(key);
        }
    }

    void publishSnapshot(ServerHost::Table table)
    {
        if (!m_service)
            return;
        switch (table) {
        case ServerHost::Table::Users:
            collect(m_userChanges, {UserChange::Kind::Reset, {}, m_service->users().users()});
            break;
        case ServerHost::Table::Products:
            collect(m_productChanges,
                    {ProductChange::Kind::Reset, {}, m_service->products().products()});
            break;
        case ServerHost::Table::Outbox:
            collect(m_outboxChanges, {OutboxChange::Kind::Reset, {}, m_service->outbox().emails()});
            break;
        }
    }

signals:
    void started(const QHostAddress &address, quint16 port);
    void startFailed(QAbstractSocket::SocketError error, const QString &reason);
    void stopped();
    void exchangesRecorded(const QList<Exchange> &exchanges);
    void usersChanged(const QList<UserChange> &changes);
    void productsChanged(const QList<ProductChange> &changes);
    void outboxChanged(const QList<OutboxChange> &changes);
    void tokensChanged(const QList<TokenEvent> &events);
    void faultPlanChanged(const FaultPlan &plan, quint32 seedInUse);
    void tokenLifetimeChanged(qint64 seconds);

private:
    void publishFaultPlan() { emit faultPlanChanged(m_faults.plan(), m_faults.seed()); }

    void createService(const ServiceConfig &config)
    {
        m_service = std::make_unique<ApiService>(config);
        m_control = std::make_unique<ControlApi>(*m_service, m_faults);
        setControlApi(m_controlEnabled, m_controlKey);
        connect(m_control.get(), &ControlApi::faultPlanChanged, this,
                &ServerWorker::publishFaultPlan);
        connect(m_control.get(), &ControlApi::tokenLifetimeChanged, this,
                &ServerWorker::tokenLifetimeChanged);
        if (m_publishes == ServerHost::Publishes::ExchangesOnly)
            return;
        watchStore(m_service->users(), m_userChanges, &UserStore::userAdded,
                   &UserStore::userUpdated, &UserStore::userRemoved, &UserStore::usersReset);
        watchStore(m_service->products(), m_productChanges, &ProductStore::productAdded,
                   &ProductStore::productUpdated, &ProductStore::productRemoved,
                   &ProductStore::productsReset);
        const Outbox &outbox = m_service->outbox();
        connect(&outbox, &Outbox::emailSent, this, [this](const OutboxEmail &email) {
            collect(m_outboxChanges, {OutboxChange::Kind::Added, email, {}});
        });
        connect(&outbox, &Outbox::outboxCleared, this, [this] {
            m_outboxChanges.clear();
            collect(m_outboxChanges, {OutboxChange::Kind::Reset, {}, {}});
        });
        const TokenService &tokens = m_service->tokens();
        connect(&tokens, &TokenService::tokenIssued, this, [this](const TokenRecord &token) {
            collect(m_tokenEvents, {TokenEvent::Kind::Issued, token, {}, {}});
        });
        connect(&tokens, &TokenService::tokensRevoked, this,
                [this](const TokenRevocation &revocation) {
                    collect(m_tokenEvents, {TokenEvent::Kind::Revoked, {}, revocation, {}});
                });
        connect(&tokens, &TokenService::tokensOfGoneUsers, this,
                [this](const TokenRevocation &scope) {
                    collect(m_tokenEvents, {TokenEvent::Kind::UsersGone, {}, scope, {}});
                });
        connect(&tokens, &TokenService::usersRestored, this, [this](const QList<qint64> &ids) {
            collect(m_tokenEvents, {TokenEvent::Kind::UsersRestored, {}, {}, ids});
        });
        for (const auto table :
             {ServerHost::Table::Users, ServerHost::Table::Products, ServerHost::Table::Outbox})
            publishSnapshot(table);
    }

    // Forwards a store's four signals as changes of one kind of record.
    template<typename Store, typename Record>
    void watchStore(const Store &store, QList<RecordChange<Record>> &changes,
                    void (Store::*added)(const Record &), void (Store::*updated)(const Record &),
                    void (Store::*removed)(qint64), void (Store::*reset)(const QList<Record> &))
    {
        using Change = RecordChange<Record>;
        connect(&store, added, this, [this, &changes](const Record &record) {
            collect(changes, {Change::Kind::Added, record, {}});
        });
        connect(&store, updated, this, [this, &changes](const Record &record) {
            collect(changes, {Change::Kind::Updated, record, {}});
        });
        connect(&store, removed, this, [this, &changes](qint64 id) {
            Record gone;
            gone.id = id;
            collect(changes, {Change::Kind::Removed, gone, {}});
        });
        connect(&store, reset, this, [this, &changes](const QList<Record> &records) {
            // Everything before a reset is moot for the views.
            changes.clear();
            collect(changes, {Change::Kind::Reset, {}, records});
        });
    }

    void closeServer() { m_server.reset(); }

    void collectExchange(const Exchange &exchange) { collect(m_exchanges, exchange); }

    template<typename Change>
    void collect(QList<Change> &changes, const Change &change)
    {
        changes.append(change);
        scheduleBatch();
    }

    template<typename Change>
    static QList<Change> take(QList<Change> &changes)
    {
        return std::exchange(changes, {});
    }

    void scheduleBatch()
    {
        if (!m_batchTimer.isActive())
            m_batchTimer.start(ServerHost::BatchIntervalMs, this);
    }

    void publishBatches()
    {
        m_batchTimer.stop();
        // Tokens before the exchanges that used them, changes before the exchanges that made
        // them: the window shows a state no older than the log.
        if (!m_tokenEvents.isEmpty())
            emit tokensChanged(take(m_tokenEvents));
        if (!m_userChanges.isEmpty())
            emit usersChanged(take(m_userChanges));
        if (!m_productChanges.isEmpty())
            emit productsChanged(take(m_productChanges));
        if (!m_outboxChanges.isEmpty())
            emit outboxChanged(take(m_outboxChanges));
        if (!m_exchanges.isEmpty())
            emit exchangesRecorded(take(m_exchanges));
    }

    void timerEvent(QTimerEvent *event) override
    {
        if (event->timerId() == m_batchTimer.timerId())
            publishBatches();
    }

    const ServerHost::Publishes m_publishes;
    QBasicTimer m_batchTimer;
    QList<Exchange> m_exchanges;
    QList<UserChange> m_userChanges;
    QList<ProductChange> m_productChanges;
    QList<OutboxChange> m_outboxChanges;
    QList<TokenEvent> m_tokenEvents;
    QElapsedTimer m_steadyClock; // the fault plan's rate-limit windows
    FaultInjector m_faults;
    bool m_controlEnabled = false;
    QByteArray m_controlKey;
    std::unique_ptr<ApiService> m_service;
    std::unique_ptr<ControlApi> m_control;
    std::unique_ptr<ApiServer> m_server;
};

ServerHost::ServerHost(Publishes publishes, QObject *parent)
    : QObject(parent)
    , m_worker(new ServerWorker(publishes))
{
    qRegisterMetaType<Exchange>();
    qRegisterMetaType<QList<Exchange>>();
    qRegisterMetaType<UserChange>();
    qRegisterMetaType<QList<UserChange>>();
    qRegisterMetaType<QList<ProductChange>>();
    qRegisterMetaType<QList<OutboxChange>>();
    qRegisterMetaType<QList<TokenEvent>>();
    qRegisterMetaType<QAbstractSocket::SocketError>();
    qRegisterMetaType<FaultPlan>();
    m_thread.setObjectName(u"ApiDojo server"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ServerWorker::started, this, &ServerHost::started);
    connect(m_worker, &ServerWorker::startFailed, this, &ServerHost::startFailed);
    connect(m_worker, &ServerWorker::stopped, this, &ServerHost::stopped);
    connect(m_worker, &ServerWorker::exchangesRecorded, this, &ServerHost::exchangesRecorded);
    connect(m_worker, &ServerWorker::usersChanged, this, &ServerHost::usersChanged);
    connect(m_worker, &ServerWorker::productsChanged, this, &ServerHost::productsChanged);
    connect(m_worker, &ServerWorker::outboxChanged, this, &ServerHost::outboxChanged);
    connect(m_worker, &ServerWorker::tokensChanged, this, &ServerHost::tokensChanged);
    connect(m_worker, &ServerWorker::faultPlanChanged, this, &ServerHost::faultPlanChanged);
    connect(m_worker, &ServerWorker::tokenLifetimeChanged, this, &ServerHost::tokenLifetimeChanged);
    m_thread.start();
}

ServerHost::~ServerHost()
{
    if (!m_thread.isRunning())
        return;
    stop(StopTimeoutMs);
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker] {
            worker->shutDown();
            // OpenSSL keeps per-thread state (random generators seeded by our RAND_bytes and by
            // Qt's TLS backend, which QHttpServer loads); free it on this thread, or it outlives
            // the thread.
            OPENSSL_thread_stop();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void ServerHost::onWorker(std::function<void(ServerWorker *)> call)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, call = std::move(call)] { call(worker); },
        Qt::QueuedConnection);
}

void ServerHost::start(const ServiceConfig &config, const QHostAddress &address, quint16 port)
{
    onWorker(
        [config, address, port](ServerWorker *worker) { worker->start(config, address, port); });
}

void ServerHost::requestStop()
{
    onWorker([](ServerWorker *worker) { worker->stop(); });
}

bool ServerHost::stop(int timeoutMs)
{
    if (!m_thread.isRunning())
        return true;
    // Shared: if the wait gives up, the worker still releases a semaphore that exists.
    const auto stopped = std::make_shared<QSemaphore>();
    onWorker([stopped](ServerWorker *worker) {
        worker->stop();
        stopped->release();
    });
    return stopped->tryAcquire(1, timeoutMs);
}

void ServerHost::submit(const TrainerRequest &request, QObject *context, ResponseHandler done)
{
    onWorker([this, request, context = QPointer<QObject>(context),
              done = std::move(done)](ServerWorker *worker) {
        ApiService *service = worker->service();
        const ApiResponse response = service
                                         ? service->handle(request)
                                         : errorResponse(503, u"SERVICE_UNAVAILABLE"_s,
                                                         u"The API has not been started yet."_s);
        // Back through this host, which outlives the worker, to the caller's thread; the caller
        // may be gone by then, which only that thread can tell safely.
        QMetaObject::invokeMethod(this, [context, done, response] {
            if (context)
                done(response);
        });
    });
}

void ServerHost::requestSnapshot(Table table)
{
    onWorker([table](ServerWorker *worker) { worker->publishSnapshot(table); });
}

void ServerHost::onService(std::function<void(ApiService &)> call)
{
    onWorker([call = std::move(call)](ServerWorker *worker) {
        if (ApiService *service = worker->service())
            call(*service);
    });
}

void ServerHost::setTokenLifetime(qint64 seconds)
{
    onService([seconds](ApiService &service) { service.tokens().setLifetimeSeconds(seconds); });
}

void ServerHost::setRefreshTokenLifetime(qint64 seconds)
{
    onService(
        [seconds](ApiService &service) { service.tokens().setRefreshLifetimeSeconds(seconds); });
}

void ServerHost::setRequirePasswords(bool required)
{
    onService([required](ApiService &service) { service.setRequirePasswords(required); });
}

void ServerHost::setJwtSecret(const QByteArray &secret)
{
    onService([secret](ApiService &service) { service.tokens().setSecret(secret); });
}

void ServerHost::revokeToken(const TokenRecord &token)
{
    onService([token](ApiService &service) {
        service.tokens().revokeToken(token, u"revoked by the trainer"_s);
    });
}

void ServerHost::setFaultPlan(const FaultPlan &plan)
{
    onWorker([plan](ServerWorker *worker) { worker->setFaultPlan(plan); });
}

void ServerHost::setFallbackSeed(quint32 seed)
{
    onWorker([seed](ServerWorker *worker) { worker->setFallbackSeed(seed); });
}

void ServerHost::restartFaults()
{
    onWorker([](ServerWorker *worker) { worker->restartFaults(); });
}

void ServerHost::setControlApi(bool enabled, const QByteArray &key)
{
    onWorker([enabled, key](ServerWorker *worker) { worker->setControlApi(enabled, key); });
}

#include "serverhost.moc"
