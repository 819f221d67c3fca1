#include "exchangefilter.h"

#include "logtext.h"

bool ExchangeFilter::accepts(const Exchange &exchange) const
{
    // Cheapest tests first; the path text is put together only when it is needed.
    if (!method.isEmpty() && exchange.request.method != method)
        return false;
    if (sandbox && exchange.request.sandbox != *sandbox)
        return false;
    if (statusClass == StatusClass::Faulted ? exchange.faults.isEmpty()
                                            : !isInClass(exchange.response.status, statusClass))
        return false;
    // The full path, or the text the table shows ("[inventory] /auth").
    return pathText.isEmpty() ||
           LogText::target(exchange.request).contains(pathText, Qt::CaseInsensitive) ||
           LogText::lessonTagged(exchange.request).contains(pathText, Qt::CaseInsensitive);
}

bool ExchangeFilter::isInClass(int status, StatusClass statusClass)
{
    switch (statusClass) {
    case StatusClass::Any:
        return true;
    case StatusClass::Success:
        return status >= 200 && status < 300;
    case StatusClass::Redirection:
        return status >= 300 && status < 400;
    case StatusClass::ClientError:
        return status >= 400 && status < 500;
    case StatusClass::ServerError:
        return status >= 500 && status < 600;
    case StatusClass::Error:
        return status >= 400 && status < 600;
    case StatusClass::Faulted:
        return true; // not a matter of the status: see accepts()
    }
    return true;
}
