#pragma once

#include <QLabel>

// A one-line label that, when narrower than its text, shows as much as fits with "…" in place
// of the rest (never a letter cut in half), and the whole text as its tool tip. Its text() is
// always the whole text; QLabel::text() what is shown.
class ElidedLabel : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedLabel)

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateShownText();

    QString m_text;
    QString m_shown;      // m_text, or as much of it as fits with "…"
    QString m_ownToolTip; // set in the form; shown when nothing is elided
};
