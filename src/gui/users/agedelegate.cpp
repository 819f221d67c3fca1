#include "agedelegate.h"

#include "agespinbox.h"

QWidget *AgeDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                   const QModelIndex &) const
{
    auto *editor = new AgeSpinBox(parent);
    editor->setFrame(false);
    return editor;
}

void AgeDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const bool noAge = !index.data(Qt::EditRole).isValid();
    editor->setProperty(NoAgeProperty, noAge);
    if (noAge)
        static_cast<AgeSpinBox *>(editor)->setValue(StartForNoAge);
    else
        QStyledItemDelegate::setEditorData(editor, index);
}

void AgeDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                               const QModelIndex &index) const
{
    // Still where it started for a user without an age: nothing was typed.
    if (editor->property(NoAgeProperty).toBool() &&
        static_cast<AgeSpinBox *>(editor)->value() == StartForNoAge) {
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}
