#pragma once

#include <QList>
#include <QString>
#include <QStringView>

// The lexical pieces of JSON text, for colouring and re-indenting it without parsing it into
// QJsonObject (which would sort the keys and rewrite the numbers the client actually sent).
enum class JsonTokenKind { Key, String, Number, Keyword, Punctuation, Other };

struct JsonToken
{
    JsonTokenKind kind = JsonTokenKind::Other;
    qsizetype start = 0;
    qsizetype length = 0;

    friend bool operator==(const JsonToken &a, const JsonToken &b)
    {
        return a.kind == b.kind && a.start == b.start && a.length == b.length;
    }
};

// Splits text into tokens; whitespace between them is left out. Never fails: anything that is
// not JSON becomes Other, and a string without its closing quote runs to the end of the text.
// A string is a Key when the next thing after it is a colon.
QList<JsonToken> jsonTokens(QStringView text);

// The text, which must already be known to be valid JSON, with one member or element per line,
// nested levels indented by two spaces and the tokens exactly as written.
QString prettyJson(QStringView json);
