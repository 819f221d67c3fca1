#include "appsettings.h"

#include "controlapi.h"
#include "jwt.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace {
constexpr int SecretBytes = 32;
const auto SecretKey = u"security/jwtSecret"_s;
const auto ControlKeyKey = u"security/controlKey"_s;
} // namespace

AppSettings::AppSettings()
{
    createPrivately();
    restrictToOwner();
}

QByteArray AppSettings::jwtSecret()
{
    const QByteArray stored = QByteArray::fromBase64(m_settings.value(SecretKey).toByteArray());
    if (stored.size() != SecretBytes)
        return regenerateJwtSecret();
    restrictToOwner();
    return stored;
}

void AppSettings::createPrivately()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    // QSettings writes a new file with the umask's permissions (often readable to everyone)
    // and would only be restricted afterwards; it keeps those of a file it replaces, so an
    // empty one for the owner is there before the first write. macOS writes its own.
    const QString path = m_settings.fileName();
    const QString directory = QFileInfo(path).absolutePath();
    if (!QFileInfo::exists(directory)) {
        QDir().mkpath(QFileInfo(directory).absolutePath());
        QDir().mkdir(directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QFile file(path);
    if (!file.exists())
        file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner);
#endif
}

void AppSettings::restrictToOwner()
{
    // Whoever reads the secret can mint admin tokens: the file is for its owner only (this also
    // mends a file that an older version left readable to everyone).
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
