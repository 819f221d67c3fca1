#include "user.h"

#include "clock.h"

using namespace Qt::StringLiterals;

QString roleName(UserRole role)
{
    return role == UserRole::Admin ? u"admin"_s : u"user"_s;
}

std::optional<UserRole> parseRole(const QString &text)
{
    if (text == u"admin")
        return UserRole::Admin;
    if (text == u"user")
        return UserRole::User;
    return std::nullopt;
}

QJsonObject User::toJson() const
{
    return {{u"id"_s, id},
            {u"name"_s, name},
            {u"email"_s, email},
            {u"age"_s, age ? QJsonValue(*age) : QJsonValue(QJsonValue::Null)},
            {u"role"_s, roleName(role)},
            {u"created_at"_s, formatTimestamp(createdAt)},
            {u"updated_at"_s, formatTimestamp(updatedAt)}};
}

bool operator==(const User &a, const User &b)
{
    return a.id == b.id && a.name == b.name && a.email == b.email && a.age == b.age &&
           a.role == b.role && a.createdAt == b.createdAt && a.updatedAt == b.updatedAt;
}
