#include "guistyle.h"

#include "theme.h"

#include <QEvent>
#include <QFontDatabase>
#include <QPalette>
#include <QScopedValueRollback>
#include <QWidget>

namespace GuiStyle {

namespace {

// Recolours its widget on each palette change, except those its own recolouring causes.
class ThemeFollower : public QObject
{
public:
    ThemeFollower(QWidget *widget, std::function<void()> recolour)
        : QObject(widget)
        , m_recolour(std::move(recolour))
    {
        widget->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::PaletteChange && !m_recolouring) {
            const QScopedValueRollback busy(m_recolouring, true);
            m_recolour();
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_recolour;
    bool m_recolouring = false;
};

} // namespace

QColor statusColor(int status)
{
    using Theme::Role;
    if (status >= 200 && status < 300)
        return Theme::color(Role::Status2xx);
    if (status >= 300 && status < 400)
        return Theme::color(Role::Status3xx);
    if (status >= 400 && status < 500)
        return Theme::color(Role::Status4xx);
    if (status >= 500 && status < 600)
        return Theme::color(Role::Status5xx);
    return Theme::color(Role::StatusNone);
}

QColor inactiveColor()
{
    return Theme::color(Theme::Role::Inactive);
}

void followTheme(QWidget *widget, std::function<void()> recolour)
{
    recolour();
    new ThemeFollower(widget, std::move(recolour));
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
    return Theme::color(Theme::Role::Highlight);
}

QVariant highlightBackground(qreal strength)
{
    if (strength <= 0)
        return {};
    QColor color = highlightColor();
    color.setAlphaF(float(qMin(strength, 1.0)));
    return color;
}

QColor faultColor()
{
    return Theme::color(Theme::Role::Fault);
}

QColor faultBackgroundColor()
{
    return Theme::color(Theme::Role::FaultBackground);
}

QColor faultBannerColor()
{
    return Theme::color(Theme::Role::FaultBanner);
}

QColor faultBannerTextColor()
{
    return Theme::color(Theme::Role::FaultBannerText);
}

QColor sandboxColor()
{
    return Theme::color(Theme::Role::Sandbox);
}

QColor sandboxBackgroundColor()
{
    return Theme::color(Theme::Role::SandboxBackground);
}

} // namespace GuiStyle
