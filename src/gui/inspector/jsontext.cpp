#include "jsontext.h"

using namespace Qt::StringLiterals;

namespace {

bool isJsonSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

bool isPunctuation(QChar c)
{
    return c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u',' || c == u':';
}

bool isNumberChar(QChar c)
{
    return (c >= u'0' && c <= u'9') || c == u'-' || c == u'+' || c == u'.' || c == u'e' ||
           c == u'E';
}

// Index just past the string that opens at `start`, or the end of the text if it never closes.
qsizetype endOfString(QStringView text, qsizetype start)
{
    for (qsizetype i = start + 1; i < text.size(); ++i) {
        if (text[i] == u'\\')
            ++i; // the escaped character cannot close the string
        else if (text[i] == u'"')
            return i + 1;
    }
    return text.size();
}

qsizetype skipSpace(QStringView text, qsizetype from)
{
    while (from < text.size() && isJsonSpace(text[from]))
        ++from;
    return from;
}

template<typename Predicate>
qsizetype endOfRun(QStringView text, qsizetype from, Predicate belongs)
{
    while (from < text.size() && belongs(text[from]))
        ++from;
    return from;
}

JsonTokenKind wordKind(QStringView word)
{
    return word == u"true" || word == u"false" || word == u"null" ? JsonTokenKind::Keyword
                                                                  : JsonTokenKind::Other;
}

} // namespace

QList<JsonToken> jsonTokens(QStringView text)
{
    QList<JsonToken> tokens;
    qsizetype i = skipSpace(text, 0);
    while (i < text.size()) {
        const QChar c = text[i];
        JsonToken token{JsonTokenKind::Other, i, 1};
        if (c == u'"') {
            token.length = endOfString(text, i) - i;
            const qsizetype next = skipSpace(text, i + token.length);
            token.kind = next < text.size() && text[next] == u':' ? JsonTokenKind::Key
                                                                  : JsonTokenKind::String;
        } else if (isPunctuation(c)) {
            token.kind = JsonTokenKind::Punctuation;
        } else if (isNumberChar(c)) {
            token.kind = JsonTokenKind::Number;
            token.length = endOfRun(text, i, isNumberChar) - i;
        } else if (c.isLetter()) {
            token.length = endOfRun(text, i, [](QChar letter) { return letter.isLetter(); }) - i;
            token.kind = wordKind(text.sliced(i, token.length));
        }
        tokens.append(token);
        i = skipSpace(text, i + token.length);
    }
    return tokens;
}

QString prettyJson(QStringView json)
{
    const QList<JsonToken> tokens = jsonTokens(json);
    const auto punctuationAt = [&](qsizetype i) {
        return i < tokens.size() && tokens[i].kind == JsonTokenKind::Punctuation
                   ? json[tokens[i].start]
                   : QChar();
    };
    const auto isOpening = [](QChar c) {
        return c == u'{' || c == u'[';
    };
    const auto isClosing = [](QChar c) {
        return c == u'}' || c == u']';
    };

    QString out;
    out.reserve(json.size() * 2);
    int depth = 0;
    const auto newLine = [&] {
        out += u'\n' + QString(qMax(depth, 0) * 2, u' ');
    };
    bool openedEmpty = false; // an empty {} or [] stays on one line

    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QChar punctuation = punctuationAt(i);
        if (isClosing(punctuation) && !openedEmpty) {
            --depth;
            newLine();
        }
        out += json.sliced(tokens[i].start, tokens[i].length);
        openedEmpty = isOpening(punctuation) && isClosing(punctuationAt(i + 1));
        if (isOpening(punctuation) && !openedEmpty) {
            ++depth;
            newLine();
        } else if (punctuation == u',') {
            newLine();
        } else if (punctuation == u':') {
            out += u' ';
        }
    }
    return out;
}
