#pragma once

#include <QStyledItemDelegate>

// The board's Done column: a bar of the share done, then "17 / 42" in the row's text colour,
// beside the bar rather than on it so that the text keeps the table's contrast.
class DoneBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

// A heat map cell: a filled square when done, an empty outline when not, in the theme's colours
// and as large as the cell (which grows with the font).
class HeatCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};
