#pragma once

#include <QProxyStyle>

// The application's style at the window's zoom: the sizes a style keeps in pixels rather than
// in the font (check boxes, radio buttons, spin box and combo box arrows, scroll bars, small
// icons, sort indicators, menu indicators) grow by the zoom factor with the text, instead of
// staying ~10 px beside 30 px letters.
class ZoomStyle : public QProxyStyle
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ZoomStyle)

public:
    // The application's style, made a ZoomStyle on first use (QApplication owns it).
    static ZoomStyle *ofApplication();

    qreal factor() const { return m_factor; }
    // Widgets pick the new sizes up with their next font change (the zoom's new font).
    void setFactor(qreal factor);

    int pixelMetric(PixelMetric metric, const QStyleOption *option = nullptr,
                    const QWidget *widget = nullptr) const override;
    QRect subControlRect(ComplexControl control, const QStyleOptionComplex *option,
                         SubControl subControl, const QWidget *widget = nullptr) const override;
    void drawComplexControl(ComplexControl control, const QStyleOptionComplex *option,
                            QPainter *painter, const QWidget *widget = nullptr) const override;
    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
    QSize sizeFromContents(ContentsType type, const QStyleOption *option, const QSize &size,
                           const QWidget *widget = nullptr) const override;

private:
    explicit ZoomStyle(QStyle *base);

    // Calls the base style with the option as seen on a screen of `factor` times the resolution:
    // the sizes it derives from the resolution (Fusion's arrows and buttons) follow the zoom.
    template<typename Option, typename Call>
    auto zoomed(const Option &option, const QWidget *widget, Call call) const;
    // `call` with the option zoomed, if it is of a control whose arrows and buttons have fixed
    // sizes (spin box, combo box, scroll bar), or as it is.
    template<typename Call>
    auto withComplexOption(const QStyleOptionComplex *option, const QWidget *widget,
                           Call call) const;
    // Not within a zoomed call already: its option must not be zoomed twice.
    bool zooms() const;

    qreal m_factor = 1.0;
    mutable int m_zoomedCalls = 0;
};
