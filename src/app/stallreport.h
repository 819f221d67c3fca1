#pragma once

#include "stallmonitor.h"

#include <QString>

class MainWindow;

// For bench/gui-load.sh: measures the window's event-loop stalls from StartUpGraceMs after the
// start (laying out and painting the first frame is not what the bench is about) to the end,
// and writes them, with what the request log shows at the end, as JSON.
class StallReport
{
public:
    static constexpr int StartUpGraceMs = 500;

    StallReport(QString path, const MainWindow &window);
    // Prints a warning on stderr if the file cannot be written.
    void write();

private:
    QString m_path;
    const MainWindow &m_window;
    StallMonitor m_monitor;
};
