#pragma once

#include "apierror.h"
#include "apirequest.h"

#include <QStringView>

// How a request names its sandbox (API.md Part D): the path prefix /s/<name>, or the header
// X-Sandbox on an un-prefixed path. The prefix wins; an empty header means the shared API.
namespace SandboxAddress {

inline constexpr QStringView PathPrefix = u"/s/";
inline constexpr QByteArrayView Header = "X-Sandbox";
inline constexpr int MaxNameLength = 32;

// 1 to 32 of a-z, A-Z, 0-9, - and _.
bool isValidName(QStringView name);

// Moves the name the request gives into request.sandbox (lower case) and strips the prefix from
// request.path (into request.sandboxPrefix). False, with the request unchanged, when the name
// given is not a valid one.
bool resolve(ApiRequest &request);

// 400 INVALID_SANDBOX.
ApiError invalidName();

// The path prefix of a sandbox's base URL, "/s/alice"; empty for the shared API.
QString basePath(const QString &name);

} // namespace SandboxAddress
