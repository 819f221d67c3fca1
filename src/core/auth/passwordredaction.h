#pragma once

#include <QByteArray>

// The text of a JSON body with the string value of every "password" member replaced by
// "********" (an unterminated one: everything after it), the rest left byte for byte: what the
// window's log and inspector keep of a login or a registration, so that no password reaches a
// screen, a projector or an exported cURL command.
QByteArray redactPasswords(const QByteArray &body);
