#pragma once

#include <QColor>
#include <QFont>

// Looks shared by the panels, so that a status or a code block reads the same everywhere.
namespace GuiStyle {

// Text colour of an HTTP status by class: 2xx green, 3xx blue, 4xx orange, 5xx red; legible on
// a light background from the back of a room. Anything else (0: no response) is grey.
QColor statusColor(int status);

// A fixed-pitch font that sets only the family, so its size still follows the application font
// (and with it the window's zoom).
QFont monospaceFont();

// Background of a table cell that a change just touched, at full strength.
QColor highlightColor();

} // namespace GuiStyle
