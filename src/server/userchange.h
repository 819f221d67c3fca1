#pragma once

#include "recordchange.h"
#include "user.h"

#include <QMetaType>

using UserChange = RecordChange<User>;

Q_DECLARE_METATYPE(UserChange)
