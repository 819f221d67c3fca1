#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <optional>

// What the user asked for on the command line.
struct CommandLineOptions
{
    bool headless = false;
    QHostAddress bindAddress{QHostAddress::LocalHost};
    quint16 port = 5000;
    std::optional<qint64> tokenLifetimeSeconds;
};

// Parses argv; on --help or --version it prints and exits 0, on a bad argument it prints one
// sentence to stderr and exits 2.
CommandLineOptions parseCommandLine(const QStringList &arguments);
