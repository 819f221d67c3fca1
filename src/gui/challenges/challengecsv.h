#pragma once

#include "challenges/challenge.h"
#include "challenges/challengeprogress.h"

#include <QByteArray>
#include <QList>

// The class's progress as CSV (RFC 4180, UTF-8, CRLF): a header row "student,done,<id>…", then
// one row per instance in the order given with its count and, per challenge, the UTC time it
// was done in ISO 8601 or nothing.
class ChallengeCsv
{
public:
    static QByteArray write(const QList<Challenge> &challenges,
                            const QList<ChallengeProgress> &instances);
    // The field as it goes in a line: quoted when it holds a comma, a quote or a line break.
    static QString field(const QString &text);
};
