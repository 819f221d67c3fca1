#include "tokenservice.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

TokenService::TokenService(QByteArray secret, qint64 lifetimeSeconds, Clock clock)
    : m_codec(std::move(secret))
    , m_lifetimeSeconds(lifetimeSeconds)
    , m_clock(std::move(clock))
{}

QByteArray TokenService::issueAccessToken(const User &user) const
{
    const qint64 now = m_clock().toSecsSinceEpoch();
    const QJsonObject claims{
        {u"sub"_s, QString::number(user.id)},
        {u"email"_s, user.email},
        {u"role"_s, roleName(user.role)},
        {u"iat"_s, now},
        {u"exp"_s, now + m_lifetimeSeconds},
        {u"jti"_s, QString::fromLatin1(randomBytes(16).toHex())},
        {u"type"_s, u"access"_s},
        {u"fresh"_s, true},
    };
    return m_codec.sign(claims);
}

JwtCodec::Result TokenService::verify(QByteArrayView token) const
{
    return m_codec.verify(token, m_clock().toSecsSinceEpoch());
}
