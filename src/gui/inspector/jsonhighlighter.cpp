#include "jsonhighlighter.h"

#include "theme.h"

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{}

QTextCharFormat JsonHighlighter::format(JsonTokenKind kind)
{
    // The current theme's, each readable on its code background (tst_theme).
    using Theme::Role;
    QTextCharFormat format;
    switch (kind) {
    case JsonTokenKind::Key:
        format.setForeground(Theme::color(Role::JsonKey));
        format.setFontWeight(QFont::Bold);
        break;
    case JsonTokenKind::String:
        format.setForeground(Theme::color(Role::JsonString));
        break;
    case JsonTokenKind::Number:
        format.setForeground(Theme::color(Role::JsonNumber));
        break;
    case JsonTokenKind::Keyword:
        format.setForeground(Theme::color(Role::JsonKeyword));
        format.setFontWeight(QFont::Bold);
        break;
    case JsonTokenKind::Punctuation:
        format.setForeground(Theme::color(Role::JsonPunctuation));
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
