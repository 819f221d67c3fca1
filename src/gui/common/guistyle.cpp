#include "guistyle.h"

#include <QFontDatabase>
#include <QPalette>
#include <QWidget>

namespace GuiStyle {

QColor statusColor(int status)
{
    if (status >= 200 && status < 300)
        return QColor(0x1b, 0x7f, 0x3b);
    if (status >= 300 && status < 400)
        return QColor(0x1f, 0x5f, 0xbf);
    if (status >= 400 && status < 500)
        return QColor(0xb3, 0x5c, 0x00);
    if (status >= 500 && status < 600)
        return QColor(0xc6, 0x28, 0x28);
    return QColor(0x75, 0x75, 0x75);
}

QFont monospaceFont()
{
    QFont font;
    font.setFamilies(QFontDatabase::systemFont(QFontDatabase::FixedFont).families());
    font.setStyleHint(QFont::TypeWriter);
    return font;
}

QFont scaledFont(QFont font, qreal factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(qMax(1, qRound(font.pixelSize() * factor)));
    return font;
}

QFont emphasisedFont(const QFont &base, qreal factor)
{
    QFont font = scaledFont(base, factor);
    font.setBold(true);
    return font;
}

void setTextColor(QWidget *widget, const QColor &color)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, color);
    widget->setPalette(palette);
}

QColor highlightColor()
{
    return QColor(0xff, 0xd5, 0x4f);
}

QColor faultColor()
{
    return QColor(0x7b, 0x1f, 0xa2); // 8.7:1 on white, 7.3:1 on faultBackgroundColor()
}

QColor faultBackgroundColor()
{
    return QColor(0xf3, 0xe5, 0xf5);
}

QColor sandboxColor()
{
    return QColor(0x00, 0x69, 0x5c); // teal, 6.6:1 on white
}

QColor sandboxBackgroundColor()
{
    return QColor(0xe0, 0xf2, 0xf1);
}

} // namespace GuiStyle
