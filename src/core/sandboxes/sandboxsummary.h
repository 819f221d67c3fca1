#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

// One sandbox as the class sees it: for GET /_dojo/sandboxes and the window's Class tab.
struct SandboxSummary
{
    QString name;
    QDateTime createdAt;         // UTC
    QDateTime lastRequestAt;     // UTC; the creation time until a request was answered
    QStringList clientAddresses; // the first few addresses its requests came from
    qint64 requests = 0;         // answered (or refused) so far
    qint64 clientErrors = 0;     // of which 4xx
    qint64 serverErrors = 0;     // of which 5xx
    int users = 0;
};

Q_DECLARE_METATYPE(SandboxSummary)
