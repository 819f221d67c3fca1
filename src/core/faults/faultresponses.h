#pragma once

#include "apirequest.h"
#include "faultdecision.h"

// The answers a fault puts in place of the API's own.

// The error envelope a real service would send with this status, e.g. 503 SERVICE_UNAVAILABLE
// "Service temporarily unavailable. Please try again later." (with Retry-After), 502
// BAD_GATEWAY, 504 GATEWAY_TIMEOUT; any other 4xx/5xx gets its reason phrase as code and message.
ApiResponse faultErrorResponse(int status);

// 429 RATE_LIMITED with Retry-After: retryAfterSeconds.
ApiResponse rateLimitedResponse(int limit, int windowSeconds, int retryAfterSeconds);

// The handler's answer as the decision wants it sent: extra headers added, the body cut short,
// emptied or relabelled. Delivery kinds the server acts on itself (Reset, SlowBody) pass
// unchanged but for the extra headers.
ApiResponse shapeResponse(const FaultDecision &decision, ApiResponse response);
