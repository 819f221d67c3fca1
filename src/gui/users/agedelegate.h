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
    // A user registered without an age (null) starts the editor at 18, and leaving it there
    // changes nothing: opening the cell must not send an age nobody typed (to set 18, type
    // another age first).
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;

    static constexpr int StartForNoAge = 18;

private:
    static constexpr const char *NoAgeProperty = "apidojoNoAge";
};
