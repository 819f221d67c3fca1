#include "agedelegate.h"

#include "agespinbox.h"

QWidget *AgeDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                   const QModelIndex &) const
{
    auto *editor = new AgeSpinBox(parent);
    editor->setFrame(false);
    return editor;
}
