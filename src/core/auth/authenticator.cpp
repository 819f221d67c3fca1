#include "authenticator.h"

#include "tokenservice.h"
#include "userstore.h"

using namespace Qt::StringLiterals;

namespace {

using Verdict = TokenCheck::Verdict;

TokenCheck checkOf(Verdict verdict, const QString &reason)
{
    return {verdict, reason, true};
}

// The signature and time rules of the codec, in words.
TokenCheck codecCheck(const JwtCodec::Result &result)
{
    switch (result.verdict) {
    case JwtCodec::Verdict::Valid:
        break;
    case JwtCodec::Verdict::Malformed:
        return checkOf(Verdict::Malformed,
                       u"Not three base64url segments of JSON objects (or its nbf is not a "
                       "whole number): the API cannot read it."_s);
    case JwtCodec::Verdict::WrongAlgorithm:
        return checkOf(Verdict::Forged,
                       u"The header says alg %1; the API accepts only HS256."_s.arg(
                           result.header.contains(u"alg"_s)
                               ? u'"' + result.header.value(u"alg"_s).toVariant().toString() + u'"'
                               : u"nothing"_s));
    case JwtCodec::Verdict::BadSignature:
        return checkOf(Verdict::Forged,
                       u"The signature does not match this API's secret: signed with another "
                       "secret (another sandbox, an earlier secret), or changed after signing."_s);
    case JwtCodec::Verdict::Expired:
        return checkOf(Verdict::Expired,
                       result.claims.value(u"exp"_s).isDouble()
                           ? u"Its exp (expiry) had passed when the request arrived."_s
                           : u"It has no whole-number exp (expiry), so it counts as expired."_s);
    case JwtCodec::Verdict::NotYetValid:
        return checkOf(Verdict::NotYetValid,
                       u"Its nbf (not before) is after the time of the request."_s);
    }
    return checkOf(Verdict::Valid, {});
}

// The reason a revocation was recorded with ("logout", ...), as a sentence.
QString revokedBecause(const QString &reason)
{
    if (reason == u"logout")
        return u"Revoked: its user logged out (POST /logout)."_s;
    if (reason == u"password reset")
        return u"Revoked: its user's password was reset."_s;
    if (reason == u"revoked by the trainer")
        return u"Revoked by the trainer."_s;
    return u"Revoked: %1."_s.arg(reason);
}

} // namespace

Authenticator::Authenticator(const TokenService &tokens, const UserStore &users)
    : m_tokens(tokens)
    , m_users(users)
{}

ApiError Authenticator::missingToken()
{
    return {401, u"MISSING_TOKEN"_s,
            u"Authorization token is missing. Please include a valid token in the request."_s};
}

ApiError Authenticator::invalidToken()
{
    return {401, u"INVALID_TOKEN"_s, u"Invalid token. Please log in again."_s};
}

ApiError Authenticator::expiredToken()
{
    return {401, u"TOKEN_EXPIRED"_s, u"Token has expired. Please log in again."_s};
}

ApiError Authenticator::revokedToken()
{
    return {401, u"TOKEN_REVOKED"_s, u"Token has been revoked. Please log in again."_s};
}

ApiError Authenticator::freshTokenRequired()
{
    return {401, u"FRESH_TOKEN_REQUIRED"_s, u"A fresh login is required for this action."_s};
}

ApiError Authenticator::errorFor(TokenCheck::Verdict verdict)
{
    switch (verdict) {
    case Verdict::None:
        return missingToken();
    case Verdict::Expired:
        return expiredToken();
    case Verdict::Revoked:
        return revokedToken();
    case Verdict::NotFresh:
        return freshTokenRequired();
    default:
        // Forged, malformed, not yet valid, the wrong type, a deleted user: the contract
        // names them all INVALID_TOKEN.
        return invalidToken();
    }
}

std::variant<User, ApiError> Authenticator::authenticate(const ApiRequest &request) const
{
    auto result = session(request, TokenType::Access);
    if (auto *error = std::get_if<ApiError>(&result))
        return std::move(*error);
    return std::get<Session>(std::move(result)).user;
}

std::variant<Authenticator::Session, ApiError> Authenticator::session(const ApiRequest &request,
                                                                      TokenType type) const
{
    Judgement judgement = judgeAndRecord(request, type);
    if (judgement.session)
        return std::move(*judgement.session);
    return errorFor(judgement.check.verdict);
}

std::optional<ApiError> Authenticator::requireFresh(const Session &session) const
{
    if (session.token.fresh)
        return std::nullopt;
    recordCheck(checkOf(Verdict::NotFresh,
                        u"It came from /refresh, not a login: this action needs a token from a "
                        "fresh login."_s));
    return freshTokenRequired();
}

Authenticator::Judgement Authenticator::judgeAndRecord(const ApiRequest &request,
                                                       TokenType expected) const
{
    Judgement judgement = judgeRequest(request, expected);
    recordCheck(judgement.check);
    return judgement;
}

Authenticator::Judgement Authenticator::judgeRequest(const ApiRequest &request,
                                                     TokenType expected) const
{
    if (!request.hasHeader("Authorization"))
        return {checkOf(Verdict::None, u"The request has no Authorization header."_s), {}};

    // The scheme is case-insensitive (RFC 7235); exactly one token must follow it.
    const QList<QByteArray> parts = request.header("Authorization").trimmed().split(' ');
    if (parts.size() != 2 || parts[0].compare("bearer", Qt::CaseInsensitive) != 0) {
        return {checkOf(Verdict::Malformed,
                        u"The header must be \"Authorization: Bearer <token>\": the scheme "
                        "Bearer and exactly one token."_s),
                {}};
    }
    return judgeToken(parts[1], expected);
}

Authenticator::Judgement Authenticator::judgeToken(QByteArrayView token,
                                                   std::optional<TokenType> expected) const
{
    const JwtCodec::Result result = m_tokens.verify(token);
    if (result.verdict == JwtCodec::Verdict::Malformed && token.endsWith('.')) {
        // "header.claims." is the usual form of an alg none attack: what matters is that it
        // carries no signature at all, whatever its header claims.
        if (const auto unsigned_ = JwtCodec::decode(QByteArray(token.toByteArray() + "AA"))) {
            const QString alg = unsigned_->header.value(u"alg"_s).toVariant().toString();
            return {checkOf(Verdict::Forged, u"Unsigned (alg \"%1\", no signature): the API "
                                             "accepts only HS256 tokens signed with its "
                                             "secret."_s.arg(alg)),
                    {}};
        }
    }
    if (!result.isValid())
        return {codecCheck(result), {}};
    const auto record = TokenService::recordOf(result.claims);
    if (!record) {
        return {checkOf(Verdict::Malformed,
                        u"Signed by this API, but without the claims its tokens carry (sub, "
                        "type, jti, iat, exp)."_s),
                {}};
    }
    if (expected && record->type != *expected) {
        return {checkOf(Verdict::WrongType,
                        *expected == TokenType::Access
                            ? u"A refresh token: it is accepted only by /refresh, and this route "
                              "needs an access token."_s
                            : u"An access token: /refresh needs the refresh token from the "
                              "login."_s),
                {}};
    }
    // A deleted user's tokens: the contract names that case INVALID_TOKEN.
    const auto user = m_users.user(record->userId);
    if (!user) {
        return {checkOf(Verdict::UserDeleted,
                        u"User %1 no longer exists (deleted, or gone in a data reset)."_s.arg(
                            record->userId)),
                {}};
    }
    // Issued to whoever had the id before this user (before a reset, or in an earlier run).
    if (m_tokens.isForEarlierHolder(*record)) {
        return {checkOf(Verdict::UserDeleted,
                        u"Issued to an earlier user with id %1, before a data reset or "
                        "restart: that user is gone, and the id belongs to someone else now."_s.arg(
                            record->userId)),
                {}};
    }
    if (const auto reason = m_tokens.revocationReason(*record))
        return {checkOf(Verdict::Revoked, revokedBecause(*reason)), {}};
    return {checkOf(Verdict::Valid,
                    u"Signed with this API's secret, unexpired, not revoked, and its user "
                    "exists."_s),
            Session{*user, *record}};
}

TokenCheck Authenticator::takeRecorded(const ApiRequest &request) const
{
    if (m_recorded)
        return *std::exchange(m_recorded, std::nullopt);
    if (!request.hasHeader("Authorization"))
        return {};
    TokenCheck check = judgeRequest(request, TokenType::Access).check;
    check.requiredByRoute = false;
    return check;
}
