#pragma once

#include "apiservice.h"
#include "challengeprogress.h"
#include "exchange.h"
#include "faultplan.h"
#include "outboxchange.h"
#include "productchange.h"
#include "sandboxes/sandboxregistry.h"
#include "sandboxes/sandboxsummary.h"
#include "tokenevent.h"
#include "trainerrequest.h"
#include "userchange.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QObject>
#include <QThread>
#include <functional>
#include <optional>

class ServerWorker;

// A lesson API (API.md Part C) that keeps a list of its own, which the window can show.
struct LessonListSource
{
    QString lesson;      // "inventory"
    QString lessonTitle; // "home24 inventory (reference 004)"
    QString listTitle;   // "Products"
};

// Runs the API (store, tokens, HTTP server) on a worker thread with its own event loop, so the
// API keeps answering while the caller's thread is busy. Talks to it only through queued calls.
//
// The service and its data are made by the first start() and outlive stop() and later starts:
// changing the port does not lose the trainer's users.
class ServerHost : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerHost)

public:
    static constexpr int BatchIntervalMs = 25;
    static constexpr int StopTimeoutMs = 5000;

    using ResponseHandler = std::function<void(const ApiResponse &)>;
    using TokenCheckHandler = std::function<void(const TokenCheck &, const QDateTime &judgedAt)>;

    // What the worker announces besides the exchanges: the window follows every change of the
    // data and the tokens; headless mode only logs exchanges, and collecting changes that
    // nobody reads would cost every request that makes one (two tokens a login).
    enum class Publishes { Everything, ExchangesOnly };

    explicit ServerHost(Publishes publishes = Publishes::Everything, QObject *parent = nullptr);
    ~ServerHost() override;

    // Asynchronous: answers with started() or startFailed(). The first call creates the service
    // from config; later calls only listen again (use the setters below to change the service).
    void start(const ServiceConfig &config, const QHostAddress &address, quint16 port);
    // Asynchronous: closes the listening socket and every connection, then emits stopped().
    void requestStop();
    // requestStop() and wait until the worker has done it; false if that took longer than
    // timeoutMs (a handler still busy), in which case the worker stops when it gets to it.
    bool stop(int timeoutMs = StopTimeoutMs);

    // Runs a trainer's edit on the instance watched now (see watch()); `done` gets the API's
    // answer on context's thread: 404 SANDBOX_NOT_FOUND if that sandbox is gone meanwhile.
    void submit(const TrainerRequest &request, QObject *context, ResponseHandler done);
    // Judges a token (e.g. pasted into the decoder) by the API's rules, now, in the instance
    // watched now: its secret, users and revocations. Either type of token; `done` gets the
    // verdict on context's thread.
    void judgeToken(const QByteArray &token, QObject *context, TokenCheckHandler done);
    // The tables a view can ask for as they are now; tokens have none (the Tokens panel lists
    // what it saw issued).
    enum class Table { Users, Products, Outbox };
    // Asks for a Reset batch of one table (usersChanged, productsChanged or outboxChanged) of
    // the watched instance, for a view that connects after the service was made (nothing comes
    // before the first start).
    void requestSnapshot(Table table);
    // Which instance the tables (users, products, outbox) follow and the trainer's edits go to:
    // a sandbox's name, or "" for the shared class API. Answered by watching(), with "" when
    // there is no such sandbox; the tables then start again from a Reset batch.
    void watch(const QString &sandbox);
    // Where submit() sends the trainer's edits now ("" : the shared API).
    QString watched() const { return m_watched; }
    // The trainer's actions on the class (API.md Part D); answered by classChanged(). A reset,
    // like one submitted, is recorded among the exchanges (DataReset::trainerRecord).
    void resetSandbox(const QString &name);
    void removeSandbox(const QString &name);
    void resetAllSandboxes();
    void removeAllSandboxes();
    void setSandboxLimits(const SandboxLimits &limits);
    // Requests from other computers that would change the shared API get 403.
    void setProtectClassApi(bool protect);
    // Whose requests are the trainer's for setProtectClassApi: these addresses only, or, with
    // nullopt (the default), loopback and every address of this computer. For a classroom on
    // one machine (a test, a demo of the protection itself).
    void setTrainerAddresses(const std::optional<QList<QHostAddress>> &addresses);
    // Live changes of the service's settings; ServiceConfig has their values at creation.
    void setTokenLifetime(qint64 seconds);
    void setRefreshTokenLifetime(qint64 seconds);
    void setRequirePasswords(bool required);
    // The lessons that keep a list, answered by lessonListsAvailable() (also sent once when
    // the service is made); every instance has the same lessons.
    void requestLessonLists();
    // Follows one lesson's list in the watched instance ("": none), answered by
    // lessonListChanged() now and after every change of it.
    void watchLessonList(const QString &lesson);
    // Every instance's challenge progress (issue 16), answered by challengeProgressChanged with
    // wholeClass; and one instance's progress back to nothing (its data stays).
    void requestChallengeProgress();
    void resetChallengeProgress(const QString &sandbox);

    // A lesson API (API.md Part C) on or off, in every instance.
    void setLessonEnabled(const QString &name, bool enabled);
    void setJwtSecret(const QByteArray &secret);
    // The trainer revokes one token of an instance ("" : the shared API): its next use answers
    // TOKEN_REVOKED.
    void revokeToken(const QString &sandbox, const TokenRecord &token);

    // The fault plan in effect from the next request on; answered by faultPlanChanged().
    void setFaultPlan(const FaultPlan &plan);
    // The seed of the faults' random choices while the plan has none of its own.
    void setFallbackSeed(quint32 seed);
    // Rule counters, rate-limit windows and the random sequence start over (a replayed demo).
    void restartFaults();
    // The control API (/_dojo/...) for test suites; key: what X-Dojo-Key must carry.
    void setControlApi(bool enabled, const QByteArray &key);

signals:
    void started(const QHostAddress &address, quint16 port);
    void startFailed(QAbstractSocket::SocketError error, const QString &reason);
    void stopped();
    // Exchanges in the order they happened, coalesced into a batch every BatchIntervalMs at most:
    // one wake-up of the receiving thread per batch, not per request. The trainer's data resets
    // from the window come among them as records of their own (Exchange::dataReset).
    void exchangesRecorded(const QList<Exchange> &exchanges);
    // The store's changes, coalesced the same way. The first batch after the service is made
    // is a Reset with the seeded table. The same for the products and the outbox.
    void usersChanged(const QList<UserChange> &changes);
    void productsChanged(const QList<ProductChange> &changes);
    void outboxChanged(const QList<OutboxChange> &changes);
    // Tokens issued and revoked, in order, batched the same way.
    void tokensChanged(const QList<TokenEvent> &events);
    // The plan in effect changed (from setFaultPlan or the control API), with the seed in use.
    void faultPlanChanged(const FaultPlan &plan, quint32 seedInUse);
    // The control API changed the token lifetime.
    void tokenLifetimeChanged(qint64 seconds);
    // Every sandbox with its use, when any changed (a request, one made or removed); batched
    // with the rest. Only with Publishes::Everything.
    void classChanged(const QList<SandboxSummary> &sandboxes);
    // The progress of the instances whose challenges changed (a completion, a reset of progress,
    // a new sandbox at 0), batched; with wholeClass, every instance's (a request, a sandbox gone)
    // and a board should drop the rows not in it. Before the exchanges that completed them.
    void challengeProgressChanged(const QList<ChallengeProgress> &progress, bool wholeClass);
    // The instance the tables follow now ("" : the shared API); after watch(), and when the
    // watched sandbox was removed.
    void watching(const QString &sandbox);
    void lessonListsAvailable(const QList<LessonListSource> &lists);
    // The whole list of the lesson watchLessonList() names, in the watched instance, after a
    // request changed it (a write under the lesson's prefix, a reset) or the watched instance
    // changed; batched with the rest. Only with Publishes::Everything.
    void lessonListChanged(const QString &lesson, const LessonList &list);

private:
    void onWorker(std::function<void(ServerWorker *)> call);
    // Runs call on the worker with the instances, if they have been made.
    void onRegistry(std::function<void(SandboxRegistry &)> call);

    QThread m_thread;
    ServerWorker *m_worker = nullptr;
    QString m_watched; // on this object's thread: where submit() sends the trainer's edits
};
