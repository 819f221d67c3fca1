#include "roledelegate.h"

#include "user.h"

#include <QComboBox>

QWidget *RoleDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                    const QModelIndex &) const
{
    auto *editor = new QComboBox(parent);
    editor->setFrame(false);
    editor->addItems({roleName(UserRole::Admin), roleName(UserRole::User)});
    // The combo box's current text is its user property: the base class reads and writes it.
    connect(editor, &QComboBox::activated, this, &RoleDelegate::commitAndCloseEditor);
    return editor;
}

void RoleDelegate::commitAndCloseEditor()
{
    auto *editor = qobject_cast<QWidget *>(sender());
    emit commitData(editor);
    emit closeEditor(editor);
}
