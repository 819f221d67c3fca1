#pragma once

#include "apierror.h"
#include "apirequest.h"
#include "tokencheck.h"
#include "tokenrecord.h"
#include "user.h"

#include <optional>
#include <variant>

class TokenService;
class UserStore;

// Turns a request's Authorization header into the calling user, or the contract's 401 error.
// The role used for authorization is the store's, never the token's.
//
// It also records how it judged the token of the request being handled (see record()), so
// that the exchange carries the API's own verdict.
class Authenticator
{
public:
    // The caller and the token it presented.
    struct Session
    {
        User user;
        TokenRecord token;
    };

    // A verdict, and the session when the token is valid.
    struct Judgement
    {
        TokenCheck check;
        std::optional<Session> session;
    };

    Authenticator(const TokenService &tokens, const UserStore &users);

    // An access token (every route but /refresh).
    std::variant<User, ApiError> authenticate(const ApiRequest &request) const;
    // A token of the given type; the other type is INVALID_TOKEN.
    std::variant<Session, ApiError> session(const ApiRequest &request, TokenType type) const;
    // FRESH_TOKEN_REQUIRED unless the session's token came straight from a login.
    std::optional<ApiError> requireFresh(const Session &session) const;

    // The API's rules for one token, now: the type the route needs, or any (a token decoder).
    Judgement judgeToken(QByteArrayView token, std::optional<TokenType> expected) const;
    Judgement judgeRequest(const ApiRequest &request, TokenType expected) const;
    // judgeRequest() for a route that answers in its own words (the lesson APIs): the verdict
    // is recorded with the exchange like session()'s.
    Judgement judgeAndRecord(const ApiRequest &request, TokenType expected) const;
    // For a route that reads the token its own way (e.g. without "Bearer").
    void recordCheck(const TokenCheck &check) const { m_recorded = check; }

    // Around the handling of one request (on the service's thread, one request at a time):
    // forget the last verdict, then take the one the route came to. A route that read no token
    // gets the verdict it would have had as an access token, marked not required.
    void startRecording() const { m_recorded.reset(); }
    TokenCheck takeRecorded(const ApiRequest &request) const;

    static ApiError missingToken();
    static ApiError invalidToken();
    static ApiError expiredToken();
    static ApiError revokedToken();
    static ApiError freshTokenRequired();

    // The contract's error for a refused token.
    static ApiError errorFor(TokenCheck::Verdict verdict);

private:
    const TokenService &m_tokens;
    const UserStore &m_users;
    mutable std::optional<TokenCheck> m_recorded;
};
