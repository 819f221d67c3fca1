#pragma once

#include <QByteArray>
#include <QString>

// A message body as the inspector shows it: what people read, not what the wire carried.
struct BodyPresentation
{
    enum class Kind {
        Empty,  // "(no body)"
        Json,   // pretty-printed, tokens exactly as sent
        Text,   // valid UTF-8 that is not JSON, as sent
        Binary, // a size and a hex preview
    };

    Kind kind = Kind::Empty;
    QString text;
    bool truncated = false; // text was cut at the display limit; a note at the end says so
};

// Bodies are capped at 1 MiB by the server; a quarter of that is more than anyone reads on a
// screen, and keeps the highlighter and the layout quick.
constexpr qsizetype BodyDisplayLimit = 256 * 1024;

// Valid UTF-8 without NUL: bytes that text views, the clipboard and shell arguments all carry
// unchanged. NUL is valid UTF-8, but nothing shows it and no shell argument can hold it.
bool isPlainText(const QByteArray &bytes);

// displayLimit is in characters of the shown text (pretty JSON is longer than the body).
BodyPresentation presentBody(const QByteArray &body, qsizetype displayLimit = BodyDisplayLimit);
