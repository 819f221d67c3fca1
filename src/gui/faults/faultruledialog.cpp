#include "faultruledialog.h"

#include "apirequest.h"
#include "guistyle.h"
#include "httpstatus.h"
#include "pathpattern.h"
#include "ui_faultruledialog.h"

#include <QEvent>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

using ActionKind = FaultAction::Kind;
using TriggerKind = FaultTrigger::Kind;

// The statuses a class meets most, server errors first.
constexpr int CommonStatuses[] = {500, 502, 503, 504, 429, 400, 401, 403, 404, 408, 409};

constexpr int MinStatus = 400;
constexpr int MaxStatus = 599;

template<typename Enum>
Enum currentKind(const QComboBox *comboBox)
{
    return Enum(comboBox->currentData().toInt());
}

template<typename Enum>
void selectKind(QComboBox *comboBox, Enum kind)
{
    comboBox->setCurrentIndex(qMax(0, comboBox->findData(int(kind))));
}

} // namespace

FaultRuleDialog::FaultRuleDialog(Purpose purpose, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::FaultRuleDialog>())
{
    m_ui->setupUi(this);
    fillChoices();
    m_ui->latencySpinBox->setRange(1, LatencyFault::MaxMs);
    m_ui->durationSpinBox->setRange(1, FaultAction::MaxDurationMs);
    m_ui->percentSpinBox->setRange(0, 100);
    m_ui->countSpinBox->setRange(1, FaultTrigger::MaxCount);
    m_ui->pathEdit->setFont(GuiStyle::monospaceFont());
    GuiStyle::followTheme(m_ui->problemLabel, [label = m_ui->problemLabel] {
        GuiStyle::setTextColor(label, GuiStyle::statusColor(500));
    });
    updateEmphasisFonts();

    if (purpose == Purpose::Edit) {
        setWindowTitle(tr("Edit rule"));
    } else {
        setWindowTitle(tr("Add rule"));
        m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    }

    const auto update = [this] {
        updateForm();
    };
    connect(m_ui->enabledCheckBox, &QCheckBox::toggled, this, update);
    connect(m_ui->methodComboBox, &QComboBox::currentIndexChanged, this, update);
    connect(m_ui->pathEdit, &QLineEdit::textChanged, this, update);
    connect(m_ui->actionComboBox, &QComboBox::currentIndexChanged, this, update);
    connect(m_ui->statusComboBox, &QComboBox::currentTextChanged, this, update);
    connect(m_ui->latencySpinBox, &QSpinBox::valueChanged, this, update);
    connect(m_ui->durationSpinBox, &QSpinBox::valueChanged, this, update);
    connect(m_ui->triggerComboBox, &QComboBox::currentIndexChanged, this, update);
    connect(m_ui->percentSpinBox, &QSpinBox::valueChanged, this, update);
    connect(m_ui->countSpinBox, &QSpinBox::valueChanged, this, update);
    // A typed "418" becomes "418 I'm a teapot", like the choices in the list.
    connect(m_ui->statusComboBox->lineEdit(), &QLineEdit::editingFinished, this, [this] {
        const int status = statusOf(m_ui->statusComboBox->currentText());
        if (status != 0)
            m_ui->statusComboBox->setCurrentText(statusText(status));
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &FaultRuleDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &FaultRuleDialog::reject);

    setRule(FaultRule());
}

FaultRuleDialog::~FaultRuleDialog() = default;

void FaultRuleDialog::fillChoices()
{
    QComboBox *methods = m_ui->methodComboBox;
    methods->addItem(tr("Any"), QByteArray());
    for (const QByteArray &method : commonHttpMethods())
        methods->addItem(QString::fromLatin1(method), method);

    QComboBox *actions = m_ui->actionComboBox;
    actions->addItem(tr("Respond with an error status"), int(ActionKind::Status));
    actions->addItem(tr("Add latency"), int(ActionKind::Latency));
    actions->addItem(tr("Drop the connection"), int(ActionKind::Drop));
    actions->addItem(tr("Reset mid-response"), int(ActionKind::Reset));
    actions->addItem(tr("Truncated JSON body"), int(ActionKind::MalformedBody));
    actions->addItem(tr("Empty body"), int(ActionKind::EmptyBody));
    actions->addItem(tr("Wrong Content-Type"), int(ActionKind::WrongContentType));
    actions->addItem(tr("Slow body"), int(ActionKind::SlowBody));

    for (const int status : CommonStatuses)
        m_ui->statusComboBox->addItem(statusText(status));

    QComboBox *triggers = m_ui->triggerComboBox;
    triggers->addItem(tr("Always"), int(TriggerKind::Always));
    triggers->addItem(tr("Probability %"), int(TriggerKind::Probability));
    triggers->addItem(tr("Next N requests"), int(TriggerKind::NextN));
    triggers->addItem(tr("Every Nth request"), int(TriggerKind::EveryNth));
}

void FaultRuleDialog::setRule(const FaultRule &rule)
{
    m_rule = rule;
    m_ui->enabledCheckBox->setChecked(rule.enabled);
    QComboBox *methods = m_ui->methodComboBox;
    int methodIndex = methods->findData(rule.method);
    if (methodIndex < 0) {
        // An unusual method from an imported file stays what it was.
        methods->addItem(QString::fromLatin1(rule.method), rule.method);
        methodIndex = methods->count() - 1;
    }
    methods->setCurrentIndex(methodIndex);
    m_ui->pathEdit->setText(rule.path);
    selectKind(m_ui->actionComboBox, rule.action.kind);
    m_ui->statusComboBox->setCurrentText(statusText(rule.action.status));
    m_ui->latencySpinBox->setValue(rule.action.latencyMs);
    m_ui->durationSpinBox->setValue(rule.action.durationMs);
    selectKind(m_ui->triggerComboBox, rule.trigger.kind);
    m_ui->percentSpinBox->setValue(rule.trigger.percent);
    m_ui->countSpinBox->setValue(rule.trigger.count);
    updateForm();
}

FaultRule FaultRuleDialog::rule() const
{
    FaultRule rule = m_rule;
    rule.enabled = m_ui->enabledCheckBox->isChecked();
    rule.method = m_ui->methodComboBox->currentData().toByteArray();
    rule.path = m_ui->pathEdit->text();
    rule.action.kind = currentKind<ActionKind>(m_ui->actionComboBox);
    if (const int status = statusOf(m_ui->statusComboBox->currentText()))
        rule.action.status = status;
    rule.action.latencyMs = m_ui->latencySpinBox->value();
    rule.action.durationMs = m_ui->durationSpinBox->value();
    rule.trigger.kind = currentKind<TriggerKind>(m_ui->triggerComboBox);
    rule.trigger.percent = m_ui->percentSpinBox->value();
    rule.trigger.count = m_ui->countSpinBox->value();
    return rule;
}

QString FaultRuleDialog::problem() const
{
    const QString pathProblem = PathPattern::problem(m_ui->pathEdit->text());
    if (!pathProblem.isEmpty())
        return pathProblem;
    if (currentKind<ActionKind>(m_ui->actionComboBox) == ActionKind::Status &&
        statusOf(m_ui->statusComboBox->currentText()) == 0)
        return tr("The status must be a number from %1 to %2.").arg(MinStatus).arg(MaxStatus);
    return {};
}

void FaultRuleDialog::accept()
{
    // Return in a field reaches here even while OK is disabled.
    if (!problem().isEmpty())
        return;
    emit ruleAccepted(rule());
    QDialog::accept();
}

QString FaultRuleDialog::statusText(int status)
{
    const QByteArrayView reason = reasonPhrase(status);
    if (reason.isEmpty())
        return QString::number(status);
    return QString::number(status) + u' ' + QString::fromLatin1(reason);
}

int FaultRuleDialog::statusOf(const QString &text)
{
    static const QRegularExpression leadingStatus(u"^\\s*(\\d{3})(?!\\d)"_s);
    const QRegularExpressionMatch match = leadingStatus.match(text);
    if (!match.hasMatch())
        return 0;
    const int status = match.captured(1).toInt();
    return status >= MinStatus && status <= MaxStatus ? status : 0;
}

void FaultRuleDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateEmphasisFonts();
}

void FaultRuleDialog::updateEmphasisFonts()
{
    // The rule in a sentence is what the form adds up to: it stands out. Derived again on every
    // change of the dialog's font (the window's zoom).
    m_ui->previewLabel->setFont(GuiStyle::emphasisedFont(font(), 1.0));
}

void FaultRuleDialog::updateForm()
{
    const ActionKind action = currentKind<ActionKind>(m_ui->actionComboBox);
    QFormLayout *form = m_ui->fieldsLayout;
    form->setRowVisible(m_ui->statusComboBox, action == ActionKind::Status);
    form->setRowVisible(m_ui->latencySpinBox, action == ActionKind::Latency);
    form->setRowVisible(m_ui->durationSpinBox, action == ActionKind::SlowBody);

    // What the class will see, and whether the API still handles the request (a POST that is
    // reset mid-response has created its user all the same).
    QString hint;
    switch (action) {
    case ActionKind::Status:
        hint = tr("Answers with this status and an error body. The request is not handled.");
        break;
    case ActionKind::Latency:
        hint = tr("Waits this much longer; the rules below and the API then answer as usual.");
        break;
    case ActionKind::Drop:
        hint = tr("Closes the connection without an answer. The request is not handled.");
        break;
    case ActionKind::Reset:
        hint = tr("Handles the request, sends part of the answer, then resets the connection.");
        break;
    case ActionKind::MalformedBody:
        hint = tr("Handles the request, then cuts the JSON body short.");
        break;
    case ActionKind::EmptyBody:
        hint = tr("Handles the request, then sends the status and headers with no body.");
        break;
    case ActionKind::WrongContentType:
        hint = tr("Handles the request, then labels the JSON body text/html.");
        break;
    case ActionKind::SlowBody:
        hint = tr("Handles the request, then sends the body a little at a time.");
        break;
    }
    m_ui->actionHintLabel->setText(hint);

    const TriggerKind trigger = currentKind<TriggerKind>(m_ui->triggerComboBox);
    form->setRowVisible(m_ui->percentSpinBox, trigger == TriggerKind::Probability);
    const bool counted = trigger == TriggerKind::NextN || trigger == TriggerKind::EveryNth;
    form->setRowVisible(m_ui->countSpinBox, counted);
    if (trigger == TriggerKind::NextN) {
        m_ui->countLabel->setText(tr("&How many:"));
        m_ui->countSpinBox->setSuffix(tr(" requests"));
        m_ui->countSpinBox->setToolTip(
            tr("The next this many matching requests get the fault, then none"));
    } else if (trigger == TriggerKind::EveryNth) {
        m_ui->countLabel->setText(tr("&Every:"));
        m_ui->countSpinBox->setSuffix(tr(" requests"));
        m_ui->countSpinBox->setToolTip(tr("Once in this many matching requests: the last of them"));
    }

    const QString problemText = problem();
    m_ui->problemLabel->setText(problemText);
    m_ui->problemLabel->setVisible(!problemText.isEmpty());
    m_ui->previewLabel->setText(problemText.isEmpty() ? describe(rule()) : QString());
    m_ui->previewLabel->setVisible(problemText.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(problemText.isEmpty());
}
