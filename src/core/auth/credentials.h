#pragma once

#include "user.h"

#include <QStringView>
#include <optional>

class PasswordHasher;
class UserStore;

// The user with this email (any case) whose password this is; nothing otherwise. A wrong email
// takes about as long as a wrong password, so timing does not tell which emails have an account.
std::optional<User> userWithPassword(const UserStore &users, const PasswordHasher &hasher,
                                     const QString &email, QStringView password);
