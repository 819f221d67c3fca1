#pragma once

#include "challenges/challenge.h"
#include "challenges/challengeprogress.h"

#include <QWidget>
#include <optional>

class ChallengeHeatMapModel;
class ClassBoardModel;
class FontFittedTable;
class QAbstractButton;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

// The Challenges tab: the class's progress, live. The board lists each instance (the class API
// and every sandbox) with its count, a bar and its latest challenge, sortable; the heat map shows
// students × challenges, each column headed by how many have done it: the least done, where the
// class is stuck, stand out. The
// trainer exports the progress as CSV and asks to reset one instance's progress (the owner of
// the progress does it, through resetProgressRequested).
class ChallengesPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChallengesPanel)

public:
    explicit ChallengesPanel(const QList<Challenge> &challenges, QWidget *parent = nullptr);
    ~ChallengesPanel() override;

    // Every instance there is, with its progress now (the others leave the board).
    void setProgress(const QList<ChallengeProgress> &progress);
    // One instance's progress changed, or a new instance appeared.
    void applyProgress(const ChallengeProgress &progress);

    ClassBoardModel *boardModel() const { return m_board; }
    ChallengeHeatMapModel *heatMapModel() const { return m_heatMap; }
    QTableView *boardView() const { return m_boardView; }
    QTableView *heatMapView() const { return m_heatMapView; }
    QAbstractButton *boardButton() const;
    QAbstractButton *heatMapButton() const;
    QPushButton *resetButton() const { return m_resetButton; }
    QPushButton *exportButton() const { return m_exportButton; }

    void showBoard();
    void showHeatMap();
    bool isShowingHeatMap() const;

    // The instance selected in the view shown ("" is the class API); none when nothing is.
    std::optional<QString> selectedSandbox() const;
    // Asks first, then emits resetProgressRequested for the selected instance.
    void resetSelectedProgress();
    // Asks where, then writes the CSV there.
    void exportCsv();
    // The CSV of the board's rows in the board's order.
    QByteArray csv() const;
    // An empty string when written, else what went wrong.
    QString writeCsv(const QString &path) const;

    // For the status bar: alice completed “Reuse a token after logging out”.
    static QString completionToast(const QString &sandbox, const Challenge &challenge);

signals:
    // The trainer confirmed: this instance's progress should start again ("" the class API).
    void resetProgressRequested(const QString &sandbox);

private:
    QTableView *currentView() const;
    void fitHeatMapColumns();
    void updateActions();
    void updateCount();

    ClassBoardModel *m_board;
    ChallengeHeatMapModel *m_heatMap;
    QSortFilterProxyModel *m_boardProxy;
    QSortFilterProxyModel *m_heatMapProxy;
    QStackedWidget *m_stack;
    QTableView *m_boardView;
    QTableView *m_heatMapView;
    FontFittedTable *m_heatMapFitting;
    QPushButton *m_boardButton;
    QPushButton *m_heatMapButton;
    QPushButton *m_resetButton;
    QPushButton *m_exportButton;
    QLabel *m_countLabel;
    QLabel *m_heatMapLegend;
};
