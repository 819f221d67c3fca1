#pragma once

#include "clock.h"
#include "jwt.h"
#include "user.h"

#include <QByteArray>

// Issues and checks the API's access tokens: the claims of the contract, signed with the
// installation's secret, living for a configurable number of seconds.
class TokenService
{
public:
    static constexpr qint64 DefaultLifetimeSeconds = 3600;
    static constexpr qint64 MaxLifetimeSeconds = 10LL * 365 * 24 * 3600; // ten years

    TokenService(QByteArray secret, qint64 lifetimeSeconds, Clock clock);

    QByteArray issueAccessToken(const User &user) const;
    JwtCodec::Result verify(QByteArrayView token) const;

    qint64 lifetimeSeconds() const { return m_lifetimeSeconds; }

    // Live changes from the trainer: a new lifetime applies to tokens issued from now on; a new
    // secret makes every token issued before it fail verification.
    void setLifetimeSeconds(qint64 seconds) { m_lifetimeSeconds = seconds; }
    void setSecret(QByteArray secret) { m_codec = JwtCodec(std::move(secret)); }

private:
    JwtCodec m_codec;
    qint64 m_lifetimeSeconds;
    Clock m_clock;
};
