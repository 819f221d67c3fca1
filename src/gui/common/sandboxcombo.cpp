#include "sandboxcombo.h"

#include <QComboBox>
#include <QSignalBlocker>

namespace SandboxCombo {

QString nameAt(const QComboBox *combo, int index)
{
    return combo->itemData(index).toString();
}

void setNames(QComboBox *combo, int fixedItems, const QStringList &sortedNames)
{
    const QSignalBlocker blocker(combo);
    bool currentGone = false;
    // A merge of two sorted lists: the items shown and the names wanted.
    int item = fixedItems;
    qsizetype wanted = 0;
    while (item < combo->count() || wanted < sortedNames.size()) {
        const int order = item >= combo->count() ? 1
                          : wanted >= sortedNames.size()
                              ? -1
                              : nameAt(combo, item).compare(sortedNames[wanted]);
        if (order == 0) {
            ++item;
            ++wanted;
        } else if (order < 0) { // an item no longer wanted
            currentGone = currentGone || item == combo->currentIndex();
            combo->removeItem(item);
        } else { // a new name
            combo->insertItem(item, sortedNames[wanted], sortedNames[wanted]);
            ++item;
            ++wanted;
        }
    }
    if (currentGone)
        combo->setCurrentIndex(0);
}

} // namespace SandboxCombo
