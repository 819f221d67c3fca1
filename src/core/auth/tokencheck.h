#pragma once

#include <QMetaType>
#include <QString>

// How the API judged the bearer token of one request, in its own terms: recorded with the
// exchange, so that the window shows the API's reason and never works it out again.
struct TokenCheck
{
    enum class Verdict {
        None,        // no Authorization header, or the API did not get to read it
        Valid,       // accepted (for a route that needs no token: would have been)
        Malformed,   // not "Bearer <one token>", unreadable, or without the API's claims
        Forged,      // a signature this API did not make, or an algorithm other than HS256
        Expired,     // exp in the past, missing, or not an integer
        NotYetValid, // nbf in the future
        Revoked,     // logged out, password reset, data reset, the trainer...
        WrongType,   // a refresh token where an access token belongs, or the reverse
        UserDeleted, // its user no longer exists, or the id belongs to a newer user
        NotFresh,    // from /refresh where a fresh login is required
    };

    Verdict verdict = Verdict::None;
    QString reason; // one sentence for people: why this verdict
    // The route read the token; false: it needs none, and the verdict is for the record only.
    bool requiredByRoute = false;

    bool isValid() const { return verdict == Verdict::Valid; }
};

// "Valid", "Expired", "Revoked", "Wrong token type", ... for headlines and log lines.
QString tokenVerdictName(TokenCheck::Verdict verdict);

Q_DECLARE_METATYPE(TokenCheck)
