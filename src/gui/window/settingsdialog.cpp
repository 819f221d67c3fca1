#include "settingsdialog.h"

#include "tokenservice.h"
#include "ui_settingsdialog.h"
#include "windowsettings.h"

#include <QMessageBox>
#include <QPushButton>
#include <array>

using namespace Qt::StringLiterals;

namespace {
// Seconds per entry of the unit combo box: seconds, minutes, hours.
constexpr std::array<qint64, 3> UnitSeconds{1, 60, 3600};
} // namespace

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
{
    m_ui->setupUi(this);
    const auto announceLifetime = [this] {
        emit tokenLifetimeChanged(tokenLifetimeSeconds());
    };
    connect(m_ui->tokenLifetimeSpin, &QSpinBox::valueChanged, this, announceLifetime);
    connect(m_ui->tokenLifetimeUnitCombo, &QComboBox::activated, this, announceLifetime);
    connect(m_ui->logCapacitySpin, &QSpinBox::valueChanged, this,
            &SettingsDialog::logCapacityChanged);
    connect(m_ui->regenerateSecretButton, &QPushButton::clicked, this,
            &SettingsDialog::confirmSecretRegeneration);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::setTokenLifetimeSeconds(qint64 seconds)
{
    // The largest unit that shows the lifetime exactly.
    int unit = int(UnitSeconds.size()) - 1;
    while (unit > 0 && seconds % UnitSeconds[size_t(unit)] != 0)
        --unit;
    const QSignalBlocker spinBlocker(m_ui->tokenLifetimeSpin);
    const QSignalBlocker unitBlocker(m_ui->tokenLifetimeUnitCombo);
    m_ui->tokenLifetimeUnitCombo->setCurrentIndex(unit);
    limitLifetimeToUnit();
    m_ui->tokenLifetimeSpin->setValue(int(seconds / UnitSeconds[size_t(unit)]));
}

void SettingsDialog::limitLifetimeToUnit()
{
    // The API's own limit (as --token-ttl), in the chosen unit.
    const qint64 unit = UnitSeconds[size_t(m_ui->tokenLifetimeUnitCombo->currentIndex())];
    m_ui->tokenLifetimeSpin->setMaximum(int(TokenService::MaxLifetimeSeconds / unit));
}

qint64 SettingsDialog::tokenLifetimeSeconds() const
{
    return m_ui->tokenLifetimeSpin->value() *
           UnitSeconds[size_t(m_ui->tokenLifetimeUnitCombo->currentIndex())];
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
