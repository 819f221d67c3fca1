#pragma once

#include "faultplan.h"
#include "sandboxes/sandboxregistry.h"
#include "theme.h"

#include <QByteArray>
#include <QHostAddress>
#include <QSettings>

// The window's persistent choices (QSettings, the same file as AppSettings). Every getter has
// the default a first start should see.
class WindowSettings
{
public:
    static constexpr quint16 DefaultPort = 5000;
    static constexpr int DefaultLogCapacity = 10000;
    static constexpr int MinLogCapacity = 1000;
    // Each kept exchange may hold two 32 KiB bodies: beyond this the log could take gigabytes.
    static constexpr int MaxLogCapacity = 100000;

    quint16 port() const;
    void setPort(quint16 port);
    QHostAddress bindAddress() const;
    void setBindAddress(const QHostAddress &address);
    qint64 tokenLifetimeSeconds() const;
    void setTokenLifetimeSeconds(qint64 seconds);
    int logCapacity() const;
    void setLogCapacity(int capacity);
    int zoomPercent() const;
    void setZoomPercent(int percent);
    Theme::Id theme() const; // Standard unless the trainer chose a projector theme
    void setTheme(Theme::Id theme);
    // The plan as the trainer left it; a plan that no longer reads (edited by hand, from a
    // newer version) gives way to an empty one.
    FaultPlan faultPlan() const;
    void setFaultPlan(const FaultPlan &plan);
    bool controlApiEnabled() const; // off unless the trainer turned it on
    bool requirePasswords() const;  // off: Part A's email-only login works
    void setRequirePasswords(bool required);
    qint64 refreshTokenLifetimeSeconds() const;
    void setRefreshTokenLifetimeSeconds(qint64 seconds);
    void setControlApiEnabled(bool enabled);
    bool protectClassApi() const; // off: students may change the shared API too
    void setProtectClassApi(bool protect);
    // The contract's defaults for what is missing; a stored value out of range gives way to its
    // default.
    SandboxLimits sandboxLimits() const;
    void setSandboxLimits(const SandboxLimits &limits);
    // The lesson APIs (by name) the trainer switched off; every other one is on, a new one too.
    QStringList disabledLessons() const;
    void setLessonEnabled(const QString &name, bool enabled);

    // Opaque blobs from QWidget::saveGeometry() and friends, by name.
    QByteArray layout(const QString &name) const;
    void setLayout(const QString &name, const QByteArray &state);

private:
    QSettings m_settings;
};
