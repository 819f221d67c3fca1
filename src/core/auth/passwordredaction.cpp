#include "passwordredaction.h"

namespace {

constexpr QByteArrayView Member = "\"password\"";
constexpr QByteArrayView Hidden = "\"********\"";

qsizetype skipSpaces(const QByteArray &text, qsizetype at)
{
    while (at < text.size() &&
           (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r'))
        ++at;
    return at;
}

// The end (one past the closing quote) of the JSON string that opens at `at`, or -1 when it
// never closes.
qsizetype stringEnd(const QByteArray &text, qsizetype at)
{
    for (qsizetype i = at + 1; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i; // the escaped character, whatever it is
        else if (text[i] == '"')
            return i + 1;
    }
    return -1;
}

} // namespace

QByteArray redactPasswords(const QByteArray &body)
{
    // One pass over the bytes, no regular expression: linear for any size, and nothing else
    // in the body changes (not even invalid UTF-8).
    QByteArray shown;
    qsizetype copied = 0;
    for (qsizetype found = body.indexOf(Member); found >= 0;
         found = body.indexOf(Member, found + Member.size())) {
        const qsizetype colon = skipSpaces(body, found + Member.size());
        if (colon >= body.size() || body[colon] != ':')
            continue;
        const qsizetype value = skipSpaces(body, colon + 1);
        if (value >= body.size() || body[value] != '"')
            continue;
        const qsizetype end = stringEnd(body, value);
        // A password whose string never ends: hide the rest rather than show it.
        shown += QByteArrayView(body).sliced(copied, value - copied);
        shown += Hidden;
        if (end < 0)
            return shown;
        copied = end;
        found = end - Member.size();
    }
    if (copied == 0)
        return body;
    shown += QByteArrayView(body).sliced(copied);
    return shown;
}
