#include "challengeroutes.h"

#include "challengecatalogue.h"
#include "envelope.h"
#include "progresspage.h"
#include "router.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

QJsonObject challengesJson(const ChallengeProgress &progress)
{
    QJsonArray challenges;
    int done = 0;
    for (const Challenge &challenge : challengeCatalogue()) {
        const auto doneAt = progress.done.constFind(challenge.id);
        const bool isDone = doneAt != progress.done.constEnd();
        QJsonObject entry{{u"id"_s, challenge.id},
                          {u"area"_s, challenge.area},
                          {u"title"_s, challenge.title},
                          {u"hint"_s, challenge.hint},
                          {u"done"_s, isDone},
                          {u"done_at"_s, isDone ? QJsonValue(doneAt->toUTC().toString(Qt::ISODate))
                                                : QJsonValue(QJsonValue::Null)}};
        if (isDone) {
            entry.insert(u"teaches"_s, challenge.teaches);
            ++done;
        }
        challenges.append(entry);
    }
    return {{u"challenges"_s, challenges},
            {u"done"_s, done},
            {u"total"_s, int(challengeCatalogue().size())}};
}

void addChallengeRoutes(Router &router, std::function<ChallengeProgress()> progress)
{
    router.addRoute("GET", u"/challenges"_s, [progress](const ApiRequest &, const QStringList &) {
        const QJsonObject data = challengesJson(progress());
        return uncached(
            Envelope::success(200, data,
                              u"%1 of %2 challenges done"_s.arg(data.value(u"done"_s).toInt())
                                  .arg(data.value(u"total"_s).toInt())));
    });
    router.addRoute("GET", u"/progress"_s, [progress](const ApiRequest &, const QStringList &) {
        ApiResponse page;
        page.body = ProgressPage::html(challengeCatalogue(), progress());
        // Its style is inline and it runs no script: nothing else may load.
        page.headers = {{"Content-Type"_ba, "text/html; charset=utf-8"_ba},
                        {"Content-Security-Policy"_ba,
                         "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'"_ba},
                        {"X-Content-Type-Options"_ba, "nosniff"_ba}};
        return uncached(page);
    });
}
