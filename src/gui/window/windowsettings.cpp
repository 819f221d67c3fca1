#include "windowsettings.h"

#include "faultplanjson.h"
#include "tokenservice.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {
const auto PortKey = u"server/port"_s;
const auto BindKey = u"server/bindAddress"_s;
const auto TokenLifetimeKey = u"tokens/lifetimeSeconds"_s;
const auto LogCapacityKey = u"log/capacity"_s;
const auto ZoomKey = u"view/zoomPercent"_s;
const auto ThemeKey = u"view/theme"_s;
const auto FaultPlanKey = u"faults/plan"_s;
const auto ControlApiKey = u"faults/controlApi"_s;
const auto RequirePasswordsKey = u"tokens/requirePasswords"_s;
const auto RefreshLifetimeKey = u"tokens/refreshLifetimeSeconds"_s;
const auto ProtectClassApiKey = u"class/protectClassApi"_s;
const auto MaxSandboxesKey = u"class/maxSandboxes"_s;
const auto IdleSecondsKey = u"class/idleSeconds"_s;
const auto MaxUsersKey = u"class/maxUsers"_s;
const auto MaxProductsKey = u"class/maxProducts"_s;
const auto MaxOutboxEmailsKey = u"class/maxOutboxEmails"_s;
const auto DisabledLessonsKey = u"lessons/disabled"_s;
constexpr int MaxRecordsLimit = 1'000'000;
constexpr int MaxOutboxEmailsLimit = 1'000;

// A stored number within [min, max], or the fallback.
qint64 numberOr(const QSettings &settings, const QString &key, qint64 min, qint64 max,
                qint64 fallback)
{
    bool ok = false;
    const qint64 value = settings.value(key).toLongLong(&ok);
    return ok && value >= min && value <= max ? value : fallback;
}

// A stored lifetime, or the default if it is missing or out of the API's range.
qint64 lifetimeOr(const QSettings &settings, const QString &key, qint64 fallback)
{
    bool ok = false;
    const qint64 seconds = settings.value(key).toLongLong(&ok);
    return ok && seconds > 0 && seconds <= TokenService::MaxLifetimeSeconds ? seconds : fallback;
}
} // namespace

quint16 WindowSettings::port() const
{
    bool ok = false;
    const uint port = m_settings.value(PortKey, DefaultPort).toUInt(&ok);
    // 0 ("any free port") is for one run from the command line, never a place to come back to.
    return ok && port > 0 && port <= 65535 ? quint16(port) : DefaultPort;
}

void WindowSettings::setPort(quint16 port)
{
    m_settings.setValue(PortKey, port);
}

QHostAddress WindowSettings::bindAddress() const
{
    const QHostAddress address(m_settings.value(BindKey).toString());
    return address.isNull() ? QHostAddress(QHostAddress::LocalHost) : address;
}

void WindowSettings::setBindAddress(const QHostAddress &address)
{
    m_settings.setValue(BindKey, address.toString());
}

qint64 WindowSettings::tokenLifetimeSeconds() const
{
    return lifetimeOr(m_settings, TokenLifetimeKey, TokenService::DefaultLifetimeSeconds);
}

qint64 WindowSettings::refreshTokenLifetimeSeconds() const
{
    return lifetimeOr(m_settings, RefreshLifetimeKey, TokenService::DefaultRefreshLifetimeSeconds);
}

void WindowSettings::setRefreshTokenLifetimeSeconds(qint64 seconds)
{
    m_settings.setValue(RefreshLifetimeKey, seconds);
}

bool WindowSettings::requirePasswords() const
{
    return m_settings.value(RequirePasswordsKey, false).toBool();
}

void WindowSettings::setRequirePasswords(bool required)
{
    m_settings.setValue(RequirePasswordsKey, required);
}

void WindowSettings::setTokenLifetimeSeconds(qint64 seconds)
{
    m_settings.setValue(TokenLifetimeKey, seconds);
}

int WindowSettings::logCapacity() const
{
    bool ok = false;
    const int capacity = m_settings.value(LogCapacityKey).toInt(&ok);
    return ok ? qBound(MinLogCapacity, capacity, MaxLogCapacity) : DefaultLogCapacity;
}

void WindowSettings::setLogCapacity(int capacity)
{
    m_settings.setValue(LogCapacityKey, capacity);
}

int WindowSettings::zoomPercent() const
{
    bool ok = false;
    const int percent = m_settings.value(ZoomKey).toInt(&ok);
    return ok && percent > 0 ? percent : 100;
}

void WindowSettings::setZoomPercent(int percent)
{
    m_settings.setValue(ZoomKey, percent);
}

Theme::Id WindowSettings::theme() const
{
    return Theme::fromKey(m_settings.value(ThemeKey).toString());
}

void WindowSettings::setTheme(Theme::Id theme)
{
    m_settings.setValue(ThemeKey, Theme::key(theme));
}

FaultPlan WindowSettings::faultPlan() const
{
    const FaultPlanJson::Parsed parsed =
        FaultPlanJson::fromBytes(m_settings.value(FaultPlanKey).toString().toUtf8());
    return parsed.ok() ? parsed.plan : FaultPlan();
}

void WindowSettings::setFaultPlan(const FaultPlan &plan)
{
    m_settings.setValue(
        FaultPlanKey,
        QString::fromUtf8(
            QJsonDocument(FaultPlanJson::toJson(plan)).toJson(QJsonDocument::Compact)));
}

bool WindowSettings::controlApiEnabled() const
{
    return m_settings.value(ControlApiKey, false).toBool();
}

void WindowSettings::setControlApiEnabled(bool enabled)
{
    m_settings.setValue(ControlApiKey, enabled);
}

QByteArray WindowSettings::layout(const QString &name) const
{
    return m_settings.value(u"window/"_s + name).toByteArray();
}

void WindowSettings::setLayout(const QString &name, const QByteArray &state)
{
    m_settings.setValue(u"window/"_s + name, state);
}

bool WindowSettings::protectClassApi() const
{
    return m_settings.value(ProtectClassApiKey, false).toBool();
}

void WindowSettings::setProtectClassApi(bool protect)
{
    m_settings.setValue(ProtectClassApiKey, protect);
}

QStringList WindowSettings::disabledLessons() const
{
    return m_settings.value(DisabledLessonsKey).toStringList();
}

void WindowSettings::setLessonEnabled(const QString &name, bool enabled)
{
    QStringList disabled = disabledLessons();
    disabled.removeAll(name);
    if (!enabled)
        disabled.append(name);
    m_settings.setValue(DisabledLessonsKey, disabled);
}

SandboxLimits WindowSettings::sandboxLimits() const
{
    SandboxLimits limits;
    limits.maxSandboxes = int(numberOr(m_settings, MaxSandboxesKey, 1,
                                       SandboxLimits::MaxSandboxesLimit, limits.maxSandboxes));
    limits.idleSeconds =
        numberOr(m_settings, IdleSecondsKey, 60, SandboxLimits::MaxIdleSeconds, limits.idleSeconds);
    RecordLimits &records = limits.records;
    records.maxUsers = int(numberOr(m_settings, MaxUsersKey, 1, MaxRecordsLimit, records.maxUsers));
    records.maxProducts =
        int(numberOr(m_settings, MaxProductsKey, 1, MaxRecordsLimit, records.maxProducts));
    records.maxOutboxEmails = int(
        numberOr(m_settings, MaxOutboxEmailsKey, 1, MaxOutboxEmailsLimit, records.maxOutboxEmails));
    return limits;
}

void WindowSettings::setSandboxLimits(const SandboxLimits &limits)
{
    m_settings.setValue(MaxSandboxesKey, limits.maxSandboxes);
    m_settings.setValue(IdleSecondsKey, limits.idleSeconds);
    m_settings.setValue(MaxUsersKey, limits.records.maxUsers);
    m_settings.setValue(MaxProductsKey, limits.records.maxProducts);
    m_settings.setValue(MaxOutboxEmailsKey, limits.records.maxOutboxEmails);
}
