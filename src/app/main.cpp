#include "alreadyrunningdialog.h"
#include "appsettings.h"
#include "commandline.h"
#include "controlapi.h"
#include "filelimit.h"
#include "headlessrunner.h"
#include "mainwindow.h"
#include "runonlysettings.h"
#include "serverhost.h"
#include "singleinstance.h"
#include "stallreport.h"
#include "stdoutlog.h"
#ifdef Q_OS_UNIX
#include "unixsignals.h"
#endif

#include <QApplication>
#include <QIcon>
#include <QRandomGenerator>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Qt's own window-system options (-platform, -style, -display, ...) are single-dash words that
// only a QApplication understands and removes.
bool mayHoldQtOptions(const QStringList &arguments)
{
    for (const QString &argument : arguments.sliced(1)) {
        if (argument.size() > 2 && argument.startsWith(u'-') && !argument.startsWith(u"--"_s))
            return true;
    }
    return false;
}

// Waits for the worker to close its sockets; a handler that never returns must not keep a
// process that was asked to end alive.
void stopOrExit(ServerHost &host)
{
    if (!host.stop()) {
        std::fprintf(stderr, "apidojo: the server did not stop within %d s; exiting anyway.\n",
                     ServerHost::StopTimeoutMs / 1000);
        std::_Exit(1);
    }
}

// What headless mode prints after its ready line: the faults that are on (with the seed that
// replays them) and how to reach the control API.
HeadlessRunner::StartupNotes startupNotes(const FaultPlan &plan, quint32 seed,
                                          const CommandLineOptions &options,
                                          const QByteArray &controlKey)
{
    return [plan, seed, options, controlKey](const QString &baseUrl) {
        QStringList notes;
        const QStringList active = describeActiveFaults(plan);
        if (!active.isEmpty()) {
            notes.append(u"Faults on (replay with --seed %1): %2"_s.arg(plan.seed.value_or(seed))
                             .arg(active.join(u"; "_s)));
        }
        if (options.controlApi) {
            // A key the user chose is theirs to know; a new one is printed, or nobody could use it.
            const QString key =
                options.controlKey.isEmpty() ? QString::fromLatin1(controlKey) : u"<your key>"_s;
            notes.append(
                u"Control API on: %1%2/faults with the header X-Dojo-Key: %3 (plans "
                u"without a seed replay with --seed %4)"_s.arg(baseUrl, ControlApi::Prefix, key)
                    .arg(seed));
        }
        if (!options.disabledLessons.isEmpty())
            notes.append(u"Lesson APIs off (404): %1"_s.arg(options.disabledLessons.join(u", "_s)));
        // How students join, for a run set up for a class (there is no window to read it from).
        const bool forAClass =
            options.protectClassApi || options.maxSandboxes || options.sandboxIdleSeconds;
        if (forAClass)
            notes.append(u"Students: each uses their own sandbox, %1/s/<name>/... (at most %2 "
                         u"sandboxes)%3"_s.arg(baseUrl)
                             .arg(options.maxSandboxes.value_or(SandboxLimits::DefaultMaxSandboxes))
                             .arg(options.protectClassApi
                                      ? u"; the class API is read-only for other computers"_s
                                      : QString()));
        return notes;
    };
}

// How long the last log lines may take to reach stdout's reader when headless mode ends.
constexpr int FinalFlushTimeoutMs = 500;

int runHeadless(const CommandLineOptions &options)
{
    AppSettings settings;
    ServiceConfig config;
    config.jwtSecret = settings.jwtSecret();
    if (const QString problem = settings.saveProblem(); !problem.isEmpty())
        std::fprintf(stderr, "apidojo: warning: %s.\n", qPrintable(problem));
    config.tokenLifetimeSeconds =
        options.tokenLifetimeSeconds.value_or(TokenService::DefaultLifetimeSeconds);
    config.requirePasswords = options.requirePasswords;
    config.disabledLessons = options.disabledLessons;

    ServerHost host(ServerHost::Publishes::ExchangesOnly);
    StdoutLog log;
    HeadlessRunner runner(host, log);

    // The seed of every plan without one, the control API's included: printed, so that the run
    // can be replayed.
    FaultPlan plan = options.faultPlan.value_or(FaultPlan());
    const quint32 seed =
        options.seed.value_or(plan.seed.value_or(QRandomGenerator::global()->generate()));
    if (options.seed)
        plan.seed = options.seed;
    host.setFallbackSeed(seed);
    host.setFaultPlan(plan);
    const QByteArray controlKey =
        options.controlKey.isEmpty() ? ControlApi::newKey() : options.controlKey;
    host.setControlApi(options.controlApi, controlKey);
    SandboxLimits limits;
    limits.maxSandboxes = options.maxSandboxes.value_or(limits.maxSandboxes);
    limits.idleSeconds = options.sandboxIdleSeconds.value_or(limits.idleSeconds);
    host.setSandboxLimits(limits);
    host.setProtectClassApi(options.protectClassApi);
    runner.setStartupNotes(startupNotes(plan, seed, options, controlKey));
#ifdef Q_OS_UNIX
    UnixSignals signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignals::terminationRequested,
                     QCoreApplication::instance(), [] { QCoreApplication::exit(0); });
#endif
    runner.start(config, options.bindAddress.value_or(QHostAddress(QHostAddress::LocalHost)),
                 options.port.value_or(CommandLineOptions::DefaultPort));
    const int exitCode = QCoreApplication::exec();
    stopOrExit(host);
    QCoreApplication::sendPostedEvents(); // print the last batch of log lines
    // A reader that does not take them in time does not keep a process that was asked to end.
    log.flush(FinalFlushTimeoutMs);
    return exitCode;
}

int runWindow(const CommandLineOptions &options, SingleInstance &instance)
{
    QApplication::setWindowIcon(QIcon(u":/icons/apidojo.svg"_s));
    // Wayland finds the icon of a window through its desktop entry (packaging/linux).
    QGuiApplication::setDesktopFileName(u"io.github.apidojo.ApiDojo"_s);
    ServerHost host;
    MainWindow window(host,
                      {options.bindAddress, options.port, options.tokenLifetimeSeconds,
                       options.faultPlan, options.seed, options.controlApi, options.controlKey,
                       options.requirePasswords, options.protectClassApi, options.maxSandboxes,
                       options.sandboxIdleSeconds, options.disabledLessons});
#ifdef Q_OS_UNIX
    UnixSignals signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignals::terminationRequested, &window, &QWidget::close);
#endif
    // Later starts learn where this one serves, and may ask it to come to the front.
    QObject::connect(&window.serverController(), &ServerController::stateChanged, &instance,
                     [&instance, &window](ServerController::State state) {
                         instance.setPort(state == ServerController::State::Listening
                                              ? window.serverController().listeningPort()
                                              : 0);
                     });
    QObject::connect(&instance, &SingleInstance::frontRequested, &window, [&window] {
        window.setWindowState(window.windowState() & ~Qt::WindowMinimized);
        window.show();
        window.raise();
        window.activateWindow();
    });
    std::unique_ptr<StallReport> stallReport;
    if (!options.stallReportPath.isEmpty())
        stallReport = std::make_unique<StallReport>(options.stallReportPath, window);

    window.show();
    window.startServer();
    const int exitCode = QApplication::exec();
    if (stallReport)
        stallReport->write();
    stopOrExit(host);
    return exitCode;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(u"ApiDojo"_s);
    QCoreApplication::setApplicationName(u"ApiDojo"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(APIDOJO_VERSION));
    raiseOpenFileLimit();

    // The arguments are read before any window system is involved, so --help, --version,
    // --headless and a mistyped option work on a machine without a display.
    ParsedCommandLine parsed;
    QStringList arguments;
    {
        const QCoreApplication reader(argc, argv);
        arguments = QCoreApplication::arguments();
        parsed = parseCommandLine(arguments);
    }
#ifdef APIDOJO_SERVER_ONLY
    // apidojo-server (src/app/CMakeLists.txt): a console program that never opens a window.
    constexpr bool serverOnly = true;
#else
    constexpr bool serverOnly = false;
#endif
    if (parsed.error.isEmpty() && (parsed.options.headless || serverOnly)) {
        const QCoreApplication app(argc, argv);
        return runHeadless(parsed.options);
    }
    // Headless mode takes no window-system options: a mistake there is reported at once.
    if (!parsed.error.isEmpty() &&
        (serverOnly || arguments.contains(u"--headless"_s) || !mayHoldQtOptions(arguments)))
        exitWithUsageError(parsed.error);

    const QApplication app(argc, argv);
    if (!parsed.error.isEmpty()) {
        parsed = parseCommandLine(QCoreApplication::arguments()); // without Qt's options now
        if (!parsed.error.isEmpty())
            exitWithUsageError(parsed.error);
    }
    // Headless runs are left alone: CI starts many at once, each on its own port.
    SingleInstance instance(SingleInstance::settingsDirectory());
    std::unique_ptr<RunOnlySettings> runOnlySettings;
    if (parsed.options.newInstance)
        runOnlySettings = std::make_unique<RunOnlySettings>();
    else if (!instance.claim())
        return AlreadyRunningDialog::askAbout(instance);
    return runWindow(parsed.options, instance);
}
