#pragma once

#include "apierror.h"
#include "apirequest.h"

// "Protect the class API" (API.md Part D): while on, requests from other computers that would
// change the shared API answer 403 CLASS_API_PROTECTED; the trainer's own computer is never
// refused, and reads work.
namespace ClassProtection {

// True for a request that would change the API's data: any method but GET, HEAD and OPTIONS,
// except logging in and refreshing (a student's session, not the class's data). Logging out is
// one: it revokes every refresh token of that user, the trainer's too.
// Whether a route exists for it is the caller's to check (an unknown path stays a 404).
bool changesData(const ApiRequest &request);

// 403 CLASS_API_PROTECTED.
ApiError refusal();

} // namespace ClassProtection
