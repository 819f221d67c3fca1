#include "commandline.h"

#include "controlapi.h"
#include "faultplanfile.h"
#include "lessons/lessoncatalogue.h"
#include "sandboxes/sandboxregistry.h"
#include "tokenservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <algorithm>
#include <cstdio>
#include <limits>
#include <variant>

using namespace Qt::StringLiterals;

namespace {

// The plan in the file, or one sentence saying why there is none.
std::variant<FaultPlan, QString> readFaultPlan(const QString &path)
{
    const FaultPlanJson::Parsed parsed = FaultPlanFile::importPlan(path);
    if (parsed.ok())
        return parsed.plan;
    QString problem = u"The fault plan '%1' cannot be used: %2"_s.arg(path, parsed.error);
    return problem.endsWith(u'.') ? problem : problem + u'.';
}

// A key travels in an HTTP header and on command lines: printable ASCII without spaces.
bool isUsableControlKey(const QByteArray &key)
{
    return key.size() >= 8 && key.size() <= 256 &&
           std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 127; });
}

} // namespace

void exitWithUsageError(const QString &sentence)
{
    std::fprintf(stderr, "apidojo: %s\n", qPrintable(sentence));
    std::exit(2);
}

ParsedCommandLine parseCommandLine(const QStringList &arguments)
{
    ParsedCommandLine parsed;
    // Returns from the parser with the first mistake found.
    const auto failWith = [&parsed](const QString &sentence) {
        parsed.error = sentence;
        return parsed;
    };

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"ApiDojo hosts a practice REST API for learning and teaching API testing."_s);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption headlessOption(
        u"headless"_s, u"Serve the API without a window (for CI and servers)."_s);
    const QCommandLineOption newInstanceOption(
        u"new-instance"_s,
        u"Open a window even though ApiDojo is already running on this computer; this one saves "
        u"no settings."_s);
    const QCommandLineOption portOption(
        u"port"_s,
        u"TCP port to listen on; 0 takes any free port (default 5000; the window remembers "
        u"its last port)."_s,
        u"N"_s);
    const QCommandLineOption bindOption(
        u"bind"_s, u"Address to listen on (default 127.0.0.1; 0.0.0.0 serves the local network)."_s,
        u"ADDRESS"_s);
    const QCommandLineOption ttlOption(
        u"token-ttl"_s, u"Lifetime of access tokens in seconds (default 3600)."_s, u"SECONDS"_s);
    const QCommandLineOption faultsOption(
        u"faults"_s,
        u"Load the fault plan (latency, rate limit, rules) from a JSON file as exported by the "
        u"window's Faults panel."_s,
        u"FILE"_s);
    const QCommandLineOption seedOption(
        u"seed"_s, u"Seed of the faults' random choices, so that a run can be replayed."_s, u"N"_s);
    const QCommandLineOption controlApiOption(
        u"control-api"_s,
        u"Let test suites change faults, reset data and set the token lifetime over HTTP "
        u"(/_dojo/...), with the X-Dojo-Key header."_s);
    const QCommandLineOption controlKeyOption(
        u"control-key"_s,
        u"The key the control API asks for (implies --control-api; default: $APIDOJO_CONTROL_KEY, "
        u"else a new random key that is printed)."_s,
        u"KEY"_s);
    const QCommandLineOption requirePasswordsOption(
        u"require-passwords"_s,
        u"Refuse email-only logins: POST /login needs the password (Part B of the API)."_s);
    const QCommandLineOption protectOption(
        u"protect-class-api"_s,
        u"Requests from other computers may not change the shared class API (403 "
        u"CLASS_API_PROTECTED): students use their sandboxes, /s/<name>."_s);
    const QCommandLineOption maxSandboxesOption(
        u"max-sandboxes"_s,
        u"How many student sandboxes may exist at once (default %1)."_s.arg(
            SandboxLimits::DefaultMaxSandboxes),
        u"N"_s);
    const QCommandLineOption sandboxIdleOption(
        u"sandbox-idle"_s,
        u"Remove a sandbox unused for this many seconds (default %1, 4 hours)."_s.arg(
            SandboxLimits::DefaultIdleSeconds),
        u"SECONDS"_s);
    const QCommandLineOption noLessonOption(
        u"no-lesson"_s,
        u"Switch a lesson API off: its /lessons/NAME answers 404 (repeatable; one of %1)."_s.arg(
            lessonNames().join(u", "_s)),
        u"NAME"_s);
    QCommandLineOption stallReportOption(
        u"stall-report"_s, u"Benchmarks: write the window's event-loop stalls to FILE at exit."_s,
        u"FILE"_s);
    stallReportOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({headlessOption, newInstanceOption, portOption, bindOption, ttlOption,
                       faultsOption, seedOption, controlApiOption, controlKeyOption,
                       requirePasswordsOption, protectOption, maxSandboxesOption, sandboxIdleOption,
                       noLessonOption, stallReportOption});

    if (!parser.parse(arguments)) {
        const QString error = parser.errorText();
        return failWith(error.endsWith(u'.') ? error : error + u'.');
    }
    if (parser.isSet(helpOption))
        parser.showHelp(0);
    if (parser.isSet(versionOption))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        return failWith(
            u"Unexpected argument '%1'."_s.arg(parser.positionalArguments().constFirst()));

    CommandLineOptions &options = parsed.options;
    options.headless = parser.isSet(headlessOption);
    options.newInstance = parser.isSet(newInstanceOption);

    options.stallReportPath = parser.value(stallReportOption);

    bool ok = false;
    if (parser.isSet(portOption)) {
        const uint port = parser.value(portOption).toUInt(&ok);
        if (!ok || port > 65535)
            return failWith(u"The port must be a number from 0 to 65535, not '%1'."_s.arg(
                parser.value(portOption)));
        options.port = quint16(port);
    }

    if (parser.isSet(bindOption)) {
        const QString bind = parser.value(bindOption);
        QHostAddress address(QHostAddress::LocalHost);
        if (bind != u"localhost" && !address.setAddress(bind))
            return failWith(
                u"The bind address must be an IP address such as 127.0.0.1 or 0.0.0.0, not '%1'."_s
                    .arg(bind));
        options.bindAddress = address;
    }

    if (parser.isSet(ttlOption)) {
        const qint64 ttl = parser.value(ttlOption).toLongLong(&ok);
        if (!ok || ttl < 1 || ttl > TokenService::MaxLifetimeSeconds)
            return failWith(
                u"The token lifetime must be a whole number of seconds from 1 to 315360000, not '%1'."_s
                    .arg(parser.value(ttlOption)));
        options.tokenLifetimeSeconds = ttl;
    }

    if (parser.isSet(maxSandboxesOption)) {
        const int count = parser.value(maxSandboxesOption).toInt(&ok);
        if (!ok || count < 1 || count > SandboxLimits::MaxSandboxesLimit)
            return failWith(
                u"The number of sandboxes must be a whole number from 1 to %1, not '%2'."_s
                    .arg(SandboxLimits::MaxSandboxesLimit)
                    .arg(parser.value(maxSandboxesOption)));
        options.maxSandboxes = count;
    }

    if (parser.isSet(sandboxIdleOption)) {
        const qint64 seconds = parser.value(sandboxIdleOption).toLongLong(&ok);
        if (!ok || seconds < SandboxLimits::MinIdleSeconds ||
            seconds > SandboxLimits::MaxIdleSeconds)
            return failWith(
                u"The sandbox idle time must be a whole number of seconds from %1 to %2, not '%3'."_s
                    .arg(SandboxLimits::MinIdleSeconds)
                    .arg(SandboxLimits::MaxIdleSeconds)
                    .arg(parser.value(sandboxIdleOption)));
        options.sandboxIdleSeconds = seconds;
    }
    options.protectClassApi = parser.isSet(protectOption);

    for (const QString &name : parser.values(noLessonOption)) {
        if (!isLessonName(name))
            return failWith(u"There is no lesson API '%1'; the lesson APIs are %2."_s.arg(
                name, lessonNames().join(u", "_s)));
        if (!options.disabledLessons.contains(name))
            options.disabledLessons.append(name);
    }

    if (parser.isSet(faultsOption)) {
        auto plan = readFaultPlan(parser.value(faultsOption));
        if (const QString *problem = std::get_if<QString>(&plan))
            return failWith(*problem);
        options.faultPlan = std::get<FaultPlan>(plan);
    }

    if (parser.isSet(seedOption)) {
        const qulonglong seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok || seed > std::numeric_limits<quint32>::max())
            return failWith(
                u"The seed must be a whole number from 0 to 4294967295, not '%1'."_s.arg(
                    parser.value(seedOption)));
        options.seed = quint32(seed);
    }

    options.controlApi = parser.isSet(controlApiOption) || parser.isSet(controlKeyOption);
    options.requirePasswords = parser.isSet(requirePasswordsOption);
    options.controlKey = parser.isSet(controlKeyOption) ? parser.value(controlKeyOption).toUtf8()
                                                        : qgetenv(ControlApi::KeyVariable);
    // Checked wherever it comes from: the window uses a key from the environment too.
    if ((parser.isSet(controlKeyOption) || !options.controlKey.isEmpty()) &&
        !isUsableControlKey(options.controlKey))
        return failWith(
            u"The control key (--control-key or $%1) must be 8 to 256 printable ASCII "
            u"characters without spaces."_s.arg(QLatin1StringView(ControlApi::KeyVariable)));
    return parsed;
}
