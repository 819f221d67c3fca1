#pragma once

#include <QMessageBox>
#include <optional>

class SingleInstance;

// What a second start of the window says instead of opening a window that would overwrite the
// first one's settings: "ApiDojo is already running (port N)", to bring it to the front or quit,
// and how to start a deliberate second one (--new-instance).
class AlreadyRunningDialog : public QMessageBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlreadyRunningDialog)

public:
    // port: what the running instance serves; 0 or nullopt when it serves none or did not say.
    explicit AlreadyRunningDialog(std::optional<quint16> port, QWidget *parent = nullptr);

    QPushButton *bringToFrontButton() const { return m_bringToFront; }

    // Asks the trainer and passes the choice on to the running instance; this start's exit code.
    static int askAbout(const SingleInstance &running);

private:
    QPushButton *m_bringToFront;
};
