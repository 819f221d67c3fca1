#include "elidedlabel.h"

#include <QEvent>

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    // Shrinks to "…" when space is short; asks for the whole text otherwise.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ElidedLabel::setText(const QString &text)
{
    m_text = text;
    updateShownText();
    updateGeometry();
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QMargins margins = contentsMargins();
    return {fontMetrics().horizontalAdvance(QStringLiteral("…")) + margins.left() + margins.right(),
            fontMetrics().height() + margins.top() + margins.bottom()};
}

QSize ElidedLabel::sizeHint() const
{
    const QMargins margins = contentsMargins();
    return {fontMetrics().horizontalAdvance(m_text) + margins.left() + margins.right(),
            minimumSizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    updateShownText();
}

void ElidedLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        updateShownText();
        updateGeometry();
    } else if (event->type() == QEvent::ToolTipChange && toolTip() != m_text)
        m_ownToolTip = toolTip();
}

void ElidedLabel::updateShownText()
{
    m_shown = fontMetrics().elidedText(m_text, Qt::ElideRight, contentsRect().width());
    QLabel::setText(m_shown);
    setToolTip(m_shown == m_text ? m_ownToolTip : m_text);
}
