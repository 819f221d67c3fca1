#pragma once

#include "jsontext.h"

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

// Colours JSON text: keys, strings, numbers, true/false/null and punctuation each in their own
// colour, dark enough to read on a light background from the back of a classroom. Only the
// colour and weight are set, never the size, so the text still follows the zoom.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);

    // The format a token of that kind gets (Other is left as the document has it).
    static QTextCharFormat format(JsonTokenKind kind);

    // An inactive highlighter leaves text alone (a body that is not JSON: its digits are not
    // numbers). Takes effect with the next change of the text, or rehighlight().
    void setActive(bool active) { m_active = active; }
    bool isActive() const { return m_active; }

protected:
    void highlightBlock(const QString &text) override;

private:
    bool m_active = true;
};
