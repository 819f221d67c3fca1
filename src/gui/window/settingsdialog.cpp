#include "settingsdialog.h"

#include "tokenservice.h"
#include "ui_settingsdialog.h"
#include "windowsettings.h"

#include <QMessageBox>
#include <QPushButton>
#include <array>

using namespace Qt::StringLiterals;

namespace {

// Seconds per entry of a lifetime's unit combo box.
using Units = std::array<qint64, 3>;
constexpr Units AccessUnits{1, 60, 3600};      // seconds, minutes, hours
constexpr Units RefreshUnits{60, 3600, 86400}; // minutes, hours, days

qint64 lifetimeShown(const QSpinBox *spin, const QComboBox *unitCombo, const Units &units)
{
    return spin->value() * units[size_t(unitCombo->currentIndex())];
}

// The API's own limit (as --token-ttl), in the chosen unit.
void limitToUnit(QSpinBox *spin, const QComboBox *unitCombo, const Units &units)
{
    spin->setMaximum(
        int(TokenService::MaxLifetimeSeconds / units[size_t(unitCombo->currentIndex())]));
}

// Shows a lifetime in the largest unit that shows it exactly (else the smallest), quietly.
void showLifetime(QSpinBox *spin, QComboBox *unitCombo, const Units &units, qint64 seconds)
{
    int unit = int(units.size()) - 1;
    while (unit > 0 && seconds % units[size_t(unit)] != 0)
        --unit;
    const QSignalBlocker spinBlocker(spin);
    const QSignalBlocker unitBlocker(unitCombo);
    unitCombo->setCurrentIndex(unit);
    limitToUnit(spin, unitCombo, units);
    spin->setValue(int(std::max<qint64>(1, seconds / units[size_t(unit)])));
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
