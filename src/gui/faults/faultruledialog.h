#pragma once

#include "faultplan.h"

#include <QDialog>
#include <memory>

namespace Ui {
class FaultRuleDialog;
}

// Adds or edits one fault rule: which requests (method, path pattern), what goes wrong (the
// action and its parameter) and when (the trigger). Only the parameters the chosen kinds use are
// shown; the others keep their values, so switching kinds back and forth loses nothing. OK stays
// disabled, with the reason shown, while the form does not describe a usable rule. Opened with
// open() (window-modal, not blocking); it emits ruleAccepted() on OK.
class FaultRuleDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Purpose { Add, Edit };

    explicit FaultRuleDialog(Purpose purpose, QWidget *parent = nullptr);
    ~FaultRuleDialog() override;

    void setRule(const FaultRule &rule);
    // The rule as the form describes it.
    FaultRule rule() const;
    // Why OK is disabled (the first problem found), empty when the rule can be used.
    QString problem() const;

    void accept() override;

    // "503 Service Unavailable", or "599" for a status without a standard reason phrase.
    static QString statusText(int status);
    // The status a typed or chosen text starts with; 0 unless it is 400 to 599.
    static int statusOf(const QString &text);

signals:
    void ruleAccepted(const FaultRule &rule);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillChoices();
    void updateEmphasisFonts();
    void updateForm();

    std::unique_ptr<Ui::FaultRuleDialog> m_ui;
    // Kept for the status a half-typed field does not give (it is not shown then anyway).
    FaultRule m_rule;
};
