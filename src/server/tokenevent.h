#pragma once

#include "tokenrecord.h"

#include <QMetaType>

// What happened to the tokens, in order: one issued, or a revocation (of one or of many).
struct TokenEvent
{
    enum class Kind { Issued, Revoked };

    Kind kind = Kind::Issued;
    TokenRecord token;          // Issued
    TokenRevocation revocation; // Revoked
};

Q_DECLARE_METATYPE(TokenEvent)
