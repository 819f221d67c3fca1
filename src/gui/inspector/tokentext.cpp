#include "tokentext.h"

#include "authenticator.h"
#include "guistyle.h"

using namespace Qt::StringLiterals;

namespace TokenText {

namespace {

// Local time; with the date when it is not the day of the request.
QString momentText(const QDateTime &moment, const QDateTime &request)
{
    const QDateTime local = moment.toLocalTime();
    return local.toString(local.date() == request.toLocalTime().date() ? u"HH:mm:ss"_s
                                                                       : u"yyyy-MM-dd HH:mm:ss"_s);
}

// "59 min 57 s after the request" / "1 min 2 s before the request"; for a pasted token, judged
// now: "in 59 min 57 s" / "1 min 2 s ago".
QString relativeToJudgement(qint64 secondsAfter, const TokenReport &report)
{
    const bool now = report.kind == TokenReport::Origin::Pasted;
    if (secondsAfter == 0)
        return now ? u"this second"_s : u"in the same second as the request"_s;
    const QString length = span(qAbs(secondsAfter));
    if (now)
        return secondsAfter > 0 ? u"in "_s + length : length + u" ago"_s;
    return length + (secondsAfter > 0 ? u" after the request"_s : u" before the request"_s);
}

} // namespace

QString verdictTitle(const TokenReport &report)
{
    using Verdict = TokenCheck::Verdict;
    if (report.kind == TokenReport::Origin::Response)
        return u"Issued token"_s;
    if (!report.judged)
        return u"Token not checked"_s;
    switch (report.check.verdict) {
    case Verdict::None:
        return u"No token"_s;
    case Verdict::Valid:
        return u"Valid token"_s;
    case Verdict::Malformed:
        return u"Malformed token"_s;
    case Verdict::Forged:
        return u"Forged token"_s;
    case Verdict::Expired:
        return u"Expired token"_s;
    case Verdict::NotYetValid:
        return u"Token not yet valid"_s;
    case Verdict::Revoked:
        return u"Revoked token"_s;
    case Verdict::WrongType:
        return u"Wrong token type"_s;
    case Verdict::UserDeleted:
        return u"User deleted"_s;
    case Verdict::NotFresh:
        return u"Token not fresh"_s;
    }
    return {};
}

QColor verdictColor(const TokenReport &report)
{
    using Verdict = TokenCheck::Verdict;
    if (!report.judged)
        return GuiStyle::statusColor(0);
    switch (report.check.verdict) {
    case Verdict::Valid:
        return GuiStyle::statusColor(200);
    case Verdict::Expired:
    case Verdict::NotYetValid:
    case Verdict::Revoked:
    case Verdict::NotFresh:
        return GuiStyle::statusColor(401);
    case Verdict::Forged:
    case Verdict::Malformed:
    case Verdict::WrongType:
    case Verdict::UserDeleted:
        return GuiStyle::statusColor(500);
    case Verdict::None:
        break;
    }
    return GuiStyle::statusColor(0);
}

QString consequence(const TokenReport &report)
{
    using Verdict = TokenCheck::Verdict;
    if (report.kind != TokenReport::Origin::Request || !report.judged)
        return {};
    const bool valid = report.check.verdict == Verdict::Valid;
    if (!report.check.requiredByRoute) {
        return valid ? u"This route needs no token; the API would accept this one."_s
                     : u"This route needs no token, so the API answered anyway; a route that "
                       "needs one would refuse it."_s;
    }
    if (valid)
        return u"The API accepted it."_s;
    const ApiError error = Authenticator::errorFor(report.check.verdict);
    return u"The API answered %1 %2."_s.arg(error.status).arg(error.code);
}

QString span(qint64 seconds)
{
    constexpr qint64 Minute = 60;
    constexpr qint64 Hour = 60 * Minute;
    constexpr qint64 Day = 24 * Hour;
    if (seconds < Minute)
        return u"%1 s"_s.arg(seconds);
    if (seconds < Hour)
        return u"%1 min %2 s"_s.arg(seconds / Minute).arg(seconds % Minute);
    if (seconds < Day)
        return u"%1 h %2 min"_s.arg(seconds / Hour).arg(seconds % Hour / Minute);
    return u"%1 d %2 h"_s.arg(seconds / Day).arg(seconds % Day / Hour);
}

QString issuedText(const TokenReport &report)
{
    if (!report.issuedAt)
        return u"No issue time (iat)"_s;
    return u"Issued "_s + momentText(*report.issuedAt, report.judgedAt) + u", "_s +
           relativeToJudgement(
               report.issuedAt->toSecsSinceEpoch() - report.judgedAt.toSecsSinceEpoch(), report);
}

QString expiryText(const TokenReport &report)
{
    if (!report.expiresAt || !report.secondsToExpiry)
        return u"No expiry time (exp)"_s;
    const qint64 left = *report.secondsToExpiry;
    return (left > 0 ? u"Expires "_s : u"Expired "_s) +
           momentText(*report.expiresAt, report.judgedAt) + u", "_s +
           relativeToJudgement(left, report);
}

} // namespace TokenText
