#pragma once

#include <QSpinBox>

// An editor for an age that takes any integer: the API, not the editor, decides what is valid,
// so typing 17 shows the class the API's own "Age must be 18 or older".
class AgeSpinBox : public QSpinBox
{
    Q_OBJECT

public:
    explicit AgeSpinBox(QWidget *parent = nullptr);
};
