#pragma once

#include <QFrame>
#include <QPointer>
#include <QTimer>

class QLabel;
class QToolButton;
struct ApiOutcome;

// A message in line with the content it is about, never a dialog: the API's error in red (its
// message verbatim, then status, error_code and details) until dismissed or replaced, or a short
// success note that hides by itself. Hidden while there is nothing to say. In a layout, or
// floating over the content it is about (floatOver).
class MessageBar : public QFrame
{
    Q_OBJECT

public:
    static constexpr int DefaultSuccessTimeoutMs = 4000;

    explicit MessageBar(QWidget *parent = nullptr);

    // Floats over the bottom edge of `content` (a widget in a layout) instead of taking a place
    // in one: nothing under the trainer's cursor moves when a message comes or goes.
    void floatOver(QWidget *content);

    void showError(const ApiOutcome &outcome);
    void showSuccess(const QString &message);
    void dismiss();

    QString message() const;
    QString detail() const;
    bool isShowingError() const { return !isHidden() && m_showingError; }
    void setSuccessTimeout(int ms) { m_hideTimer.setInterval(ms); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    bool event(QEvent *event) override;

private:
    void place();
    void showMessage(const QString &message, const QString &detail);
    void colourTexts(); // red for an error, green for a success, in the current theme

    QLabel *m_message = nullptr;
    QLabel *m_detail = nullptr;
    QToolButton *m_dismissButton = nullptr;
    QTimer m_hideTimer;
    QPointer<QWidget> m_content; // what it floats over, if it does
    bool m_showingError = false;
};
