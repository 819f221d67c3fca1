#pragma once

#include "apirequest.h"

#include <QByteArray>

// Sets request's path (percent-decoded) and query from the request target as the client sent
// it. An origin-form target is split at '?' rather than given to QUrl, which would read
// "//users" as an authority and leave the path empty.
void applyRequestTarget(ApiRequest &request, const QByteArray &target);
