#include "apiservice.h"

#include "apierror.h"
#include "challengeroutes.h"
#include "docsroutes.h"
#include "envelope.h"
#include "lessons.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

ApiService::ApiService(const ServiceConfig &config, Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_version(config.version)
    , m_basePath(config.basePath)
    , m_users(clock)
    , m_products(clock)
    , m_tokens(config.jwtSecret, config.tokenLifetimeSeconds, clock)
    , m_outbox(clock)
    , m_passwordResets(clock)
    , m_authenticator(m_tokens, m_users)
    , m_userHandlers(m_users, m_authenticator)
    , m_sessionHandlers(m_users, m_tokens, m_authenticator)
    , m_accountHandlers(m_users, m_tokens, m_authenticator, m_userHandlers)
    , m_passwordResetHandlers(m_users, m_tokens, m_outbox, m_passwordResets)
    , m_productHandlers(m_products, m_authenticator)
    , m_lessons(
          makeLessonApis({m_users, m_tokens, m_authenticator, m_outbox, m_passwordResets, m_clock}))
{
    m_tokens.setRefreshLifetimeSeconds(config.refreshTokenLifetimeSeconds);
    m_sessionHandlers.setRequirePasswords(config.requirePasswords);
    // However a user goes (DELETE /users/{id}, DELETE /me, the window), its sessions and its
    // password-reset tokens go too.
    connect(&m_users, &UserStore::userRemoved, this, [this](qint64 id) {
        m_tokens.announceUserDeleted(id);
        m_passwordResets.consume(id);
    });
    connect(&m_users, &UserStore::userAdded, this,
            [this](const User &user) { m_tokens.userIdAssigned(user.id); });
    addRoutes();
    for (const QString &name : config.disabledLessons)
        setLessonEnabled(name, false);
}

ApiResponse ApiService::handle(const ApiRequest &request) const
{
    m_authenticator.startRecording();
    ApiResponse response = m_router.route(request);
    response.tokenCheck = m_authenticator.takeRecorded(request);
    return response;
}

void ApiService::addRoutes()
{
    using Params = QStringList;
    m_router.addRoute("GET", u"/health"_s,
                      [this](const ApiRequest &, const Params &) { return health(); });
    m_router.addRoute("GET", u"/error"_s, [](const ApiRequest &, const Params &) {
        return ApiError{500, u"INTERNAL_SERVER_ERROR"_s, u"Simulated internal server error"_s}
            .toResponse();
    });
    m_router.addRoute("POST", u"/reset"_s,
                      [this](const ApiRequest &, const Params &) { return reset(); });
    m_router.addRoute("POST", u"/login"_s, [this](const ApiRequest &request, const Params &) {
        return m_sessionHandlers.login(request);
    });
    m_router.addRoute("POST", u"/refresh"_s, [this](const ApiRequest &request, const Params &) {
        return m_sessionHandlers.refresh(request);
    });
    m_router.addRoute("POST", u"/logout"_s, [this](const ApiRequest &request, const Params &) {
        return m_sessionHandlers.logout(request);
    });
    m_router.addRoute("POST", u"/register"_s, [this](const ApiRequest &request, const Params &) {
        return m_accountHandlers.registerUser(request);
    });
    m_router.addRoute("GET", u"/me"_s, [this](const ApiRequest &request, const Params &) {
        return m_accountHandlers.me(request);
    });
    m_router.addRoute("PUT", u"/me"_s, [this](const ApiRequest &request, const Params &) {
        return m_accountHandlers.updateMe(request);
    });
    m_router.addRoute("DELETE", u"/me"_s, [this](const ApiRequest &request, const Params &) {
        return m_accountHandlers.deleteMe(request);
    });
    m_router.addRoute("POST", u"/password-reset"_s,
                      [this](const ApiRequest &request, const Params &) {
                          return m_passwordResetHandlers.requestReset(request);
                      });
    m_router.addRoute("POST", u"/password-reset/{token}"_s,
                      [this](const ApiRequest &request, const Params &params) {
                          return m_passwordResetHandlers.resetPassword(request, params[0]);
                      });
    m_router.addRoute("GET", u"/outbox"_s, [this](const ApiRequest &, const Params &) {
        return m_passwordResetHandlers.listOutbox();
    });
    m_router.addRoute("GET", u"/users"_s, [this](const ApiRequest &request, const Params &) {
        return m_userHandlers.list(request);
    });
    m_router.addRoute("POST", u"/users"_s, [this](const ApiRequest &request, const Params &) {
        return m_userHandlers.create(request);
    });
    m_router.addRoute("GET", u"/users/{id}"_s, [this](const ApiRequest &, const Params &params) {
        return m_userHandlers.get(params[0]);
    });
    m_router.addRoute("PUT", u"/users/{id}"_s,
                      [this](const ApiRequest &request, const Params &params) {
                          return m_userHandlers.update(request, params[0]);
                      });
    m_router.addRoute("DELETE", u"/users/{id}"_s,
                      [this](const ApiRequest &request, const Params &params) {
                          return m_userHandlers.remove(request, params[0]);
                      });
    m_router.addRoute("GET", u"/products"_s, [this](const ApiRequest &request, const Params &) {
        return m_productHandlers.list(request);
    });
    m_router.addRoute("POST", u"/products"_s, [this](const ApiRequest &request, const Params &) {
        return m_productHandlers.create(request);
    });
    m_router.addRoute("GET", u"/products/{id}"_s, [this](const ApiRequest &, const Params &params) {
        return m_productHandlers.get(params[0]);
    });
    m_router.addRoute("PUT", u"/products/{id}"_s,
                      [this](const ApiRequest &request, const Params &params) {
                          return m_productHandlers.update(request, params[0]);
                      });
    m_router.addRoute("DELETE", u"/products/{id}"_s,
                      [this](const ApiRequest &request, const Params &params) {
                          return m_productHandlers.remove(request, params[0]);
                      });
    for (const auto &lesson : m_lessons) {
        lesson->addRoutes(m_router);
        addLessonDocsRoutes(m_router, *lesson, m_basePath);
        m_router.allowRequestHeaders(lesson->prefix(), lesson->requestHeaders());
    }
    addChallengeRoutes(m_router, [this] { return challengeProgress(); });
    // Before addDocsRoutes' "/docs/{file}": the documents /docs offers, the lessons switched on.
    m_router.addRoute("GET", u"/docs/documents.json"_s,
                      [this](const ApiRequest &, const Params &) { return documentList(); });
    addDocsRoutes(m_router, m_basePath);
}

void ApiService::setRecordLimits(const RecordLimits &limits)
{
    m_users.setCapacity(limits.maxUsers);
    m_products.setCapacity(limits.maxProducts);
    m_outbox.setCapacity(limits.maxOutboxEmails);
    for (const auto &lesson : m_lessons)
        lesson->setRecordLimit(limits.maxProducts);
}

ApiResponse ApiService::handle(const TrainerRequest &request)
{
    // Not a user of the store: the trainer has the admin's rights and no token to check.
    static const User trainer{0, u"Trainer"_s, {}, 0, UserRole::Admin, {}, {}};
    const QString id = QString::number(request.userId);
    switch (request.action) {
    case TrainerRequest::Action::CreateUser:
        return m_userHandlers.createAs(trainer, request.body);
    case TrainerRequest::Action::UpdateUser:
        return m_userHandlers.updateAs(trainer, id, request.body);
    case TrainerRequest::Action::DeleteUser:
        return m_userHandlers.removeAs(trainer, id);
    case TrainerRequest::Action::ResetData:
        return reset();
    }
    Q_UNREACHABLE();
}

ApiResponse ApiService::reset()
{
    m_users.reset();
    m_products.reset();
    m_outbox.clear();
    m_passwordResets.clear();
    for (const auto &lesson : m_lessons)
        lesson->reset();
    // Students log in once and reset before each test: the seeded users' tokens go on working.
    QList<qint64> seededIds;
    m_users.forEachUser([&seededIds](const User &user) { seededIds.append(user.id); });
    m_tokens.resetSessions(seededIds);
    return Envelope::success(200,
                             {{u"users"_s, m_users.count()}, {u"products"_s, m_products.count()}},
                             u"Data reset to initial state"_s);
}

void ApiService::setBaseUrl(const QString &baseUrl)
{
    m_passwordResetHandlers.setBaseUrl(baseUrl + m_basePath);
    for (const auto &lesson : m_lessons)
        lesson->setBaseUrl(baseUrl + m_basePath);
}

void ApiService::setLessonEnabled(const QString &name, bool enabled)
{
    for (const auto &lesson : m_lessons) {
        if (lesson->name() != name)
            continue;
        m_router.setPrefixEnabled(lesson->prefix(), enabled);
        if (enabled)
            m_lessonsOff.remove(name);
        else
            m_lessonsOff.insert(name);
    }
}

ChallengeProgress ApiService::challengeProgress() const
{
    ChallengeProgress progress = m_challenges.progress();
    static const QString sandboxPrefix = u"/s/"_s;
    if (m_basePath.startsWith(sandboxPrefix))
        progress.sandbox = m_basePath.mid(sandboxPrefix.size());
    return progress;
}

ApiResponse ApiService::documentList() const
{
    const auto entry = [](const QString &name, const QString &url) {
        return QJsonObject{{u"name"_s, name}, {u"url"_s, url}};
    };
    QJsonArray documents{entry(u"ApiDojo"_s, m_basePath + u"/openapi.json"_s)};
    for (const auto &lesson : m_lessons) {
        if (!m_lessonsOff.contains(lesson->name()))
            documents.append(
                entry(lesson->title(), m_basePath + lesson->prefix() + u"/openapi.json"_s));
    }
    // The /docs page's selector, one entry per API (Swagger UI's "urls" shape).
    return uncached(Envelope::bare(200, QJsonObject{{u"urls"_s, documents}}));
}

ApiResponse ApiService::health() const
{
    return Envelope::success(200,
                             {{u"status"_s, u"healthy"_s},
                              {u"timestamp"_s, formatTimestamp(m_clock())},
                              {u"version"_s, m_version}},
                             u"API is running successfully"_s);
}
