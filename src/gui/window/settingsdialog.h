#pragma once

#include "sandboxes/sandboxregistry.h"

#include <QDialog>
#include <QList>
#include <QStringList>
#include <memory>

namespace Ui {
class SettingsDialog;
}
class QCheckBox;

// The settings a trainer changes during a class. Not modal, and every change applies at once:
// the window stays live behind it.
class SettingsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(QWidget *parent = nullptr);
    ~SettingsDialog() override;

    void setTokenLifetimeSeconds(qint64 seconds);
    qint64 tokenLifetimeSeconds() const;
    void setRefreshTokenLifetimeSeconds(qint64 seconds);
    qint64 refreshTokenLifetimeSeconds() const;
    void setRequirePasswords(bool required);
    void setLogCapacity(int capacity);
    void setProtectClassApi(bool protect);
    void setSandboxLimits(const SandboxLimits &limits);
    SandboxLimits sandboxLimits() const;
    // Every lesson API's box is ticked but these (by name).
    void setDisabledLessons(const QStringList &names);
    QStringList disabledLessons() const;

signals:
    void tokenLifetimeChanged(qint64 seconds);
    void refreshTokenLifetimeChanged(qint64 seconds);
    void requirePasswordsChanged(bool required);
    void logCapacityChanged(int capacity);
    void protectClassApiChanged(bool protect);
    void sandboxLimitsChanged(const SandboxLimits &limits);
    void lessonEnabledChanged(const QString &name, bool enabled);
    // After the trainer confirmed that every issued token will stop working.
    void secretRegenerationConfirmed();

private:
    void confirmSecretRegeneration();
    void addLessonChecks();

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    QList<std::pair<QString, QCheckBox *>> m_lessonChecks; // by lesson name, in /docs' order
    int m_idleUnit = 0; // the idle limit's unit before the trainer picks another
};
