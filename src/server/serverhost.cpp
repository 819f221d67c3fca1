#include "serverhost.h"

#include "apiserver.h"
#include "controlapi.h"
#include "datareset.h"
#include "faultinjector.h"
#include "sandboxes/classprotection.h"
#include "sandboxes/sandboxaddress.h"
#include "sandboxes/sandboxregistry.h"
#include "serverurls.h"
#include "wireresponse.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QNetworkInterface>
#include <QPointer>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QSet>
#include <QTimerEvent>
#include <openssl/crypto.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

using namespace Qt::StringLiterals;

namespace {
// How often idle sandboxes are looked for: their limit is hours, a minute late is fine.
constexpr int IdleCheckIntervalMs = 60 * 1000;
constexpr int MemoryTrimDelayMs = 1000;

// Answers the server gives before any route is chosen carry CORS like the router's.
ApiResponse refusalResponse(const ApiError &error)
{
    ApiResponse response = error.toResponse();
    response.setHeader("Access-Control-Allow-Origin"_ba, "*"_ba);
    return response;
}

// Every address of this computer: its requests are the trainer's.
QList<QHostAddress> thisComputersAddresses()
{
    QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
    addresses.append(QHostAddress(QHostAddress::LocalHost));
    addresses.append(QHostAddress(QHostAddress::LocalHostIPv6));
    return addresses;
}

bool isAmong(const QHostAddress &client, const QList<QHostAddress> &addresses)
{
    // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d.
    bool isV4 = false;
    const quint32 v4 = client.toIPv4Address(&isV4);
    const QHostAddress plain = isV4 ? QHostAddress(v4) : client;
    return std::any_of(addresses.cbegin(), addresses.cend(), [&plain](const QHostAddress &own) {
        return own.isEqual(plain, QHostAddress::TolerantConversion);
    });
}
} // namespace

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
        if (!m_registry)
            createRegistry(config);
        m_server = std::make_unique<ApiServer>(
            [this](const ApiRequest &request) { return handle(request); });
        m_server->setAdmission([this](ApiRequest &request) { return admit(request); });
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
        m_ownAddresses = thisComputersAddresses();
        // Links in emails (password reset) point where the students reach the API: on the local
        // network its address there, else loopback. Never the request's Host header, which a
        // client chooses (password-reset poisoning).
        const QList<QUrl> urls = reachableUrls(m_server->serverAddress(), m_server->serverPort());
        const auto onNetwork = std::find_if(urls.cbegin(), urls.cend(), [](const QUrl &url) {
            return !QHostAddress(url.host()).isLoopback();
        });
        if (!urls.isEmpty()) {
            const QUrl &link = onNetwork != urls.cend() ? *onNetwork : urls.first();
            m_registry->setBaseUrl(link.toString(QUrl::StripTrailingSlash));
        }
        m_idleTimer.start(IdleCheckIntervalMs, this);
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
        m_registry.reset();
        publishBatches();
    }

    SandboxRegistry *registry() { return m_registry.get(); }

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

    void setProtectClassApi(bool protect) { m_protectClassApi = protect; }
    void setTrainerAddresses(const std::optional<QList<QHostAddress>> &addresses)
    {
        m_trainerAddresses = addresses;
    }

    void setSandboxLimits(const SandboxLimits &limits)
    {
        m_sandboxLimits = limits;
        // A shorter idle time takes effect at the next minute's check, not while the trainer is
        // still turning the spin box.
        if (m_registry)
            m_registry->setLimits(limits);
    }

    void publishSnapshot(ServerHost::Table table)
    {
        ApiService *service = m_registry ? m_registry->find(m_watched) : nullptr;
        if (!service)
            return;
        switch (table) {
        case ServerHost::Table::Users:
            collect(m_userChanges, {UserChange::Kind::Reset, {}, service->users().users()});
            break;
        case ServerHost::Table::Products:
            collect(m_productChanges,
                    {ProductChange::Kind::Reset, {}, service->products().products()});
            break;
        case ServerHost::Table::Outbox:
            collect(m_outboxChanges, {OutboxChange::Kind::Reset, {}, service->outbox().emails()});
            break;
        }
    }

    // The window follows another instance: its tables start from that one's snapshot. A name
    // that has no sandbox (any more) means the shared API.
    void watch(const QString &name)
    {
        if (!m_registry)
            return;
        const QString watched = m_registry->contains(name) ? name : QString();
        if (watched != m_watched || m_watchConnections.isEmpty()) {
            for (const QMetaObject::Connection &connection : std::as_const(m_watchConnections))
                disconnect(connection);
            m_watchConnections.clear();
            m_watched = watched;
            if (m_publishes == ServerHost::Publishes::Everything)
                watchTables(*m_registry->find(m_watched));
        }
        emit watching(m_watched);
    }

    // A reset the trainer made in the window, for the log (requests record their own).
    void recordTrainerReset(const QString &sandbox, const ApiResponse &response)
    {
        record(DataReset::trainerRecord(sandbox, response));
    }

    void watchLessonList(const QString &lesson)
    {
        m_watchedLesson = lesson;
        lessonListMayHaveChanged();
    }

    void publishLessonLists()
    {
        if (!m_registry || m_publishes != ServerHost::Publishes::Everything)
            return;
        QList<LessonListSource> lists;
        for (const auto &lesson : m_registry->shared().lessons()) {
            const QString listTitle = lesson->list().title;
            if (!listTitle.isEmpty())
                lists.append({lesson->name(), lesson->title(), listTitle});
        }
        emit lessonListsAvailable(lists);
    }

    // Its instance's challenges (issue 16) read every exchange; those it completed go with it
    // (the log line, the window's toast) and the instance's progress to the board.
    void observeChallenges(Exchange &exchange)
    {
        ApiService *instance = m_registry ? m_registry->find(exchange.request.sandbox) : nullptr;
        if (!instance)
            return;
        exchange.challengesCompleted = instance->challenges().observe(exchange);
        if (!exchange.challengesCompleted.isEmpty())
            publishProgressOf(exchange.request.sandbox);
    }

    void publishProgressOf(const QString &sandbox)
    {
        if (m_publishes != ServerHost::Publishes::Everything)
            return;
        m_progressChanged.insert(sandbox);
        scheduleBatch();
    }

    void publishClassProgress()
    {
        if (m_publishes != ServerHost::Publishes::Everything)
            return;
        m_classProgressChanged = true;
        scheduleBatch();
    }

    void resetChallengeProgress(const QString &sandbox)
    {
        if (ApiService *instance = m_registry ? m_registry->find(sandbox) : nullptr) {
            instance->challenges().resetProgress();
            publishProgressOf(sandbox);
        }
    }

    void publishClass()
    {
        if (!m_registry || m_publishes != ServerHost::Publishes::Everything)
            return;
        m_classChanged = true;
        scheduleBatch();
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
    void classChanged(const QList<SandboxSummary> &sandboxes);
    void watching(const QString &sandbox);
    void lessonListsAvailable(const QList<LessonListSource> &lists);
    void lessonListChanged(const QString &lesson, const LessonList &list);
    void challengeProgressChanged(const QList<ChallengeProgress> &progress, bool wholeClass);

private:
    void publishFaultPlan() { emit faultPlanChanged(m_faults.plan(), m_faults.seed()); }

    // Which instance a request is for, before faults and routes see it.
    std::optional<ApiResponse> admit(ApiRequest &request)
    {
        if (!SandboxAddress::resolve(request))
            return refusalResponse(SandboxAddress::invalidName());
        // The control API makes no sandbox: a wrong key, or the API off, must not use one up.
        if (isControlPath(request.path))
            return std::nullopt;
        // Nor does a path that no route has (every instance has the same routes): a scan of
        // made-up URLs must not fill the class's sandboxes. Its 404 names the path as sent.
        if (!request.sandbox.isEmpty() && !m_registry->contains(request.sandbox) &&
            m_registry->shared().router().allowedMethods(request.path).isEmpty())
            return m_registry->shared().handle(request);
        const auto instance = m_registry->acquire(request.sandbox);
        if (const auto *error = std::get_if<ApiError>(&instance))
            return refusalResponse(*error);
        if (m_protectClassApi && request.sandbox.isEmpty() &&
            ClassProtection::changesData(request) && !isTrainer(request.clientAddress) &&
            m_registry->shared().router().allowedMethods(request.path).contains(request.method))
            return refusalResponse(ClassProtection::refusal());
        return std::nullopt;
    }

    bool isTrainer(const QHostAddress &client) const
    {
        if (m_trainerAddresses)
            return isAmong(client, *m_trainerAddresses);
        return client.isLoopback() || isAmong(client, m_ownAddresses);
    }

    ApiResponse handle(const ApiRequest &request)
    {
        if (std::optional<ApiResponse> answer = m_control->handle(request))
            return *answer;
        if (isControlPath(request.path)) {
            // The control API is off: its paths are unknown, in whichever instance.
            const ApiService *service = m_registry->find(request.sandbox);
            return (service ? service : &m_registry->shared())->handle(request);
        }
        // Acquired again: a delayed request may find its sandbox removed meanwhile (it then
        // starts afresh, as any request to a removed sandbox does).
        const auto instance = m_registry->acquire(request.sandbox);
        if (const auto *error = std::get_if<ApiError>(&instance))
            return refusalResponse(*error);
        ApiResponse response = std::get<ApiService *>(instance)->handle(request);
        if (request.sandbox == m_watched && writesToWatchedLesson(request))
            lessonListMayHaveChanged();
        return response;
    }

    bool writesToWatchedLesson(const ApiRequest &request) const
    {
        if (m_watchedLesson.isEmpty() || request.method == "GET"_ba ||
            request.method == "HEAD"_ba || request.method == "OPTIONS"_ba)
            return false;
        const QString prefix = u"/lessons/"_s + m_watchedLesson;
        return request.path.startsWith(prefix) &&
               (request.path.size() == prefix.size() || request.path.at(prefix.size()) == u'/');
    }

    // Cheap: the list itself is taken once per batch.
    void lessonListMayHaveChanged()
    {
        if (m_watchedLesson.isEmpty() || m_publishes != ServerHost::Publishes::Everything)
            return;
        m_lessonListChanged = true;
        scheduleBatch();
    }

    void publishLessonList()
    {
        const ApiService *service = m_registry ? m_registry->find(m_watched) : nullptr;
        if (!service)
            return;
        const auto &lessons = service->lessons();
        const auto lesson =
            std::find_if(lessons.cbegin(), lessons.cend(),
                         [this](const auto &each) { return each->name() == m_watchedLesson; });
        emit lessonListChanged(m_watchedLesson,
                               lesson != lessons.cend() ? (*lesson)->list() : LessonList());
    }

    void createRegistry(const ServiceConfig &config)
    {
        m_registry = std::make_unique<SandboxRegistry>(config);
        m_registry->setLimits(m_sandboxLimits);
        m_control = std::make_unique<ControlApi>(*m_registry, m_faults);
        setControlApi(m_controlEnabled, m_controlKey);
        connect(m_control.get(), &ControlApi::faultPlanChanged, this,
                &ServerWorker::publishFaultPlan);
        connect(m_control.get(), &ControlApi::tokenLifetimeChanged, this,
                &ServerWorker::tokenLifetimeChanged);
        connect(m_registry.get(), &SandboxRegistry::sandboxRemoved, this,
                [this](const QString &name) {
                    scheduleMemoryTrim(); // its fault counters: ControlApi forgets them
                    if (name == m_watched)
                        watch(QString());
                    publishClass();
                    publishClassProgress(); // its row leaves the board
                });
        connect(m_registry.get(), &SandboxRegistry::sandboxReset, this,
                [this](const QString &) { publishClass(); }); // its users count
        if (m_publishes == ServerHost::Publishes::ExchangesOnly)
            return;
        connect(m_registry.get(), &SandboxRegistry::sandboxCreated, this,
                [this](const QString &name, ApiService *service) {
                    watchTokens(name, service->tokens());
                    publishClass();
                    publishProgressOf(name); // a student joins the board at 0
                });
        watchTokens(QString(), m_registry->shared().tokens());
        watch(QString());
        publishLessonLists();
        publishClassProgress();
    }

    // A class's sandboxes can hold half a gigabyte; glibc keeps what they freed for later
    // allocations, so the trainer would see the memory of removed sandboxes until exit. Given
    // back once a second after the last of a burst of removals (a trim of a big heap takes
    // milliseconds: not one per removed sandbox).
    void scheduleMemoryTrim()
    {
#ifdef __GLIBC__
        m_memoryTrimTimer.start(MemoryTrimDelayMs, this);
#endif
    }

    // The tables of the watched instance; the first batch is a Reset with each table.
    void watchTables(ApiService &service)
    {
        watchStore(service.users(), m_userChanges, &UserStore::userAdded, &UserStore::userUpdated,
                   &UserStore::userRemoved, &UserStore::usersReset);
        watchStore(service.products(), m_productChanges, &ProductStore::productAdded,
                   &ProductStore::productUpdated, &ProductStore::productRemoved,
                   &ProductStore::productsReset);
        const Outbox &outbox = service.outbox();
        m_watchConnections.append(
            connect(&outbox, &Outbox::emailSent, this, [this](const OutboxEmail &email) {
                collect(m_outboxChanges, {OutboxChange::Kind::Added, email, {}});
            }));
        m_watchConnections.append(connect(&outbox, &Outbox::outboxCleared, this, [this] {
            m_outboxChanges.clear();
            collect(m_outboxChanges, {OutboxChange::Kind::Reset, {}, {}});
        }));
        // Every reset (POST /reset, the control API, the window) resets the products too.
        m_watchConnections.append(connect(&service.products(), &ProductStore::productsReset, this,
                                          [this] { lessonListMayHaveChanged(); }));
        lessonListMayHaveChanged();
        // Changes of the instance watched before are moot now.
        m_userChanges.clear();
        m_productChanges.clear();
        m_outboxChanges.clear();
        for (const auto table :
             {ServerHost::Table::Users, ServerHost::Table::Products, ServerHost::Table::Outbox})
            publishSnapshot(table);
    }

    // Tokens of every instance, each event naming its sandbox: the window filters them.
    void watchTokens(const QString &sandbox, const TokenService &tokens)
    {
        connect(&tokens, &TokenService::tokenIssued, this,
                [this, sandbox](const TokenRecord &token) {
                    collect(m_tokenEvents, {TokenEvent::Kind::Issued, token, {}, {}, sandbox});
                });
        connect(
            &tokens, &TokenService::tokensRevoked, this,
            [this, sandbox](const TokenRevocation &revocation) {
                collect(m_tokenEvents, {TokenEvent::Kind::Revoked, {}, revocation, {}, sandbox});
            });
        connect(&tokens, &TokenService::tokensOfGoneUsers, this,
                [this, sandbox](const TokenRevocation &scope) {
                    collect(m_tokenEvents, {TokenEvent::Kind::UsersGone, {}, scope, {}, sandbox});
                });
        connect(&tokens, &TokenService::usersRestored, this,
                [this, sandbox](const QList<qint64> &ids) {
                    collect(m_tokenEvents, {TokenEvent::Kind::UsersRestored, {}, {}, ids, sandbox});
                });
    }

    // Forwards a store's four signals as changes of one kind of record.
    template<typename Store, typename Record>
    void watchStore(const Store &store, QList<RecordChange<Record>> &changes,
                    void (Store::*added)(const Record &), void (Store::*updated)(const Record &),
                    void (Store::*removed)(qint64), void (Store::*reset)(const QList<Record> &))
    {
        using Change = RecordChange<Record>;
        m_watchConnections.append(
            connect(&store, added, this, [this, &changes](const Record &record) {
                collect(changes, {Change::Kind::Added, record, {}});
            }));
        m_watchConnections.append(
            connect(&store, updated, this, [this, &changes](const Record &record) {
                collect(changes, {Change::Kind::Updated, record, {}});
            }));
        m_watchConnections.append(connect(&store, removed, this, [this, &changes](qint64 id) {
            Record gone;
            gone.id = id;
            collect(changes, {Change::Kind::Removed, gone, {}});
        }));
        m_watchConnections.append(
            connect(&store, reset, this, [this, &changes](const QList<Record> &records) {
                // Everything before a reset is moot for the views.
                changes.clear();
                collect(changes, {Change::Kind::Reset, {}, records});
            }));
    }

    void closeServer()
    {
        m_idleTimer.stop();
        m_server.reset();
    }

    void collectExchange(Exchange exchange)
    {
        observeChallenges(exchange);
        if (!exchange.request.sandbox.isEmpty()) {
            m_registry->recordRequest(exchange.request.sandbox, exchange.request.clientAddress,
                                      exchange.response.status);
            publishClass();
        }
        exchange.dataReset = DataReset::describe(exchange);
        record(std::move(exchange));
    }

    // Numbered here, not by the server: ids stay unique across restarts and the trainer's own
    // records.
    void record(Exchange exchange)
    {
        exchange.id = ++m_lastExchangeId;
        collect(m_exchanges, exchange);
    }

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
        if (m_lessonListChanged) {
            m_lessonListChanged = false;
            publishLessonList();
        }
        if (m_classChanged && m_registry) {
            m_classChanged = false;
            emit classChanged(m_registry->summaries());
        }
        publishProgress();
        if (!m_exchanges.isEmpty())
            emit exchangesRecorded(take(m_exchanges));
    }

    void publishProgress()
    {
        if (!m_registry)
            return;
        QList<ChallengeProgress> progress;
        const bool wholeClass = std::exchange(m_classProgressChanged, false);
        const QSet<QString> changed = std::exchange(m_progressChanged, {});
        if (wholeClass) {
            progress.append(m_registry->shared().challengeProgress());
            for (const QString &name : m_registry->names())
                progress.append(m_registry->find(name)->challengeProgress());
        } else {
            for (const QString &name : changed) {
                if (const ApiService *instance = m_registry->find(name))
                    progress.append(instance->challengeProgress());
            }
        }
        if (wholeClass || !progress.isEmpty())
            emit challengeProgressChanged(progress, wholeClass);
    }

    void timerEvent(QTimerEvent *event) override
    {
        if (event->timerId() == m_batchTimer.timerId())
            publishBatches();
        else if (event->timerId() == m_idleTimer.timerId() && m_registry)
            m_registry->removeIdle();
#ifdef __GLIBC__
        else if (event->timerId() == m_memoryTrimTimer.timerId()) {
            m_memoryTrimTimer.stop();
            malloc_trim(0);
        }
#endif
    }

    const ServerHost::Publishes m_publishes;
    QBasicTimer m_batchTimer;
    QBasicTimer m_idleTimer;
    QList<Exchange> m_exchanges;
    quint64 m_lastExchangeId = 0;
    QList<UserChange> m_userChanges;
    QList<ProductChange> m_productChanges;
    QList<OutboxChange> m_outboxChanges;
    QList<TokenEvent> m_tokenEvents;
    bool m_classChanged = false;
    QSet<QString> m_progressChanged; // instances whose challenge progress changed ("": shared)
    bool m_classProgressChanged = false;
    QString m_watchedLesson; // "" : none
    bool m_lessonListChanged = false;
    QBasicTimer m_memoryTrimTimer;
    QElapsedTimer m_steadyClock; // the fault plan's rate-limit windows
    FaultInjector m_faults;
    bool m_controlEnabled = false;
    QByteArray m_controlKey;
    bool m_protectClassApi = false;
    SandboxLimits m_sandboxLimits;
    QList<QHostAddress> m_ownAddresses;
    std::optional<QList<QHostAddress>> m_trainerAddresses; // instead of this computer's
    QString m_watched;                                     // "" : the shared API
    QList<QMetaObject::Connection> m_watchConnections;
    std::unique_ptr<SandboxRegistry> m_registry;
    std::unique_ptr<ControlApi> m_control;
    std::unique_ptr<ApiServer> m_server;
};

ServerHost::ServerHost(Publishes publishes, QObject *parent)
    : QObject(parent)
    , m_worker(new ServerWorker(publishes))
{
    qRegisterMetaType<Exchange>();
    qRegisterMetaType<QList<ChallengeProgress>>();
    qRegisterMetaType<QList<Exchange>>();
    qRegisterMetaType<UserChange>();
    qRegisterMetaType<QList<UserChange>>();
    qRegisterMetaType<QList<ProductChange>>();
    qRegisterMetaType<QList<OutboxChange>>();
    qRegisterMetaType<QList<TokenEvent>>();
    qRegisterMetaType<QAbstractSocket::SocketError>();
    qRegisterMetaType<FaultPlan>();
    qRegisterMetaType<QList<SandboxSummary>>();
    qRegisterMetaType<QList<LessonListSource>>();
    qRegisterMetaType<LessonList>();
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
    connect(m_worker, &ServerWorker::classChanged, this, &ServerHost::classChanged);
    connect(m_worker, &ServerWorker::challengeProgressChanged, this,
            &ServerHost::challengeProgressChanged);
    // Before the signal goes on: a receiver that submits an edit at once means this instance.
    connect(m_worker, &ServerWorker::watching, this,
            [this](const QString &sandbox) { m_watched = sandbox; });
    connect(m_worker, &ServerWorker::watching, this, &ServerHost::watching);
    connect(m_worker, &ServerWorker::lessonListsAvailable, this, &ServerHost::lessonListsAvailable);
    connect(m_worker, &ServerWorker::lessonListChanged, this, &ServerHost::lessonListChanged);
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
    // The instance watched when the trainer acted: if it is gone by the time the worker gets
    // there, the edit is refused, never applied to another instance (ids repeat across them).
    onWorker([this, request, sandbox = m_watched, context = QPointer<QObject>(context),
              done = std::move(done)](ServerWorker *worker) {
        SandboxRegistry *registry = worker->registry();
        ApiService *service = registry ? registry->find(sandbox) : nullptr;
        ApiResponse response;
        if (service) {
            response = service->handle(request);
            if (request.action == TrainerRequest::Action::ResetData && response.status == 200)
                worker->recordTrainerReset(sandbox, response);
        } else if (registry)
            response = errorResponse(
                404, u"SANDBOX_NOT_FOUND"_s,
                u"The sandbox %1 is gone (removed, or idle too long); the edit was not made"_s.arg(
                    sandbox));
        else
            response = errorResponse(503, u"SERVICE_UNAVAILABLE"_s,
                                     u"The API has not been started yet."_s);
        worker->publishClass(); // an edit in a sandbox changes its users count
        // Back through this host, which outlives the worker, to the caller's thread; the caller
        // may be gone by then, which only that thread can tell safely.
        QMetaObject::invokeMethod(this, [context, done, response] {
            if (context)
                done(response);
        });
    });
}

void ServerHost::judgeToken(const QByteArray &token, QObject *context, TokenCheckHandler done)
{
    onWorker([this, token, sandbox = m_watched, context = QPointer<QObject>(context),
              done = std::move(done)](ServerWorker *worker) {
        SandboxRegistry *registry = worker->registry();
        const ApiService *service = registry ? registry->find(sandbox) : nullptr;
        TokenCheck check;
        if (service) {
            check = service->authenticator().judgeToken(token, std::nullopt).check;
        } else {
            check.reason = registry
                               ? u"The sandbox %1 is gone: nothing to judge it by."_s.arg(sandbox)
                               : u"The API has not been started yet."_s;
        }
        const QDateTime judgedAt = QDateTime::currentDateTimeUtc();
        QMetaObject::invokeMethod(this, [context, done, check, judgedAt] {
            if (context)
                done(check, judgedAt);
        });
    });
}

void ServerHost::requestSnapshot(Table table)
{
    onWorker([table](ServerWorker *worker) { worker->publishSnapshot(table); });
}

void ServerHost::onRegistry(std::function<void(SandboxRegistry &)> call)
{
    onWorker([call = std::move(call)](ServerWorker *worker) {
        if (SandboxRegistry *registry = worker->registry())
            call(*registry);
    });
}

void ServerHost::setTokenLifetime(qint64 seconds)
{
    onRegistry([seconds](SandboxRegistry &registry) { registry.setTokenLifetime(seconds); });
}

void ServerHost::setRefreshTokenLifetime(qint64 seconds)
{
    onRegistry([seconds](SandboxRegistry &registry) { registry.setRefreshTokenLifetime(seconds); });
}

void ServerHost::setRequirePasswords(bool required)
{
    onRegistry([required](SandboxRegistry &registry) { registry.setRequirePasswords(required); });
}

void ServerHost::requestLessonLists()
{
    onWorker([](ServerWorker *worker) { worker->publishLessonLists(); });
}

void ServerHost::watchLessonList(const QString &lesson)
{
    onWorker([lesson](ServerWorker *worker) { worker->watchLessonList(lesson); });
}

void ServerHost::setLessonEnabled(const QString &name, bool enabled)
{
    onRegistry(
        [name, enabled](SandboxRegistry &registry) { registry.setLessonEnabled(name, enabled); });
}

void ServerHost::setJwtSecret(const QByteArray &secret)
{
    onRegistry([secret](SandboxRegistry &registry) { registry.setJwtSecret(secret); });
}

void ServerHost::revokeToken(const QString &sandbox, const TokenRecord &token)
{
    onRegistry([sandbox, token](SandboxRegistry &registry) {
        if (ApiService *service = registry.find(sandbox))
            service->tokens().revokeToken(token, u"revoked by the trainer"_s);
    });
}

void ServerHost::watch(const QString &sandbox)
{
    m_watched = sandbox; // what the trainer's next edits are for, from now on
    onWorker([sandbox](ServerWorker *worker) { worker->watch(sandbox); });
}

void ServerHost::requestChallengeProgress()
{
    onWorker([](ServerWorker *worker) { worker->publishClassProgress(); });
}

void ServerHost::resetChallengeProgress(const QString &sandbox)
{
    onWorker([sandbox](ServerWorker *worker) { worker->resetChallengeProgress(sandbox); });
}

void ServerHost::resetSandbox(const QString &name)
{
    onWorker([name](ServerWorker *worker) {
        if (worker->registry() && worker->registry()->reset(name))
            worker->recordTrainerReset(name, {});
    });
}

void ServerHost::removeSandbox(const QString &name)
{
    onRegistry([name](SandboxRegistry &registry) { registry.remove(name); });
}

void ServerHost::resetAllSandboxes()
{
    onWorker([](ServerWorker *worker) {
        SandboxRegistry *registry = worker->registry();
        if (!registry)
            return;
        for (const QString &name : registry->names()) {
            if (registry->reset(name))
                worker->recordTrainerReset(name, {});
        }
    });
}

void ServerHost::removeAllSandboxes()
{
    onRegistry([](SandboxRegistry &registry) { registry.removeAll(); });
}

void ServerHost::setSandboxLimits(const SandboxLimits &limits)
{
    onWorker([limits](ServerWorker *worker) { worker->setSandboxLimits(limits); });
}

void ServerHost::setProtectClassApi(bool protect)
{
    onWorker([protect](ServerWorker *worker) { worker->setProtectClassApi(protect); });
}

void ServerHost::setTrainerAddresses(const std::optional<QList<QHostAddress>> &addresses)
{
    onWorker([addresses](ServerWorker *worker) { worker->setTrainerAddresses(addresses); });
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
