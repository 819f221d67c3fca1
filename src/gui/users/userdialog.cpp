#include "userdialog.h"

#include "apioutcome.h"
#include "serverhost.h"
#include "ui_userdialog.h"

#include <QJsonDocument>
#include <QPushButton>

using namespace Qt::StringLiterals;

UserDialog::UserDialog(ServerHost *host, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::UserDialog>())
    , m_host(host)
{
    m_ui->setupUi(this);
    m_ui->roleComboBox->addItems({roleName(UserRole::User), roleName(UserRole::Admin)});
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &UserDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &UserDialog::reject);
}

UserDialog::~UserDialog() = default;

QJsonObject UserDialog::fields() const
{
    return {{u"name"_s, m_ui->nameEdit->text()},
            {u"email"_s, m_ui->emailEdit->text()},
            {u"age"_s, m_ui->ageSpinBox->value()},
            {u"role"_s, m_ui->roleComboBox->currentText()}};
}

void UserDialog::accept()
{
    if (m_submitting)
        return;
    if (!m_host) {
        ApiOutcome notRunning;
        notRunning.message = tr("The API is not running.");
        handleOutcome(notRunning);
        return;
    }
    setSubmitting(true);
    const QByteArray body = QJsonDocument(fields()).toJson(QJsonDocument::Compact);
    m_host->submit(TrainerRequest::createUser(body), this, [this](const ApiResponse &response) {
        setSubmitting(false);
        handleOutcome(ApiOutcome::fromResponse(response));
    });
}

void UserDialog::handleOutcome(const ApiOutcome &outcome)
{
    if (outcome.succeeded) {
        emit userCreated(outcome.data);
        QDialog::accept();
        return;
    }
    m_ui->errorBar->showError(outcome);
    focusFieldOf(outcome.errorCode);
}

// Puts the cursor where the API found the problem.
void UserDialog::focusFieldOf(const QString &errorCode)
{
    QWidget *field = nullptr;
    if (errorCode == u"INVALID_NAME")
        field = m_ui->nameEdit;
    else if (errorCode == u"INVALID_EMAIL" || errorCode == u"DUPLICATE_EMAIL")
        field = m_ui->emailEdit;
    else if (errorCode == u"INVALID_AGE")
        field = m_ui->ageSpinBox;
    else if (errorCode == u"INVALID_ROLE")
        field = m_ui->roleComboBox;
    if (field)
        field->setFocus();
}

void UserDialog::setSubmitting(bool submitting)
{
    m_submitting = submitting;
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!submitting);
}
