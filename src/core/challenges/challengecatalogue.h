#pragma once

#include "challenge.h"

#include <QList>

// Every challenge, in the order the board shows them.
const QList<Challenge> &challengeCatalogue();
