#include "classprotection.h"

#include "router.h"

#include <algorithm>
#include <iterator>

using namespace Qt::StringLiterals;

namespace ClassProtection {

bool changesData(const ApiRequest &request)
{
    if (request.method == "GET" || request.method == "HEAD" || request.method == "OPTIONS")
        return false;
    QStringView path = request.path;
    if (path.startsWith(Router::AliasPrefix) &&
        (path.size() == Router::AliasPrefix.size() || path.at(Router::AliasPrefix.size()) == u'/'))
        path = path.sliced(Router::AliasPrefix.size());
    // Not /logout: it revokes every refresh token of the user, the trainer's too.
    static const QStringView sessionPaths[] = {u"/login", u"/refresh"};
    return std::find(std::begin(sessionPaths), std::end(sessionPaths), path) ==
           std::end(sessionPaths);
}

ApiError refusal()
{
    return {403, u"CLASS_API_PROTECTED"_s,
            u"The class API is read-only for students. Use your own sandbox: "
            u"/s/<your-name>/..."_s};
}

} // namespace ClassProtection
