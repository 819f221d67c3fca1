#pragma once

#include "outboxemail.h"
#include "recordchange.h"

#include <QMetaType>

// Added: an email arrived; Reset: the outbox now holds exactly `records` (empty after a reset).
using OutboxChange = RecordChange<OutboxEmail>;

Q_DECLARE_METATYPE(OutboxChange)
