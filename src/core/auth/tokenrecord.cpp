#include "tokenrecord.h"

using namespace Qt::StringLiterals;

QString tokenTypeName(TokenType type)
{
    return type == TokenType::Refresh ? u"refresh"_s : u"access"_s;
}

bool TokenRevocation::covers(const TokenRecord &token) const
{
    switch (scope) {
    case Scope::One:
        return token.jti == jti;
    case Scope::UserRefresh:
        return token.type == TokenType::Refresh && token.userId == userId &&
               token.sequence < beforeSequence;
    case Scope::UserAll:
        return token.userId == userId && token.sequence < beforeSequence;
    case Scope::All:
        return token.sequence < beforeSequence;
    }
    return false;
}
