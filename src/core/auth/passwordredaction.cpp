#include "passwordredaction.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

// The key every handler reads a password from (sessions, registration, password reset).
constexpr QByteArrayView Member = "\"password\"";
constexpr QByteArrayView Hidden = "\"********\"";
// The longest JSON string that can still spell "password": every letter written as \uXXXX.
constexpr qsizetype LongestPasswordKey = 2 + 8 * 6;

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

// Where the string value of a member opens when `keyEnd` ends its key, or -1 when no ':' and
// string follow.
qsizetype stringValueAfter(const QByteArray &text, qsizetype keyEnd)
{
    const qsizetype colon = skipSpaces(text, keyEnd);
    if (colon >= text.size() || text[colon] != ':')
        return -1;
    const qsizetype value = skipSpaces(text, colon + 1);
    return value < text.size() && text[value] == '"' ? value : -1;
}

// Whether the JSON string `key` (quotes included) reads "password", decoded by the same parser
// as the handlers' so that no spelling of the key escapes.
bool isPasswordKey(QByteArrayView key)
{
    if (key == Member)
        return true;
    if (key.size() > LongestPasswordKey || !key.contains('\\'))
        return false;
    const QJsonDocument decoded = QJsonDocument::fromJson('[' + key.toByteArray() + ']');
    return decoded.array().at(0).toString() == u"password"_s;
}

// The body, copied with the values it is told to hide replaced.
class RedactedCopy
{
public:
    explicit RedactedCopy(const QByteArray &body)
        : m_body(body)
    {}

    // Hides the string value that opens at `value`; false when it never closes (everything
    // after it is hidden then, and nothing more can be).
    bool hideValueAt(qsizetype value, qsizetype *valueEnd)
    {
        m_shown += QByteArrayView(m_body).sliced(m_copied, value - m_copied);
        m_shown += Hidden;
        *valueEnd = stringEnd(m_body, value);
        m_copied = *valueEnd < 0 ? m_body.size() : *valueEnd;
        return *valueEnd >= 0;
    }

    QByteArray result() const
    {
        if (m_copied == 0)
            return m_body; // nothing hidden: the very same bytes
        return m_shown + QByteArrayView(m_body).sliced(m_copied);
    }

private:
    const QByteArray &m_body;
    QByteArray m_shown;
    qsizetype m_copied = 0;
};

// Valid JSON: every string is a token the scan can trust, so each key is decoded and compared.
QByteArray redactJsonMembers(const QByteArray &body)
{
    RedactedCopy copy(body);
    for (qsizetype at = body.indexOf('"'); at >= 0;) {
        qsizetype end = stringEnd(body, at);
        if (end < 0)
            break;
        const qsizetype value = stringValueAfter(body, end);
        if (value >= 0 && isPasswordKey(QByteArrayView(body).sliced(at, end - at)))
            copy.hideValueAt(value, &end);
        at = body.indexOf('"', end);
    }
    return copy.result();
}

// Anything else: the literal key wherever it appears, whatever came before it.
QByteArray redactLiteralMembers(const QByteArray &body)
{
    RedactedCopy copy(body);
    for (qsizetype found = body.indexOf(Member); found >= 0;
         found = body.indexOf(Member, found + Member.size())) {
        const qsizetype value = stringValueAfter(body, found + Member.size());
        if (value < 0)
            continue;
        qsizetype end = -1;
        if (!copy.hideValueAt(value, &end))
            break; // a password whose string never ends: the rest is hidden
        found = end - Member.size();
    }
    return copy.result();
}

} // namespace

QByteArray redactPasswords(const QByteArray &body)
{
    // Linear scans, no regular expression, and nothing but the hidden values changes (not even
    // invalid UTF-8 or the order of members).
    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::NoError ? redactJsonMembers(body)
                                                   : redactLiteralMembers(body);
}
