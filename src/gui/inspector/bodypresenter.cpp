#include "bodypresenter.h"

#include "exchangeformat.h"
#include "guistyle.h"
#include "jsonhighlighter.h"
#include "theme.h"

#include <QPlainTextEdit>

void setUpCodeView(QPlainTextEdit *view)
{
    view->setReadOnly(true);
    view->setFont(GuiStyle::monospaceFont());
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    // The theme's code colours, whatever the desktop's: the highlighter's are chosen for them.
    GuiStyle::followTheme(view, [view] {
        QPalette palette = view->palette();
        palette.setColor(QPalette::Base, Theme::color(Theme::Role::CodeBackground));
        palette.setColor(QPalette::Text, Theme::color(Theme::Role::CodeText));
        view->setPalette(palette);
        if (auto *highlighter = view->document()->findChild<JsonHighlighter *>())
            highlighter->rehighlight();
    });
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
