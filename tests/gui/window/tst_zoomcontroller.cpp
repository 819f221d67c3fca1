#include "zoomcontroller.h"

#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QStyle>
#include <QTest>

class TestZoomController : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_baseFont = QApplication::font(); }
    void cleanup() { QApplication::setFont(m_baseFont); }

    void zoomScalesTheApplicationFont()
    {
        ZoomController zoom;
        QSignalSpy changed(&zoom, &ZoomController::zoomChanged);
        zoom.zoomIn();
        QCOMPARE(zoom.percent(), 110);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(QApplication::font().pointSizeF(), m_baseFont.pointSizeF() * 1.1);
        zoom.setPercent(200);
        QCOMPARE(QApplication::font().pointSizeF(), m_baseFont.pointSizeF() * 2);
        zoom.reset();
        QCOMPARE(QApplication::font().pointSizeF(), m_baseFont.pointSizeF());
    }

    // Check boxes, arrows and scroll bars grow with the text, instead of staying ~10 px.
    void zoomScalesTheStylesFixedSizes()
    {
        const QStyle *style = QApplication::style();
        const int indicator = style->pixelMetric(QStyle::PM_IndicatorWidth);
        const int scrollBar = style->pixelMetric(QStyle::PM_ScrollBarExtent);
        ZoomController zoom;
        zoom.setPercent(200);
        style = QApplication::style();
        QCOMPARE(style->pixelMetric(QStyle::PM_IndicatorWidth), 2 * indicator);
        QCOMPARE(style->pixelMetric(QStyle::PM_ScrollBarExtent), 2 * scrollBar);
        zoom.reset();
        QCOMPARE(style->pixelMetric(QStyle::PM_IndicatorWidth), indicator);
    }

    void stepsStopAtTheEnds()
    {
        ZoomController zoom;
        for (int i = 0; i < 20; ++i)
            zoom.zoomIn();
        QCOMPARE(zoom.percent(), ZoomController::maximumPercent());
        for (int i = 0; i < 20; ++i)
            zoom.zoomOut();
        QCOMPARE(zoom.percent(), ZoomController::minimumPercent());
    }

    void oddPercentsSnapToAStep()
    {
        ZoomController zoom;
        zoom.setPercent(160);
        QCOMPARE(zoom.percent(), 150);
        zoom.setPercent(5000);
        QCOMPARE(zoom.percent(), ZoomController::maximumPercent());
    }

    void widgetsThatSetOnlyAFamilyFollow()
    {
        QLabel code(QStringLiteral("{}"));
        QFont family;
        family.setFamilies({QStringLiteral("monospace")});
        code.setFont(family);
        const qreal before = code.font().pointSizeF();
        ZoomController zoom;
        zoom.setPercent(200);
        // Qt hands the new application font to existing widgets on the next event-loop pass.
        QTRY_COMPARE(code.font().pointSizeF(), before * 2);
    }

private:
    QFont m_baseFont;
};

QTEST_MAIN(TestZoomController)
#include "tst_zoomcontroller.moc"
