#include "agespinbox.h"

#include <limits>

AgeSpinBox::AgeSpinBox(QWidget *parent)
    : QSpinBox(parent)
{
    setRange(std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
}
