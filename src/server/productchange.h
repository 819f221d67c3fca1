#pragma once

#include "product.h"
#include "recordchange.h"

#include <QMetaType>

using ProductChange = RecordChange<Product>;

Q_DECLARE_METATYPE(ProductChange)
