#include "appsettings.h"

#include "jwt.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int SecretBytes = 32;
const auto SecretKey = u"security/jwtSecret"_s;
} // namespace

AppSettings::AppSettings() = default;

QByteArray AppSettings::jwtSecret()
{
    const QByteArray stored = QByteArray::fromBase64(m_settings.value(SecretKey).toByteArray());
    if (stored.size() == SecretBytes)
        return stored;
    return regenerateJwtSecret();
}

QByteArray AppSettings::regenerateJwtSecret()
{
    const QByteArray secret = randomBytes(SecretBytes);
    m_settings.setValue(SecretKey, secret.toBase64());
    m_settings.sync();
    return secret;
}
