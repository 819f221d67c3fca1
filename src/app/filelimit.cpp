#include "filelimit.h"

#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

void raiseOpenFileLimit()
{
#ifdef Q_OS_UNIX
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max)
        return;
    const rlim_t hard = limit.rlim_max;
    limit.rlim_cur = hard;
    // macOS refuses an unlimited soft limit; 10,240 is its usual per-process maximum.
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0 && hard > 10240) {
        limit.rlim_cur = 10240;
        setrlimit(RLIMIT_NOFILE, &limit); // best effort: the old limit still works
    }
#endif
}
