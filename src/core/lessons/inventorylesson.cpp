#include "inventorylesson.h"

#include "apierror.h"
#include "credentials.h"
#include "requestfields.h"
#include "router.h"
#include "tokenservice.h"
#include "userstore.h"
#include "uservalidation.h"

#include <QLocale>

using namespace Qt::StringLiterals;
using namespace InventoryBodies;

namespace {

constexpr qsizetype MaxPasswordLength = 128;

// The shared store needs a name; the reference asks only for an email.
QString nameFromEmail(const QString &email)
{
    const QString localPart = email.section(u'@', 0, 0);
    return (localPart.size() >= 3 ? localPart : email).left(100);
}

// How Flask's jsonify writes a datetime (an HTTP date).
QString flaskDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s);
}

// The reference's decode_auth_token messages.
QString refusalOf(TokenCheck::Verdict verdict)
{
    switch (verdict) {
    case TokenCheck::Verdict::Expired:
        return u"Signature expired. Please log in again."_s;
    case TokenCheck::Verdict::Revoked:
        return u"Token blacklisted. Please log in again."_s;
    default:
        return u"Invalid token. Please log in again."_s;
    }
}

// The value of a header the reference reads ("code", "type", "newcode"), else of the query
// parameter of that name.
std::optional<QString> headerOrQuery(const ApiRequest &request, const QString &name)
{
    const QByteArray header = request.header(name.toLatin1());
    if (!header.isEmpty())
        return QString::fromUtf8(header);
    if (request.query.hasQueryItem(name))
        return request.query.queryItemValue(name, QUrl::FullyDecoded);
    return std::nullopt;
}

// PUT /auth/inventory's changes: the new code and any new type or quantity, from headers.
QJsonObject inventoryChanges(const ApiRequest &request)
{
    QJsonObject changes;
    if (const auto newCode = headerOrQuery(request, u"newcode"_s))
        changes.insert(u"code"_s, *newCode);
    for (const QString &field : {u"type"_s, u"quantity"_s}) {
        if (const auto value = headerOrQuery(request, field))
            changes.insert(field, *value);
    }
    return changes;
}

} // namespace

InventoryLesson::InventoryLesson(const LessonContext &context)
    : LessonApi(context)
    , m_products(m_store)
{}

void InventoryLesson::addRoutes(Router &router)
{
    using Params = QStringList;
    const auto route = [this, &router](const QByteArray &method, const QString &path,
                                       ApiResponse (InventoryLesson::*handler)(const ApiRequest &)
                                           const) {
        router.addRoute(method, prefix() + path,
                        [this, handler](const ApiRequest &request, const Params &) {
                            return (this->*handler)(request);
                        });
    };
    route("POST", u"/auth/register"_s, &InventoryLesson::registerUser);
    route("POST", u"/auth/login"_s, &InventoryLesson::login);
    route("GET", u"/auth/account"_s, &InventoryLesson::account);
    route("POST", u"/auth/logout"_s, &InventoryLesson::logout);
    // The task's names for the same: a token from email and password, the caller's account.
    route("POST", u"/token"_s, &InventoryLesson::login);
    route("GET", u"/account"_s, &InventoryLesson::account);
    addInventoryRoutes(router);
}

void InventoryLesson::addInventoryRoutes(Router &router)
{
    using Params = QStringList;
    const QString inventory = prefix() + u"/auth/inventory"_s;
    const QString entities = prefix() + u"/entities"_s;
    const QString entity = entities + u"/{code}"_s;

    router.addRoute("POST", prefix() + u"/auth/products"_s,
                    [this](const ApiRequest &request, const Params &) {
                        return m_products.add(requestFields(request), true);
                    });
    router.addRoute("GET", inventory, [this](const ApiRequest &request, const Params &) {
        if (const auto code = headerOrQuery(request, u"code"_s))
            return m_products.find(*code);
        return m_products.list(headerOrQuery(request, u"type"_s));
    });
    router.addRoute("PUT", inventory, [this](const ApiRequest &request, const Params &) {
        return m_products.edit(headerOrQuery(request, u"code"_s).value_or(QString()),
                               inventoryChanges(request));
    });
    router.addRoute("DELETE", inventory, [this](const ApiRequest &request, const Params &) {
        return m_products.remove(headerOrQuery(request, u"code"_s).value_or(QString()));
    });

    router.addRoute("GET", entities, [this](const ApiRequest &request, const Params &) {
        return m_products.list(headerOrQuery(request, u"type"_s));
    });
    router.addRoute("POST", entities, [this](const ApiRequest &request, const Params &) {
        return m_products.add(requestFields(request), false);
    });
    router.addRoute("GET", entity, [this](const ApiRequest &, const Params &params) {
        return m_products.find(params[0]);
    });
    router.addRoute("PUT", entity, [this](const ApiRequest &request, const Params &params) {
        return m_products.edit(params[0], requestFields(request));
    });
    router.addRoute("DELETE", entity, [this](const ApiRequest &, const Params &params) {
        return m_products.remove(params[0]);
    });
}

ApiResponse InventoryLesson::registerUser(const ApiRequest &request) const
{
    const QJsonObject fields = requestFields(request);
    const QJsonValue email = fields.value(u"email"_s);
    if (email.isString() && context().users.userByEmail(email.toString()))
        return fail(202, u"User already exists. Please Log in."_s);
    // The reference has no password rule, and its tests register with "123456".
    const QJsonValue password = fields.value(u"password"_s);
    if (!email.isString() || !isValidEmail(email.toString()) || !password.isString() ||
        password.toString().isEmpty() || password.toString().size() > MaxPasswordLength) {
        return someErrorOccurred();
    }
    if (context().users.isFull()) {
        const ApiError full = ApiError::sandboxFull(u"users"_s, context().users.capacity());
        return fail(full.status, full.message);
    }

    UserFields user;
    user.name = nameFromEmail(email.toString());
    user.email = email.toString();
    user.role = UserRole::User;
    const User created = context().users.add(user, m_hasher.hash(password.toString()));
    const auto token = context().tokens.issue(created, TokenType::Access, true);
    return success(201, u"Successfully registered."_s,
                   {{u"auth_token"_s, QString::fromLatin1(token.token)}});
}

ApiResponse InventoryLesson::login(const ApiRequest &request) const
{
    const QJsonObject fields = requestFields(request);
    const QJsonValue email = fields.value(u"email"_s);
    const QJsonValue password = fields.value(u"password"_s);
    // One answer for an unknown email and a wrong password, as in the reference.
    const auto user =
        email.isString() && password.isString()
            ? userWithPassword(context().users, m_hasher, email.toString(), password.toString())
            : std::nullopt;
    if (!user)
        return fail(404, u"User does not exist."_s);
    const auto token = context().tokens.issue(*user, TokenType::Access, true);
    return success(200, u"Successfully logged in."_s,
                   {{u"auth_token"_s, QString::fromLatin1(token.token)}});
}

ApiResponse InventoryLesson::account(const ApiRequest &request) const
{
    const auto session = caller(request, 401);
    if (const auto *refusal = std::get_if<ApiResponse>(&session))
        return *refusal;
    const User &user = std::get<Authenticator::Session>(session).user;
    const QJsonObject data{{u"user_id"_s, user.id},
                           {u"email"_s, user.email},
                           {u"admin"_s, user.isAdmin()},
                           {u"registered_on"_s, flaskDate(user.createdAt)}};
    return successData(data);
}

ApiResponse InventoryLesson::logout(const ApiRequest &request) const
{
    // The reference answers a logout without a token 403 (its account route says 401).
    const auto session = caller(request, 403);
    if (const auto *refusal = std::get_if<ApiResponse>(&session))
        return *refusal;
    context().tokens.revokeToken(std::get<Authenticator::Session>(session).token, u"logout"_s);
    return success(200, u"Successfully logged out."_s);
}

std::variant<Authenticator::Session, ApiResponse> InventoryLesson::caller(const ApiRequest &request,
                                                                          int noTokenStatus) const
{
    const Authenticator &authenticator = context().authenticator;
    const QByteArray header = request.header("Authorization");
    const QList<QByteArray> words = header.split(' ');
    if (!header.isEmpty() && words.size() < 2) {
        authenticator.recordCheck({TokenCheck::Verdict::Malformed,
                                   u"No token after the scheme: the header must be "
                                   "\"Authorization: Bearer <token>\"."_s,
                                   true});
        return fail(401, u"Bearer token malformed."_s);
    }
    if (header.isEmpty() || words[1].isEmpty()) {
        authenticator.recordCheck({TokenCheck::Verdict::None,
                                   u"The request has no token in its Authorization header."_s,
                                   true});
        return fail(noTokenStatus, u"Provide a valid auth token."_s);
    }

    Authenticator::Judgement judgement = authenticator.judgeToken(words[1], TokenType::Access);
    authenticator.recordCheck(judgement.check);
    if (judgement.session)
        return std::move(*judgement.session);
    return fail(401, refusalOf(judgement.check.verdict));
}

LessonList InventoryLesson::list() const
{
    QJsonArray records;
    for (const InventoryProduct &product : m_store.products())
        records.append(product.toJson());
    return {u"Products"_s, {u"code"_s, u"type"_s, u"quantity"_s}, records};
}
