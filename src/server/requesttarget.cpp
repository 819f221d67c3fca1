#include "requesttarget.h"

#include <QUrl>

void applyRequestTarget(ApiRequest &request, const QByteArray &target)
{
    if (!target.startsWith('/') && target != "*") { // absolute-form: http://host/path?query
        const QUrl url = QUrl::fromEncoded(target);
        request.path = url.path(QUrl::FullyDecoded);
        request.query = QUrlQuery(url.query(QUrl::FullyEncoded));
        return;
    }
    QByteArrayView rest(target);
    if (const qsizetype hash = rest.indexOf('#'); hash >= 0)
        rest = rest.first(hash);
    const qsizetype question = rest.indexOf('?');
    const QByteArrayView path = question < 0 ? rest : rest.first(question);
    request.path = QString::fromUtf8(QByteArray::fromPercentEncoding(path.toByteArray()));
    request.query =
        question < 0 ? QUrlQuery() : QUrlQuery(QString::fromUtf8(rest.sliced(question + 1)));
}
