#pragma once

#include <QByteArray>
#include <QSettings>

// The persistent settings shared by the window and headless mode (QSettings, native format).
class AppSettings
{
public:
    AppSettings();

    // The installation's JWT secret: 256 random bits, created on first use and kept.
    QByteArray jwtSecret();
    QByteArray regenerateJwtSecret();
    // The key test suites send in X-Dojo-Key to the control API, created on first use and kept.
    QByteArray controlKey();
    QByteArray regenerateControlKey();
    // Empty, or why the settings could not be written (the secret then lives only in memory).
    QString saveProblem() const;

private:
    void createPrivately();
    void restrictToOwner();

    QSettings m_settings;
};
