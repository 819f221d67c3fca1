#include "credentials.h"

#include "passwordhasher.h"
#include "userstore.h"

std::optional<User> userWithPassword(const UserStore &users, const PasswordHasher &hasher,
                                     const QString &email, QStringView password)
{
    const auto user = users.userByEmail(email);
    const QByteArray hash = user ? users.passwordHash(user->id) : QByteArray();
    if (hash.isEmpty()) {
        hasher.spendVerificationTime(password);
        return std::nullopt;
    }
    if (!PasswordHasher::verify(password, hash))
        return std::nullopt;
    return user;
}
