#pragma once

#include <QByteArray>

// The text of a body with the string value of every "password" member replaced by "********",
// the rest left byte for byte: what the window's log and inspector keep of a login or a
// registration, so that no password reaches a screen, a projector or an exported cURL command.
// A valid JSON body is read as the API reads it: a key written with escapes ("pass\u0077ord")
// is a password key too. In any other body, a literal "password" key is hidden, and an
// unterminated value hides everything after it.
QByteArray redactPasswords(const QByteArray &body);
