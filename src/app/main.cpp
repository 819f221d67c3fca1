#include "appsettings.h"
#include "commandline.h"
#include "headlessrunner.h"
#include "serverhost.h"

#ifdef Q_OS_UNIX
#include "unixsignals.h"
#endif

#include <QCoreApplication>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"ApiDojo"_s);
    QCoreApplication::setApplicationName(u"ApiDojo"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(APIDOJO_VERSION));

    const CommandLineOptions options = parseCommandLine(QCoreApplication::arguments());
    if (!options.headless) {
        std::fprintf(stderr, "apidojo: the ApiDojo window is not built yet; run 'apidojo "
                             "--headless' to serve the API without it.\n");
        return 2;
    }

    AppSettings settings;
    ServiceConfig config;
    config.jwtSecret = settings.jwtSecret();
    if (const QString problem = settings.saveProblem(); !problem.isEmpty())
        std::fprintf(stderr, "apidojo: warning: %s.\n", qPrintable(problem));
    config.tokenLifetimeSeconds =
        options.tokenLifetimeSeconds.value_or(TokenService::DefaultLifetimeSeconds);

    ServerHost host;
    HeadlessRunner runner(host);
#ifdef Q_OS_UNIX
    UnixSignals signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignals::terminationRequested, &app,
                     [] { QCoreApplication::exit(0); });
#endif
    runner.start(config, options.bindAddress, options.port);
    const int exitCode = QCoreApplication::exec();
    if (!host.stop()) {
        std::fprintf(stderr, "apidojo: the server did not stop within %d s; exiting anyway.\n",
                     ServerHost::StopTimeoutMs / 1000);
        std::_Exit(1);
    }
    QCoreApplication::sendPostedEvents(); // print the last batch of log lines
    return exitCode;
}
