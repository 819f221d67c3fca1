#pragma once

#include <QByteArrayView>

// The standard reason phrase of a status ("Created" for 201), empty for an unusual one.
QByteArrayView reasonPhrase(int status);
