#include "flaskjwtlesson.h"

#include "apierror.h"
#include "credentials.h"
#include "envelope.h"
#include "requestfields.h"
#include "router.h"
#include "tokenservice.h"
#include "userstore.h"

#include <QJsonArray>
#include <QUrl>
#include <QUuid>
#include <algorithm>

using namespace Qt::StringLiterals;
using FlaskRestx::Argument;
using FlaskRestx::Values;

namespace {

using Verdict = TokenCheck::Verdict;

constexpr qsizetype MaxPasswordLength = 128;
const QString PostBody = u"the post body"_s;
const QString UserRealm = u"registered_users@mydomain.com"_s;
const QString AdminRealm = u"admin_users@mydomain.com"_s;
const QString NotAdmin = u"You are not an administrator"_s;

// The tutorial's User.decode_access_token messages.
QString refusalOf(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Expired:
        return u"Access token expired. Please log in again."_s;
    case Verdict::Revoked:
        return u"Token blacklisted. Please log in again."_s;
    default:
        return u"Invalid token. Please log in again."_s;
    }
}

// ApiUnauthorized: no token says only the realm; a refused token says why.
ApiResponse unauthorized(const QString &realm, const QString &description, bool tokenSent)
{
    ApiResponse response = FlaskRestx::message(401, description);
    QString challenge = u"Bearer realm=\"%1\""_s.arg(realm);
    if (tokenSent)
        challenge += u", error=\"invalid_token\", error_description=\"%1\""_s.arg(description);
    response.setHeader("WWW-Authenticate"_ba, challenge.toUtf8());
    return response;
}

ApiResponse forbidden()
{
    ApiResponse response = FlaskRestx::message(403, NotAdmin);
    response.setHeader("WWW-Authenticate"_ba, u"Bearer realm=\"%1\", error=\"insufficient_scope\", "
                                              "error_description=\"%2\""_s.arg(AdminRealm, NotAdmin)
                                                  .toUtf8());
    return response;
}

// auth_reqparser; a new account's password must not be empty (the tutorial's str takes "").
QList<Argument> credentialArguments(bool newAccount)
{
    Argument password{u"password"_s, true, {}, nullptr};
    if (newAccount) {
        password.type = [](QString &value) {
            return value.isEmpty() || value.size() > MaxPasswordLength
                       ? u"password must be 1 to 128 characters"_s
                       : QString();
        };
    }
    return {{u"email"_s,
             true,
             {},
             [](QString &value) {
                 return FlaskRestx::emailProblem(value);
             }},
            password};
}

// update_widget_reqparser: create_widget_reqparser without the name.
QList<Argument> widgetArguments(const QDate &today, bool withName)
{
    QList<Argument> arguments;
    if (withName) {
        arguments.append({u"name"_s, true, {}, [](QString &value) {
                              return FlaskRestx::widgetNameProblem(value);
                          }});
    }
    arguments.append({u"info_url"_s, true, {}, [](QString &value) {
                          return FlaskRestx::urlProblem(value);
                      }});
    arguments.append({u"deadline"_s, true, {}, [today](QString &value) {
                          return FlaskRestx::futureDateProblem(value, today);
                      }});
    return arguments;
}

QList<Argument> paginationArguments()
{
    return {{u"page"_s, false, u"1"_s,
             [](QString &value) {
                 return FlaskRestx::positiveProblem(value, u"page"_s);
             }},
            {u"per_page"_s, false, u"10"_s, [](QString &value) {
                 if (QString problem = FlaskRestx::positiveProblem(value, u"per_page"_s);
                     !problem.isEmpty()) {
                     return problem;
                 }
                 static const QList<int> choices{5, 10, 25, 50, 100};
                 if (!choices.contains(value.trimmed().toInt()))
                     return u"The value '%1' is not a valid choice for 'per_page'."_s.arg(
                         value.trimmed().toInt());
                 return QString();
             }}};
}

// future_date_from_string's deadline: the last moment of the day, in UTC.
QDateTime deadlineOf(const QString &isoDate)
{
    return QDateTime(QDate::fromString(isoDate, Qt::ISODate), QTime(23, 59, 59, 999), Qt::UTC);
}

// A user's public_id: a UUID derived from its id and creation time, so stable for the user
// and new for a later user who gets the same id after a reset.
QString publicIdOf(const User &user)
{
    static const QUuid space(u"{0f5b7c1e-3a52-4d8e-9a61-2c0de4f0a002}"_s);
    return QUuid::createUuidV5(space,
                               u"%1/%2"_s.arg(QString::number(user.id),
                                              QString::number(user.createdAt.toMSecsSinceEpoch())))
        .toString(QUuid::WithoutBraces);
}

// The shared store wants a name; the tutorial asks only for an email.
QString nameForEmail(const QString &email)
{
    const QString local = email.section(u'@', 0, 0);
    return (local.isEmpty() ? email : local).left(100);
}

} // namespace

FlaskJwtLesson::FlaskJwtLesson(const LessonContext &context)
    : LessonApi(context)
{}

void FlaskJwtLesson::addRoutes(Router &router)
{
    using Params = QStringList;
    const QString api = prefix() + u"/api/v1"_s;
    const QString widget = api + u"/widgets/{name}"_s;
    router.addRoute(
        "POST", api + u"/auth/register"_s,
        [this](const ApiRequest &request, const Params &) { return registerUser(request); });
    router.addRoute("POST", api + u"/auth/login"_s,
                    [this](const ApiRequest &request, const Params &) { return login(request); });
    router.addRoute(
        "GET", api + u"/auth/user"_s,
        [this](const ApiRequest &request, const Params &) { return currentUser(request); });
    router.addRoute("POST", api + u"/auth/logout"_s,
                    [this](const ApiRequest &request, const Params &) { return logout(request); });
    router.addRoute("GET", api + u"/widgets"_s, [this](const ApiRequest &request, const Params &) {
        return widgetList(request);
    });
    router.addRoute("POST", api + u"/widgets"_s, [this](const ApiRequest &request, const Params &) {
        return createWidget(request);
    });
    router.addRoute("GET", widget, [this](const ApiRequest &request, const Params &params) {
        return retrieveWidget(request, params[0]);
    });
    router.addRoute("PUT", widget, [this](const ApiRequest &request, const Params &params) {
        return updateWidget(request, params[0]);
    });
    router.addRoute("DELETE", widget, [this](const ApiRequest &request, const Params &params) {
        return deleteWidget(request, params[0]);
    });
}

std::variant<Authenticator::Session, ApiResponse> FlaskJwtLesson::caller(const ApiRequest &request,
                                                                         Access access) const
{
    const QString realm = access == Access::Admin ? AdminRealm : UserRealm;
    const Authenticator &authenticator = context().authenticator;
    const QByteArray header = request.header("Authorization").trimmed();
    if (header.isEmpty()) {
        authenticator.recordCheck(
            {Verdict::None, u"The request has no token in its Authorization header."_s, true});
        return unauthorized(realm, u"Unauthorized"_s, false);
    }
    // As decode_access_token: "Bearer <token>", or the token alone.
    const bool bearer = header.left(7).compare("bearer ", Qt::CaseInsensitive) == 0;
    const QByteArray token = bearer ? header.mid(7).trimmed() : header;

    Authenticator::Judgement judgement = authenticator.judgeToken(token, TokenType::Access);
    authenticator.recordCheck(judgement.check);
    if (!judgement.session)
        return unauthorized(realm, refusalOf(judgement.check.verdict), true);
    if (access == Access::Admin && !judgement.session->user.isAdmin())
        return forbidden();
    return std::move(*judgement.session);
}

std::variant<FlaskJwtLesson::Permitted, ApiResponse>
FlaskJwtLesson::permitted(const ApiRequest &request, const QJsonObject &source,
                          const QList<FlaskRestx::Argument> &arguments, Access access) const
{
    auto parsed = FlaskRestx::parseArguments(source, arguments, PostBody);
    if (auto *refusal = std::get_if<ApiResponse>(&parsed))
        return std::move(*refusal);
    auto session = caller(request, access);
    if (auto *refusal = std::get_if<ApiResponse>(&session))
        return std::move(*refusal);
    return Permitted{std::move(std::get<Values>(parsed)),
                     std::move(std::get<Authenticator::Session>(session))};
}

ApiResponse FlaskJwtLesson::authenticated(int status, const QString &message,
                                          const User &user) const
{
    const auto issued = context().tokens.issue(user, TokenType::Access, true);
    return uncached(Envelope::bare(
        status, {{u"status"_s, u"success"_s},
                 {u"message"_s, message},
                 {u"access_token"_s, QString::fromLatin1(issued.token)},
                 {u"token_type"_s, u"bearer"_s},
                 {u"expires_in"_s, issued.record.issuedAt.secsTo(issued.record.expiresAt)}}));
}

ApiResponse FlaskJwtLesson::registerUser(const ApiRequest &request) const
{
    const auto parsed =
        FlaskRestx::parseArguments(requestFields(request), credentialArguments(true), PostBody);
    if (const auto *refusal = std::get_if<ApiResponse>(&parsed))
        return *refusal;
    const Values &values = std::get<Values>(parsed);
    const QString email = values.value(u"email"_s);

    UserStore &users = context().users;
    if (users.userByEmail(email))
        return FlaskRestx::fail(409, email + u" is already registered"_s);
    if (users.isFull()) {
        const ApiError full = ApiError::sandboxFull(u"users"_s, users.capacity());
        return FlaskRestx::fail(full.status, full.message);
    }
    UserFields fields;
    fields.name = nameForEmail(email);
    fields.email = email;
    fields.role = UserRole::User;
    const User created = users.add(fields, m_hasher.hash(values.value(u"password"_s)));
    return authenticated(201, u"successfully registered"_s, created);
}

ApiResponse FlaskJwtLesson::login(const ApiRequest &request) const
{
    const auto parsed =
        FlaskRestx::parseArguments(requestFields(request), credentialArguments(false), PostBody);
    if (const auto *refusal = std::get_if<ApiResponse>(&parsed))
        return *refusal;
    const Values &values = std::get<Values>(parsed);
    const auto user = userWithPassword(context().users, m_hasher, values.value(u"email"_s),
                                       values.value(u"password"_s));
    if (!user)
        return FlaskRestx::fail(401, u"email or password does not match"_s);
    return authenticated(200, u"successfully logged in"_s, *user);
}

ApiResponse FlaskJwtLesson::currentUser(const ApiRequest &request) const
{
    const auto session = caller(request, Access::RegisteredUser);
    if (const auto *refusal = std::get_if<ApiResponse>(&session))
        return *refusal;
    const auto &[user, token] = std::get<Authenticator::Session>(session);
    return Envelope::bare(
        200, {{u"email"_s, user.email},
              {u"public_id"_s, publicIdOf(user)},
              {u"admin"_s, user.isAdmin()},
              {u"registered_on"_s, FlaskRestx::localizedDateTime(user.createdAt)},
              {u"token_expires_in"_s, FlaskRestx::timespanDigits(now().secsTo(token.expiresAt))}});
}

ApiResponse FlaskJwtLesson::logout(const ApiRequest &request) const
{
    const auto session = caller(request, Access::RegisteredUser);
    if (const auto *refusal = std::get_if<ApiResponse>(&session))
        return *refusal;
    context().tokens.revokeToken(std::get<Authenticator::Session>(session).token, u"logout"_s);
    return Envelope::bare(
        200, {{u"status"_s, u"success"_s}, {u"message"_s, u"successfully logged out"_s}});
}

// As the tutorial's resources: the request parser first, then the token decorator.
ApiResponse FlaskJwtLesson::createWidget(const ApiRequest &request)
{
    const auto permit = permitted(request, requestFields(request),
                                  widgetArguments(now().date(), true), Access::Admin);
    if (const auto *refusal = std::get_if<ApiResponse>(&permit))
        return *refusal;
    const auto &[values, session] = std::get<Permitted>(permit);
    return addWidget(request, session.user, values.value(u"name"_s), values);
}

ApiResponse FlaskJwtLesson::addWidget(const ApiRequest &request, const User &owner,
                                      const QString &name, const Values &values)
{
    if (m_store.contains(name))
        return FlaskRestx::fail(409,
                                u"Widget name: %1 already exists, must be unique."_s.arg(name));
    if (m_store.isFull()) {
        const ApiError full = ApiError::sandboxFull(u"widgets"_s, m_store.capacity());
        return FlaskRestx::fail(full.status, full.message);
    }
    m_store.add({name, values.value(u"info_url"_s), now(), deadlineOf(values.value(u"deadline"_s)),
                 owner.id});

    ApiResponse response = Envelope::bare(
        201, {{u"status"_s, u"success"_s}, {u"message"_s, u"New widget added: %1."_s.arg(name)}});
    // An absolute URL, as Werkzeug makes a relative Location.
    const QByteArray host = request.header("Host");
    const QString origin =
        host.isEmpty() ? baseUrl() : QString(u"http://"_s + QString::fromLatin1(host));
    response.setHeader("Location"_ba, QString(origin + widgetPath(request, name)).toUtf8());
    return response;
}

ApiResponse FlaskJwtLesson::widgetList(const ApiRequest &request) const
{
    const auto permit = permitted(request, FlaskRestx::queryArguments(request),
                                  paginationArguments(), Access::RegisteredUser);
    if (const auto *refusal = std::get_if<ApiResponse>(&permit))
        return *refusal;
    const Values &values = std::get<Permitted>(permit).values;
    const qint64 page = values.value(u"page"_s).trimmed().toLongLong();
    const qint64 perPage = values.value(u"per_page"_s).trimmed().toLongLong();

    // Flask-SQLAlchemy's paginate(page, per_page, error_out=False).
    const QList<Widget> &widgets = m_store.widgets();
    const qint64 total = widgets.size();
    const qint64 pages = (total + perPage - 1) / perPage;
    QJsonArray items;
    // A page past the last one is empty (and page * per_page may not fit in 64 bits).
    const qint64 first = page <= pages ? (page - 1) * perPage : total;
    for (qint64 i = first; i < std::min(total, first + perPage); ++i)
        items.append(widgetJson(request, widgets.at(i)));

    const QString list = basePath(request) + u"/api/v1/widgets?page=%1&per_page=%2"_s;
    const auto link = [&list, perPage](qint64 number) {
        return list.arg(QString::number(number), QString::number(perPage));
    };
    QList<std::pair<QString, QString>> links{{u"self"_s, link(page)}, {u"first"_s, link(1)}};
    if (page > 1)
        links.append({u"prev"_s, link(page - 1)});
    if (page < pages)
        links.append({u"next"_s, link(page + 1)});
    links.append({u"last"_s, link(std::max<qint64>(pages, 1))});

    QJsonObject linksJson;
    QStringList linkHeader;
    for (const auto &[rel, url] : std::as_const(links)) {
        linksJson.insert(rel, url);
        linkHeader.append(u"<%1>; rel=\"%2\""_s.arg(url, rel));
    }
    ApiResponse response = Envelope::bare(200, {{u"links"_s, linksJson},
                                                {u"has_prev"_s, page > 1},
                                                {u"has_next"_s, page < pages},
                                                {u"page"_s, page},
                                                {u"total_pages"_s, pages},
                                                {u"items_per_page"_s, perPage},
                                                {u"total_items"_s, total},
                                                {u"items"_s, items}});
    response.setHeader("Link"_ba, linkHeader.join(u", "_s).toUtf8());
    response.setHeader("Total-Count"_ba, QByteArray::number(total));
    return response;
}

ApiResponse FlaskJwtLesson::retrieveWidget(const ApiRequest &request, const QString &name) const
{
    const auto session = caller(request, Access::RegisteredUser);
    if (const auto *refusal = std::get_if<ApiResponse>(&session))
        return *refusal;
    const auto widget = m_store.widget(name);
    if (!widget)
        return FlaskRestx::message(404, name + u" not found in database."_s);
    return Envelope::bare(200, widgetJson(request, *widget));
}

ApiResponse FlaskJwtLesson::updateWidget(const ApiRequest &request, const QString &name)
{
    const auto permit = permitted(request, requestFields(request),
                                  widgetArguments(now().date(), false), Access::Admin);
    if (const auto *refusal = std::get_if<ApiResponse>(&permit))
        return *refusal;
    const auto &[values, session] = std::get<Permitted>(permit);

    if (auto widget = m_store.widget(name)) {
        widget->infoUrl = values.value(u"info_url"_s);
        widget->deadline = deadlineOf(values.value(u"deadline"_s));
        m_store.replace(*widget);
        return Envelope::bare(200, {{u"status"_s, u"success"_s},
                                    {u"message"_s, u"'%1' was successfully updated"_s.arg(name)}});
    }
    const QString newName = name.toLower();
    if (const QString problem = FlaskRestx::widgetNameProblem(newName); !problem.isEmpty())
        return FlaskRestx::fail(400, problem);
    return addWidget(request, session.user, newName, values);
}

ApiResponse FlaskJwtLesson::deleteWidget(const ApiRequest &request, const QString &name)
{
    const auto session = caller(request, Access::Admin);
    if (const auto *refusal = std::get_if<ApiResponse>(&session))
        return *refusal;
    if (!m_store.remove(name))
        return FlaskRestx::message(404, name + u" not found in database."_s);
    ApiResponse response;
    response.status = 204;
    return response;
}

QJsonObject FlaskJwtLesson::widgetJson(const ApiRequest &request, const Widget &widget) const
{
    const QDateTime current = now();
    const bool passed = current > widget.deadline;
    // Nested(widget_owner_model) of a user who is gone: its fields null.
    QJsonObject owner{{u"email"_s, QJsonValue::Null}, {u"public_id"_s, QJsonValue::Null}};
    if (const auto user = context().users.user(widget.ownerId))
        owner = {{u"email"_s, user->email}, {u"public_id"_s, publicIdOf(*user)}};
    return {{u"name"_s, widget.name},
            {u"info_url"_s, widget.infoUrl},
            {u"created_at"_s, FlaskRestx::localizedDateTime(widget.createdAt)},
            {u"created_at_iso8601"_s, FlaskRestx::iso8601(widget.createdAt)},
            {u"created_at_rfc822"_s, FlaskRestx::rfc822(widget.createdAt)},
            {u"deadline"_s, FlaskRestx::localizedDateTime(widget.deadline)},
            {u"deadline_passed"_s, passed},
            {u"time_remaining"_s, passed
                                      ? u"No time remaining"_s
                                      : FlaskRestx::timespanWords(current.secsTo(widget.deadline))},
            {u"owner"_s, owner},
            {u"link"_s, widgetPath(request, widget.name)}};
}

QString FlaskJwtLesson::basePath(const ApiRequest &request) const
{
    return request.sandboxPrefix + prefix();
}

QString FlaskJwtLesson::widgetPath(const ApiRequest &request, const QString &name) const
{
    return basePath(request) + u"/api/v1/widgets/"_s +
           QString::fromLatin1(QUrl::toPercentEncoding(name));
}

LessonList FlaskJwtLesson::list() const
{
    QJsonArray records;
    const QDateTime current = now();
    for (const Widget &widget : m_store.widgets()) {
        const auto owner = context().users.user(widget.ownerId);
        records.append(QJsonObject{
            {u"name"_s, widget.name},
            {u"info_url"_s, widget.infoUrl},
            {u"deadline"_s, FlaskRestx::localizedDateTime(widget.deadline)},
            {u"deadline_passed"_s, current > widget.deadline},
            {u"owner"_s, owner ? QJsonValue(owner->email) : QJsonValue(QJsonValue::Null)}});
    }
    return {u"Widgets"_s,
            {u"name"_s, u"info_url"_s, u"deadline"_s, u"deadline_passed"_s, u"owner"_s},
            records};
}
