#include "runonlysettings.h"

#include <QSettings>

RunOnlySettings::RunOnlySettings()
{
    const QSettings saved;
    // An INI file on every system: the native format of Windows and macOS is not a file.
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_directory.path());
    QSettings copy(QSettings::IniFormat, QSettings::UserScope, saved.organizationName(),
                   saved.applicationName());
    const QStringList keys = saved.allKeys();
    for (const QString &key : keys)
        copy.setValue(key, saved.value(key));
    copy.sync();
    QSettings::setDefaultFormat(QSettings::IniFormat);
}

RunOnlySettings::~RunOnlySettings()
{
    QSettings::setDefaultFormat(QSettings::NativeFormat);
}
