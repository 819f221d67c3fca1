#include "userstore.h"

#include "passwordhasher.h"

using namespace Qt::StringLiterals;

UserStore::UserStore(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
{
    reset();
}

std::optional<User> UserStore::userByEmail(const QString &email) const
{
    const auto it = m_idByEmail.constFind(emailKey(email));
    if (it == m_idByEmail.cend())
        return std::nullopt;
    return m_table.find(*it);
}

User UserStore::insertNew(const UserFields &fields, const QByteArray &passwordHash,
                          const QDateTime &now)
{
    Q_ASSERT(fields.name && fields.email);
    Q_ASSERT(!m_idByEmail.contains(emailKey(*fields.email)));
    User user;
    user.name = *fields.name;
    user.email = *fields.email;
    user.age = fields.age;
    user.role = fields.role.value_or(UserRole::User);
    user.createdAt = now;
    user.updatedAt = now;
    user = m_table.insert(user);
    m_idByEmail.insert(emailKey(user.email), user.id);
    if (!passwordHash.isEmpty())
        m_passwordHashes.insert(user.id, passwordHash);
    return user;
}

User UserStore::add(const UserFields &fields, const QByteArray &passwordHash)
{
    const User user = insertNew(fields, passwordHash, m_clock());
    emit userAdded(user);
    return user;
}

std::optional<User> UserStore::update(qint64 id, const UserFields &fields)
{
    Q_ASSERT(!fields.email || m_idByEmail.value(emailKey(*fields.email), id) == id);
    const std::optional<User> updated = m_table.modify(id, [&](User &user) {
        if (fields.name)
            user.name = *fields.name;
        if (fields.email) {
            m_idByEmail.remove(emailKey(user.email));
            user.email = *fields.email;
            m_idByEmail.insert(emailKey(user.email), id);
        }
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
    if (removed) {
        m_passwordHashes.remove(id);
        m_idByEmail.remove(emailKey(removed->email));
        emit userRemoved(id);
    }
    return removed;
}

void UserStore::setPasswordHash(qint64 id, const QByteArray &passwordHash)
{
    if (m_table.find(id))
        m_passwordHashes.insert(id, passwordHash);
}

void UserStore::reset()
{
    struct SeedUser
    {
        UserFields fields;
        QString password;
    };
    static const SeedUser seed[] = {
        {{u"Admin User"_s, u"admin@example.com"_s, 30, UserRole::Admin}, u"admin123"_s},
        {{u"John Doe"_s, u"john@example.com"_s, 25, UserRole::User}, u"john123"_s},
    };
    // Hashed once per process: students reset before every test, and each hash takes a while.
    static const QList<QByteArray> seedHashes = [] {
        const PasswordHasher hasher;
        QList<QByteArray> hashes;
        for (const SeedUser &user : seed)
            hashes.append(hasher.hash(user.password));
        return hashes;
    }();

    const QDateTime now = m_clock();
    m_table.clear();
    m_passwordHashes.clear();
    m_idByEmail.clear();
    for (size_t i = 0; i < std::size(seed); ++i)
        insertNew(seed[i].fields, seedHashes[i], now);
    emit usersReset(users());
}
