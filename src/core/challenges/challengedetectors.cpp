#include "challengedetectors.h"

#include "challengememory.h"
#include "exchangefacts.h"

#include <QHash>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace {

using Verdict = TokenCheck::Verdict;

// The rules read the contract's own answers; none of them looks at timing except the
// rate limit's, whose Retry-After is a time by definition.

bool tokenRefused(const ExchangeFacts &f, QStringView errorCode, Verdict verdict)
{
    return f.answered({}, u"*", 401, errorCode) && f.verdict() == verdict;
}

// 403 from the API to a caller whose token it accepted: a role, not an identity, problem.
bool forbiddenWithValidToken(const ExchangeFacts &f, QByteArrayView method, QStringView pattern)
{
    return f.answered(method, pattern, 403, u"FORBIDDEN") && f.verdict() == Verdict::Valid;
}

bool isUserWrite(const ExchangeFacts &f)
{
    return f.is("POST", u"/users") || f.is("PUT", u"/users/*");
}

bool userWriteRefused(const ExchangeFacts &f, int status, QStringView errorCode)
{
    return isUserWrite(f) && f.answered({}, u"*", status, errorCode);
}

bool userWriteAccepted(const ExchangeFacts &f)
{
    return f.answered("POST", u"/users", 201) || f.answered("PUT", u"/users/*", 200);
}

// A JSON integer (25.0 is 25, as the contract reads it).
bool ageIs(const ExchangeFacts &f, int age)
{
    const QJsonValue value = f.requestJson().value(u"age"_s);
    return value.isDouble() && value.toDouble() == age;
}

// Characters after trimming, as the contract counts them: an emoji is one.
bool nameLengthIs(const ExchangeFacts &f, qsizetype length)
{
    const QJsonValue value = f.requestJson().value(u"name"_s);
    return value.isString() && value.toString().trimmed().toUcs4().size() == length;
}

// POST /users without the field: the API names the first one missing, in order name, email, age.
bool missingUserField(const ExchangeFacts &f, const QString &field)
{
    return f.answered("POST", u"/users", 400, u"MISSING_FIELD") &&
           f.responseJson().value(u"message"_s).toString() == u"Missing required field: "_s + field;
}

bool productWriteRefused(const ExchangeFacts &f, int status, QStringView errorCode)
{
    return (f.is("POST", u"/products") || f.is("PUT", u"/products/*")) &&
           f.answered({}, u"*", status, errorCode);
}

// The last page that has products, reached by paging (page 2 or later).
bool isLastProductPage(const ExchangeFacts &f)
{
    if (!f.answered("GET", u"/products", 200) || !f.hasQuery(u"page"_s))
        return false;
    const QJsonObject data = f.responseData();
    const qint64 page = data.value(u"page"_s).toInteger();
    const qint64 perPage = data.value(u"per_page"_s).toInteger();
    const qint64 count = data.value(u"count"_s).toInteger();
    const qint64 total = data.value(u"total"_s).toInteger();
    return page >= 2 && count > 0 && (page - 1) * perPage + count == total;
}

struct Rule
{
    const char16_t *id;
    ChallengeDetector detect;
};

// One rule per catalogue id; `m` is the memory of the exchanges before this one.
const Rule rules[] = {
    {u"read-health", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("GET", u"/health", 200);
     }},
    // The whole list: a role filter is a challenge of its own.
    {u"read-users", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("GET", u"/users", 200) && !f.hasQuery(u"role"_s);
     }},
    {u"read-filter-role", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("GET", u"/users", 200) && f.hasQuery(u"role"_s);
     }},
    {u"read-user", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("GET", u"/users/*", 200);
     }},
    {u"read-user-not-found", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("GET", u"/users/*", 404, u"USER_NOT_FOUND");
     }},
    {u"read-bad-id", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("GET", u"/users/*", 400, u"INVALID_USER_ID");
     }},
    {u"auth-login", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("POST", u"/login", 200);
     }},
    // Any route that needs a token, asked without an Authorization header.
    {u"auth-no-token", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered({}, u"*", 401, u"MISSING_TOKEN");
     }},
    {u"auth-malformed-token", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return tokenRefused(f, u"INVALID_TOKEN", Verdict::Malformed);
     }},
    // A signature this API did not make: a changed payload or signature, or another secret.
    {u"auth-tampered-token", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return tokenRefused(f, u"INVALID_TOKEN", Verdict::Forged);
     }},
    {u"auth-expired-token", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return tokenRefused(f, u"TOKEN_EXPIRED", Verdict::Expired);
     }},
    {u"auth-refresh", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("POST", u"/refresh", 200);
     }},
    // A refresh token where an access token belongs (an access token at /refresh is the reverse).
    {u"auth-refresh-as-access", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return tokenRefused(f, u"INVALID_TOKEN", Verdict::WrongType) &&
                !f.is({}, u"/refresh");
     }},
    // TOKEN_REVOKED for the very token this instance saw logged out (not a password reset's).
    {u"auth-logout-reuse", [](const ExchangeFacts &f, const ChallengeMemory &m) {
         return tokenRefused(f, u"TOKEN_REVOKED", Verdict::Revoked) &&
                m.wasLoggedOut(f.authorization());
     }},
    {u"auth-fresh-token", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("DELETE", u"/me", 401, u"FRESH_TOKEN_REQUIRED") &&
                f.verdict() == Verdict::NotFresh;
     }},
    {u"val-missing-name", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return missingUserField(f, u"name"_s);
     }},
    {u"val-missing-email", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return missingUserField(f, u"email"_s);
     }},
    {u"val-missing-age", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return missingUserField(f, u"age"_s);
     }},
    // Boundaries: the API's verdict on exactly that value, on POST /users or PUT /users/{id}.
    {u"val-age-17", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return userWriteRefused(f, 400, u"INVALID_AGE") && ageIs(f, 17);
     }},
    {u"val-age-18", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return userWriteAccepted(f) && ageIs(f, 18);
     }},
    {u"val-age-150", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return userWriteAccepted(f) && ageIs(f, 150);
     }},
    {u"val-age-151", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return userWriteRefused(f, 400, u"INVALID_AGE") && ageIs(f, 151);
     }},
    {u"val-name-2", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return userWriteRefused(f, 400, u"INVALID_NAME") && nameLengthIs(f, 2);
     }},
    {u"val-name-3", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return userWriteAccepted(f) && nameLengthIs(f, 3);
     }},
    {u"val-name-100", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return userWriteAccepted(f) && nameLengthIs(f, 100);
     }},
    {u"val-name-101", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return userWriteRefused(f, 400, u"INVALID_NAME") && nameLengthIs(f, 101);
     }},
    {u"val-invalid-email", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return userWriteRefused(f, 400, u"INVALID_EMAIL");
     }},
    // The email sent has capitals: the API found its twin in another case (the stored emails
    // of the seed and of most students are lower case).
    {u"val-duplicate-email-case", [](const ExchangeFacts &f, const ChallengeMemory &) {
         const QString email = f.requestJson().value(u"email"_s).toString();
         return userWriteRefused(f, 409, u"DUPLICATE_EMAIL") && email != email.toLower();
     }},
    {u"val-role-non-admin", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return isUserWrite(f) && forbiddenWithValidToken(f, {}, u"*") &&
                f.requestJson().contains(u"role"_s);
     }},
    {u"write-create-user", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("POST", u"/users", 201);
     }},
    {u"write-update-user", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("PUT", u"/users/*", 200);
     }},
    {u"write-delete-user", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("DELETE", u"/users/*", 200);
     }},
    {u"write-delete-non-admin", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return forbiddenWithValidToken(f, "DELETE", u"/users/*");
     }},
    {u"proto-method-not-allowed", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered({}, u"*", 405, u"METHOD_NOT_ALLOWED") &&
                !f.exchange().response.header("Allow").isEmpty();
     }},
    // A real preflight, as a browser sends it: with Access-Control-Request-Method.
    {u"proto-preflight", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("OPTIONS", u"*", 204) &&
                f.exchange().request.hasHeader("Access-Control-Request-Method") &&
                !f.exchange().response.header("Access-Control-Allow-Methods").isEmpty();
     }},
    {u"proto-head", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("HEAD", u"*", 200) && f.exchange().response.body.isEmpty();
     }},
    {u"proto-unknown-path", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered({}, u"*", 404, u"NOT_FOUND");
     }},
    {u"proto-invalid-json", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered({}, u"*", 400, u"INVALID_JSON");
     }},
    // From the API or the transport guard, both decided by Content-Length.
    {u"proto-payload-too-large", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered({}, u"*", 413, u"PAYLOAD_TOO_LARGE");
     }},
    {u"acct-register", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("POST", u"/register", 201);
     }},
    // With a password (a Part A login has none). The API answers an unknown email the same way
    // on purpose, so the rule cannot tell the two apart either.
    {u"acct-wrong-password", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("POST", u"/login", 401, u"INVALID_CREDENTIALS") &&
                f.requestJson().contains(u"password"_s);
     }},
    // Request a reset, read its token in the outbox, set a password with that token, then log
    // in with a password as that email.
    {u"acct-password-reset", [](const ExchangeFacts &f, const ChallengeMemory &m) {
         const QString email = m.passwordResetEmail();
         return !email.isEmpty() && f.answered("POST", u"/login", 200) &&
                f.requestJson().contains(u"password"_s) &&
                f.requestJson().value(u"email"_s).toString().toLower() == email;
     }},
    {u"prod-list", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("GET", u"/products", 200);
     }},
    {u"prod-filter-type", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("GET", u"/products", 200) && f.hasQuery(u"type"_s);
     }},
    {u"prod-last-page", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return isLastProductPage(f);
     }},
    // The contract answers per_page=101 with INVALID_PAGINATION (not VALIDATION_ERROR).
    {u"prod-per-page-101", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.answered("GET", u"/products", 400, u"INVALID_PAGINATION") &&
                f.query(u"per_page"_s).trimmed() == u"101"_s;
     }},
    // At least two fields refused in one answer.
    {u"prod-validation-errors", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return productWriteRefused(f, 400, u"VALIDATION_ERROR") &&
                f.responseJson().value(u"errors"_s).toObject().size() >= 2;
     }},
    {u"prod-duplicate-code", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return productWriteRefused(f, 409, u"DUPLICATE_CODE");
     }},
    // The same method and path answered 2xx by the API after a fault rule's 503.
    {u"res-retry-after-503", [](const ExchangeFacts &f, const ChallengeMemory &m) {
         return f.isSuccess() && f.answeredByApi() && m.retriesAfter503(f);
     }},
    // The same request from the same client, not before Retry-After, let through by the limit.
    {u"res-rate-limit-wait", [](const ExchangeFacts &f, const ChallengeMemory &m) {
         return !f.hasFault(AppliedFault::Kind::RateLimit) && m.retriesAfterWaiting(f);
     }},
    // A 2xx body sent slowly by a fault, read to its end (the client stayed: delivered).
    {u"res-slow-body", [](const ExchangeFacts &f, const ChallengeMemory &) {
         return f.isSuccess() && f.hasFault(AppliedFault::Kind::SlowBody);
     }},
};

} // namespace

ChallengeDetector challengeDetector(const QString &id)
{
    static const QHash<QString, ChallengeDetector> byId = [] {
        QHash<QString, ChallengeDetector> detectors;
        for (const Rule &rule : rules)
            detectors.insert(QString::fromUtf16(rule.id), rule.detect);
        return detectors;
    }();
    return byId.value(id);
}
