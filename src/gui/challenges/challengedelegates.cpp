#include "challengedelegates.h"

#include "challengeheatmapmodel.h"
#include "classboardmodel.h"
#include "theme.h"

#include <QApplication>
#include <QPainter>

namespace {

// The cell's background and selection as the style draws them, without its text.
void drawEmptyItem(QPainter *painter, QStyleOptionViewItem option)
{
    option.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &option, painter, widget);
}

} // namespace

void DoneBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    drawEmptyItem(painter, opt);

    const QFontMetrics metrics(opt.font);
    const int margin = metrics.averageCharWidth() / 2 + 1;
    // Room for the widest count, so that the bars of every row start and end together.
    const int textWidth = qMax(metrics.horizontalAdvance(text),
                               metrics.horizontalAdvance(ClassBoardModel::doneText(88, 88)));
    const QRect cell = opt.rect.adjusted(margin, 0, -margin, 0);
    const QRect textRect(cell.right() - textWidth, cell.top(), textWidth, cell.height());
    QRect track(cell.left(), cell.top(), cell.width() - textWidth - 2 * margin, cell.height());
    const int barHeight = qMax(4, cell.height() / 2);
    track.setTop(cell.center().y() - barHeight / 2);
    track.setHeight(barHeight);

    painter->save();
    if (track.width() > 2 * margin) {
        const QColor fill = Theme::color(Theme::Role::Status2xx);
        QColor empty = fill;
        empty.setAlphaF(0.2);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(empty);
        painter->drawRect(track);
        const qreal share = qBound(0.0, index.data(ClassBoardModel::FractionRole).toReal(), 1.0);
        painter->setBrush(fill);
        painter->drawRect(QRectF(track.left(), track.top(), track.width() * share, track.height()));
    }
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(opt.font);
    painter->drawText(textRect, Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

void HeatCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const QVariant done = index.data(ChallengeHeatMapModel::DoneRole);
    if (!done.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    drawEmptyItem(painter, opt);

    const int side = qMin(opt.rect.width(), opt.rect.height()) * 3 / 4;
    QRectF square(0, 0, side, side);
    square.moveCenter(QRectF(opt.rect).center());
    const qreal pen = qMax(1.5, side / 12.0);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (done.toBool()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::color(Theme::Role::Status2xx));
        painter->drawRoundedRect(square, side / 6.0, side / 6.0);
    } else {
        painter->setPen(QPen(Theme::color(Theme::Role::Inactive), pen));
        painter->setBrush(Qt::NoBrush);
        const qreal inset = pen / 2;
        painter->drawRoundedRect(square.adjusted(inset, inset, -inset, -inset), side / 6.0,
                                 side / 6.0);
    }
    painter->restore();
}
