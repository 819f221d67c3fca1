#include "passwordredaction.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

QByteArray redactPasswords(const QByteArray &body)
{
    // Cheap test first: most bodies have no such member.
    if (!body.contains("password"))
        return body;
    // A JSON string value: quotes around characters that are not quotes or backslashes, or are
    // escaped. The member name may itself be written with escapes, which is rare enough to
    // leave: this is for the screen, not a security boundary of the API.
    static const QRegularExpression member(
        uR"re(("password"\s*:\s*)"(?:[^"\\]|\\.)*")re"_s);
    QString text = QString::fromUtf8(body);
    text.replace(member, uR"re(\1"********")re"_s);
    return text.toUtf8();
}
