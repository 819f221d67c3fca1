#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <optional>

class ExchangeFacts;

// What the multi-step challenges must remember of earlier exchanges of one instance. Small and
// bounded whatever the traffic: each step keeps its latest candidate only.
class ChallengeMemory
{
public:
    static constexpr qsizetype MaxLoggedOutTokens = 8;

    // Called after the detectors have judged the exchange.
    void learn(const ExchangeFacts &facts);
    void clear();
    qsizetype size() const;

    // This exact Authorization value was logged out by a POST /logout that succeeded.
    bool wasLoggedOut(const QByteArray &authorization) const;
    // The exchange asks the method and path again after a fault rule answered them 503.
    bool retriesAfter503(const ExchangeFacts &facts) const;
    // The exchange asks the method and path again, from the same client, after the rate
    // limit refused them and at least Retry-After seconds after that request.
    bool retriesAfterWaiting(const ExchangeFacts &facts) const;
    // The email whose password was reset with a token read from the outbox; empty if none.
    QString passwordResetEmail() const;

private:
    struct Request
    {
        QByteArray method;
        QString path;
        bool operator==(const Request &other) const
        {
            return method == other.method && path == other.path;
        }
    };
    struct RateLimited
    {
        Request request;
        QHostAddress client;
        QDateTime notBefore;
    };
    enum class ResetStep { None, Requested, TokenRead, PasswordSet };
    struct PasswordReset
    {
        ResetStep step = ResetStep::None;
        QString email; // lower case
        QString token;
    };

    static Request requestOf(const ExchangeFacts &facts);
    void learnPasswordReset(const ExchangeFacts &facts);

    QList<QByteArray> m_loggedOutTokens; // SHA-256 of the Authorization value, newest last
    std::optional<Request> m_failedWith503;
    std::optional<RateLimited> m_rateLimited;
    PasswordReset m_passwordReset;
};
