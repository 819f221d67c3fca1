#include "challengecsv.h"

#include "progressrowsmodel.h"

#include <QStringList>

using namespace Qt::StringLiterals;

QString ChallengeCsv::field(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') &&
        !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QByteArray ChallengeCsv::write(const QList<Challenge> &challenges,
                               const QList<ChallengeProgress> &instances)
{
    QStringList header{u"student"_s, u"done"_s};
    for (const Challenge &challenge : challenges)
        header.append(field(challenge.id));
    QString csv = header.join(u',') + u"\r\n"_s;
    for (const ChallengeProgress &instance : instances) {
        QStringList line{field(ProgressRowsModel::instanceName(instance.sandbox)), QString()};
        int done = 0;
        for (const Challenge &challenge : challenges) {
            const QDateTime at = instance.done.value(challenge.id);
            done += at.isValid() ? 1 : 0;
            line.append(at.isValid() ? at.toUTC().toString(Qt::ISODate) : QString());
        }
        line[1] = QString::number(done);
        csv += line.join(u',') + u"\r\n"_s;
    }
    return csv.toUtf8();
}
