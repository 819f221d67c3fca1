#pragma once

#include "tokenrecord.h"

#include <QMetaType>

// What happened to the tokens, in order: one issued, a revocation (of one or of many), the
// users of some tokens gone (deleted, or removed by a data reset), or users back from the seed.
struct TokenEvent
{
    enum class Kind { Issued, Revoked, UsersGone, UsersRestored };

    Kind kind = Kind::Issued;
    TokenRecord token;          // Issued
    TokenRevocation revocation; // Revoked; UsersGone: the tokens whose users went, and why
    QList<qint64> userIds;      // UsersRestored
    QString sandbox;            // whose tokens: a sandbox's name, or "" for the shared API
};

Q_DECLARE_METATYPE(TokenEvent)
