#pragma once

#include <QDialog>
#include <memory>

namespace Ui {
class AboutDialog;
}

// Help ▸ About: what ApiDojo is, its version and the versions of the libraries it runs with,
// which "Copy version info" puts on the clipboard for a bug report.
class AboutDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(QWidget *parent = nullptr);
    ~AboutDialog() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void showIcon();
    void updateNameFont();
    void copyVersionInfo();

    std::unique_ptr<Ui::AboutDialog> m_ui;
    QString m_copyButtonText;
};
