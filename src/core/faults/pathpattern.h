#pragma once

#include <QString>
#include <QStringView>

// Path patterns of fault rules, matched segment by segment against the request path with the
// /api/v1 alias prefix removed (so "/users" also matches "/api/v1/users"):
//   "*"            every path
//   "/users"       exactly /users, not /users/ (the router tells them apart too)
//   "/users/*"     one segment: /users/1, /users/abc — not /users, /users/1/ or /users/1/x
//   "/users/**"    any number of segments after /users, none included
// Matching is case-sensitive, like the router. The alias is removed from the pattern too, and a
// pattern with a problem() matches nothing.
namespace PathPattern {

bool matches(QStringView pattern, QStringView path);

// Why a pattern cannot be used ("A path pattern must start with /"), empty when it is fine.
// "**" is only allowed as the last segment.
QString problem(QStringView pattern);

} // namespace PathPattern
