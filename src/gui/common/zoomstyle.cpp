#include "zoomstyle.h"

#include <QApplication>
#include <QPaintDevice>
#include <QScopedValueRollback>
#include <QStyleFactory>
#include <QStyleOption>

using namespace Qt::StringLiterals;

namespace {

// Only its resolution is ever asked: fonts measured "for" it report that resolution, which is
// what styles scale their fixed sizes by (QStyleOption::fontMetrics.fontDpi()).
class ResolutionOnly : public QPaintDevice
{
public:
    explicit ResolutionOnly(int dpi)
        : m_dpi(dpi)
    {}
    QPaintEngine *paintEngine() const override { return nullptr; }

protected:
    int metric(PaintDeviceMetric metric) const override
    {
        switch (metric) {
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return m_dpi;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(devicePixelRatioFScale());
        default:
            return 0;
        }
    }

private:
    int m_dpi;
};

bool isScaled(QStyle::PixelMetric metric)
{
    switch (metric) {
    case QStyle::PM_IndicatorWidth:
    case QStyle::PM_IndicatorHeight:
    case QStyle::PM_ExclusiveIndicatorWidth:
    case QStyle::PM_ExclusiveIndicatorHeight:
    case QStyle::PM_ScrollBarExtent:
    case QStyle::PM_ScrollBarSliderMin:
    case QStyle::PM_SmallIconSize:
    case QStyle::PM_ButtonIconSize:
    case QStyle::PM_ListViewIconSize:
    case QStyle::PM_HeaderMarkSize:
    case QStyle::PM_MenuButtonIndicator:
    case QStyle::PM_TabBarScrollButtonWidth:
    case QStyle::PM_TabCloseIndicatorWidth:
    case QStyle::PM_TabCloseIndicatorHeight:
    case QStyle::PM_SliderThickness:
    case QStyle::PM_SliderLength:
    case QStyle::PM_SliderControlThickness:
        return true;
    default:
        return false;
    }
}

} // namespace

ZoomStyle::ZoomStyle(QStyle *base)
    : QProxyStyle(base)
{}

ZoomStyle *ZoomStyle::ofApplication()
{
    if (auto *style = qobject_cast<ZoomStyle *>(QApplication::style()))
        return style;
    QStyle *base = QStyleFactory::create(QApplication::style()->name());
    auto *style = new ZoomStyle(base ? base : QStyleFactory::create(u"Fusion"_s));
    QApplication::setStyle(style);
    return style;
}

void ZoomStyle::setFactor(qreal factor)
{
    m_factor = factor;
}

int ZoomStyle::pixelMetric(PixelMetric metric, const QStyleOption *option,
                           const QWidget *widget) const
{
    const int base = QProxyStyle::pixelMetric(metric, option, widget);
    // Within a zoomed call the base style has scaled what it measures from the option.
    if (!isScaled(metric) || (m_zoomedCalls > 0 && option))
        return base;
    return qRound(base * m_factor);
}

template<typename Option, typename Call>
auto ZoomStyle::zoomed(const Option &option, const QWidget *widget, Call call) const
{
    Option copy(option);
    const ResolutionOnly screen(qRound(option.fontMetrics.fontDpi() * m_factor));
    copy.fontMetrics = QFontMetrics(widget ? widget->font() : QApplication::font(), &screen);
    const QScopedValueRollback<int> depth(m_zoomedCalls, m_zoomedCalls + 1);
    return call(&copy);
}

bool ZoomStyle::zooms() const
{
    return m_factor != 1.0 && m_zoomedCalls == 0;
}

template<typename Call>
auto ZoomStyle::withComplexOption(const QStyleOptionComplex *option, const QWidget *widget,
                                  Call call) const
{
    if (zooms()) {
        if (const auto *spinBox = qstyleoption_cast<const QStyleOptionSpinBox *>(option))
            return zoomed(*spinBox, widget, call);
        if (const auto *comboBox = qstyleoption_cast<const QStyleOptionComboBox *>(option))
            return zoomed(*comboBox, widget, call);
        if (const auto *slider = qstyleoption_cast<const QStyleOptionSlider *>(option))
            return zoomed(*slider, widget, call);
    }
    return call(option);
}

QRect ZoomStyle::subControlRect(ComplexControl control, const QStyleOptionComplex *option,
                                SubControl subControl, const QWidget *widget) const
{
    return withComplexOption(option, widget, [&](const QStyleOptionComplex *asZoomed) {
        return QProxyStyle::subControlRect(control, asZoomed, subControl, widget);
    });
}

void ZoomStyle::drawComplexControl(ComplexControl control, const QStyleOptionComplex *option,
                                   QPainter *painter, const QWidget *widget) const
{
    withComplexOption(option, widget, [&](const QStyleOptionComplex *asZoomed) {
        QProxyStyle::drawComplexControl(control, asZoomed, painter, widget);
    });
}

QSize ZoomStyle::sizeFromContents(ContentsType type, const QStyleOption *option, const QSize &size,
                                  const QWidget *widget) const
{
    const auto measure = [&](const QStyleOption *asZoomed) {
        return QProxyStyle::sizeFromContents(type, asZoomed, size, widget);
    };
    const QSize measured = measure(option);
    // A menu item's check column and margins as wide as the zoomed item draws them: Fusion
    // draws a column of most of the item's height, and would elide the longest text. The
    // height stays the font's.
    if (type == CT_MenuItem && zooms()) {
        if (const auto *menuItem = qstyleoption_cast<const QStyleOptionMenuItem *>(option))
            return {qMax(measured.width(), zoomed(*menuItem, widget, measure).width()),
                    measured.height()};
    }
    // Fusion makes a fixed room for a combo box's arrow, narrower than the zoomed arrow that
    // subControlRect() gives: the text field keeps the width it would have without the zoom.
    if (type == CT_ComboBox && zooms()) {
        if (const auto *comboBox = qstyleoption_cast<const QStyleOptionComboBox *>(option)) {
            QStyleOptionComboBox sized(*comboBox);
            sized.rect = QRect(QPoint(), measured);
            const int plain =
                QProxyStyle::subControlRect(CC_ComboBox, &sized, SC_ComboBoxEditField, widget)
                    .width();
            const int zoomedField =
                subControlRect(CC_ComboBox, &sized, SC_ComboBoxEditField, widget).width();
            return {measured.width() + qMax(0, plain - zoomedField), measured.height()};
        }
    }
    return measured;
}

void ZoomStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option,
                              QPainter *painter, const QWidget *widget) const
{
    const auto draw = [&](const QStyleOption *asZoomed) {
        QProxyStyle::drawPrimitive(element, asZoomed, painter, widget);
    };
    if (!zooms() || !option)
        return draw(option);
    switch (element) {
    case PE_IndicatorHeaderArrow:
        if (const auto *header = qstyleoption_cast<const QStyleOptionHeader *>(option))
            return zoomed(*header, widget, draw);
        return draw(option);
    case PE_IndicatorArrowUp:
    case PE_IndicatorArrowDown:
    case PE_IndicatorArrowLeft:
    case PE_IndicatorArrowRight:
    case PE_IndicatorSpinUp:
    case PE_IndicatorSpinDown:
    case PE_IndicatorSpinPlus:
    case PE_IndicatorSpinMinus:
        return zoomed(*option, widget, draw);
    default:
        return draw(option);
    }
}
