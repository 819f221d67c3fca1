#include "theme.h"

#include <QApplication>
#include <QProxyStyle>
#include <QStyleFactory>
#include <QWidget>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Theme {

namespace {

Id g_current = Id::Standard;

struct Shades
{
    QRgb standard;
    QRgb light;
    QRgb dark;
};

// Each role in every theme, on one line: tst_theme checks each text against its background.
Shades shades(Role role)
{
    switch (role) {
    case Role::Window:
        return {0xefefef, 0xf2f2f2, 0x242424};
    case Role::WindowText:
        return {0x000000, 0x000000, 0xffffff};
    case Role::Base:
        return {0xffffff, 0xffffff, 0x000000};
    case Role::AlternateBase:
        return {0xf7f7f7, 0xebebeb, 0x1a1a1a};
    case Role::Text:
        return {0x000000, 0x000000, 0xffffff};
    case Role::Button:
        return {0xefefef, 0xe4e4e4, 0x383838};
    case Role::ButtonText:
        return {0x000000, 0x000000, 0xffffff};
    case Role::Selection:
        return {0x1f5fbf, 0x0039a6, 0x9ccaff};
    case Role::SelectedText:
        return {0xffffff, 0xffffff, 0x000000};
    case Role::Link:
        return {0x1f5fbf, 0x0039a6, 0x8cc4ff};
    case Role::Status2xx:
        return {0x17763a, 0x005c1a, 0x5ee87a};
    case Role::Status3xx:
        return {0x1f5fbf, 0x0039a6, 0x7cb8ff};
    case Role::Status4xx:
        return {0xa65500, 0x8f3d00, 0xffab40};
    case Role::Status5xx:
        return {0xc62828, 0xb00000, 0xff7b72};
    case Role::StatusNone:
        return {0x5e5e5e, 0x474747, 0xc4c4c4};
    case Role::Inactive:
        return {0x5e5e5e, 0x4d4d4d, 0xb8b8b8};
    case Role::Fault:
        return {0x7b1fa2, 0x6a0dad, 0xe0a3ff};
    case Role::FaultBackground:
        return {0xf3e5f5, 0xf1e0fa, 0x33124a};
    case Role::FaultBanner:
        return {0x7b1fa2, 0x5c0a96, 0xd38cff};
    case Role::FaultBannerText:
        return {0xffffff, 0xffffff, 0x000000};
    case Role::Sandbox:
        return {0x00695c, 0x00574e, 0x4fe0d0};
    case Role::SandboxBackground:
        return {0xe0f2f1, 0xd6f2ef, 0x053b36};
    case Role::Highlight:
        return {0xffd54f, 0xffd54f, 0x4a3900};
    case Role::ProblemBackground:
        return {0xfdecea, 0xfde2df, 0x4d0d0d};
    case Role::ProblemText:
        return {0x1a1a1a, 0x000000, 0xffffff};
    case Role::CodeBackground:
        return {0xffffff, 0xffffff, 0x000000};
    case Role::CodeText:
        return {0x1a1a1a, 0x000000, 0xffffff};
    case Role::JsonKey:
        return {0x0d47a1, 0x0033a0, 0x8cc4ff};
    case Role::JsonString:
        return {0x1b6e20, 0x005c1a, 0x7ee787};
    case Role::JsonNumber:
        return {0xa33f00, 0x8f3d00, 0xffab40};
    case Role::JsonKeyword:
        return {0x7b1fa2, 0x6a0dad, 0xe0a3ff};
    case Role::JsonPunctuation:
        return {0x545454, 0x333333, 0xd0d0d0};
    }
    Q_UNREACHABLE();
}

// Makes `name` the application's style; a proxy style (the zoom's) stays, around the new one.
void useStyle(const QString &name)
{
    auto *proxy = qobject_cast<QProxyStyle *>(QApplication::style());
    const QStyle *current = proxy ? proxy->baseStyle() : QApplication::style();
    if (current->name().compare(name, Qt::CaseInsensitive) == 0)
        return;
    if (!proxy) {
        QApplication::setStyle(name);
        return;
    }
    // As QApplication::setStyle() does for a new style.
    const QWidgetList widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        if (widget->style() == proxy)
            proxy->unpolish(widget);
    }
    proxy->setBaseStyle(QStyleFactory::create(name));
    for (QWidget *widget : widgets) {
        if (widget->style() == proxy && widget->testAttribute(Qt::WA_WState_Polished))
            proxy->polish(widget);
        QEvent change(QEvent::StyleChange);
        QCoreApplication::sendEvent(widget, &change);
        widget->update();
    }
}

qreal linear(int channel)
{
    const qreal c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

qreal relativeLuminance(const QColor &color)
{
    const QColor rgb = color.toRgb();
    return 0.2126 * linear(rgb.red()) + 0.7152 * linear(rgb.green()) + 0.0722 * linear(rgb.blue());
}

} // namespace

QColor color(Id theme, Role role)
{
    const Shades shade = shades(role);
    switch (theme) {
    case Id::Standard:
        return QColor::fromRgb(shade.standard);
    case Id::ProjectorLight:
        return QColor::fromRgb(shade.light);
    case Id::ProjectorDark:
        return QColor::fromRgb(shade.dark);
    }
    Q_UNREACHABLE();
}

QColor color(Role role)
{
    return color(g_current, role);
}

Id current()
{
    return g_current;
}

QPalette palette(Id theme)
{
    const auto of = [theme](Role role) {
        return color(theme, role);
    };
    // Bevels and frames derived from the button and window colours, as a style expects.
    QPalette palette(of(Role::Button), of(Role::Window));
    const std::pair<QPalette::ColorRole, Role> roles[] = {
        {QPalette::WindowText, Role::WindowText},
        {QPalette::Base, Role::Base},
        {QPalette::AlternateBase, Role::AlternateBase},
        {QPalette::Text, Role::Text},
        {QPalette::ButtonText, Role::ButtonText},
        {QPalette::Highlight, Role::Selection},
        {QPalette::HighlightedText, Role::SelectedText},
        {QPalette::Link, Role::Link},
        {QPalette::LinkVisited, Role::Fault},
        {QPalette::ToolTipBase, Role::Base},
        {QPalette::ToolTipText, Role::Text},
        {QPalette::PlaceholderText, Role::Inactive},
    };
    for (const auto &[paletteRole, role] : roles) {
        palette.setColor(QPalette::Active, paletteRole, of(role));
        palette.setColor(QPalette::Inactive, paletteRole, of(role));
        palette.setColor(QPalette::Disabled, paletteRole, of(role));
    }
    // Disabled controls still read as such: their text half way to the background.
    for (const auto &[text, background] : {std::pair{QPalette::WindowText, QPalette::Window},
                                           std::pair{QPalette::Text, QPalette::Base},
                                           std::pair{QPalette::ButtonText, QPalette::Button}}) {
        const QColor a = palette.color(QPalette::Active, text);
        const QColor b = palette.color(QPalette::Active, background);
        palette.setColor(QPalette::Disabled, text,
                         QColor::fromRgbF((a.redF() + b.redF()) / 2, (a.greenF() + b.greenF()) / 2,
                                          (a.blueF() + b.blueF()) / 2));
    }
    return palette;
}

void apply(Id theme)
{
    auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
    if (theme == g_current || !app)
        return;
    // The desktop's own style, to come back to from a projector theme.
    static const QString desktopStyle = [] {
        const QStyle *style = QApplication::style();
        if (const auto *proxy = qobject_cast<const QProxyStyle *>(style))
            style = proxy->baseStyle();
        return style->name();
    }();
    g_current = theme;
    useStyle(theme == Id::Standard ? desktopStyle : u"fusion"_s);
    // A default palette resolves no role: the desktop's palette again.
    QApplication::setPalette(theme == Id::Standard ? QPalette() : palette(theme));
}

QString key(Id theme)
{
    switch (theme) {
    case Id::Standard:
        return u"standard"_s;
    case Id::ProjectorLight:
        return u"projector-light"_s;
    case Id::ProjectorDark:
        return u"projector-dark"_s;
    }
    Q_UNREACHABLE();
}

Id fromKey(const QString &key)
{
    for (const Id theme : AllIds) {
        if (Theme::key(theme) == key)
            return theme;
    }
    return Id::Standard;
}

qreal contrastRatio(const QColor &a, const QColor &b)
{
    const qreal la = relativeLuminance(a);
    const qreal lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace Theme
