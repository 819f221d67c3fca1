#include "messagebar.h"

#include "apioutcome.h"
#include "guistyle.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {

QColor errorColor()
{
    return GuiStyle::statusColor(500);
}

QColor successColor()
{
    return GuiStyle::statusColor(200);
}

QLabel *messageLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText); // the API's messages may contain "<path>"
    // A trainer may want to paste the exact message into a test.
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_message(messageLabel(u"messageText"_s, this))
    , m_detail(messageLabel(u"messageDetail"_s, this))
    , m_dismissButton(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    // Only the weight: the size still follows the application font (the window's zoom).
    QFont bold;
    bold.setBold(true);
    m_message->setFont(bold);

    m_dismissButton->setObjectName(u"messageDismissButton"_s);
    m_dismissButton->setText(u"×"_s);
    m_dismissButton->setToolTip(tr("Dismiss"));
    m_dismissButton->setAutoRaise(true);
    connect(m_dismissButton, &QToolButton::clicked, this, &MessageBar::dismiss);

    auto *layout = new QHBoxLayout(this);
    auto *texts = new QVBoxLayout;
    texts->addWidget(m_message);
    texts->addWidget(m_detail);
    layout->addLayout(texts, 1);
    layout->addWidget(m_dismissButton, 0, Qt::AlignTop);

    m_hideTimer.setSingleShot(true);
    m_hideTimer.setInterval(DefaultSuccessTimeoutMs);
    connect(&m_hideTimer, &QTimer::timeout, this, &MessageBar::dismiss);
    // The message's colour again when the theme changes while it shows.
    GuiStyle::followTheme(this, [this] { colourTexts(); });
    hide();
}

void MessageBar::floatOver(QWidget *content)
{
    m_content = content;
    setParent(content->parentWidget()); // hidden until there is something to say, as before
    // Opaque: the rows under it must not show through the message.
    setAutoFillBackground(true);
    content->installEventFilter(this);
    place();
}

bool MessageBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_content && (event->type() == QEvent::Resize || event->type() == QEvent::Move))
        place();
    return QFrame::eventFilter(watched, event);
}

bool MessageBar::event(QEvent *event)
{
    // Another text, or the zoom: the height it needs changes with it.
    if (event->type() == QEvent::LayoutRequest || event->type() == QEvent::FontChange)
        place();
    return QFrame::event(event);
}

void MessageBar::place()
{
    const QWidget *content = m_content; // once: -Wnull-dereference cannot pair two reads of it
    if (!content)
        return;
    const QRect area = content->geometry();
    const int margin = style()->pixelMetric(QStyle::PM_LayoutBottomMargin);
    const int width = qMax(0, area.width() - 2 * margin);
    layout()->invalidate(); // its height for a width is cached until the next layout request
    const int wanted = hasHeightForWidth() ? heightForWidth(width) : sizeHint().height();
    const int height = qMin(wanted, area.height());
    setGeometry(area.left() + margin, area.bottom() + 1 - margin - height, width, height);
    raise();
}

void MessageBar::showError(const ApiOutcome &outcome)
{
    m_showingError = true;
    m_hideTimer.stop();
    showMessage(outcome.message, outcome.errorSummary());
}

void MessageBar::showSuccess(const QString &message)
{
    m_showingError = false;
    showMessage(message, {});
    m_hideTimer.start();
}

void MessageBar::dismiss()
{
    m_hideTimer.stop();
    hide();
}

QString MessageBar::message() const
{
    return m_message->text();
}

QString MessageBar::detail() const
{
    return m_detail->text();
}

void MessageBar::showMessage(const QString &message, const QString &detail)
{
    colourTexts();
    m_message->setText(message);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    show();
    place(); // shown: its labels count in its height now
}

void MessageBar::colourTexts()
{
    const QColor color = m_showingError ? errorColor() : successColor();
    for (QLabel *label : {m_message, m_detail})
        GuiStyle::setTextColor(label, color);
}
