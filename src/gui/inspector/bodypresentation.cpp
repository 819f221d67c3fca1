#include "bodypresentation.h"

#include "exchangeformat.h"
#include "jsontext.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype HexPreviewBytes = 32;

bool isJson(const QByteArray &body)
{
    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::NoError;
}

QString binarySummary(const QByteArray &body)
{
    const QString size = ExchangeFormat::bodySize(body.size());
    QString preview =
        QString::fromLatin1(body.first(qMin(body.size(), HexPreviewBytes)).toHex(' '));
    if (body.size() > HexPreviewBytes)
        preview += u" …"_s;
    return size + u" of binary data\n\n"_s + preview;
}

// Cuts at a line break near the limit when there is one, and never inside a surrogate pair.
QString truncated(const QString &text, qsizetype limit)
{
    qsizetype cut = limit;
    if (const qsizetype lineEnd = text.lastIndexOf(u'\n', limit); lineEnd > limit / 2)
        cut = lineEnd;
    else if (text[cut - 1].isHighSurrogate())
        --cut;
    return text.first(cut) + u"\n\n[… truncated for display: %1 of %2 characters shown. "
                             "Copy the body to get all of it.]"_s.arg(cut)
                                 .arg(text.size());
}

} // namespace

bool isPlainText(const QByteArray &bytes)
{
    return bytes.isValidUtf8() && !bytes.contains('\0');
}

BodyPresentation presentBody(const QByteArray &body, qsizetype displayLimit)
{
    BodyPresentation presentation;
    if (body.isEmpty()) {
        presentation.text = u"(no body)"_s;
        return presentation;
    }
    if (isJson(body)) {
        presentation.kind = BodyPresentation::Kind::Json;
        presentation.text = prettyJson(QString::fromUtf8(body));
    } else if (isPlainText(body)) {
        presentation.kind = BodyPresentation::Kind::Text;
        presentation.text = QString::fromUtf8(body);
    } else {
        presentation.kind = BodyPresentation::Kind::Binary;
        presentation.text = binarySummary(body);
        return presentation;
    }
    if (displayLimit > 0 && presentation.text.size() > displayLimit) {
        presentation.text = truncated(presentation.text, displayLimit);
        presentation.truncated = true;
    }
    return presentation;
}
