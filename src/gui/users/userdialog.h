#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>
#include <memory>

class ServerHost;
struct ApiOutcome;
namespace Ui {
class UserDialog;
}

// Adds a user through the API's own POST /users (as the trainer, an admin). OK sends the form and
// waits for the API: on an error the dialog stays open with the API's message in red, on success
// it closes. The new row reaches the table from the store's change events, like any API change.
class UserDialog : public QDialog
{
    Q_OBJECT

public:
    explicit UserDialog(ServerHost *host, QWidget *parent = nullptr);
    ~UserDialog() override;

    // The body of POST /users that OK sends.
    QJsonObject fields() const;

    void accept() override;

signals:
    // The user as the API created it (the response's data).
    void userCreated(const QJsonObject &user);

private:
    void handleOutcome(const ApiOutcome &outcome);
    void focusFieldOf(const QString &errorCode);
    void setSubmitting(bool submitting);

    std::unique_ptr<Ui::UserDialog> m_ui;
    QPointer<ServerHost> m_host;
    bool m_submitting = false;
};
