#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

enum class TokenType { Access, Refresh };

// "access" or "refresh", as in the token's type claim.
QString tokenTypeName(TokenType type);

// What the server knows about a token it issued: the Tokens panel's row, and what a revocation
// is matched against. Never the token itself.
struct TokenRecord
{
    QString jti;
    // Issue order: strictly increasing, and from the clock (milliseconds times 1,000, then +1
    // for each further token in the same millisecond), so that it also orders tokens against
    // events such as a user's creation and tokens of an earlier run; carried in the jti so that
    // a token says when it came.
    quint64 sequence = 0;
    qint64 userId = 0;
    QString email;
    TokenType type = TokenType::Access;
    bool fresh = false;
    QDateTime issuedAt;
    QDateTime expiresAt;
};

// One revocation, from a logout, a password reset, a deleted user, a reset of the data, a new
// secret or the trainer. The server and the window apply the same rule with covers().
struct TokenRevocation
{
    enum class Scope {
        One,         // the token jti
        UserRefresh, // the refresh tokens of userId issued before beforeSequence
        UserAll,     // every token of userId issued before beforeSequence
        All,         // every token issued before beforeSequence
    };

    Scope scope = Scope::One;
    QString jti;
    qint64 userId = 0;
    quint64 beforeSequence = 0;
    QString reason; // for people: "logout", "password reset", "data reset", ...

    bool covers(const TokenRecord &token) const;
};

Q_DECLARE_METATYPE(TokenRecord)
Q_DECLARE_METATYPE(TokenRevocation)
