#pragma once

#include "exchange.h"

#include <QString>

// A data reset is the one request that wipes what a class built: the log names it as such,
// whoever made it ("Data reset — by POST /reset", "Data reset of alice's sandbox — by the
// control API", "Data reset — by the trainer (window)").
namespace DataReset {

// The sentence for a reset of `sandbox` ("" : the class API) caused by `cause`.
QString describe(const QString &sandbox, const QString &cause);
// What the exchange did, if it reset an instance (POST /reset, /_dojo/reset,
// /_dojo/sandboxes/{name}/reset, answered 200); empty otherwise.
QString describe(const Exchange &exchange);
// The log's record of a reset the trainer made in the window: no request behind it, the
// reset's own answer as its response.
Exchange trainerRecord(const QString &sandbox, const ApiResponse &response);

} // namespace DataReset
