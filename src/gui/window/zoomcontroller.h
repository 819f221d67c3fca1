#pragma once

#include <QFont>
#include <QObject>

// Projector mode: scales the application font, and with it the text of every panel, in steps.
// Widgets that set only a font family (code views) follow too, and the application's style
// (ZoomStyle) scales its indicators, arrows and scroll bars by the same factor.
class ZoomController : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ZoomController)

public:
    // Takes the application font of this moment as 100 %.
    explicit ZoomController(QObject *parent = nullptr);

    int percent() const { return m_percent; }
    // Snaps to the nearest step.
    void setPercent(int percent);
    void zoomIn();
    void zoomOut();
    void reset() { setPercent(100); }

    static int minimumPercent();
    static int maximumPercent();

signals:
    void zoomChanged(int percent);

private:
    void apply();

    QFont m_baseFont;
    int m_percent = 100;
};
