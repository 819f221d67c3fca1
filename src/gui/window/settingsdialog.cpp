#include "settingsdialog.h"

#include "lessons/lessoncatalogue.h"
#include "tokenservice.h"
#include "ui_settingsdialog.h"
#include "windowsettings.h"

#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>
#include <iterator>

using namespace Qt::StringLiterals;

namespace {

// Seconds per entry of a duration's unit combo box. One type for every list (not one template
// instance per length): GCC's -O2 warned of an out-of-bounds read where the instances for two
// and three units were folded together.
struct Units
{
    const qint64 *seconds;
    int count;

    qint64 operator[](int index) const { return seconds[index]; }
};
constexpr qint64 AccessSeconds[] = {1, 60, 3600};      // seconds, minutes, hours
constexpr qint64 RefreshSeconds[] = {60, 3600, 86400}; // minutes, hours, days
constexpr qint64 IdleSeconds[] = {60, 3600};           // minutes, hours
constexpr Units AccessUnits{AccessSeconds, int(std::size(AccessSeconds))};
constexpr Units RefreshUnits{RefreshSeconds, int(std::size(RefreshSeconds))};
constexpr Units IdleUnits{IdleSeconds, int(std::size(IdleSeconds))};

qint64 lifetimeShown(const QSpinBox *spin, const QComboBox *unitCombo, const Units &units)
{
    return spin->value() * units[unitCombo->currentIndex()];
}

// The longest duration allowed (the API's own limit, as --token-ttl), in the chosen unit.
void limitToUnit(QSpinBox *spin, const QComboBox *unitCombo, const Units &units,
                 qint64 maxSeconds = TokenService::MaxLifetimeSeconds)
{
    spin->setMaximum(int(maxSeconds / units[unitCombo->currentIndex()]));
}

// Shows a duration in the largest unit that shows it exactly (else the smallest), quietly.
void showLifetime(QSpinBox *spin, QComboBox *unitCombo, const Units &units, qint64 seconds,
                  qint64 maxSeconds = TokenService::MaxLifetimeSeconds)
{
    int unit = units.count - 1;
    while (unit > 0 && seconds % units[unit] != 0)
        --unit;
    const QSignalBlocker spinBlocker(spin);
    const QSignalBlocker unitBlocker(unitCombo);
    unitCombo->setCurrentIndex(unit);
    limitToUnit(spin, unitCombo, units, maxSeconds);
    spin->setValue(int(std::max<qint64>(1, seconds / units[unit])));
}

// The duration shown in the unit `previousUnit`, shown again in the combo's current unit,
// quietly: 4 hours become 240 minutes. Minutes that make no whole hour round up (90 min: 2 h),
// so that nothing happens sooner than the trainer said.
void convertToUnit(QSpinBox *spin, const QComboBox *unitCombo, const Units &units, int previousUnit,
                   qint64 maxSeconds)
{
    const qint64 seconds = spin->value() * units[previousUnit];
    const qint64 unitSeconds = units[unitCombo->currentIndex()];
    const QSignalBlocker blocker(spin);
    limitToUnit(spin, unitCombo, units, maxSeconds);
    spin->setValue(int(std::max<qint64>(1, (seconds + unitSeconds - 1) / unitSeconds)));
}

} // namespace

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
{
    m_ui->setupUi(this);
    const auto announceLifetime = [this] {
        limitToUnit(m_ui->tokenLifetimeSpin, m_ui->tokenLifetimeUnitCombo, AccessUnits);
        emit tokenLifetimeChanged(tokenLifetimeSeconds());
    };
    connect(m_ui->tokenLifetimeSpin, &QSpinBox::valueChanged, this, announceLifetime);
    connect(m_ui->tokenLifetimeUnitCombo, &QComboBox::activated, this, announceLifetime);
    const auto announceRefreshLifetime = [this] {
        limitToUnit(m_ui->refreshLifetimeSpin, m_ui->refreshLifetimeUnitCombo, RefreshUnits);
        emit refreshTokenLifetimeChanged(refreshTokenLifetimeSeconds());
    };
    connect(m_ui->refreshLifetimeSpin, &QSpinBox::valueChanged, this, announceRefreshLifetime);
    connect(m_ui->refreshLifetimeUnitCombo, &QComboBox::activated, this, announceRefreshLifetime);
    connect(m_ui->requirePasswordsCheck, &QCheckBox::toggled, this,
            &SettingsDialog::requirePasswordsChanged);
    connect(m_ui->logCapacitySpin, &QSpinBox::valueChanged, this,
            &SettingsDialog::logCapacityChanged);
    connect(m_ui->regenerateSecretButton, &QPushButton::clicked, this,
            &SettingsDialog::confirmSecretRegeneration);

    connect(m_ui->protectClassApiCheck, &QCheckBox::toggled, this,
            &SettingsDialog::protectClassApiChanged);
    const auto announceLimits = [this] {
        limitToUnit(m_ui->idleSpin, m_ui->idleUnitCombo, IdleUnits, SandboxLimits::MaxIdleSeconds);
        emit sandboxLimitsChanged(sandboxLimits());
    };
    for (QSpinBox *spin : {m_ui->maxSandboxesSpin, m_ui->idleSpin, m_ui->maxUsersSpin,
                           m_ui->maxProductsSpin, m_ui->maxOutboxSpin})
        connect(spin, &QSpinBox::valueChanged, this, announceLimits);
    // A change of unit keeps the duration: applying "4 minutes" for a moment would remove every
    // sandbox idle longer than that.
    connect(m_ui->idleUnitCombo, &QComboBox::activated, this, [this](int unit) {
        if (unit == m_idleUnit)
            return;
        const qint64 before = m_ui->idleSpin->value() * IdleUnits[m_idleUnit];
        convertToUnit(m_ui->idleSpin, m_ui->idleUnitCombo, IdleUnits, m_idleUnit,
                      SandboxLimits::MaxIdleSeconds);
        m_idleUnit = unit;
        if (sandboxLimits().idleSeconds != before)
            emit sandboxLimitsChanged(sandboxLimits());
    });
    m_ui->maxSandboxesSpin->setMaximum(SandboxLimits::MaxSandboxesLimit);
    setSandboxLimits(SandboxLimits());
    addLessonChecks();
}

void SettingsDialog::addLessonChecks()
{
    for (const LessonEntry &lesson : lessonCatalogue()) {
        auto *check = new QCheckBox(
            u"%1 \u2014 %2"_s.arg(QString(lesson.title).replace(u'&', u"&&"_s), lesson.prefix()),
            m_ui->lessonsGroup);
        check->setObjectName(u"lessonCheck_"_s + lesson.name);
        check->setChecked(true);
        check->setToolTip(u"Off: every path under %1 answers 404, in the class API and every "
                          u"sandbox; its data stays."_s.arg(lesson.prefix()));
        connect(check, &QCheckBox::toggled, this,
                [this, name = lesson.name](bool on) { emit lessonEnabledChanged(name, on); });
        m_ui->lessonsLayout->addWidget(check);
        m_lessonChecks.append({lesson.name, check});
    }
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::setTokenLifetimeSeconds(qint64 seconds)
{
    showLifetime(m_ui->tokenLifetimeSpin, m_ui->tokenLifetimeUnitCombo, AccessUnits, seconds);
}

qint64 SettingsDialog::tokenLifetimeSeconds() const
{
    return lifetimeShown(m_ui->tokenLifetimeSpin, m_ui->tokenLifetimeUnitCombo, AccessUnits);
}

void SettingsDialog::setRefreshTokenLifetimeSeconds(qint64 seconds)
{
    showLifetime(m_ui->refreshLifetimeSpin, m_ui->refreshLifetimeUnitCombo, RefreshUnits, seconds);
}

qint64 SettingsDialog::refreshTokenLifetimeSeconds() const
{
    return lifetimeShown(m_ui->refreshLifetimeSpin, m_ui->refreshLifetimeUnitCombo, RefreshUnits);
}

void SettingsDialog::setRequirePasswords(bool required)
{
    const QSignalBlocker blocker(m_ui->requirePasswordsCheck);
    m_ui->requirePasswordsCheck->setChecked(required);
}

void SettingsDialog::setLogCapacity(int capacity)
{
    const QSignalBlocker blocker(m_ui->logCapacitySpin);
    m_ui->logCapacitySpin->setValue(capacity);
}

void SettingsDialog::setProtectClassApi(bool protect)
{
    const QSignalBlocker blocker(m_ui->protectClassApiCheck);
    m_ui->protectClassApiCheck->setChecked(protect);
}

void SettingsDialog::setSandboxLimits(const SandboxLimits &limits)
{
    showLifetime(m_ui->idleSpin, m_ui->idleUnitCombo, IdleUnits, limits.idleSeconds,
                 SandboxLimits::MaxIdleSeconds);
    m_idleUnit = m_ui->idleUnitCombo->currentIndex();
    const std::pair<QSpinBox *, int> values[] = {
        {m_ui->maxSandboxesSpin, limits.maxSandboxes},
        {m_ui->maxUsersSpin, limits.records.maxUsers},
        {m_ui->maxProductsSpin, limits.records.maxProducts},
        {m_ui->maxOutboxSpin, limits.records.maxOutboxEmails},
    };
    for (const auto &[spin, value] : values) {
        const QSignalBlocker blocker(spin);
        spin->setValue(value);
    }
}

SandboxLimits SettingsDialog::sandboxLimits() const
{
    SandboxLimits limits;
    limits.maxSandboxes = m_ui->maxSandboxesSpin->value();
    limits.idleSeconds = lifetimeShown(m_ui->idleSpin, m_ui->idleUnitCombo, IdleUnits);
    limits.records.maxUsers = m_ui->maxUsersSpin->value();
    limits.records.maxProducts = m_ui->maxProductsSpin->value();
    limits.records.maxOutboxEmails = m_ui->maxOutboxSpin->value();
    return limits;
}

void SettingsDialog::setDisabledLessons(const QStringList &names)
{
    for (const auto &[name, check] : std::as_const(m_lessonChecks)) {
        const QSignalBlocker blocker(check);
        check->setChecked(!names.contains(name));
    }
}

QStringList SettingsDialog::disabledLessons() const
{
    QStringList names;
    for (const auto &[name, check] : m_lessonChecks) {
        if (!check->isChecked())
            names.append(name);
    }
    return names;
}

void SettingsDialog::confirmSecretRegeneration()
{
    auto *box = new QMessageBox(QMessageBox::Warning, u"Regenerate the signing secret?"_s,
                                u"Every token issued so far stops working at once: clients get "
                                u"401 INVALID_TOKEN until they log in again."_s,
                                QMessageBox::Cancel, this);
    box->setObjectName(u"regenerateConfirmation"_s);
    QPushButton *regenerate = box->addButton(u"Regenerate"_s, QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, regenerate](QAbstractButton *button) {
        if (button == regenerate)
            emit secretRegenerationConfirmed();
    });
    box->open();
}
