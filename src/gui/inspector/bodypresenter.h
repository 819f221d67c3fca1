#pragma once

#include "bodypresentation.h"

#include <QByteArray>

class JsonHighlighter;
class QPlainTextEdit;

// Read-only, fixed-pitch, dark on light, wrapping long tokens: how every block of HTTP text in
// the inspector looks. The font sets only the family, so its size follows the zoom.
void setUpCodeView(QPlainTextEdit *view);

// Shows message bodies in a code view: JSON pretty-printed and coloured, anything else plain.
class BodyPresenter
{
public:
    explicit BodyPresenter(QPlainTextEdit *view);

    // bytesCut: how much of the body the log did not keep (a note says so).
    BodyPresentation::Kind present(const QByteArray &body, qint64 bytesCut = 0);
    void clear();

private:
    QPlainTextEdit *m_view;
    JsonHighlighter *m_highlighter; // a child of the view's document
};
