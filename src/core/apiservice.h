#pragma once

#include "accounthandlers.h"
#include "apirequest.h"
#include "authenticator.h"
#include "challengetracker.h"
#include "clock.h"
#include "lessonapi.h"
#include "outbox.h"
#include "passwordresethandlers.h"
#include "passwordresets.h"
#include "producthandlers.h"
#include "productstore.h"
#include "router.h"
#include "sessionhandlers.h"
#include "tokenservice.h"
#include "trainerrequest.h"
#include "userhandlers.h"
#include "userstore.h"

#include <QObject>
#include <QSet>
#include <memory>
#include <vector>

struct ServiceConfig
{
    QByteArray jwtSecret;
    qint64 tokenLifetimeSeconds = TokenService::DefaultLifetimeSeconds;
    qint64 refreshTokenLifetimeSeconds = TokenService::DefaultRefreshLifetimeSeconds;
    bool requirePasswords = false;
    QString version = QStringLiteral(APIDOJO_VERSION);
    // Lesson APIs (by name, e.g. "inventory") whose prefix answers 404 (API.md Part C).
    QStringList disabledLessons;
    // Where the instance is served: "/s/<name>" for a sandbox, empty for the shared API. Only
    // what the API shows of its own address uses it (the OpenAPI servers, emailed links).
    QString basePath;
};

// How much a sandbox may hold (API.md Part D); 0: no limit (the shared API).
struct RecordLimits
{
    int maxUsers = 0;
    int maxProducts = 0;
    int maxOutboxEmails = Outbox::DefaultCapacity;
};

// The whole API as a function: ApiRequest in, ApiResponse out. Owns the store and the tokens;
// lives on the server thread.
class ApiService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiService)

public:
    explicit ApiService(const ServiceConfig &config, Clock clock = systemClock(),
                        QObject *parent = nullptr);

    ApiResponse handle(const ApiRequest &request) const;
    // The trainer's edits from the window; answers exactly as the matching API route would.
    ApiResponse handle(const TrainerRequest &request);

    const Router &router() const { return m_router; }
    UserStore &users() { return m_users; }
    ProductStore &products() { return m_products; }
    TokenService &tokens() { return m_tokens; }
    Outbox &outbox() { return m_outbox; }
    const Authenticator &authenticator() const { return m_authenticator; }

    // The trainer's "require passwords": login without one answers MISSING_FIELD.
    void setRequirePasswords(bool required) { m_sessionHandlers.setRequirePasswords(required); }
    // The address the API listens on (without the base path), for links in the emails it sends.
    void setBaseUrl(const QString &baseUrl);
    void setRecordLimits(const RecordLimits &limits);

    // The lesson APIs (API.md Part C), each under its prefix; all on unless switched off.
    const std::vector<std::unique_ptr<LessonApi>> &lessons() const { return m_lessons; }
    // A switched-off lesson's paths answer 404; its data stays.
    void setLessonEnabled(const QString &name, bool enabled);

    // The challenges this instance completed (issue 16). POST /reset keeps them: progress is
    // the student's, not the data's.
    ChallengeTracker &challenges() { return m_challenges; }
    // Its progress, named by its sandbox (empty for the shared API).
    ChallengeProgress challengeProgress() const;

private:
    void addRoutes();
    ApiResponse health() const;
    ApiResponse reset();
    ApiResponse documentList() const;

    Clock m_clock;
    QString m_version;
    QString m_basePath;
    UserStore m_users;
    ProductStore m_products;
    TokenService m_tokens;
    Outbox m_outbox;
    PasswordResets m_passwordResets;
    Authenticator m_authenticator;
    UserHandlers m_userHandlers;
    SessionHandlers m_sessionHandlers;
    AccountHandlers m_accountHandlers;
    PasswordResetHandlers m_passwordResetHandlers;
    ProductHandlers m_productHandlers;
    std::vector<std::unique_ptr<LessonApi>> m_lessons;
    QSet<QString> m_lessonsOff;
    ChallengeTracker m_challenges;
    Router m_router;
};
