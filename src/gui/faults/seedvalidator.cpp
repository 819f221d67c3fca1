#include "seedvalidator.h"

#include <limits>

QValidator::State SeedValidator::validate(QString &input, int &pos) const
{
    Q_UNUSED(pos)
    if (input.isEmpty())
        return Intermediate;
    for (const QChar c : std::as_const(input)) {
        if (!c.isDigit() || c.unicode() > u'9')
            return Invalid;
    }
    return seedOf(input) ? Acceptable : Invalid;
}

void SeedValidator::fixup(QString &input) const
{
    input = input.trimmed();
}

std::optional<quint32> SeedValidator::seedOf(const QString &text)
{
    bool ok = false;
    const qulonglong value = text.toULongLong(&ok);
    if (!ok || value > std::numeric_limits<quint32>::max())
        return std::nullopt;
    return quint32(value);
}
