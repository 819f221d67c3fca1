#pragma once

#include "apierror.h"
#include "apiservice.h"
#include "sandboxsummary.h"

#include <QHostAddress>
#include <QObject>
#include <map>
#include <memory>
#include <variant>

// The limits of API.md Part D: settings, with the contract's defaults.
struct SandboxLimits
{
    static constexpr int DefaultMaxSandboxes = 200;
    static constexpr qint64 DefaultIdleSeconds = 4 * 60 * 60;
    static constexpr int DefaultMaxRecords = 1000;
    static constexpr int DefaultMaxOutboxEmails = 100;
    // Bounds of the settings (the command line and the window refuse anything else).
    static constexpr int MaxSandboxesLimit = 10000;
    static constexpr qint64 MinIdleSeconds = 60;
    static constexpr qint64 MaxIdleSeconds = 7 * 24 * 60 * 60;

    int maxSandboxes = DefaultMaxSandboxes;
    qint64 idleSeconds = DefaultIdleSeconds;
    RecordLimits records{DefaultMaxRecords, DefaultMaxRecords, DefaultMaxOutboxEmails};
};

// Every API instance of a class: the shared class API (the instance with no name) and one
// sandbox per student, made on first use with the seeded data and removed when idle, by the
// trainer, or never. Each instance has its own stores, tokens (signed with a secret of its own,
// so that a token is worthless in any other instance, and in a later life of the same name),
// outbox and password resets. Lives on the server thread.
class SandboxRegistry : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxRegistry)

public:
    explicit SandboxRegistry(const ServiceConfig &config, Clock clock = systemClock(),
                             QObject *parent = nullptr);
    ~SandboxRegistry() override;

    ApiService &shared() { return *m_shared; }
    // The instance of that name ("" is the shared API), made now if there is none and the limit
    // allows (503 SANDBOX_LIMIT otherwise). Marks it used.
    std::variant<ApiService *, ApiError> acquire(const QString &name);
    // The instance of that name if it exists ("" is the shared API), else nullptr.
    ApiService *find(const QString &name) const;
    bool contains(const QString &name) const { return m_sandboxes.count(name) > 0; }
    int sandboxCount() const { return int(m_sandboxes.size()); }
    // Sandbox names in alphabetical order.
    QStringList names() const;

    // Counts an answered request of a sandbox (no-op for the shared API or a removed one).
    void recordRequest(const QString &name, const QHostAddress &client, int status);
    QList<SandboxSummary> summaries() const;
    std::optional<SandboxSummary> summary(const QString &name) const;

    // Back to the seed, like POST /reset in it. False if there is no such sandbox.
    bool reset(const QString &name);
    // Gone with all it holds; its name starts afresh on the next use. False if there was none.
    bool remove(const QString &name);
    void removeAll();
    // Removes every sandbox unused for the idle time; answers their names.
    QStringList removeIdle();

    const SandboxLimits &limits() const { return m_limits; }
    // Applies to existing sandboxes too (their record limits; idle time at the next check). A
    // smaller count removes none: it only refuses new ones.
    void setLimits(const SandboxLimits &limits);

    // Settings of every instance, present and future.
    void setTokenLifetime(qint64 seconds);
    void setRefreshTokenLifetime(qint64 seconds);
    void setRequirePasswords(bool required);
    // In the shared API, every sandbox and the sandboxes made later.
    void setLessonEnabled(const QString &name, bool enabled);
    // The shared API's secret; every sandbox draws a new one of its own (their tokens die too).
    void setJwtSecret(const QByteArray &secret);
    void setBaseUrl(const QString &baseUrl);
    template<typename Visit>
    void forEachInstance(Visit visit)
    {
        visit(QString(), *m_shared);
        for (auto &[name, sandbox] : m_sandboxes)
            visit(name, *sandbox.service);
    }

    static QString limitMessage(int maxSandboxes);

signals:
    // Emitted on the registry's thread; the service lives until sandboxRemoved(name): connect
    // directly (a queued slot could outlive it).
    void sandboxCreated(const QString &name, ApiService *service);
    // After it is gone (its objects, and the connections to them, with it).
    void sandboxRemoved(const QString &name);
    // A sandbox's data went back to the seed (reset by the trainer or the control API; the
    // API's own POST /reset is an ordinary request).
    void sandboxReset(const QString &name);

private:
    struct Sandbox
    {
        std::unique_ptr<ApiService> service;
        SandboxSummary summary; // users: filled in when asked
        QDateTime lastUsedAt;
    };

    std::unique_ptr<ApiService> makeService(const QString &name) const;
    SandboxSummary summaryOf(const Sandbox &sandbox) const;

    ServiceConfig m_config; // of the shared API; sandboxes take it with their own secret and path
    Clock m_clock;
    QString m_baseUrl;
    SandboxLimits m_limits;
    std::unique_ptr<ApiService> m_shared;
    std::map<QString, Sandbox> m_sandboxes;
};
