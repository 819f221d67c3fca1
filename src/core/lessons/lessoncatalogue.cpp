#include "lessoncatalogue.h"

#include "account/outbox.h"
#include "account/passwordresets.h"
#include "auth/authenticator.h"
#include "auth/tokenservice.h"
#include "lessons.h"
#include "userstore.h"

namespace {

// Asks the lessons themselves, so that a new one is listed without a second list to keep.
QList<LessonEntry> readCatalogue()
{
    const Clock clock = systemClock();
    UserStore users(clock);
    TokenService tokens(QByteArray(), TokenService::DefaultLifetimeSeconds, clock);
    const Authenticator authenticator(tokens, users);
    Outbox outbox(clock);
    PasswordResets passwordResets(clock);
    QList<LessonEntry> entries;
    for (const auto &lesson :
         makeLessonApis({users, tokens, authenticator, outbox, passwordResets, clock}))
        entries.append({lesson->name(), lesson->title()});
    return entries;
}

} // namespace

const QList<LessonEntry> &lessonCatalogue()
{
    static const QList<LessonEntry> catalogue = readCatalogue();
    return catalogue;
}

QStringList lessonNames()
{
    QStringList names;
    for (const LessonEntry &entry : lessonCatalogue())
        names.append(entry.name);
    return names;
}

bool isLessonName(const QString &name)
{
    return lessonNames().contains(name);
}

QString lessonOfPath(QStringView path)
{
    constexpr QStringView lessons = u"/lessons/";
    if (!path.startsWith(lessons))
        return {};
    const QStringView rest = path.sliced(lessons.size());
    const QStringView name = rest.left(rest.indexOf(u'/')); // the whole rest without a slash
    for (const LessonEntry &entry : lessonCatalogue()) {
        if (entry.name == name)
            return entry.name;
    }
    return {};
}
