#pragma once

#include <QStringList>

class QComboBox;

// A combo box whose first items are fixed ("Class API", "All") and whose others are the class's
// sandboxes by name, kept sorted. Shared by the server bar's watch selector and the request log's
// filter.
namespace SandboxCombo {

// The item data a sandbox's name is stored as (Qt::UserRole).
QString nameAt(const QComboBox *combo, int index);

// Makes the items after the first `fixedItems` the given names (sorted, unique), inserting and
// removing only the items that differ: an open popup and the current item stay where they are
// under a class that changes 40 times a second. If the current item goes, the first item becomes
// current. Emits no signal of the combo box (the current item's row may move, or the first item
// take its place): the caller reads the current item afterwards.
void setNames(QComboBox *combo, int fixedItems, const QStringList &sortedNames);

} // namespace SandboxCombo
