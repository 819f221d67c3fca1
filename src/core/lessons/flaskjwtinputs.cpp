#include "flaskjwtinputs.h"

#include "envelope.h"
#include "uservalidation.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace FlaskRestx {

namespace {

constexpr qsizetype MaxWidgetNameLength = 100; // the tutorial's String(100) column

// How reqparse sees a JSON value: its text, as str() would give it.
QString textOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? u"True"_s : u"False"_s;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == static_cast<double>(static_cast<qint64>(number)))
            return QString::number(static_cast<qint64>(number));
        return QString::number(number);
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default:
        return {};
    }
}

QString unitCount(qint64 count, const QString &unit)
{
    return QString::number(count) + u' ' + unit + (count == 1 ? QString() : u"s"_s);
}

QString twoDigits(qint64 number)
{
    return QString::number(number).rightJustified(2, u'0');
}

// dateutil.parser.parse's common cases, the date part only: "2018-5-13", "2018-05-13T10:00:00",
// "05/13/2018", "5/13/18", "May 13 2018", "13 May 2018", "Wed, 02 Oct 2019 15:05:06 -0700".
class DateParser
{
public:
    explicit DateParser(const QDate &today)
        : m_today(today)
    {}

    std::optional<QDate> parse(const QString &text)
    {
        QString lowered = text.toLower();
        lowered.replace(u',', u' ');
        const QStringList words = lowered.split(u' ', Qt::SkipEmptyParts);
        if (words.isEmpty())
            return std::nullopt;
        QList<QString> numbers;
        for (const QString &word : words) {
            if (!readWord(word, numbers))
                return std::nullopt;
        }
        for (const QString &number : std::as_const(numbers)) {
            if (!placeNumber(number))
                return std::nullopt;
        }
        if (!m_month || !m_day)
            return std::nullopt;
        const QDate date(m_year.value_or(m_today.year()), *m_month, *m_day);
        return date.isValid() ? std::optional<QDate>(date) : std::nullopt;
    }

private:
    bool readWord(const QString &word, QList<QString> &numbers)
    {
        static const QRegularExpression iso(u"^(\\d{4})-(\\d{1,2})-(\\d{1,2})(t.*)?$"_s);
        static const QRegularExpression yearFirst(u"^(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})$"_s);
        static const QRegularExpression monthFirst(
            u"^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{2}|\\d{4})$"_s);
        static const QRegularExpression time(
            u"^\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(z|[+-]\\d{2}:?\\d{2})?$"_s);
        static const QRegularExpression zone(
            u"^(am|pm|a\\.m\\.|p\\.m\\.|utc|gmt|z|[+-]\\d{2}:?\\d{2})$"_s);
        static const QRegularExpression number(u"^(\\d{1,2}|\\d{4})(st|nd|rd|th)?$"_s);

        if (const auto match = iso.match(word); match.hasMatch())
            return setDate(match.captured(1), match.captured(2), match.captured(3));
        if (const auto match = yearFirst.match(word); match.hasMatch())
            return setDate(match.captured(1), match.captured(2), match.captured(3));
        if (const auto match = monthFirst.match(word); match.hasMatch())
            return setDate(match.captured(3), match.captured(1), match.captured(2));
        if (time.match(word).hasMatch() || zone.match(word).hasMatch() || isWeekday(word))
            return true;
        if (const auto month = monthOf(word)) {
            if (m_month)
                return false;
            m_month = *month;
            return true;
        }
        if (const auto match = number.match(word); match.hasMatch()) {
            numbers.append(match.captured(1));
            return true;
        }
        return false;
    }

    bool setDate(const QString &year, const QString &month, const QString &day)
    {
        if (m_year || m_month || m_day)
            return false;
        m_year = fullYear(year);
        m_month = month.toInt();
        m_day = day.toInt();
        return true;
    }

    // With a month name: the day, then the year.
    bool placeNumber(const QString &number)
    {
        if (!m_month)
            return false;
        if (number.size() == 4 || m_day) {
            if (m_year)
                return false;
            m_year = fullYear(number);
            return true;
        }
        m_day = number.toInt();
        return true;
    }

    // A two-digit year is the one within 50 years of today, as dateutil takes it.
    int fullYear(const QString &digits) const
    {
        const int year = digits.toInt();
        if (digits.size() > 2)
            return year;
        int full = m_today.year() / 100 * 100 + year;
        if (full > m_today.year() + 50)
            full -= 100;
        else if (full < m_today.year() - 50)
            full += 100;
        return full;
    }

    static std::optional<int> monthOf(const QString &word)
    {
        static const QStringList months = {u"january"_s, u"february"_s, u"march"_s,
                                           u"april"_s,   u"may"_s,      u"june"_s,
                                           u"july"_s,    u"august"_s,   u"september"_s,
                                           u"october"_s, u"november"_s, u"december"_s};
        for (int i = 0; i < months.size(); ++i) {
            if (word == months[i] || word == months[i].left(3) || (i == 8 && word == u"sept"_s))
                return i + 1;
        }
        return std::nullopt;
    }

    static bool isWeekday(const QString &word)
    {
        static const QStringList days = {u"monday"_s, u"tuesday"_s,  u"wednesday"_s, u"thursday"_s,
                                         u"friday"_s, u"saturday"_s, u"sunday"_s};
        return std::any_of(days.cbegin(), days.cend(), [&word](const QString &day) {
            return word == day || word == day.left(3);
        });
    }

    QDate m_today;
    std::optional<int> m_year;
    std::optional<int> m_month;
    std::optional<int> m_day;
};

} // namespace

std::variant<Values, ApiResponse>
parseArguments(const QJsonObject &source, const QList<Argument> &arguments, const QString &location)
{
    Values values;
    QJsonObject errors;
    for (const Argument &argument : arguments) {
        const QJsonValue sent = source.value(argument.name);
        if (sent.isUndefined()) {
            if (argument.required)
                errors.insert(argument.name,
                              QString(u"Missing required parameter in "_s + location));
            else
                values.insert(argument.name, argument.defaultValue);
            continue;
        }
        if (sent.isNull()) {
            errors.insert(argument.name, u"Must not be null!"_s);
            continue;
        }
        QString value = textOf(sent);
        if (argument.type) {
            if (const QString problem = argument.type(value); !problem.isEmpty()) {
                errors.insert(argument.name, problem);
                continue;
            }
        }
        values.insert(argument.name, value);
    }
    if (!errors.isEmpty()) {
        return Envelope::bare(
            400, {{u"message"_s, u"Input payload validation failed"_s}, {u"errors"_s, errors}});
    }
    return values;
}

QJsonObject queryArguments(const ApiRequest &request)
{
    QJsonObject arguments;
    for (const auto &[key, value] : request.query.queryItems(QUrl::FullyDecoded)) {
        if (!arguments.contains(key)) // reqparse takes the first of repeated arguments
            arguments.insert(key, value);
    }
    return arguments;
}

QString emailProblem(const QString &value)
{
    return isValidEmail(value) ? QString() : u"%1 is not a valid email"_s.arg(value);
}

QString urlProblem(const QString &value)
{
    const auto invalid = [&value](const QString &details = {}) {
        const QString problem = value + u" is not a valid URL"_s;
        return details.isEmpty() ? problem : problem + u". "_s + details;
    };
    static const QRegularExpression domain(u"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$"_s,
                                           QRegularExpression::CaseInsensitiveOption);

    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
        const QString start = value.section(u'/', 0, 0).section(u'?', 0, 0);
        if (domain.match(start).hasMatch())
            return invalid(u"Did you mean: http://"_s + value);
        return invalid();
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http"_s && scheme != u"https"_s)
        return invalid(u"Protocol is not allowed"_s);
    if (!url.userInfo().isEmpty())
        return invalid(u"Authentication is not allowed"_s);
    if (url.port() != -1)
        return invalid(u"Custom port is not allowed"_s);
    if (QHostAddress address; address.setAddress(url.host()))
        return invalid(u"IP is not allowed"_s);
    if (url.host().compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return invalid(u"Localhost is not allowed"_s);
    if (!domain.match(QString::fromLatin1(QUrl::toAce(url.host()))).hasMatch())
        return invalid();
    return {};
}

QString positiveProblem(const QString &value, const QString &argument)
{
    bool ok = false;
    const qint64 number = value.trimmed().toLongLong(&ok);
    if (!ok)
        return value + u" is not a valid integer"_s;
    if (number < 1) {
        return u"Invalid %1: %2. %1 must be a positive integer"_s.arg(argument,
                                                                      QString::number(number));
    }
    return {};
}

QString widgetNameProblem(const QString &value)
{
    static const QRegularExpression name(u"^[\\w-]+$"_s,
                                         QRegularExpression::UseUnicodePropertiesOption);
    if (!name.match(value).hasMatch()) {
        return u"'%1' contains one or more invalid characters. Widget name must contain only "
               "letters, numbers, hyphen and underscore characters."_s.arg(value);
    }
    if (value.size() > MaxWidgetNameLength)
        return u"'%1' is longer than 100 characters."_s.arg(value);
    return {};
}

QString futureDateProblem(QString &value, const QDate &today)
{
    const auto date = DateParser(today).parse(value);
    if (!date) {
        return u"Failed to parse '%1' as a valid date. You can use any format recognized by "
               "dateutil.parser. For example, all of the strings below are valid ways to "
               "represent the same date: '2018-5-13' -or- '05/13/2018' -or- 'May 13 2018'."_s.arg(
                   value);
    }
    if (*date < today) {
        const QLocale c = QLocale::c();
        const QString format = u"MMM dd yyyy"_s;
        return u"Successfully parsed %1 as %2. However, this value must be a date in the future "
               "and %2 is BEFORE %3"_s.arg(value, c.toString(*date, format),
                                           c.toString(today, format));
    }
    value = date->toString(Qt::ISODate);
    return {};
}

ApiResponse message(int status, const QString &message)
{
    return Envelope::bare(status, {{u"message"_s, message}});
}

ApiResponse fail(int status, const QString &message)
{
    return Envelope::bare(status, {{u"status"_s, u"fail"_s}, {u"message"_s, message}});
}

QString localizedDateTime(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), u"MM/dd/yy hh:mm:ss AP"_s) + u" UTC"_s;
}

QString timespanDigits(qint64 seconds)
{
    seconds = std::max<qint64>(seconds, 0);
    const qint64 days = seconds / 86400;
    const QString clock = twoDigits(seconds % 86400 / 3600) + u':' +
                          twoDigits(seconds % 3600 / 60) + u':' + twoDigits(seconds % 60);
    return days > 0 ? unitCount(days, u"day"_s) + u", "_s + clock : clock;
}

QString timespanWords(qint64 seconds)
{
    seconds = std::max<qint64>(seconds, 0);
    QStringList parts;
    if (const qint64 days = seconds / 86400; days > 0)
        parts.append(unitCount(days, u"day"_s));
    parts.append(unitCount(seconds % 86400 / 3600, u"hour"_s));
    parts.append(unitCount(seconds % 3600 / 60, u"minute"_s));
    parts.append(unitCount(seconds % 60, u"second"_s));
    return parts.join(u' ');
}

QString iso8601(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), u"yyyy-MM-dd'T'HH:mm:ss"_s);
}

QString rfc822(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss '-0000'"_s);
}

} // namespace FlaskRestx
