#include "userstore.h"

using namespace Qt::StringLiterals;

UserStore::UserStore(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
{
    reset();
}

std::optional<User> UserStore::userByEmail(const QString &email) const
{
    const QList<User> users = m_table.records();
    for (const User &user : users) {
        if (user.email.compare(email, Qt::CaseInsensitive) == 0)
            return user;
    }
    return std::nullopt;
}

User UserStore::insertNew(const UserFields &fields, const QDateTime &now)
{
    Q_ASSERT(fields.name && fields.email && fields.age);
    User user;
    user.name = *fields.name;
    user.email = *fields.email;
    user.age = *fields.age;
    user.role = fields.role.value_or(UserRole::User);
    user.createdAt = now;
    user.updatedAt = now;
    return m_table.insert(user);
}

User UserStore::add(const UserFields &fields)
{
    const User user = insertNew(fields, m_clock());
    emit userAdded(user);
    return user;
}

std::optional<User> UserStore::update(qint64 id, const UserFields &fields)
{
    const std::optional<User> updated = m_table.modify(id, [&](User &user) {
        if (fields.name)
            user.name = *fields.name;
        if (fields.email)
            user.email = *fields.email;
        if (fields.age)
            user.age = *fields.age;
        if (fields.role)
            user.role = *fields.role;
        user.updatedAt = m_clock();
    });
    if (updated)
        emit userUpdated(*updated);
    return updated;
}

std::optional<User> UserStore::remove(qint64 id)
{
    const std::optional<User> removed = m_table.take(id);
    if (removed)
        emit userRemoved(id);
    return removed;
}

void UserStore::reset()
{
    const QDateTime now = m_clock();
    m_table.clear();
    const UserFields seed[] = {
        {u"Admin User"_s, u"admin@example.com"_s, 30, UserRole::Admin},
        {u"John Doe"_s, u"john@example.com"_s, 25, UserRole::User},
    };
    for (const UserFields &fields : seed)
        insertNew(fields, now);
    emit usersReset(users());
}
