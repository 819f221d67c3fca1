#include "jsonhighlighter.h"

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{}

QTextCharFormat JsonHighlighter::format(JsonTokenKind kind)
{
    // Each colour has a contrast of at least 5:1 on white.
    QTextCharFormat format;
    switch (kind) {
    case JsonTokenKind::Key:
        format.setForeground(QColor(0x0d, 0x47, 0xa1)); // dark blue
        format.setFontWeight(QFont::Bold);
        break;
    case JsonTokenKind::String:
        format.setForeground(QColor(0x1b, 0x6e, 0x20)); // dark green
        break;
    case JsonTokenKind::Number:
        format.setForeground(QColor(0xa3, 0x3f, 0x00)); // burnt orange
        break;
    case JsonTokenKind::Keyword:
        format.setForeground(QColor(0x7b, 0x1f, 0xa2)); // purple
        format.setFontWeight(QFont::Bold);
        break;
    case JsonTokenKind::Punctuation:
        format.setForeground(QColor(0x54, 0x54, 0x54)); // grey
        break;
    case JsonTokenKind::Other:
        break;
    }
    return format;
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    if (!m_active)
        return;
    // Valid JSON has no line break inside a token, so each line can be coloured on its own.
    const QList<JsonToken> tokens = jsonTokens(text);
    for (const JsonToken &token : tokens) {
        if (token.kind != JsonTokenKind::Other)
            setFormat(int(token.start), int(token.length), format(token.kind));
    }
}
