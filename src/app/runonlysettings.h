#pragma once

#include <QTemporaryDir>

// --new-instance: the settings as saved, copied where they are thrown away at exit, so that a
// deliberate second window starts like the first but changes nothing of what the first saves.
// Every QSettings made while it lives reads and writes the copy.
class RunOnlySettings
{
    Q_DISABLE_COPY_MOVE(RunOnlySettings)

public:
    RunOnlySettings();
    // QSettings made from now on are the saved ones again.
    ~RunOnlySettings();

private:
    QTemporaryDir m_directory;
};
