#include "faultpanel.h"

#include "controlapi.h"
#include "faultplanfile.h"
#include "faultpresets.h"
#include "faultruledialog.h"
#include "faultrulemodel.h"
#include "flowlayout.h"
#include "fontfittedtable.h"
#include "guistyle.h"
#include "seedvalidator.h"
#include "ui_faultpanel.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPersistentModelIndex>
#include <QScrollBar>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// Room for "503 Service Unavailable"; longer actions are elided, with the rule in the tooltip.
constexpr int ActionColumnCharacters = 22;

// The rate limit's window in the largest unit that holds it whole.
constexpr int WindowUnits[] = {3600, 60, 1};

void setValueQuietly(QSpinBox *spinBox, int value)
{
    // Left alone when equal, so that a number the trainer is typing stays.
    if (spinBox->value() != value)
        spinBox->setValue(value);
}

} // namespace

FaultPanel::FaultPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::FaultPanel>())
    , m_model(new FaultRuleModel(this))
{
    m_ui->setupUi(this);
    setUpPresetsMenu();
    setUpRulesTable();

    m_ui->latencyFixedSpinBox->setRange(0, LatencyFault::MaxMs);
    m_ui->latencyJitterSpinBox->setRange(0, LatencyFault::MaxMs);
    m_ui->rateLimitSpinBox->setRange(1, RateLimitFault::MaxLimit);
    m_ui->rateWindowUnitComboBox->addItem(tr("s"), 1);
    m_ui->rateWindowUnitComboBox->addItem(tr("min"), 60);
    m_ui->rateWindowUnitComboBox->addItem(tr("h"), 3600);
    m_ui->rateWindowUnitComboBox->setToolTip(tr("Seconds, minutes or hours"));
    m_ui->seedEdit->setValidator(new SeedValidator(m_ui->seedEdit));
    m_ui->seedEdit->setFont(GuiStyle::monospaceFont());
    m_ui->controlKeyEdit->setFont(GuiStyle::monospaceFont());
    m_ui->controlKeyEdit->setEchoMode(QLineEdit::Password);
    m_ui->controlKeyEdit->setToolTip(tr(
        "Hidden so that the class cannot read it off the screen; Copy puts it on the clipboard"));
    m_ui->controlHintLabel->setFont(GuiStyle::monospaceFont());

    connectSettings();
    m_ui->scrollArea->viewport()->installEventFilter(this);

    showPlan();
    m_ui->seedInUseLabel->setText(tr("Seed in use: not known yet"));
    setControlApi(false, QString(), QString());
    updateEmphasisFonts();
    // Colours set once on these two: again whenever the theme changes.
    GuiStyle::followTheme(m_ui->summaryLabel, [this] { colourSummary(); });
    GuiStyle::followTheme(m_ui->allOffButton, [this] { colourAllOffButton(); });
}

FaultPanel::~FaultPanel() = default;

QTableView *FaultPanel::rulesView() const
{
    return m_ui->rulesTable;
}

void FaultPanel::setUpPresetsMenu()
{
    auto *menu = new QMenu(m_ui->presetsButton);
    menu->setToolTipsVisible(true);
    const QList<FaultPreset> presets = FaultPresets::all();
    for (int index = 0; index < presets.size(); ++index) {
        QAction *action = menu->addAction(presets[index].name);
        action->setToolTip(presets[index].description);
        connect(action, &QAction::triggered, this, [this, index] { applyPreset(index); });
    }
    m_ui->presetsButton->setMenu(menu);
}

void FaultPanel::setUpRulesTable()
{
    QTableView *table = m_ui->rulesTable;
    table->setModel(m_model);
    m_fitting = new FontFittedTable(table);
    // Widths from typical texts of each column, so that they do not jump as rules come and go;
    // the Action column takes the rest, and a longer text is elided (its tooltip has the rule).
    m_fitting->setColumnSamples(FaultRuleModel::OnColumn, {QString()});
    m_fitting->setColumnSamples(FaultRuleModel::MethodColumn,
                                {u"DELETE"_s, FaultRuleModel::methodText({})});
    m_fitting->setColumnSamples(FaultRuleModel::PathColumn, {u"/users/**"_s});
    FaultTrigger trigger;
    trigger.kind = FaultTrigger::Kind::NextN;
    trigger.count = 5;
    m_fitting->setColumnSamples(FaultRuleModel::TriggerColumn, {describe(trigger)});
    FaultAction action;
    action.status = 503;
    m_fitting->setColumnSamples(FaultRuleModel::ActionColumn, {describe(action)});
    m_fitting->setMinimumColumnWidth(FaultRuleModel::ActionColumn, ActionColumnCharacters);
    m_fitting->fitColumns();
    m_fitting->setStretchColumn(FaultRuleModel::ActionColumn);

    connect(table, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { openEditRuleDialog(index.row()); });
    // Keys for the buttons' jobs, only while the table has the focus.
    auto *editAction = new QAction(tr("Edit rule"), table);
    editAction->setShortcuts({Qt::Key_Return, Qt::Key_Enter});
    editAction->setShortcutContext(Qt::WidgetShortcut);
    connect(editAction, &QAction::triggered, this, [this] { openEditRuleDialog(selectedRow()); });
    auto *removeAction = new QAction(tr("Remove rule"), table);
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    connect(removeAction, &QAction::triggered, this, &FaultPanel::removeSelectedRule);
    table->addActions({editAction, removeAction});

    connect(m_model, &FaultRuleModel::rulesEdited, this, &FaultPanel::editRules);
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FaultPanel::updateRuleActions);
    // Rows that go take their selection with them, without a selectionChanged.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &FaultPanel::updateRuleActions);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &FaultPanel::updateRuleActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &FaultPanel::updateRuleActions);

    auto *buttons = new FlowLayout(m_ui->ruleButtonsBar);
    buttons->setContentsMargins({});
    for (QPushButton *button : {m_ui->addRuleButton, m_ui->editRuleButton, m_ui->removeRuleButton,
                                m_ui->moveUpButton, m_ui->moveDownButton})
        buttons->addWidget(button);
    connect(m_ui->addRuleButton, &QPushButton::clicked, this, &FaultPanel::openAddRuleDialog);
    connect(m_ui->editRuleButton, &QPushButton::clicked, this,
            [this] { openEditRuleDialog(selectedRow()); });
    connect(m_ui->removeRuleButton, &QPushButton::clicked, this, &FaultPanel::removeSelectedRule);
    connect(m_ui->moveUpButton, &QPushButton::clicked, this, [this] { moveSelectedRule(true); });
    connect(m_ui->moveDownButton, &QPushButton::clicked, this, [this] { moveSelectedRule(false); });
}

void FaultPanel::connectSettings()
{
    // One handler per field: the change goes into a copy of the plan, unless it is setPlan's.
    const auto onEdit = [this](auto change) {
        return [this, change](auto value) {
            if (m_showingPlan)
                return;
            FaultPlan plan = m_plan;
            change(plan, value);
            edit(plan);
        };
    };

    connect(m_ui->latencyCheckBox, &QCheckBox::toggled, this,
            onEdit([](FaultPlan &plan, bool on) { plan.latency.enabled = on; }));
    connect(m_ui->latencyFixedSpinBox, &QSpinBox::valueChanged, this,
            onEdit([](FaultPlan &plan, int ms) { plan.latency.fixedMs = ms; }));
    connect(m_ui->latencyJitterSpinBox, &QSpinBox::valueChanged, this,
            onEdit([](FaultPlan &plan, int ms) { plan.latency.jitterMs = ms; }));
    connect(m_ui->exemptHealthCheckBox, &QCheckBox::toggled, this,
            onEdit([](FaultPlan &plan, bool on) { plan.latency.exemptHealth = on; }));

    connect(m_ui->rateLimitCheckBox, &QCheckBox::toggled, this,
            onEdit([](FaultPlan &plan, bool on) { plan.rateLimit.enabled = on; }));
    connect(m_ui->rateLimitSpinBox, &QSpinBox::valueChanged, this,
            onEdit([](FaultPlan &plan, int limit) { plan.rateLimit.limit = limit; }));
    connect(m_ui->rateWindowSpinBox, &QSpinBox::valueChanged, this,
            onEdit([this](FaultPlan &plan, int count) {
                plan.rateLimit.windowSeconds =
                    count * m_ui->rateWindowUnitComboBox->currentData().toInt();
            }));
    connect(m_ui->rateWindowUnitComboBox, &QComboBox::currentIndexChanged, this,
            onEdit([this](FaultPlan &plan, int) {
                // "2 min" becomes "2 h": the number stays, within the longest window.
                const int unit = m_ui->rateWindowUnitComboBox->currentData().toInt();
                const QSignalBlocker blocker(m_ui->rateWindowSpinBox);
                m_ui->rateWindowSpinBox->setMaximum(RateLimitFault::MaxWindowSeconds / unit);
                plan.rateLimit.windowSeconds = m_ui->rateWindowSpinBox->value() * unit;
            }));

    connect(m_ui->fixedSeedCheckBox, &QCheckBox::toggled, this,
            onEdit([this](FaultPlan &plan, bool on) {
                if (!on) {
                    plan.seed.reset();
                    return;
                }
                // Fixing the seed keeps the random faults of this run, unless one was typed.
                std::optional<quint32> seed = SeedValidator::seedOf(m_ui->seedEdit->text());
                if (!seed)
                    seed = m_seedInUse.value_or(0);
                m_ui->seedEdit->setText(QString::number(*seed));
                plan.seed = seed;
            }));
    connect(m_ui->seedEdit, &QLineEdit::editingFinished, this, &FaultPanel::commitSeed);
    // Fields of a fault that is off look off, as in a checkable group.
    for (QCheckBox *checkBox :
         {m_ui->latencyCheckBox, m_ui->rateLimitCheckBox, m_ui->fixedSeedCheckBox})
        connect(checkBox, &QCheckBox::toggled, this, &FaultPanel::updateSettingsLook);
    connect(m_ui->replayButton, &QPushButton::clicked, this, &FaultPanel::restartRequested);

    connect(m_ui->controlCheckBox, &QCheckBox::toggled, this, [this](bool on) {
        updateControlLook();
        if (!m_showingPlan)
            emit controlApiToggled(on);
    });
    connect(m_ui->copyKeyButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_controlKey); });
    connect(m_ui->newKeyButton, &QPushButton::clicked, this,
            &FaultPanel::controlKeyRegenerationRequested);

    connect(m_ui->importButton, &QPushButton::clicked, this, &FaultPanel::chooseImportFile);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &FaultPanel::chooseExportFile);
    connect(m_ui->allOffButton, &QPushButton::clicked, this, &FaultPanel::switchAllOff);
}

void FaultPanel::setPlan(const FaultPlan &plan)
{
    // The server echoes the trainer's own edits: nothing to show, and the selection stays.
    if (plan == m_plan)
        return;
    m_plan = plan;
    showPlan();
}

void FaultPanel::setSeedInUse(quint32 seed)
{
    m_seedInUse = seed;
    m_ui->seedInUseLabel->setText(tr("Seed in use: %1").arg(seed));
}

void FaultPanel::setControlApi(bool enabled, const QString &key, const QString &baseUrl)
{
    m_controlKey = key;
    m_showingPlan = true;
    m_ui->controlCheckBox->setChecked(enabled);
    m_showingPlan = false;
    m_ui->controlKeyEdit->setText(key);
    QString base = baseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    if (base.isEmpty())
        base = u"http://HOST:PORT"_s;
    // The key never shows on the projector: whoever reads it can switch the class's faults.
    m_ui->controlHintLabel->setText(u"curl -H \"%1: $%2\" %3%4/faults"_s.arg(
        QLatin1StringView(ControlApi::KeyHeader), QLatin1StringView(ControlApi::KeyVariable), base,
        ControlApi::Prefix));
    updateControlLook();
}

FaultRuleDialog *FaultPanel::openAddRuleDialog()
{
    auto *dialog = new FaultRuleDialog(FaultRuleDialog::Purpose::Add, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FaultRuleDialog::ruleAccepted, this, [this](const FaultRule &rule) {
        selectRow(m_model->addRule(rule));
        editRules();
    });
    dialog->open();
    return dialog;
}

FaultRuleDialog *FaultPanel::openEditRuleDialog(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return nullptr;
    auto *dialog = new FaultRuleDialog(FaultRuleDialog::Purpose::Edit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const FaultRule original = m_model->rule(row);
    dialog->setRule(original);
    // The rule may move, change or go while the dialog is open (a test suite replaces the plan):
    // the edit then becomes a rule of its own rather than overwrite another.
    const QPersistentModelIndex edited = m_model->index(row, 0);
    connect(dialog, &FaultRuleDialog::ruleAccepted, this,
            [this, edited, original](const FaultRule &rule) {
                if (edited.isValid() && m_model->rule(edited.row()) == original) {
                    m_model->replaceRule(edited.row(), rule);
                    selectRow(edited.row());
                } else {
                    selectRow(m_model->addRule(rule));
                }
                editRules();
            });
    dialog->open();
    return dialog;
}

bool FaultPanel::importFrom(const QString &path)
{
    const FaultPlanJson::Parsed parsed = FaultPlanFile::importPlan(path);
    if (!parsed.ok()) {
        showFileError(u"importErrorBox"_s, tr("Import faults"),
                      tr("The faults in %1 cannot be imported.").arg(QFileInfo(path).fileName()),
                      parsed.error);
        return false;
    }
    setPlan(parsed.plan);
    emit planEdited(m_plan);
    return true;
}

bool FaultPanel::exportTo(const QString &path)
{
    const QString error = FaultPlanFile::exportPlan(m_plan, path);
    if (!error.isEmpty()) {
        showFileError(u"exportErrorBox"_s, tr("Export faults"),
                      tr("The faults cannot be saved as %1.").arg(QFileInfo(path).fileName()),
                      error);
        return false;
    }
    return true;
}

void FaultPanel::applyPreset(int index)
{
    const QList<FaultPreset> presets = FaultPresets::all();
    if (index < 0 || index >= presets.size())
        return;
    const FaultPlan plan = presets[index].apply(m_plan);
    if (plan == m_plan)
        return;
    const int rowsBefore = m_model->rowCount();
    m_plan = plan;
    showPlan();
    // A new rule is selected, so that the trainer sees where it went.
    if (m_model->rowCount() > rowsBefore)
        selectRow(m_model->rowCount() - 1);
    emit planEdited(m_plan);
}

void FaultPanel::switchAllOff()
{
    edit(m_plan.allOff());
    showPlan();
}

void FaultPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        updateEmphasisFonts();
        // The children's size hints follow their new fonts once the layouts have run.
        QTimer::singleShot(0, this, &FaultPanel::fitColumnsLayout);
    }
}

bool FaultPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->scrollArea->viewport() && event->type() == QEvent::Resize)
        fitColumnsLayout();
    return QWidget::eventFilter(watched, event);
}

void FaultPanel::showPlan()
{
    m_showingPlan = true;
    m_model->setRules(m_plan.rules);
    const LatencyFault &latency = m_plan.latency;
    m_ui->latencyCheckBox->setChecked(latency.enabled);
    setValueQuietly(m_ui->latencyFixedSpinBox, latency.fixedMs);
    setValueQuietly(m_ui->latencyJitterSpinBox, latency.jitterMs);
    m_ui->exemptHealthCheckBox->setChecked(latency.exemptHealth);
    const RateLimitFault &rateLimit = m_plan.rateLimit;
    m_ui->rateLimitCheckBox->setChecked(rateLimit.enabled);
    setValueQuietly(m_ui->rateLimitSpinBox, rateLimit.limit);
    showRateWindow(rateLimit.windowSeconds);
    showSeed();
    m_showingPlan = false;
    updateSettingsLook();
    updateSummary();
    updateRuleActions();
}

void FaultPanel::showRateWindow(int windowSeconds)
{
    QComboBox *units = m_ui->rateWindowUnitComboBox;
    const int shownSeconds = m_ui->rateWindowSpinBox->value() * units->currentData().toInt();
    if (shownSeconds == windowSeconds)
        return; // "60 s" stays as the trainer chose it rather than turning into "1 min"
    int unit = 1;
    for (const int candidate : WindowUnits) {
        if (windowSeconds > 0 && windowSeconds % candidate == 0) {
            unit = candidate;
            break;
        }
    }
    units->setCurrentIndex(units->findData(unit));
    m_ui->rateWindowSpinBox->setRange(1, RateLimitFault::MaxWindowSeconds / unit);
    m_ui->rateWindowSpinBox->setValue(windowSeconds / unit);
}

void FaultPanel::showSeed()
{
    const bool fixed = m_plan.seed.has_value();
    m_ui->fixedSeedCheckBox->setChecked(fixed);
    if (fixed)
        m_ui->seedEdit->setText(QString::number(*m_plan.seed));
}

void FaultPanel::updateSummary()
{
    const bool active = m_plan.isActive();
    const QStringList faults = describeActiveFaults(m_plan);
    QLabel *summary = m_ui->summaryLabel;
    summary->setText(active ? faults.join(u" · "_s) : tr("No faults: the API behaves normally."));
    colourSummary();
    summary->setAutoFillBackground(active);
    m_ui->allOffButton->setEnabled(active);
}

void FaultPanel::colourSummary()
{
    // The faults' own colour, as everywhere else they show: the trainer did this, not the API.
    QLabel *summary = m_ui->summaryLabel;
    QPalette palette = summary->palette();
    palette.setColor(QPalette::WindowText,
                     m_plan.isActive() ? GuiStyle::faultColor() : GuiStyle::statusColor(200));
    palette.setColor(QPalette::Window, GuiStyle::faultBackgroundColor());
    summary->setPalette(palette);
}

void FaultPanel::colourAllOffButton()
{
    QPalette palette = m_ui->allOffButton->palette();
    for (const auto group : {QPalette::Active, QPalette::Inactive})
        palette.setColor(group, QPalette::ButtonText, GuiStyle::faultColor());
    m_ui->allOffButton->setPalette(palette);
}

void FaultPanel::updateSettingsLook()
{
    const bool latency = m_ui->latencyCheckBox->isChecked();
    for (QWidget *widget : {static_cast<QWidget *>(m_ui->latencyFixedSpinBox),
                            static_cast<QWidget *>(m_ui->jitterLabel),
                            static_cast<QWidget *>(m_ui->latencyJitterSpinBox),
                            static_cast<QWidget *>(m_ui->exemptHealthCheckBox)})
        widget->setEnabled(latency);
    const bool rateLimit = m_ui->rateLimitCheckBox->isChecked();
    for (QWidget *widget : {static_cast<QWidget *>(m_ui->rateLimitSpinBox),
                            static_cast<QWidget *>(m_ui->rateLimitPerLabel),
                            static_cast<QWidget *>(m_ui->rateWindowSpinBox),
                            static_cast<QWidget *>(m_ui->rateWindowUnitComboBox)})
        widget->setEnabled(rateLimit);
    m_ui->seedEdit->setEnabled(m_ui->fixedSeedCheckBox->isChecked());
}

void FaultPanel::updateRuleActions()
{
    const int row = selectedRow();
    const bool selected = row >= 0;
    m_ui->editRuleButton->setEnabled(selected);
    m_ui->removeRuleButton->setEnabled(selected);
    m_ui->moveUpButton->setEnabled(selected && row > 0);
    m_ui->moveDownButton->setEnabled(selected && row < m_model->rowCount() - 1);
}

void FaultPanel::updateControlLook()
{
    const bool on = m_ui->controlCheckBox->isChecked();
    for (QWidget *widget :
         {static_cast<QWidget *>(m_ui->controlKeyLabel),
          static_cast<QWidget *>(m_ui->controlKeyEdit), static_cast<QWidget *>(m_ui->newKeyButton),
          static_cast<QWidget *>(m_ui->controlHintLabel)})
        widget->setEnabled(on);
    m_ui->copyKeyButton->setEnabled(on && !m_controlKey.isEmpty());
}

void FaultPanel::updateEmphasisFonts()
{
    // Explicit fonts stop following the panel's, so they are derived again on every change.
    m_ui->summaryLabel->setFont(GuiStyle::emphasisedFont(font(), 1.1));
    m_ui->summaryLabel->setMargin(fontMetrics().height() / 4); // air inside the coloured band
    m_ui->allOffButton->setFont(GuiStyle::emphasisedFont(font(), 1.0));
    // Room for a few rules even when the settings sit below the table.
    QTableView *table = m_ui->rulesTable;
    const int rowHeight = table->verticalHeader()->defaultSectionSize();
    table->setMinimumHeight(table->horizontalHeader()->sizeHint().height() + 3 * rowHeight +
                            2 * table->frameWidth());
}

// Rules and settings side by side when the panel is wide enough, one above the other when not
// (a narrow window, or a large zoom), so that the rules keep room for their columns. Above:
// latency and rate limit, a few compact lines, show first in the short tab of a large zoom, and
// the rules follow in the same scrolling page.
void FaultPanel::fitColumnsLayout()
{
    QBoxLayout *columns = m_ui->columnsLayout;
    const int spacing = columns->spacing() >= 0 ? columns->spacing() : 6;
    const QMargins margins = m_ui->contentsLayout->contentsMargins();
    const int needed = rulesWidthWanted() + spacing + m_ui->settingsLayout->sizeHint().width() +
                       margins.left() + margins.right();
    const int available = m_ui->scrollArea->viewport()->width();
    // A margin against flipping back and forth as a scroll bar comes and goes.
    const int hysteresis = m_ui->scrollArea->verticalScrollBar()->sizeHint().width();
    if (columns->direction() == QBoxLayout::LeftToRight && available < needed)
        columns->setDirection(QBoxLayout::BottomToTop);
    else if (columns->direction() == QBoxLayout::BottomToTop && available >= needed + hysteresis)
        columns->setDirection(QBoxLayout::LeftToRight);
}

// The rules group's width with every column of the table at its fitted width.
int FaultPanel::rulesWidthWanted() const
{
    const QTableView *table = m_ui->rulesTable;
    const QHeaderView *header = table->horizontalHeader();
    int columns = 0;
    for (int column = 0; column < header->count(); ++column) {
        if (column != FaultRuleModel::ActionColumn)
            columns += header->sectionSize(column);
    }
    columns += ActionColumnCharacters * table->fontMetrics().averageCharWidth();
    const int frame = 2 * table->frameWidth() + table->verticalScrollBar()->sizeHint().width();
    // The group's frame and margins around the table.
    const int around = m_ui->rulesGroup->width() - table->width();
    return columns + frame + around;
}

void FaultPanel::edit(const FaultPlan &plan)
{
    if (plan == m_plan)
        return;
    m_plan = plan;
    updateSummary();
    emit planEdited(m_plan);
}

void FaultPanel::editRules()
{
    FaultPlan plan = m_plan;
    plan.rules = m_model->rules();
    edit(plan);
    updateRuleActions();
}

int FaultPanel::selectedRow() const
{
    const QModelIndexList rows = m_ui->rulesTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void FaultPanel::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_ui->rulesTable->selectRow(row);
    m_ui->rulesTable->scrollTo(m_model->index(row, 0));
}

void FaultPanel::removeSelectedRule()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    m_model->removeRule(row);
    // The next rule takes its place in the selection, for removing several in a row.
    selectRow(qMin(row, m_model->rowCount() - 1));
    editRules();
}

void FaultPanel::moveSelectedRule(bool up)
{
    const int row = selectedRow();
    if (row < 0)
        return;
    // The selection moves with the row (a persistent index), without selectionChanged.
    if (up ? m_model->moveRuleUp(row) : m_model->moveRuleDown(row))
        editRules();
}

void FaultPanel::commitSeed()
{
    if (m_showingPlan || !m_ui->fixedSeedCheckBox->isChecked())
        return;
    const std::optional<quint32> seed = SeedValidator::seedOf(m_ui->seedEdit->text());
    if (!seed)
        return;
    FaultPlan plan = m_plan;
    plan.seed = seed;
    edit(plan);
}

void FaultPanel::chooseImportFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import faults"), m_lastDirectory,
                                                      tr("Fault plans (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    m_lastDirectory = QFileInfo(path).absolutePath();
    importFrom(path);
}

void FaultPanel::chooseExportFile()
{
    const QString directory = m_lastDirectory.isEmpty() ? QDir::homePath() : m_lastDirectory;
    QString path = QFileDialog::getSaveFileName(this, tr("Export faults"),
                                                QDir(directory).filePath(u"faults.json"_s),
                                                tr("Fault plans (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += u".json"_s;
    m_lastDirectory = QFileInfo(path).absolutePath();
    exportTo(path);
}

void FaultPanel::showFileError(const QString &objectName, const QString &title, const QString &text,
                               const QString &error)
{
    // Not exec(): the API and the rest of the window carry on while the message is up.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setObjectName(objectName);
    box->setInformativeText(error);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open();
}
