#include "controlapi.h"

#include "apierror.h"
#include "apiservice.h"
#include "challengecatalogue.h"
#include "envelope.h"
#include "faultinjector.h"
#include "faultplanjson.h"
#include "jwt.h"
#include "sandboxes/sandboxaddress.h"
#include "sandboxes/sandboxregistry.h"
#include "uservalidation.h"

#include <QJsonArray>
#include <cmath>
#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace {

QString activeSummary(const FaultPlan &plan)
{
    const qsizetype active = describeActiveFaults(plan).size();
    if (active == 0)
        return u"no faults active"_s;
    return active == 1 ? u"1 fault active"_s : u"%1 faults active"_s.arg(active);
}

ApiError sandboxNotFound(const QString &name)
{
    return {404, u"SANDBOX_NOT_FOUND"_s, u"There is no sandbox named %1"_s.arg(name)};
}

} // namespace

ControlApi::ControlApi(SandboxRegistry &registry, FaultInjector &faults, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_faults(faults)
{
    addRoutes();
    // However a sandbox goes or starts over (a control request, the trainer, idle expiry), its
    // fault counters follow: one place for all of them.
    connect(&registry, &SandboxRegistry::sandboxRemoved, this,
            [this](const QString &name) { m_faults.forget(name); });
    connect(&registry, &SandboxRegistry::sandboxReset, this,
            [this](const QString &name) { m_faults.restart(name); });
}

QByteArray ControlApi::newKey()
{
    return randomBytes(18).toBase64(QByteArray::Base64UrlEncoding);
}

void ControlApi::addRoutes()
{
    using Params = QStringList;
    m_router.addRoute("GET", u"/_dojo/faults"_s,
                      [this](const ApiRequest &, const Params &) { return faultPlan(); });
    m_router.addRoute("PUT", u"/_dojo/faults"_s, [this](const ApiRequest &request, const Params &) {
        return replaceFaultPlan(request);
    });
    m_router.addRoute("POST", u"/_dojo/reset"_s, [this](const ApiRequest &request, const Params &) {
        return reset(request.sandbox);
    });
    m_router.addRoute("GET", u"/_dojo/sandboxes"_s,
                      [this](const ApiRequest &, const Params &) { return listSandboxes(); });
    m_router.addRoute(
        "DELETE", u"/_dojo/sandboxes/{name}"_s,
        [this](const ApiRequest &, const Params &params) { return removeSandbox(params[0]); });
    m_router.addRoute(
        "POST", u"/_dojo/sandboxes/{name}/reset"_s,
        [this](const ApiRequest &, const Params &params) { return resetSandbox(params[0]); });
    m_router.addRoute("GET", u"/_dojo/challenges"_s,
                      [this](const ApiRequest &, const Params &) { return classProgress(); });
    m_router.addRoute("GET", u"/_dojo/token-ttl"_s,
                      [this](const ApiRequest &, const Params &) { return tokenLifetime(); });
    m_router.addRoute(
        "PUT", u"/_dojo/token-ttl"_s,
        [this](const ApiRequest &request, const Params &) { return setTokenLifetime(request); });
}

std::optional<ApiResponse> ControlApi::handle(const ApiRequest &request)
{
    if (!m_enabled || !isControlPath(request.path))
        return std::nullopt;
    if (request.method == "OPTIONS") {
        // A browser page (a docs page, a web-based test runner) may send the key from elsewhere.
        ApiResponse preflight = m_router.route(request);
        preflight.setHeader("Access-Control-Allow-Headers"_ba,
                            "Authorization, Content-Type, X-Sandbox, X-Dojo-Key"_ba);
        return preflight;
    }
    if (!hasValidKey(request)) {
        ApiResponse refused =
            ApiError{401, u"INVALID_CONTROL_KEY"_s,
                     u"Missing or wrong X-Dojo-Key header. The key is shown in the Faults "
                     u"panel of the ApiDojo window."_s}
                .toResponse();
        refused.setHeader("Access-Control-Allow-Origin"_ba, "*"_ba);
        return refused;
    }
    return m_router.route(request);
}

bool ControlApi::hasValidKey(const ApiRequest &request) const
{
    const QByteArray presented = request.header(KeyHeader);
    // Constant time: the comparison must not tell a guesser how much of the key was right.
    return !m_key.isEmpty() && presented.size() == m_key.size() &&
           CRYPTO_memcmp(presented.constData(), m_key.constData(), size_t(m_key.size())) == 0;
}

ApiResponse ControlApi::faultPlan() const
{
    return Envelope::success(200, FaultPlanJson::toJson(m_faults.plan()),
                             u"Fault plan: "_s + activeSummary(m_faults.plan()));
}

ApiResponse ControlApi::replaceFaultPlan(const ApiRequest &request)
{
    const std::optional<QJsonObject> body = parseJsonObject(request.body);
    if (!body)
        return ApiError::invalidJson().toResponse();
    const FaultPlanJson::Parsed parsed = FaultPlanJson::fromJson(*body);
    if (!parsed.ok())
        return ApiError{400, u"INVALID_FAULT_PLAN"_s, parsed.error}.toResponse();
    // A test's plan starts from a clean slate, so that its failures do not depend on the
    // requests of the tests before it.
    m_faults.setPlan(parsed.plan);
    m_faults.restart();
    emit faultPlanChanged();
    return Envelope::success(200, FaultPlanJson::toJson(m_faults.plan()),
                             u"Fault plan replaced: "_s + activeSummary(m_faults.plan()));
}

ApiResponse ControlApi::reset(const QString &sandbox)
{
    if (!sandbox.isEmpty()) {
        ApiService *service = m_registry.find(sandbox);
        if (!service)
            return sandboxNotFound(sandbox).toResponse();
        m_registry.reset(sandbox); // its fault counters too (see the constructor)
        return Envelope::success(
            200, {{u"sandbox"_s, sandbox}, {u"users"_s, service->users().count()}},
            u"Sandbox %1 reset to initial state and its fault counters restarted; the fault "
            u"plan and the token lifetime are the trainer's and did not change"_s.arg(sandbox));
    }
    ApiService &shared = m_registry.shared();
    shared.handle(TrainerRequest::resetData());
    m_faults.setPlan(m_faults.plan().allOff());
    m_faults.restart();
    m_registry.setTokenLifetime(TokenService::DefaultLifetimeSeconds);
    emit faultPlanChanged();
    emit tokenLifetimeChanged(TokenService::DefaultLifetimeSeconds);
    return Envelope::success(
        200,
        {{u"users"_s, shared.users().count()},
         {u"faults_active"_s, false},
         {u"token_ttl_seconds"_s, TokenService::DefaultLifetimeSeconds}},
        u"Data reset to initial state, all faults off, token lifetime %1 seconds"_s.arg(
            TokenService::DefaultLifetimeSeconds));
}

ApiResponse ControlApi::resetSandbox(const QString &name)
{
    if (!SandboxAddress::isValidName(name))
        return SandboxAddress::invalidName().toResponse();
    return reset(name.toLower());
}

ApiResponse ControlApi::removeSandbox(const QString &name)
{
    if (!SandboxAddress::isValidName(name))
        return SandboxAddress::invalidName().toResponse();
    const QString lower = name.toLower();
    if (!m_registry.remove(lower))
        return sandboxNotFound(lower).toResponse();
    return Envelope::success(200, {{u"sandbox"_s, lower}},
                             u"Sandbox %1 removed; its next request starts afresh"_s.arg(lower));
}

ApiResponse ControlApi::listSandboxes() const
{
    QJsonArray sandboxes;
    for (const SandboxSummary &summary : m_registry.summaries()) {
        sandboxes.append(QJsonObject{{u"name"_s, summary.name},
                                     {u"created_at"_s, formatTimestamp(summary.createdAt)},
                                     {u"last_request_at"_s, formatTimestamp(summary.lastRequestAt)},
                                     {u"requests"_s, summary.requests},
                                     {u"users"_s, summary.users}});
    }
    const int count = int(sandboxes.size());
    return Envelope::success(200,
                             {{u"sandboxes"_s, sandboxes},
                              {u"count"_s, count},
                              {u"max_sandboxes"_s, m_registry.limits().maxSandboxes}},
                             count == 1 ? u"1 sandbox"_s : u"%1 sandboxes"_s.arg(count));
}

// Every instance's progress at once, for a trainer's script: the catalogue once, then per
// instance (the class API first, then the sandboxes by name) the ids done and when.
ApiResponse ControlApi::classProgress() const
{
    QJsonArray catalogue;
    for (const Challenge &challenge : challengeCatalogue()) {
        catalogue.append(QJsonObject{
            {u"id"_s, challenge.id}, {u"area"_s, challenge.area}, {u"title"_s, challenge.title}});
    }
    QJsonArray instances;
    const auto append = [&instances](const ChallengeProgress &progress) {
        QJsonObject done;
        for (auto it = progress.done.cbegin(); it != progress.done.cend(); ++it)
            done.insert(it.key(), it.value().toUTC().toString(Qt::ISODate));
        instances.append(
            QJsonObject{{u"sandbox"_s, progress.sandbox.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                  : QJsonValue(progress.sandbox)},
                        {u"done"_s, int(done.size())},
                        {u"done_at"_s, done}});
    };
    append(m_registry.shared().challengeProgress());
    for (const QString &name : m_registry.names())
        append(m_registry.find(name)->challengeProgress());
    return Envelope::success(200,
                             {{u"challenges"_s, catalogue},
                              {u"instances"_s, instances},
                              {u"total"_s, int(catalogue.size())}},
                             u"Progress of %1 instance(s)"_s.arg(instances.size()));
}

ApiResponse ControlApi::tokenLifetime() const
{
    const qint64 seconds = m_registry.shared().tokens().lifetimeSeconds();
    return Envelope::success(200, {{u"seconds"_s, seconds}},
                             u"Access tokens live %1 seconds"_s.arg(seconds));
}

ApiResponse ControlApi::setTokenLifetime(const ApiRequest &request)
{
    const std::optional<QJsonObject> body = parseJsonObject(request.body);
    if (!body)
        return ApiError::invalidJson().toResponse();
    const QJsonValue value = body->value(u"seconds"_s);
    const double seconds = value.toDouble(-1);
    if (!value.isDouble() || seconds < 1 || seconds > double(TokenService::MaxLifetimeSeconds) ||
        seconds != std::floor(seconds)) {
        return ApiError{
            400, u"INVALID_TOKEN_TTL"_s,
            u"seconds must be a whole number from 1 to %1"_s.arg(TokenService::MaxLifetimeSeconds)}
            .toResponse();
    }
    m_registry.setTokenLifetime(qint64(seconds));
    emit tokenLifetimeChanged(qint64(seconds));
    return Envelope::success(
        200, {{u"seconds"_s, qint64(seconds)}},
        u"Access tokens issued from now on live %1 seconds"_s.arg(qint64(seconds)));
}
