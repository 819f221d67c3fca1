#pragma once

#include <QStyledItemDelegate>

// Edits the age column with an AgeSpinBox, which leaves the validation to the API.
class AgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
};
