#pragma once

#include "faultplan.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <optional>

// What the user asked for on the command line.
struct CommandLineOptions
{
    static constexpr quint16 DefaultPort = 5000;

    bool headless = false;
    // A deliberate second window next to a running one; it saves no settings.
    bool newInstance = false;
    // Unset: headless mode uses 127.0.0.1 and DefaultPort, the window its saved choice.
    std::optional<QHostAddress> bindAddress;
    std::optional<quint16> port;
    std::optional<qint64> tokenLifetimeSeconds;
    std::optional<FaultPlan> faultPlan; // --faults FILE.json, already read and checked
    std::optional<quint32> seed;        // --seed N: replaces the plan's seed
    bool controlApi = false;            // --control-api (or --control-key)
    bool requirePasswords = false;      // --require-passwords: no email-only login
    QByteArray controlKey;              // --control-key, else $APIDOJO_CONTROL_KEY; may be empty
    bool protectClassApi = false;       // --protect-class-api
    std::optional<int> maxSandboxes;    // --max-sandboxes N
    std::optional<qint64> sandboxIdleSeconds; // --sandbox-idle SECONDS
    QStringList disabledLessons;              // --no-lesson NAME, each a lesson API's name
    QString stallReportPath; // bench only: where the window writes its event-loop stall figures
};

struct ParsedCommandLine
{
    CommandLineOptions options;
    QString error; // one sentence for the user; empty when the arguments are fine
};

// Parses the arguments; on --help or --version it prints and exits 0 (a QCoreApplication must
// exist for that).
ParsedCommandLine parseCommandLine(const QStringList &arguments);

// Prints "apidojo: <sentence>" to stderr and exits 2.
[[noreturn]] void exitWithUsageError(const QString &sentence);
