#pragma once

#include <QDateTime>
#include <QHash>
#include <QMetaType>
#include <QString>

// One instance's progress.
struct ChallengeProgress
{
    QString sandbox;                // empty: the shared class API
    QHash<QString, QDateTime> done; // challenge id -> when (UTC), only the done ones
};

Q_DECLARE_METATYPE(ChallengeProgress)
