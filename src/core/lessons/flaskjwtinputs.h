#pragma once

#include "apirequest.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>
#include <variant>

// What Flask-RESTx does for the flask-jwt lesson (reference 002): its RequestParser with
// bundle_errors=True, the input types the tutorial uses, the bodies of its abort(), and the
// tutorial's date and time-span formats.
namespace FlaskRestx {

// One reqparse argument. type checks the value as sent and may convert it; it answers why the
// value is refused, or an empty string.
struct Argument
{
    QString name;
    bool required = true;
    QString defaultValue; // of an argument that is not required
    std::function<QString(QString &value)> type;
};

using Values = QHash<QString, QString>;

// parse_args(): every argument's value, or 400 {"message": "Input payload validation failed",
// "errors": {name: why}} listing every failing argument. location: where a missing required
// argument was looked for, in reqparse's words ("the post body").
std::variant<Values, ApiResponse> parseArguments(const QJsonObject &source,
                                                 const QList<Argument> &arguments,
                                                 const QString &location);
// The query string as a parser source.
QJsonObject queryArguments(const ApiRequest &request);

// flask_restx.inputs.email(), URL(schemes=["http", "https"]) and positive; the tutorial's
// widget_name and future_date_from_string (which turns the value into "yyyy-MM-dd").
QString emailProblem(const QString &value);
QString urlProblem(const QString &value);
QString positiveProblem(const QString &value, const QString &argument);
QString widgetNameProblem(const QString &value);
QString futureDateProblem(QString &value, const QDate &today);

// abort(status, message): {"message"}; with status="fail": {"status": "fail", "message"}.
ApiResponse message(int status, const QString &message);
ApiResponse fail(int status, const QString &message);

// The tutorial's datetime_util formats: "12/07/26 11:59:59 PM UTC" (localized_dt_string in
// UTC), "00:14:42" (format_timespan_digits), "1 day 14 hours 12 minutes 46 seconds"
// (format_timedelta_str), and Flask-RESTx's DateTime fields.
QString localizedDateTime(const QDateTime &time);
QString timespanDigits(qint64 seconds);
QString timespanWords(qint64 seconds);
QString iso8601(const QDateTime &time);
QString rfc822(const QDateTime &time);

} // namespace FlaskRestx
