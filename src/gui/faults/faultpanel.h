#pragma once

#include "faultplan.h"

#include <QString>
#include <QWidget>
#include <memory>
#include <optional>

class FaultRuleDialog;
class FaultRuleModel;
class FontFittedTable;
class QTableView;
namespace Ui {
class FaultPanel;
}

// The trainer's fault switches: global latency, a rate limit, a list of rules, the random seed
// and the control API for test suites. Every edit applies at once (planEdited); there is no
// Apply button. The plan in effect comes back through setPlan(), which never emits.
class FaultPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FaultPanel(QWidget *parent = nullptr);
    ~FaultPanel() override;

    // The plan in effect (from the server, or after an import); shows it without emitting
    // planEdited.
    void setPlan(const FaultPlan &plan);
    FaultPlan plan() const { return m_plan; }
    // The seed the API uses now (the plan's, or a random one chosen at start), shown next to the
    // seed field so a trainer can note it for a replay.
    void setSeedInUse(quint32 seed);
    // The control API (test suites switch faults over HTTP with the X-Dojo-Key header).
    void setControlApi(bool enabled, const QString &key, const QString &baseUrl);

    FaultRuleModel *ruleModel() const { return m_model; }
    QTableView *rulesView() const;

    // Open without blocking (window-modal) and delete themselves when closed.
    FaultRuleDialog *openAddRuleDialog();
    FaultRuleDialog *openEditRuleDialog(int row);

    // Import… and Export… after their file dialogs. A failure shows a message box (object names
    // importErrorBox, exportErrorBox) and returns false; an import that fails changes nothing.
    bool importFrom(const QString &path);
    bool exportTo(const QString &path);

    // The preset at this index of FaultPresets::all(), applied on top of the plan.
    void applyPreset(int index);
    void switchAllOff();

signals:
    void planEdited(const FaultPlan &plan); // every edit by the trainer, applied at once
    void restartRequested(); // "Replay from the start": counters and random sequence start over
    void controlApiToggled(bool enabled);
    void controlKeyRegenerationRequested();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setUpPresetsMenu();
    void setUpRulesTable();
    void connectSettings();

    void showPlan();
    void showRateWindow(int windowSeconds);
    void showSeed();
    void updateSummary();
    void colourSummary();
    void colourAllOffButton();
    void updateSettingsLook();
    void updateRuleActions();
    void updateControlLook();
    void updateEmphasisFonts();
    void fitColumnsLayout();
    int rulesWidthWanted() const;

    // Takes the trainer's edit into the plan and announces it.
    void edit(const FaultPlan &plan);
    void editRules();

    int selectedRow() const;
    void selectRow(int row);
    void removeSelectedRule();
    void moveSelectedRule(bool up);
    void commitSeed();
    void chooseImportFile();
    void chooseExportFile();
    void showFileError(const QString &objectName, const QString &title, const QString &text,
                       const QString &error);

    std::unique_ptr<Ui::FaultPanel> m_ui;
    FaultRuleModel *m_model;
    FontFittedTable *m_fitting = nullptr;
    FaultPlan m_plan;
    std::optional<quint32> m_seedInUse;
    QString m_controlKey;
    QString m_lastDirectory;
    // Widgets change because of setPlan() or setControlApi(), not the trainer: no signals.
    bool m_showingPlan = false;
};
