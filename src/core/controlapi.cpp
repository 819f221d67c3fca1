#include "controlapi.h"

#include "apierror.h"
#include "apiservice.h"
#include "envelope.h"
#include "faultinjector.h"
#include "faultplanjson.h"
#include "jwt.h"
#include "uservalidation.h"

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

} // namespace

ControlApi::ControlApi(ApiService &service, FaultInjector &faults, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_faults(faults)
{
    addRoutes();
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
    m_router.addRoute("POST", u"/_dojo/reset"_s,
                      [this](const ApiRequest &, const Params &) { return reset(); });
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
                            "Authorization, Content-Type, X-Dojo-Key"_ba);
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

ApiResponse ControlApi::reset()
{
    m_service.handle(TrainerRequest::resetData());
    m_faults.setPlan(m_faults.plan().allOff());
    m_faults.restart();
    m_service.tokens().setLifetimeSeconds(TokenService::DefaultLifetimeSeconds);
    emit faultPlanChanged();
    emit tokenLifetimeChanged(TokenService::DefaultLifetimeSeconds);
    return Envelope::success(
        200,
        {{u"users"_s, m_service.users().count()},
         {u"faults_active"_s, false},
         {u"token_ttl_seconds"_s, TokenService::DefaultLifetimeSeconds}},
        u"Data reset to initial state, all faults off, token lifetime %1 seconds"_s.arg(
            TokenService::DefaultLifetimeSeconds));
}

ApiResponse ControlApi::tokenLifetime() const
{
    const qint64 seconds = m_service.tokens().lifetimeSeconds();
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
    m_service.tokens().setLifetimeSeconds(qint64(seconds));
    emit tokenLifetimeChanged(qint64(seconds));
    return Envelope::success(
        200, {{u"seconds"_s, qint64(seconds)}},
        u"Access tokens issued from now on live %1 seconds"_s.arg(qint64(seconds)));
}
