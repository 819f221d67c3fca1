#include "bodypresenter.h"

#include "exchangeformat.h"
#include "guistyle.h"
#include "jsonhighlighter.h"

#include <QPlainTextEdit>

void setUpCodeView(QPlainTextEdit *view)
{
    view->setReadOnly(true);
    view->setFont(GuiStyle::monospaceFont());
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    // The highlighter's colours are chosen for a light background, whatever the desktop theme.
    QPalette palette = view->palette();
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, QColor(0x1a, 0x1a, 0x1a));
    view->setPalette(palette);
}

using namespace Qt::StringLiterals;

BodyPresenter::BodyPresenter(QPlainTextEdit *view)
    : m_view(view)
    , m_highlighter(new JsonHighlighter(view->document()))
{
    setUpCodeView(view);
}

BodyPresentation::Kind BodyPresenter::present(const QByteArray &body, qint64 bytesCut)
{
    BodyPresentation presentation = presentBody(body);
    if (bytesCut > 0) {
        presentation.text += u"\n\n[… the log kept the first %1 of this %2 body]"_s.arg(
            ExchangeFormat::bodySize(body.size()),
            ExchangeFormat::bodySize(body.size() + bytesCut));
    }
    // Set before the text: the highlighter colours the new text as it goes in.
    m_highlighter->setActive(presentation.kind == BodyPresentation::Kind::Json);
    m_view->setPlainText(presentation.text);
    return presentation.kind;
}

void BodyPresenter::clear()
{
    m_view->clear();
}
