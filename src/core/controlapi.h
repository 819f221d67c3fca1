#pragma once

#include "apirequest.h"
#include "faultplan.h"
#include "router.h"

#include <QObject>
#include <optional>

class FaultInjector;
class SandboxRegistry;

// The trainer's switches over HTTP, for test suites that need a fault for one test only:
//   GET, PUT  /_dojo/faults     the fault plan (the JSON of faultplanjson.h)
//   POST      /_dojo/reset      seed data, every fault off, fault counters restarted, token
//                               lifetime back to the default
//   GET, PUT  /_dojo/token-ttl  {"seconds": N}
//   GET       /_dojo/sandboxes  every sandbox, with its use
//   DELETE    /_dojo/sandboxes/{name}        removes one
//   POST      /_dojo/sandboxes/{name}/reset  resets one to the seed
// The fault plan and the token lifetime are the trainer's, one for the whole class. A request
// in a sandbox (/s/alice/_dojo/reset) resets that sandbox: its data and its fault counters.
// Off by default: then these paths are unknown (404) like any other. On, every request needs
// the control key in X-Dojo-Key (401 INVALID_CONTROL_KEY otherwise); only a CORS preflight
// (OPTIONS) is answered without it.
class ControlApi : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlApi)

public:
    static constexpr QStringView Prefix = ControlPathPrefix;
    // The header that carries the key. Views show it hidden: whoever reads it controls the faults.
    static constexpr QByteArrayView KeyHeader = "X-Dojo-Key";
    // The environment variable that holds the key for command lines (headless mode reads it).
    static constexpr const char *KeyVariable = "APIDOJO_CONTROL_KEY";
    static bool isKeyHeader(QByteArrayView name)
    {
        return name.compare(KeyHeader, Qt::CaseInsensitive) == 0;
    }

    ControlApi(SandboxRegistry &registry, FaultInjector &faults, QObject *parent = nullptr);

    // A fresh random key: 24 characters, safe in a header and on a command line.
    static QByteArray newKey();

    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }
    void setKey(const QByteArray &key) { m_key = key; }

    // The answer to a control request; nullopt for any other request, or for all of them while
    // the control API is off.
    std::optional<ApiResponse> handle(const ApiRequest &request);

    const Router &router() const { return m_router; }

signals:
    void faultPlanChanged();
    void tokenLifetimeChanged(qint64 seconds);

private:
    void addRoutes();
    bool hasValidKey(const ApiRequest &request) const;
    ApiResponse faultPlan() const;
    ApiResponse replaceFaultPlan(const ApiRequest &request);
    ApiResponse reset(const QString &sandbox);
    ApiResponse resetSandbox(const QString &name);
    ApiResponse removeSandbox(const QString &name);
    ApiResponse listSandboxes() const;
    ApiResponse classProgress() const;
    ApiResponse tokenLifetime() const;
    ApiResponse setTokenLifetime(const ApiRequest &request);

    SandboxRegistry &m_registry;
    FaultInjector &m_faults;
    Router m_router;
    QByteArray m_key;
    bool m_enabled = false;
};
