#include "jsonhighlighter.h"
#include "jsontext.h"

#include <QPlainTextEdit>
#include <QSet>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// WCAG relative luminance, for the contrast of a colour against white.
double luminance(const QColor &color)
{
    const auto channel = [](double value) {
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) +
           0.0722 * channel(color.blueF());
}

double contrastOnWhite(const QColor &color)
{
    return 1.05 / (luminance(color) + 0.05);
}

// The colour the highlighter gave the character at `position` of the document.
QColor colourAt(const QTextDocument &document, int position)
{
    const QTextBlock block = document.findBlock(position);
    const int inBlock = position - block.position();
    const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : formats) {
        if (inBlock >= range.start && inBlock < range.start + range.length)
            return range.format.foreground().color();
    }
    return {};
}

QList<JsonTokenKind> kinds(const QList<JsonToken> &tokens)
{
    QList<JsonTokenKind> result;
    for (const JsonToken &token : tokens)
        result.append(token.kind);
    return result;
}

} // namespace

class TestJsonText : public QObject
{
    Q_OBJECT

private slots:
    void tokensOfAnObject()
    {
        const QString text = uR"({"name": "Ada", "age" : 36, "admin": false, "x": null})"_s;
        using K = JsonTokenKind;
        QCOMPARE(
            kinds(jsonTokens(text)),
            (QList<K>{K::Punctuation, K::Key, K::Punctuation, K::String, K::Punctuation, K::Key,
                      K::Punctuation, K::Number, K::Punctuation, K::Key, K::Punctuation, K::Keyword,
                      K::Punctuation, K::Key, K::Punctuation, K::Keyword, K::Punctuation}));
        const JsonToken age = jsonTokens(text)[5];
        QCOMPARE(text.sliced(age.start, age.length), u"\"age\""_s);
    }

    void stringsKeepEscapedQuotesAndBraces()
    {
        // Escapes are spelled out: raw strings with backslashes confuse moc.
        const QString text = u"[\"a\\\"b{,}\", \"c\\\\\"]"_s;
        const QList<JsonToken> tokens = jsonTokens(text);
        QCOMPARE(tokens.size(), 5);
        QCOMPARE(text.sliced(tokens[1].start, tokens[1].length), u"\"a\\\"b{,}\""_s);
        QCOMPARE(tokens[1].kind, JsonTokenKind::String);
        QCOMPARE(text.sliced(tokens[3].start, tokens[3].length), u"\"c\\\\\""_s);
    }

    void unterminatedStringRunsToTheEnd()
    {
        const QList<JsonToken> tokens = jsonTokens(u"[\"open"_s);
        QCOMPARE(tokens.size(), 2);
        QCOMPARE(tokens[1], (JsonToken{JsonTokenKind::String, 1, 5}));
    }

    void wordsThatAreNotKeywordsAreOther()
    {
        QCOMPARE(kinds(jsonTokens(u"True nul true"_s)),
                 (QList<JsonTokenKind>{JsonTokenKind::Other, JsonTokenKind::Other,
                                       JsonTokenKind::Keyword}));
    }

    void prettyJson_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("pretty");

        QTest::newRow("object") << uR"({"b":1,"a":[true,null]})"_s
                                << u"{\n  \"b\": 1,\n  \"a\": [\n    true,\n    null\n  ]\n}"_s;
        QTest::newRow("empty containers stay on one line")
            << uR"({"users":[],"meta":{}})"_s << u"{\n  \"users\": [],\n  \"meta\": {}\n}"_s;
        QTest::newRow("whitespace is normalised") << u"  [ 1 ,\n\t2 ]  "_s << u"[\n  1,\n  2\n]"_s;
        QTest::newRow("numbers and duplicate keys as sent")
            << uR"({"age":25.0,"age":1E3})"_s << u"{\n  \"age\": 25.0,\n  \"age\": 1E3\n}"_s;
        QTest::newRow("punctuation inside strings") << uR"({"a":"{[,:]}"})"_s << uR"({
  "a": "{[,:]}"
})"_s;
        QTest::newRow("unicode") << u"{\"名前\":\"😀\"}"_s << u"{\n  \"名前\": \"😀\"\n}"_s;
    }

    void prettyJson()
    {
        QFETCH(QString, json);
        QFETCH(QString, pretty);
        QCOMPARE(::prettyJson(json), pretty);
    }

    void highlighterColoursEachKindDistinctly()
    {
        QTextDocument document(::prettyJson(uR"({"name":"Ada","age":36,"ok":true})"_s));
        JsonHighlighter highlighter(&document);
        highlighter.rehighlight();
        const QString text = document.toPlainText();
        const auto colourOf = [&](const QString &piece) {
            return colourAt(document, int(text.indexOf(piece)) + 1);
        };
        QCOMPARE(colourOf(u"\"name\""_s),
                 JsonHighlighter::format(JsonTokenKind::Key).foreground().color());
        QCOMPARE(colourOf(u"\"Ada\""_s),
                 JsonHighlighter::format(JsonTokenKind::String).foreground().color());
        QCOMPARE(colourAt(document, int(text.indexOf(u"36"_s))),
                 JsonHighlighter::format(JsonTokenKind::Number).foreground().color());
        QCOMPARE(colourAt(document, int(text.indexOf(u"true"_s))),
                 JsonHighlighter::format(JsonTokenKind::Keyword).foreground().color());
        QCOMPARE(colourAt(document, 0),
                 JsonHighlighter::format(JsonTokenKind::Punctuation).foreground().color());
    }

    void coloursAreDistinctAndLegibleOnWhite()
    {
        const QList<JsonTokenKind> coloured{JsonTokenKind::Key, JsonTokenKind::String,
                                            JsonTokenKind::Number, JsonTokenKind::Keyword,
                                            JsonTokenKind::Punctuation};
        QSet<QRgb> seen;
        for (const JsonTokenKind kind : coloured) {
            const QTextCharFormat format = JsonHighlighter::format(kind);
            QVERIFY(format.hasProperty(QTextFormat::ForegroundBrush));
            QVERIFY2(contrastOnWhite(format.foreground().color()) >= 4.5,
                     qPrintable(format.foreground().color().name()));
            // Colour only: the size must keep following the zoom.
            QVERIFY(!format.hasProperty(QTextFormat::FontPointSize));
            seen.insert(format.foreground().color().rgb());
        }
        QCOMPARE(seen.size(), coloured.size());
    }

    // In a text view (a document with a layout), as the inspector uses it: new text is coloured
    // as it goes in, or left alone while the highlighter is inactive.
    void inactiveHighlighterLeavesTextAlone()
    {
        QPlainTextEdit view;
        JsonHighlighter highlighter(view.document());
        highlighter.setActive(false);
        view.setPlainText(u"Order 66 is true"_s);
        QVERIFY(view.document()->firstBlock().layout()->formats().isEmpty());

        highlighter.setActive(true);
        view.setPlainText(u"[66, true]"_s);
        QCOMPARE(view.document()->firstBlock().layout()->formats().size(), 5);
    }
};

QTEST_MAIN(TestJsonText)
#include "tst_jsontext.moc"
