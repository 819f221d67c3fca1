#include "commandline.h"

#include "tokenservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

using namespace Qt::StringLiterals;

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
    QCommandLineOption stallReportOption(
        u"stall-report"_s, u"Benchmarks: write the window's event-loop stalls to FILE at exit."_s,
        u"FILE"_s);
    stallReportOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({headlessOption, portOption, bindOption, ttlOption, stallReportOption});

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
    return parsed;
}
