#include "appsettings.h"

#include "controlapi.h"
#include "jwt.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace {
constexpr int SecretBytes = 32;
const auto SecretKey = u"security/jwtSecret"_s;
const auto ControlKeyKey = u"security/controlKey"_s;
} // namespace

AppSettings::AppSettings() = default;

QByteArray AppSettings::jwtSecret()
{
    const QByteArray stored = QByteArray::fromBase64(m_settings.value(SecretKey).toByteArray());
    if (stored.size() != SecretBytes)
        return regenerateJwtSecret();
    restrictToOwner();
    return stored;
}

void AppSettings::restrictToOwner()
{
    // Whoever reads the secret can mint admin tokens: the file is for its owner only.
    QFile::setPermissions(m_settings.fileName(), QFile::ReadOwner | QFile::WriteOwner);
}

QByteArray AppSettings::regenerateJwtSecret()
{
    const QByteArray secret = randomBytes(SecretBytes);
    m_settings.setValue(SecretKey, secret.toBase64());
    m_settings.sync();
    restrictToOwner();
    return secret;
}

QByteArray AppSettings::controlKey()
{
    const QByteArray stored = m_settings.value(ControlKeyKey).toByteArray();
    return stored.isEmpty() ? regenerateControlKey() : stored;
}

QByteArray AppSettings::regenerateControlKey()
{
    const QByteArray key = ControlApi::newKey();
    m_settings.setValue(ControlKeyKey, key);
    m_settings.sync();
    restrictToOwner();
    return key;
}

QString AppSettings::saveProblem() const
{
    if (m_settings.status() == QSettings::NoError)
        return {};
    return u"cannot save the settings to %1, so tokens will not survive a restart"_s.arg(
        m_settings.fileName());
}
