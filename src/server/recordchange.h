#pragma once

#include <QList>

// One change of a table the API keeps (users, products, the outbox), as its store announced it;
// views apply them in order.
template<typename Record>
struct RecordChange
{
    enum class Kind { Added, Updated, Removed, Reset };

    Kind kind = Kind::Added;
    Record record;         // Added, Updated: as stored now; Removed: only its id is meaningful
    QList<Record> records; // Reset: the whole table afterwards
};
