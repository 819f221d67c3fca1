#include "userstore.h"

using namespace Qt::StringLiterals;

UserStore::UserStore(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
{
    reset();
}

QList<User> UserStore::users() const
{
    return m_users.values();
}

std::optional<User> UserStore::user(qint64 id) const
{
    const auto it = m_users.constFind(id);
    if (it == m_users.cend())
        return std::nullopt;
    return *it;
}

std::optional<User> UserStore::userByEmail(const QString &email) const
{
    for (const User &user : m_users) {
        if (user.email.compare(email, Qt::CaseInsensitive) == 0)
            return user;
    }
    return std::nullopt;
}

User UserStore::insertNew(const UserFields &fields, const QDateTime &now)
{
    Q_ASSERT(fields.name && fields.email && fields.age);
    User user;
    user.id = m_nextId++;
    user.name = *fields.name;
    user.email = *fields.email;
    user.age = *fields.age;
    user.role = fields.role.value_or(UserRole::User);
    user.createdAt = now;
    user.updatedAt = now;
    m_users.insert(user.id, user);
    m_json.insert(user.id, user.toJson());
    ++m_revision;
    return user;
}

User UserStore::add(const UserFields &fields)
{
    const User user = insertNew(fields, m_clock());
    emit userAdded(user);
    return user;
}

std::optional<User> UserStore::update(qint64 id, const UserFields &fields)
{
    const auto it = m_users.find(id);
    if (it == m_users.end())
        return std::nullopt;
    User &user = *it;
    if (fields.name)
        user.name = *fields.name;
    if (fields.email)
        user.email = *fields.email;
    if (fields.age)
        user.age = *fields.age;
    if (fields.role)
        user.role = *fields.role;
    user.updatedAt = m_clock();
    m_json.insert(id, user.toJson());
    ++m_revision;
    const User updated = user;
    emit userUpdated(updated);
    return updated;
}

std::optional<User> UserStore::remove(qint64 id)
{
    const auto it = m_users.constFind(id);
    if (it == m_users.cend())
        return std::nullopt;
    const User removed = *it;
    m_users.erase(it);
    m_json.remove(id);
    ++m_revision;
    emit userRemoved(id);
    return removed;
}

void UserStore::reset()
{
    const QDateTime now = m_clock();
    m_users.clear();
    m_json.clear();
    m_nextId = 1;
    ++m_revision;
    const UserFields seed[] = {
        {u"Admin User"_s, u"admin@example.com"_s, 30, UserRole::Admin},
        {u"John Doe"_s, u"john@example.com"_s, 25, UserRole::User},
    };
    for (const UserFields &fields : seed)
        insertNew(fields, now);
    emit usersReset(users());
}
