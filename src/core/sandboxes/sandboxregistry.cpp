#include "sandboxregistry.h"

#include "jwt.h"
#include "sandboxaddress.h"
#include "trainerrequest.h"

using namespace Qt::StringLiterals;

namespace {
// Addresses a sandbox remembers: enough to tell the trainer who uses it, bounded against a
// client that changes address on every request.
constexpr int MaxClientAddresses = 4;
} // namespace

SandboxRegistry::SandboxRegistry(const ServiceConfig &config, Clock clock, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(std::move(clock))
    , m_shared(std::make_unique<ApiService>(config, m_clock))
{
    m_config.basePath.clear();
}

SandboxRegistry::~SandboxRegistry() = default;

std::unique_ptr<ApiService> SandboxRegistry::makeService(const QString &name) const
{
    ServiceConfig config = m_config;
    config.jwtSecret = randomBytes(32);
    config.basePath = SandboxAddress::basePath(name);
    auto service = std::make_unique<ApiService>(config, m_clock);
    service->setRecordLimits(m_limits.records);
    if (!m_baseUrl.isEmpty())
        service->setBaseUrl(m_baseUrl);
    return service;
}

QString SandboxRegistry::limitMessage(int maxSandboxes)
{
    return u"This server already holds %1 sandboxes, its limit. Use the sandbox you already have, "
           u"or ask the trainer to remove unused ones."_s.arg(maxSandboxes);
}

std::variant<ApiService *, ApiError> SandboxRegistry::acquire(const QString &name)
{
    if (name.isEmpty())
        return m_shared.get();
    const QDateTime now = m_clock();
    if (const auto it = m_sandboxes.find(name); it != m_sandboxes.end()) {
        it->second.lastUsedAt = now;
        return it->second.service.get();
    }
    if (sandboxCount() >= m_limits.maxSandboxes)
        return ApiError{503, u"SANDBOX_LIMIT"_s, limitMessage(m_limits.maxSandboxes)};
    Sandbox sandbox;
    sandbox.service = makeService(name);
    sandbox.summary.name = name;
    sandbox.summary.createdAt = now;
    sandbox.summary.lastRequestAt = now;
    sandbox.lastUsedAt = now;
    ApiService *service = sandbox.service.get();
    m_sandboxes.emplace(name, std::move(sandbox));
    // Last: a slot may change the registry.
    emit sandboxCreated(name, service);
    return service;
}

ApiService *SandboxRegistry::find(const QString &name) const
{
    if (name.isEmpty())
        return m_shared.get();
    const auto it = m_sandboxes.find(name);
    return it == m_sandboxes.end() ? nullptr : it->second.service.get();
}

QStringList SandboxRegistry::names() const
{
    QStringList names;
    names.reserve(sandboxCount());
    for (const auto &entry : m_sandboxes)
        names.append(entry.first);
    return names;
}

void SandboxRegistry::recordRequest(const QString &name, const QHostAddress &client, int status)
{
    const auto it = m_sandboxes.find(name);
    if (it == m_sandboxes.end())
        return;
    SandboxSummary &summary = it->second.summary;
    ++summary.requests;
    if (status >= 500 || status == 0)
        ++summary.serverErrors;
    else if (status >= 400)
        ++summary.clientErrors;
    summary.lastRequestAt = m_clock();
    if (summary.clientAddresses.size() >= MaxClientAddresses || client.isNull())
        return;
    // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; the trainer knows a.b.c.d.
    bool isV4 = false;
    const quint32 v4 = client.toIPv4Address(&isV4);
    const QString address = isV4 ? QHostAddress(v4).toString() : client.toString();
    if (!summary.clientAddresses.contains(address))
        summary.clientAddresses.append(address);
}

SandboxSummary SandboxRegistry::summaryOf(const Sandbox &sandbox) const
{
    SandboxSummary summary = sandbox.summary;
    summary.users = sandbox.service->users().count();
    return summary;
}

QList<SandboxSummary> SandboxRegistry::summaries() const
{
    QList<SandboxSummary> summaries;
    summaries.reserve(sandboxCount());
    for (const auto &entry : m_sandboxes)
        summaries.append(summaryOf(entry.second));
    return summaries;
}

std::optional<SandboxSummary> SandboxRegistry::summary(const QString &name) const
{
    const auto it = m_sandboxes.find(name);
    if (it == m_sandboxes.end())
        return std::nullopt;
    return summaryOf(it->second);
}

bool SandboxRegistry::reset(const QString &name)
{
    ApiService *service = name.isEmpty() ? nullptr : find(name);
    if (!service)
        return false;
    service->handle(TrainerRequest::resetData());
    emit sandboxReset(name);
    return true;
}

bool SandboxRegistry::remove(const QString &name)
{
    const auto it = m_sandboxes.find(name);
    if (it == m_sandboxes.end())
        return false;
    m_sandboxes.erase(it);
    emit sandboxRemoved(name);
    return true;
}

void SandboxRegistry::removeAll()
{
    for (const QString &name : names())
        remove(name);
}

QStringList SandboxRegistry::removeIdle()
{
    const QDateTime cutOff = m_clock().addSecs(-m_limits.idleSeconds);
    QStringList idle;
    for (const auto &[name, sandbox] : m_sandboxes) {
        if (sandbox.lastUsedAt < cutOff)
            idle.append(name);
    }
    for (const QString &name : idle)
        remove(name);
    return idle;
}

void SandboxRegistry::setLimits(const SandboxLimits &limits)
{
    m_limits = limits;
    for (auto &entry : m_sandboxes)
        entry.second.service->setRecordLimits(limits.records);
}

void SandboxRegistry::setTokenLifetime(qint64 seconds)
{
    m_config.tokenLifetimeSeconds = seconds;
    forEachInstance([seconds](const QString &, ApiService &service) {
        service.tokens().setLifetimeSeconds(seconds);
    });
}

void SandboxRegistry::setRefreshTokenLifetime(qint64 seconds)
{
    m_config.refreshTokenLifetimeSeconds = seconds;
    forEachInstance([seconds](const QString &, ApiService &service) {
        service.tokens().setRefreshLifetimeSeconds(seconds);
    });
}

void SandboxRegistry::setRequirePasswords(bool required)
{
    m_config.requirePasswords = required;
    forEachInstance([required](const QString &, ApiService &service) {
        service.setRequirePasswords(required);
    });
}

void SandboxRegistry::setLessonEnabled(const QString &name, bool enabled)
{
    m_config.disabledLessons.removeAll(name);
    if (!enabled)
        m_config.disabledLessons.append(name);
    forEachInstance([&name, enabled](const QString &, ApiService &service) {
        service.setLessonEnabled(name, enabled);
    });
}

void SandboxRegistry::setJwtSecret(const QByteArray &secret)
{
    m_config.jwtSecret = secret;
    m_shared->tokens().setSecret(secret);
    for (const QString &name : names()) // by name: a slot of the tokens' signals may remove one
        if (ApiService *sandbox = find(name))
            sandbox->tokens().setSecret(randomBytes(32));
}

void SandboxRegistry::setBaseUrl(const QString &baseUrl)
{
    m_baseUrl = baseUrl;
    forEachInstance(
        [&baseUrl](const QString &, ApiService &service) { service.setBaseUrl(baseUrl); });
}
