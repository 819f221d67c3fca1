#pragma once

#include <QStyledItemDelegate>

// Edits the role column with a choice of the API's two roles; picking one commits it at once.
class RoleDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;

private:
    void commitAndCloseEditor();
};
