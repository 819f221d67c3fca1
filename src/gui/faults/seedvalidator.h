#pragma once

#include <QValidator>
#include <optional>

// A random seed typed in decimal: any quint32, 0 to 4294967295, which QSpinBox (an int) cannot
// hold.
class SeedValidator : public QValidator
{
public:
    using QValidator::QValidator;

    State validate(QString &input, int &pos) const override;
    void fixup(QString &input) const override;

    // The seed in the text, if it is one.
    static std::optional<quint32> seedOf(const QString &text);
};
