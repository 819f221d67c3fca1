#include "challengememory.h"

#include "exchangefacts.h"

#include <QCryptographicHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

QByteArray fingerprint(const QByteArray &authorization)
{
    return QCryptographicHash::hash(authorization, QCryptographicHash::Sha256);
}

} // namespace

void ChallengeMemory::learn(const ExchangeFacts &facts)
{
    if (facts.answered("POST", u"/logout", 200) && !facts.authorization().isEmpty()) {
        if (m_loggedOutTokens.size() == MaxLoggedOutTokens)
            m_loggedOutTokens.removeFirst();
        m_loggedOutTokens.append(fingerprint(facts.authorization()));
    }

    if (facts.status() == 503 && facts.hasFault(AppliedFault::Kind::Status))
        m_failedWith503 = requestOf(facts);
    else if (m_failedWith503 && *m_failedWith503 == requestOf(facts) && facts.isSuccess())
        m_failedWith503.reset();

    if (facts.status() == 429 && facts.hasFault(AppliedFault::Kind::RateLimit)) {
        bool isNumber = false;
        const int retryAfter =
            facts.exchange().response.header("Retry-After").trimmed().toInt(&isNumber);
        if (isNumber && retryAfter >= 0) {
            m_rateLimited = RateLimited{requestOf(facts), facts.exchange().request.clientAddress,
                                        facts.exchange().startedAt.addSecs(retryAfter)};
        }
    }

    learnPasswordReset(facts);
}

// Each step needs the one before it; a new request starts over with its email.
void ChallengeMemory::learnPasswordReset(const ExchangeFacts &facts)
{
    PasswordReset &reset = m_passwordReset;
    if (facts.answered("POST", u"/password-reset", 200)) {
        const QString email = facts.requestJson().value(u"email"_s).toString().toLower();
        reset = email.isEmpty() ? PasswordReset{} : PasswordReset{ResetStep::Requested, email, {}};
        return;
    }
    if (reset.step != ResetStep::None && facts.answered("GET", u"/outbox", 200)) {
        const QJsonArray emails = facts.responseData().value(u"emails"_s).toArray();
        for (const QJsonValue &email : emails) { // oldest first: the last match is the newest
            const QJsonObject sent = email.toObject();
            const QString token = sent.value(u"token"_s).toString();
            if (sent.value(u"to"_s).toString().toLower() == reset.email && !token.isEmpty()) {
                reset.token = token;
                reset.step = ResetStep::TokenRead;
            }
        }
        return;
    }
    if (reset.step == ResetStep::TokenRead && facts.answered("POST", u"/password-reset/*", 200) &&
        facts.path().section(u'/', 2) == reset.token) {
        reset.step = ResetStep::PasswordSet;
    }
}

void ChallengeMemory::clear()
{
    *this = ChallengeMemory();
}

qsizetype ChallengeMemory::size() const
{
    return m_loggedOutTokens.size() + (m_failedWith503 ? 1 : 0) + (m_rateLimited ? 1 : 0) +
           (m_passwordReset.step != ResetStep::None ? 1 : 0);
}

bool ChallengeMemory::wasLoggedOut(const QByteArray &authorization) const
{
    return !authorization.isEmpty() && m_loggedOutTokens.contains(fingerprint(authorization));
}

bool ChallengeMemory::retriesAfter503(const ExchangeFacts &facts) const
{
    return m_failedWith503 && *m_failedWith503 == requestOf(facts);
}

bool ChallengeMemory::retriesAfterWaiting(const ExchangeFacts &facts) const
{
    return m_rateLimited && m_rateLimited->request == requestOf(facts) &&
           m_rateLimited->client == facts.exchange().request.clientAddress &&
           facts.exchange().startedAt >= m_rateLimited->notBefore;
}

QString ChallengeMemory::passwordResetEmail() const
{
    return m_passwordReset.step == ResetStep::PasswordSet ? m_passwordReset.email : QString();
}

ChallengeMemory::Request ChallengeMemory::requestOf(const ExchangeFacts &facts)
{
    return {facts.method(), facts.path()};
}
