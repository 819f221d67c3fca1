#include "sandboxaddress.h"

using namespace Qt::StringLiterals;

namespace SandboxAddress {

bool isValidName(QStringView name)
{
    if (name.isEmpty() || name.size() > MaxNameLength)
        return false;
    return std::all_of(name.begin(), name.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
               c == u'-' || c == u'_';
    });
}

bool resolve(ApiRequest &request)
{
    if (request.path.startsWith(PathPrefix)) {
        const qsizetype nameEnd = request.path.indexOf(u'/', PathPrefix.size());
        const QStringView name =
            QStringView(request.path)
                .sliced(PathPrefix.size())
                .first((nameEnd < 0 ? request.path.size() : nameEnd) - PathPrefix.size());
        if (!isValidName(name))
            return false;
        request.sandbox = name.toString().toLower();
        request.sandboxPrefix = request.path.first(PathPrefix.size() + name.size());
        // "/s/alice" alone leaves an empty path, which no route has: its 404 names "/s/alice".
        request.path = nameEnd < 0 ? QString() : request.path.sliced(nameEnd);
        return true;
    }
    const QByteArray header = request.header(Header).trimmed();
    if (header.isEmpty())
        return true;
    const QString name = QString::fromLatin1(header);
    if (!isValidName(name))
        return false;
    request.sandbox = name.toLower();
    return true;
}

ApiError invalidName()
{
    return {400, u"INVALID_SANDBOX"_s,
            u"Sandbox names are 1 to 32 characters: letters, digits, - and _"_s};
}

QString basePath(const QString &name)
{
    return name.isEmpty() ? QString() : PathPrefix + name;
}

} // namespace SandboxAddress
