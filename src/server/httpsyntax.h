#pragma once

#include <QByteArrayView>

// RFC 9110 syntax shared by the request framer and the response writer.
namespace HttpSyntax {

bool isTokenChar(char c);
// A method or header field name: one or more token characters.
bool isToken(QByteArrayView text);

} // namespace HttpSyntax
