#include "zoomcontroller.h"

#include "guistyle.h"
#include "zoomstyle.h"

#include <QApplication>
#include <algorithm>
#include <array>
#include <cstdlib>

namespace {
constexpr std::array Steps{70, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300};
} // namespace

ZoomController::ZoomController(QObject *parent)
    : QObject(parent)
    , m_baseFont(QApplication::font())
{
    ZoomStyle::ofApplication();
}

int ZoomController::minimumPercent()
{
    return Steps.front();
}

int ZoomController::maximumPercent()
{
    return Steps.back();
}

void ZoomController::setPercent(int percent)
{
    const int nearest = *std::min_element(Steps.begin(), Steps.end(), [percent](int a, int b) {
        return std::abs(a - percent) < std::abs(b - percent);
    });
    if (nearest == m_percent)
        return;
    m_percent = nearest;
    apply();
    emit zoomChanged(m_percent);
}

void ZoomController::zoomIn()
{
    const auto next = std::upper_bound(Steps.begin(), Steps.end(), m_percent);
    if (next != Steps.end())
        setPercent(*next);
}

void ZoomController::zoomOut()
{
    const auto current = std::lower_bound(Steps.begin(), Steps.end(), m_percent);
    if (current != Steps.begin())
        setPercent(*std::prev(current));
}

void ZoomController::apply()
{
    // Before the font: the font change is what makes the widgets measure themselves again.
    ZoomStyle::ofApplication()->setFactor(m_percent / 100.0);
    QApplication::setFont(GuiStyle::scaledFont(m_baseFont, m_percent / 100.0));
}
