#include "flaskadvancedlesson.h"

#include "apierror.h"
#include "credentials.h"
#include "envelope.h"
#include "outbox.h"
#include "router.h"
#include "tokenservice.h"
#include "userstore.h"
#include "uservalidation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <initializer_list>

using namespace Qt::StringLiterals;

namespace {

using Verdict = TokenCheck::Verdict;

ApiResponse messageReply(int status, const QString &message)
{
    return Envelope::bare(status, {{u"message"_s, message}});
}

ApiResponse jwtErrorReply(const QString &message, const QString &error)
{
    return Envelope::bare(401, {{u"message"_s, message}, {u"error"_s, error}});
}

// Flask-JWT-Extended looks for a "Bearer" field; without one the request "does not contain" a
// token (NoAuthorizationError), with one that is not followed by exactly one token it is invalid.
bool namesBearerScheme(const ApiRequest &request)
{
    const QByteArrayList words = request.header("Authorization").simplified().split(' ');
    return words.first().compare("bearer", Qt::CaseInsensitive) == 0;
}

// The reference's JWT callbacks: one fixed body per Flask-JWT-Extended error.
ApiResponse tokenError(const ApiRequest &request, Verdict verdict)
{
    const auto missing = [] {
        return jwtErrorReply(u"Request does not contain an access token."_s,
                             u"authorization_required"_s);
    };
    switch (verdict) {
    case Verdict::None:
        return missing();
    case Verdict::Expired:
        return jwtErrorReply(u"The token has expired."_s, u"token_expired"_s);
    case Verdict::Revoked:
        return jwtErrorReply(u"The token has been revoked."_s, u"token_revoked"_s);
    case Verdict::NotFresh:
        return jwtErrorReply(u"The token is not fresh."_s, u"fresh_token_required"_s);
    case Verdict::Malformed:
        if (!namesBearerScheme(request))
            return missing();
        break;
    default:
        // Forged, not yet valid, the wrong type (its WrongTokenError goes to the same callback),
        // a deleted user.
        break;
    }
    return jwtErrorReply(u"Signature verification failed."_s, u"invalid_token"_s);
}

// One field of a Marshmallow schema: a string, with a validator saying what is wrong (or
// nothing).
struct SchemaField
{
    QLatin1StringView name;
    bool required;
    QString (*problem)(const QString &value);
};

qsizetype characterCount(const QString &text)
{
    return text.toUcs4().size(); // Python's len(), as Marshmallow's Length counts
}

QString usernameProblem(const QString &username)
{
    const qsizetype length = characterCount(username);
    return length < 3 || length > 80 ? u"Length must be between 3 and 80."_s : QString();
}

QString emailProblem(const QString &email)
{
    return isValidEmail(email) ? QString() : u"Not a valid email address."_s;
}

QString passwordProblem(const QString &password)
{
    return characterCount(password) < 6 ? u"Shorter than minimum length 6."_s : QString();
}

constexpr SchemaField UsernameField{"username"_L1, true, usernameProblem};
// The reference logs in with its user schema, whose username a login body may carry.
constexpr SchemaField OptionalUsernameField{"username"_L1, false, usernameProblem};
constexpr SchemaField EmailField{"email"_L1, true, emailProblem};
constexpr SchemaField PasswordField{"password"_L1, true, passwordProblem};

// Marshmallow's load with unknown=RAISE: every failing field with its list of messages.
QJsonObject schemaErrors(const QJsonObject &body, std::initializer_list<SchemaField> fields)
{
    QJsonObject errors;
    for (const SchemaField &field : fields) {
        const QJsonValue value = body.value(field.name);
        QString problem;
        if (value.isUndefined())
            problem = field.required ? u"Missing data for required field."_s : QString();
        else if (value.isNull())
            problem = u"Field may not be null."_s;
        else if (!value.isString())
            problem = u"Not a valid string."_s;
        else
            problem = field.problem(value.toString());
        if (!problem.isEmpty())
            errors.insert(field.name, QJsonArray{problem});
    }
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        const bool known = std::any_of(fields.begin(), fields.end(),
                                       [&it](const SchemaField &f) { return f.name == it.key(); });
        if (!known)
            errors.insert(it.key(), QJsonArray{u"Unknown field."_s});
    }
    return errors;
}

// The JSON body as Flask-Smorest hands it to the schema (an empty body is an empty object),
// or its refusal: 400 for JSON it cannot read, 422 with the failing fields.
std::variant<QJsonObject, ApiResponse> loadBody(const ApiRequest &request,
                                                std::initializer_list<SchemaField> fields)
{
    QJsonObject body;
    if (!request.body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return messageReply(400, u"Invalid JSON body."_s);
        if (!document.isObject())
            return Envelope::bare(422, {{u"_schema"_s, QJsonArray{u"Invalid input type."_s}}});
        body = document.object();
    }
    if (const QJsonObject errors = schemaErrors(body, fields); !errors.isEmpty())
        return Envelope::bare(422, errors);
    return body;
}

// Flask's <int:user_id>: digits only, anything else matches no route.
std::optional<qint64> userIdOf(const QString &text)
{
    if (text.isEmpty() ||
        !std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; })) {
        return std::nullopt;
    }
    return Router::integerParam(text);
}

ApiResponse noSuchRoute(const ApiRequest &request)
{
    return Router().route(request); // the service's own 404 for a path without a route
}

ApiResponse userNotFound()
{
    return messageReply(404, u"User not found."_s);
}

} // namespace

FlaskAdvancedLesson::FlaskAdvancedLesson(const LessonContext &context)
    : LessonApi(context)
{}

void FlaskAdvancedLesson::addRoutes(Router &router)
{
    using Params = QStringList;
    const QString at = prefix();
    router.addRoute("POST", at + u"/register"_s, [this](const ApiRequest &request, const Params &) {
        return registerUser(request);
    });
    router.addRoute("POST", at + u"/login"_s, [this](const ApiRequest &request, const Params &) {
        return uncached(login(request));
    });
    router.addRoute("POST", at + u"/refresh"_s, [this](const ApiRequest &request, const Params &) {
        return uncached(refresh(request));
    });
    router.addRoute("POST", at + u"/logout"_s,
                    [this](const ApiRequest &request, const Params &) { return logout(request); });
    router.addRoute("GET", at + u"/guest"_s, [](const ApiRequest &, const Params &) {
        return messageReply(200, u"This endpoint is open to everyone."_s);
    });
    router.addRoute("GET", at + u"/protected"_s, [this](const ApiRequest &request, const Params &) {
        return protectedEndpoint(request);
    });
    router.addRoute("GET", at + u"/fresh-protected"_s,
                    [this](const ApiRequest &request, const Params &) {
                        return freshProtectedEndpoint(request);
                    });
    router.addRoute("GET", at + u"/user/{id}"_s,
                    [this](const ApiRequest &request, const Params &params) {
                        return user(request, params[0]);
                    });
    router.addRoute("DELETE", at + u"/user/{id}"_s,
                    [this](const ApiRequest &request, const Params &params) {
                        return deleteUser(request, params[0]);
                    });
}

std::variant<Authenticator::Session, ApiResponse>
FlaskAdvancedLesson::session(const ApiRequest &request, TokenType type) const
{
    Authenticator::Judgement judgement = context().authenticator.judgeAndRecord(request, type);
    if (judgement.session)
        return std::move(*judgement.session);
    return tokenError(request, judgement.check.verdict);
}

ApiResponse FlaskAdvancedLesson::registerUser(const ApiRequest &request) const
{
    const auto body = loadBody(request, {UsernameField, EmailField, PasswordField});
    if (const auto *refusal = std::get_if<ApiResponse>(&body))
        return *refusal;
    const QJsonObject &fields = std::get<QJsonObject>(body);
    const QString username = fields.value(u"username"_s).toString();
    const QString email = fields.value(u"email"_s).toString();

    UserStore &users = context().users;
    if (users.userByEmail(email))
        return messageReply(409, u"A user with that email already exists."_s);
    if (users.isFull())
        return ApiError::sandboxFull(u"users"_s, users.capacity()).toResponse();

    UserFields created;
    created.name = username;
    created.email = email;
    created.role = UserRole::User;
    users.add(created, m_hasher.hash(fields.value(u"password"_s).toString()));
    context().outbox.send(email, u"Successfully signed up"_s,
                          u"Hi %1, you have successfully signed up. Log in at %2/login with "
                          "your email and password."_s.arg(username, baseUrl() + prefix()),
                          {});
    return messageReply(201, u"User created successfully."_s);
}

ApiResponse FlaskAdvancedLesson::login(const ApiRequest &request) const
{
    const auto body = loadBody(request, {OptionalUsernameField, EmailField, PasswordField});
    if (const auto *refusal = std::get_if<ApiResponse>(&body))
        return *refusal;
    const QJsonObject &fields = std::get<QJsonObject>(body);
    const auto user =
        userWithPassword(context().users, m_hasher, fields.value(u"email"_s).toString(),
                         fields.value(u"password"_s).toString());
    if (!user)
        return messageReply(401, u"Invalid credentials."_s);

    TokenService &tokens = context().tokens;
    const auto access = tokens.issue(*user, TokenType::Access, true);
    const auto refresh = tokens.issue(*user, TokenType::Refresh);
    return Envelope::bare(200, {{u"access_token"_s, QString::fromLatin1(access.token)},
                                {u"refresh_token"_s, QString::fromLatin1(refresh.token)}});
}

ApiResponse FlaskAdvancedLesson::refresh(const ApiRequest &request) const
{
    const auto caller = session(request, TokenType::Refresh);
    if (const auto *refusal = std::get_if<ApiResponse>(&caller))
        return *refusal;
    const auto access = context().tokens.issue(std::get<Authenticator::Session>(caller).user,
                                               TokenType::Access, false);
    return Envelope::bare(200, {{u"access_token"_s, QString::fromLatin1(access.token)}});
}

ApiResponse FlaskAdvancedLesson::logout(const ApiRequest &request) const
{
    // The reference revokes the refresh token it documents; an access token works as well.
    const Authenticator &authenticator = context().authenticator;
    Authenticator::Judgement judgement = authenticator.judgeRequest(request, TokenType::Access);
    if (judgement.check.verdict == Verdict::WrongType)
        judgement = authenticator.judgeRequest(request, TokenType::Refresh);
    authenticator.recordCheck(judgement.check);
    if (!judgement.session)
        return tokenError(request, judgement.check.verdict);

    const Authenticator::Session &caller = *judgement.session;
    TokenService &tokens = context().tokens;
    tokens.revokeToken(caller.token, u"logout"_s);
    // As POST /logout: a logged-out access token must not be renewable from the same login.
    if (caller.token.type == TokenType::Access)
        tokens.revokeUserRefreshTokens(caller.user.id, u"logout"_s);
    return messageReply(200, u"Successfully logged out."_s);
}

ApiResponse FlaskAdvancedLesson::protectedEndpoint(const ApiRequest &request) const
{
    const auto caller = session(request, TokenType::Access);
    if (const auto *refusal = std::get_if<ApiResponse>(&caller))
        return *refusal;
    return messageReply(200, u"This is a protected endpoint."_s);
}

ApiResponse FlaskAdvancedLesson::freshProtectedEndpoint(const ApiRequest &request) const
{
    const auto caller = session(request, TokenType::Access);
    if (const auto *refusal = std::get_if<ApiResponse>(&caller))
        return *refusal;
    if (context().authenticator.requireFresh(std::get<Authenticator::Session>(caller)))
        return tokenError(request, Verdict::NotFresh);
    return messageReply(200,
                        u"This is a protected endpoint. You used a fresh token to access it."_s);
}

ApiResponse FlaskAdvancedLesson::user(const ApiRequest &request, const QString &id) const
{
    const auto userId = userIdOf(id);
    if (!userId)
        return noSuchRoute(request);
    const auto found = context().users.user(*userId);
    if (!found)
        return userNotFound();
    return Envelope::bare(200, {{u"id"_s, found->id},
                                {u"username"_s, found->name},
                                {u"email"_s, found->email},
                                {u"created_at"_s, formatTimestamp(found->createdAt)},
                                {u"updated_at"_s, formatTimestamp(found->updatedAt)}});
}

ApiResponse FlaskAdvancedLesson::deleteUser(const ApiRequest &request, const QString &id) const
{
    const auto userId = userIdOf(id);
    if (!userId)
        return noSuchRoute(request);
    const auto caller = session(request, TokenType::Access);
    if (const auto *refusal = std::get_if<ApiResponse>(&caller))
        return *refusal;
    const auto &callerSession = std::get<Authenticator::Session>(caller);
    if (context().authenticator.requireFresh(callerSession))
        return tokenError(request, Verdict::NotFresh);

    UserStore &users = context().users;
    if (!users.user(*userId))
        return userNotFound();
    if (callerSession.user.id != *userId && !callerSession.user.isAdmin())
        return messageReply(403, u"Only an admin can delete another user."_s);
    // The store's removal ends the user's tokens (ApiService).
    users.remove(*userId);
    return messageReply(200, u"User deleted."_s);
}
