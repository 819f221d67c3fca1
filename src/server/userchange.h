#pragma once

#include "user.h"

#include <QList>
#include <QMetaType>

// One change of the users table, as the store announced it; views apply them in order.
struct UserChange
{
    enum class Kind { Added, Updated, Removed, Reset };

    Kind kind = Kind::Added;
    User user;         // Added, Updated: the user as stored now; Removed: the user that was removed
    QList<User> users; // Reset: the whole table afterwards
};

Q_DECLARE_METATYPE(UserChange)
