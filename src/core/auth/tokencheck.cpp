#include "tokencheck.h"

using namespace Qt::StringLiterals;

QString tokenVerdictName(TokenCheck::Verdict verdict)
{
    switch (verdict) {
    case TokenCheck::Verdict::None:
        return u"No token"_s;
    case TokenCheck::Verdict::Valid:
        return u"Valid"_s;
    case TokenCheck::Verdict::Malformed:
        return u"Malformed"_s;
    case TokenCheck::Verdict::Forged:
        return u"Forged"_s;
    case TokenCheck::Verdict::Expired:
        return u"Expired"_s;
    case TokenCheck::Verdict::NotYetValid:
        return u"Not yet valid"_s;
    case TokenCheck::Verdict::Revoked:
        return u"Revoked"_s;
    case TokenCheck::Verdict::WrongType:
        return u"Wrong token type"_s;
    case TokenCheck::Verdict::UserDeleted:
        return u"User deleted"_s;
    case TokenCheck::Verdict::NotFresh:
        return u"Not fresh"_s;
    }
    return {};
}
