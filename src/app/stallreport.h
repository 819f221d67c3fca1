#pragma once

#include "stallmonitor.h"

#include <QString>

class MainWindow;

// For bench/gui-load.sh: measures the window's event-loop stalls for the whole run and writes
// them, with what the request log shows at the end, as JSON.
class StallReport
{
public:
    StallReport(QString path, const MainWindow &window);
    // Prints a warning on stderr if the file cannot be written.
    void write();

private:
    QString m_path;
    const MainWindow &m_window;
    StallMonitor m_monitor;
};
