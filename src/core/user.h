#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

enum class UserRole { User, Admin };

QString roleName(UserRole role);
// Parses "admin" or "user" exactly; anything else is no role.
std::optional<UserRole> parseRole(const QString &text);

struct User
{
    qint64 id = 0;
    QString name;
    QString email;
    std::optional<int> age; // optional since /register (Part B); JSON null when unknown
    UserRole role = UserRole::User;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool isAdmin() const { return role == UserRole::Admin; }
    // The contract's user object; never a password.
    QJsonObject toJson() const;

    friend bool operator==(const User &a, const User &b);
};

// The fields of a create or update; an unset optional leaves the stored value alone.
struct UserFields
{
    std::optional<QString> name;
    std::optional<QString> email;
    std::optional<int> age;
    std::optional<UserRole> role;
};

Q_DECLARE_METATYPE(User)
