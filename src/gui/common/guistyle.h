#pragma once

#include <QColor>
#include <QFont>
#include <QVariant>
#include <functional>

class QWidget;

// Looks shared by the panels, so that a status or a code block reads the same everywhere. The
// colours are the current theme's (theme.h): read them when painting, or follow the theme.
namespace GuiStyle {

// Text colour of an HTTP status by class: 2xx green, 3xx blue, 4xx orange, 5xx red; legible on
// a table's or the window's background from the back of a room. Anything else (0: no response)
// is a dark grey.
QColor statusColor(int status);

// Text of a row out of play (revoked or expired token, product out of stock, rule off): a
// shade apart from the normal text, still legible; the row also says why in words.
QColor inactiveColor();

// Calls `recolour` now and whenever `widget`'s palette changes (Theme::apply() changes every
// widget's), for colours set once on a widget: a label's, a banner's, a code view's. Lives as
// long as the widget.
void followTheme(QWidget *widget, std::function<void()> recolour);

// A fixed-pitch font that sets only the family, so its size still follows the application font
// (and with it the window's zoom).
QFont monospaceFont();

// `font` scaled by `factor`, whether its size is in points or pixels (zoom, headings).
QFont scaledFont(QFont font, qreal factor);

// Bold and `factor` times the size of `base`: emphasis that still follows the zoom.
QFont emphasisedFont(const QFont &base, qreal factor);

// Colours a label's (or any widget's) text through its palette.
void setTextColor(QWidget *widget, const QColor &color);

// Background of a table cell that a change just touched, at full strength.
QColor highlightColor();
// That background faded to strength (0 to 1): a cell's BackgroundRole, none at 0.
QVariant highlightBackground(qreal strength);

// Injected faults, everywhere they show (log marker, inspector, status bar, Faults tab): a
// colour of their own, apart from the status colours, so that a class tells "the trainer did
// this" from "the API failed".
QColor faultColor();
QColor faultBackgroundColor(); // behind faultColor() text: a banner that stands out
// The status bar's banner while faults are on: strong, with its own text colour.
QColor faultBannerColor();
QColor faultBannerTextColor();

// A student's sandbox where the window shows one instead of the class API (the tabs' titles):
// apart from the status and fault colours, so that nobody edits the wrong copy unawares.
QColor sandboxColor();
QColor sandboxBackgroundColor(); // behind sandboxColor() text

} // namespace GuiStyle
