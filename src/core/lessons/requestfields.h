#pragma once

#include "apirequest.h"

#include <QJsonObject>

// A lesson request's fields: its JSON object, or its HTML form (application/x-www-form-urlencoded,
// '+' for a space), as the Flask references read both (request.get_json() or request.form).
// Neither: no fields.
QJsonObject requestFields(const ApiRequest &request);
