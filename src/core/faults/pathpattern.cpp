#include "pathpattern.h"

#include "router.h"

#include <QList>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QStringView stripAlias(QStringView path)
{
    const QStringView alias = Router::AliasPrefix;
    if (!path.startsWith(alias))
        return path;
    const QStringView rest = path.mid(alias.size());
    if (rest.isEmpty())
        return u"/";
    return rest.startsWith(u'/') ? rest : path;
}

// "/users/1" -> ["users", "1"]; "/users/" -> ["users", ""]; "/" and "" -> []. A trailing slash
// keeps its empty segment: the router treats /users/ as a path of its own.
QList<QStringView> segments(QStringView path)
{
    path = stripAlias(path);
    if (path.startsWith(u'/'))
        path = path.mid(1);
    if (path.isEmpty())
        return {};
    return path.split(u'/');
}

bool segmentsMatch(const QList<QStringView> &pattern, const QList<QStringView> &path)
{
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == u"**") // problem() made sure it is the last segment
            return true;
        if (i >= path.size())
            return false;
        const bool segmentMatches = pattern[i] == u"*" ? !path[i].isEmpty() : pattern[i] == path[i];
        if (!segmentMatches)
            return false;
    }
    return pattern.size() == path.size();
}

} // namespace

namespace PathPattern {

bool matches(QStringView pattern, QStringView path)
{
    if (pattern == u"*")
        return true;
    // A rule whose pattern cannot be used matches nothing rather than something unexpected.
    if (!problem(pattern).isEmpty())
        return false;
    return segmentsMatch(segments(pattern), segments(path));
}

QString problem(QStringView pattern)
{
    if (pattern == u"*")
        return {};
    if (!pattern.startsWith(u'/'))
        return u"A path pattern must start with / (or be * for every path)"_s;
    if (pattern.contains(u'?') || pattern.contains(u'#'))
        return u"A path pattern must not contain ? or # (it is matched against the path alone)"_s;
    // Patterns end up in log lines and on the projector: nothing there may break a line.
    if (std::any_of(pattern.begin(), pattern.end(), [](QChar c) {
            return c.isSpace() || c.category() == QChar::Other_Control || c == u'"';
        }))
        return u"A path pattern must not contain spaces, quotes or control characters"_s;
    if (pattern.contains(u"//"))
        return u"A path pattern must not contain an empty segment (//)"_s;
    const QList<QStringView> parts = segments(pattern);
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QStringView part = parts[i];
        if (part == u"**" && i != parts.size() - 1)
            return u"** may only be the last segment of a path pattern"_s;
        if (part != u"*" && part != u"**" && part.contains(u'*'))
            return u"* and ** must stand for whole segments of a path pattern, as in /users/*"_s;
    }
    return {};
}

} // namespace PathPattern
