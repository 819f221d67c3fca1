#include "progresspage.h"

using namespace Qt::StringLiterals;

namespace {

// Large type and high contrast: it is read from across a desk, or on a projector.
constexpr QStringView Style =
    u"body{font:18px/1.45 system-ui,sans-serif;margin:0 auto;max-width:46em;padding:1em;"
    u"color:#1b1b1b;background:#fff}"
    u"h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.15em;margin:1.2em 0 .3em}"
    u".bar{height:1.1em;background:#e4e4e4;border-radius:.3em;overflow:hidden}"
    u".bar div{height:100%;background:#1a7f37}"
    u"ul{list-style:none;padding:0;margin:0}"
    u"li{padding:.45em .6em;border-bottom:1px solid #ddd}"
    u"li.done{background:#eef8f0}"
    u".mark{display:inline-block;width:1.4em;font-weight:bold}"
    u"li.done .mark{color:#1a7f37}li.open .mark{color:#6b6b6b}"
    u".id,.when{color:#595959;font-size:.85em}"
    u".note{display:block;margin-left:1.4em;color:#3b3b3b}"
    u"@media(prefers-color-scheme:dark){body{color:#eee;background:#161616}"
    u"li{border-color:#333}li.done{background:#13291a}.bar{background:#333}"
    u".id,.when{color:#aaa}.note{color:#ccc}li.open .mark{color:#aaa}}";

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString item(const Challenge &challenge, const ChallengeProgress &progress)
{
    const auto doneAt = progress.done.constFind(challenge.id);
    const bool done = doneAt != progress.done.constEnd();
    QString html = done ? u"<li class=\"done\"><span class=\"mark\">✓</span>"_s
                        : u"<li class=\"open\"><span class=\"mark\">○</span>"_s;
    html +=
        escaped(challenge.title) + u" <span class=\"id\">"_s + escaped(challenge.id) + u"</span>"_s;
    if (done) {
        html += u" <span class=\"when\">done "_s +
                doneAt->toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" UTC</span>"_s +
                u"<span class=\"note\">"_s + escaped(challenge.teaches) + u"</span>"_s;
    } else {
        html += u"<span class=\"note\">Hint: "_s + escaped(challenge.hint) + u"</span>"_s;
    }
    return html + u"</li>"_s;
}

} // namespace

QByteArray ProgressPage::html(const QList<Challenge> &catalogue, const ChallengeProgress &progress)
{
    int doneCount = 0;
    for (const Challenge &challenge : catalogue)
        doneCount += progress.done.contains(challenge.id) ? 1 : 0;
    const QString who = progress.sandbox.isEmpty()
                            ? u"the class API"_s
                            : u"sandbox “"_s + escaped(progress.sandbox) + u"”"_s;
    const int percent = catalogue.isEmpty() ? 0 : doneCount * 100 / int(catalogue.size());

    QString page = u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   u"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                   u"<meta http-equiv=\"refresh\" content=\""_s +
                   QString::number(RefreshSeconds) + u"\"><title>"_s + QString::number(doneCount) +
                   u"/"_s + QString::number(catalogue.size()) +
                   u" · ApiDojo challenges</title><style>"_s + Style + u"</style></head><body>"_s;
    page +=
        u"<h1>Challenges of "_s + who + u"</h1><p><strong>"_s + QString::number(doneCount) +
        u" of "_s + QString::number(catalogue.size()) + u" done</strong> ("_s +
        QString::number(percent) + u" %). This page follows your requests: it reloads every "_s +
        QString::number(RefreshSeconds) + u" seconds.</p><div class=\"bar\"><div style=\"width:"_s +
        QString::number(percent) + u"%\"></div></div>"_s;
    QString area;
    for (const Challenge &challenge : catalogue) {
        if (challenge.area != area) {
            if (!area.isEmpty())
                page += u"</ul>"_s;
            area = challenge.area;
            page += u"<h2>"_s + escaped(area) + u"</h2><ul>"_s;
        }
        page += item(challenge, progress);
    }
    if (!area.isEmpty())
        page += u"</ul>"_s;
    page += u"</body></html>\n"_s;
    return page.toUtf8();
}
