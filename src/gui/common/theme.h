#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

// The window's colours: one table per theme, and every colour a panel draws comes from it, so
// that a theme can be checked as a whole (tst_theme: each text against the background it is
// drawn on). The projector themes set the application's palette too; the standard one keeps the
// desktop's look.
namespace Theme {

enum class Id {
    Standard,       // the desktop's look, colours for a light background
    ProjectorLight, // white, black text, strong colours
    ProjectorDark,  // black, white text, bright colours
};
inline constexpr Id AllIds[] = {Id::Standard, Id::ProjectorLight, Id::ProjectorDark};

enum class Role {
    // The application palette of a projector theme (Standard: what a light desktop gives).
    Window,
    WindowText,
    Base,
    AlternateBase,
    Text,
    Button,
    ButtonText,
    Selection,
    SelectedText,
    Link,
    // HTTP status classes, as text; StatusNone: no response.
    Status2xx,
    Status3xx,
    Status4xx,
    Status5xx,
    StatusNone,
    // Rows out of play (revoked or expired token, product out of stock, rule off): darker than
    // pale grey, always next to a word that says why.
    Inactive,
    // Injected faults: text, and a banner's background behind it; the status bar's strong banner.
    Fault,
    FaultBackground,
    FaultBanner,
    FaultBannerText,
    // A student's sandbox shown instead of the class API.
    Sandbox,
    SandboxBackground,
    // Behind a table cell a change just touched, at full strength.
    Highlight,
    // A banner that reports a problem (the server did not start).
    ProblemBackground,
    ProblemText,
    // Blocks of HTTP text and their JSON syntax.
    CodeBackground,
    CodeText,
    JsonKey,
    JsonString,
    JsonNumber,
    JsonKeyword,
    JsonPunctuation,
};

QColor color(Id theme, Role role);
QColor color(Role role); // of the current theme

Id current();
// Makes `theme` current: the projector themes set the Fusion style and their palette on the
// application, Standard gives the desktop's back. Widgets get QEvent::PaletteChange, which
// GuiStyle::followTheme() turns into a recolouring.
void apply(Id theme);
// The application palette of a projector theme.
QPalette palette(Id theme);

// How a theme is stored in the settings; an unknown key reads as Standard.
QString key(Id theme);
Id fromKey(const QString &key);

// WCAG 2's contrast ratio of two opaque colours, from 1 (same luminance) to 21 (black on white).
qreal contrastRatio(const QColor &a, const QColor &b);

} // namespace Theme
