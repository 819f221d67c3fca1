#include "challengespanel.h"

#include "challengecsv.h"
#include "challengedelegates.h"
#include "challengeheatmapmodel.h"
#include "classboardmodel.h"
#include "fontfittedtable.h"

#include <QButtonGroup>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QTableView *newTable(const QString &accessibleName, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setAccessibleName(accessibleName);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->horizontalHeader()->setStretchLastSection(false);
    return table;
}

} // namespace

ChallengesPanel::ChallengesPanel(const QList<Challenge> &challenges, QWidget *parent)
    : QWidget(parent)
    , m_board(new ClassBoardModel(challenges, this))
    , m_heatMap(new ChallengeHeatMapModel(challenges, this))
    , m_boardProxy(new QSortFilterProxyModel(this))
    , m_heatMapProxy(new QSortFilterProxyModel(this))
    , m_stack(new QStackedWidget(this))
    , m_boardView(newTable(tr("Class board"), m_stack))
    , m_heatMapView(newTable(tr("Challenge heat map"), m_stack))
    , m_boardButton(new QPushButton(tr("Board"), this))
    , m_heatMapButton(new QPushButton(tr("Heat map"), this))
    , m_resetButton(new QPushButton(tr("Reset progress…"), this))
    , m_exportButton(new QPushButton(tr("Export CSV…"), this))
    , m_countLabel(new QLabel(this))
    , m_heatMapLegend(new QLabel(tr("Above each column: the challenge's number (hover for its "
                                    "title) and how many have done it; the least done in red."),
                                 this))
{
    m_heatMapLegend->setWordWrap(true);
    auto *views = new QButtonGroup(this);
    for (QPushButton *button : {m_boardButton, m_heatMapButton}) {
        button->setCheckable(true);
        views->addButton(button);
    }
    m_boardButton->setToolTip(tr("Each student's count, latest challenge and when"));
    m_heatMapButton->setToolTip(tr("Students × challenges: which challenge the class is stuck on"));
    m_resetButton->setToolTip(tr("Start the selected student's challenges again (their data "
                                 "stays as it is)"));
    m_exportButton->setToolTip(tr("Save every student's progress as a CSV file"));

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_boardButton);
    actions->addWidget(m_heatMapButton);
    actions->addStretch();
    actions->addWidget(m_countLabel);
    actions->addWidget(m_resetButton);
    actions->addWidget(m_exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addWidget(m_heatMapLegend);
    layout->addWidget(m_stack);
    m_stack->addWidget(m_boardView);
    m_stack->addWidget(m_heatMapView);

    m_boardProxy->setSourceModel(m_board);
    m_boardProxy->setSortRole(ClassBoardModel::SortRole);
    m_boardProxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_boardView->setModel(m_boardProxy);
    m_boardView->setSortingEnabled(true);
    m_boardView->setAlternatingRowColors(true);
    m_boardView->verticalHeader()->hide();
    m_boardView->sortByColumn(ClassBoardModel::StudentColumn, Qt::AscendingOrder);
    m_boardView->setItemDelegateForColumn(ClassBoardModel::DoneColumn,
                                          new DoneBarDelegate(m_boardView));
    using Board = ClassBoardModel;
    auto *boardFitting = new FontFittedTable(m_boardView);
    boardFitting->setRowHeightInLines(1.5);
    boardFitting->setColumnSamples(Board::StudentColumn, {u"a-student-name-20"_s});
    // The count and a bar as long again as a title of a dozen characters.
    boardFitting->setColumnSamples(Board::DoneColumn,
                                   {Board::doneText(88, 88) + QString(14, u'M')});
    boardFitting->setColumnSamples(Board::LatestColumn, {u"Reuse a token after logging out"_s});
    boardFitting->setColumnSamples(Board::WhenColumn,
                                   {QLocale().toString(QTime(23, 59, 59), QLocale::ShortFormat)});
    boardFitting->setStretchColumn(Board::LatestColumn);
    boardFitting->fitColumns();

    m_heatMapProxy->setSourceModel(m_heatMap);
    m_heatMapProxy->setSortRole(ChallengeHeatMapModel::SandboxRole);
    m_heatMapProxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_heatMapProxy->sort(0); // by name, the class API first
    m_heatMapView->setModel(m_heatMapProxy);
    m_heatMapView->setItemDelegate(new HeatCellDelegate(m_heatMapView));
    m_heatMapView->setShowGrid(true);
    m_heatMapFitting = new FontFittedTable(m_heatMapView);
    m_heatMapFitting->setRowHeightInLines(1.5);
    fitHeatMapColumns();

    connect(m_boardButton, &QPushButton::clicked, this, &ChallengesPanel::showBoard);
    connect(m_heatMapButton, &QPushButton::clicked, this, &ChallengesPanel::showHeatMap);
    connect(m_resetButton, &QPushButton::clicked, this, &ChallengesPanel::resetSelectedProgress);
    connect(m_exportButton, &QPushButton::clicked, this, &ChallengesPanel::exportCsv);
    for (QTableView *view : {m_boardView, m_heatMapView})
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &ChallengesPanel::updateActions);
    for (const auto signal :
         {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_board, signal, this, &ChallengesPanel::updateCount);
        connect(m_board, signal, this, &ChallengesPanel::updateActions);
        connect(m_heatMap, signal, this, &ChallengesPanel::fitHeatMapColumns);
    }
    showBoard();
    updateCount();
}

ChallengesPanel::~ChallengesPanel() = default;

void ChallengesPanel::setProgress(const QList<ChallengeProgress> &progress)
{
    m_board->setProgress(progress);
    m_heatMap->setProgress(progress);
}

void ChallengesPanel::applyProgress(const ChallengeProgress &progress)
{
    m_board->applyProgress(progress);
    m_heatMap->applyProgress(progress);
}

QAbstractButton *ChallengesPanel::boardButton() const
{
    return m_boardButton;
}

QAbstractButton *ChallengesPanel::heatMapButton() const
{
    return m_heatMapButton;
}

void ChallengesPanel::showBoard()
{
    m_boardButton->setChecked(true);
    m_stack->setCurrentWidget(m_boardView);
    m_heatMapLegend->hide();
    updateActions();
}

void ChallengesPanel::showHeatMap()
{
    m_heatMapButton->setChecked(true);
    m_stack->setCurrentWidget(m_heatMapView);
    m_heatMapLegend->show();
    updateActions();
}

bool ChallengesPanel::isShowingHeatMap() const
{
    return m_stack->currentWidget() == m_heatMapView;
}

QTableView *ChallengesPanel::currentView() const
{
    return isShowingHeatMap() ? m_heatMapView : m_boardView;
}

std::optional<QString> ChallengesPanel::selectedSandbox() const
{
    const QModelIndexList rows = currentView()->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const int role = isShowingHeatMap() ? int(ChallengeHeatMapModel::SandboxRole)
                                        : int(ClassBoardModel::SandboxRole);
    return rows.constFirst().data(role).toString();
}

void ChallengesPanel::resetSelectedProgress()
{
    const std::optional<QString> sandbox = selectedSandbox();
    if (!sandbox)
        return;
    auto *box = new QMessageBox(
        QMessageBox::Warning,
        tr("Reset the progress of %1?").arg(ProgressRowsModel::instanceName(*sandbox)),
        tr("Every challenge of %1 counts as not done again. The data (users, products, tokens) "
           "stays as it is.")
            .arg(ProgressRowsModel::instanceName(*sandbox)),
        QMessageBox::Cancel, this);
    box->setObjectName(u"resetProgressConfirmation"_s);
    QPushButton *confirm = box->addButton(tr("Reset progress"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, confirm, sandbox = *sandbox](QAbstractButton *button) {
                if (button == confirm)
                    emit resetProgressRequested(sandbox);
            });
    box->open();
}

QByteArray ChallengesPanel::csv() const
{
    QList<ChallengeProgress> rows;
    rows.reserve(m_boardProxy->rowCount());
    for (int row = 0; row < m_boardProxy->rowCount(); ++row)
        rows.append(
            m_board->progressAt(m_boardProxy->mapToSource(m_boardProxy->index(row, 0)).row()));
    return ChallengeCsv::write(m_board->challenges(), rows);
}

QString ChallengesPanel::writeCsv(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv()) < 0 || !file.commit())
        return file.errorString();
    return {};
}

void ChallengesPanel::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the class's progress"),
                                                      u"challenges.csv"_s, tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    const QString error = writeCsv(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export CSV"), tr("Could not write %1: %2").arg(path, error));
}

QString ChallengesPanel::completionToast(const QString &sandbox, const Challenge &challenge)
{
    if (sandbox.isEmpty())
        return tr("The class API completed “%1”").arg(challenge.title);
    return tr("%1 completed “%2”").arg(sandbox, challenge.title);
}

void ChallengesPanel::fitHeatMapColumns()
{
    // Square-ish cells as wide as the longest count (and the column's number).
    const QString widest(QString::number(qMax(m_heatMap->instanceCount(), 10)).size(), u'0');
    for (int column = 0; column < m_heatMap->columnCount(); ++column)
        m_heatMapFitting->setColumnSamples(column, {widest});
    m_heatMapFitting->fitColumns();
}

void ChallengesPanel::updateActions()
{
    m_resetButton->setEnabled(selectedSandbox().has_value());
    m_exportButton->setEnabled(m_board->instanceCount() > 0);
}

void ChallengesPanel::updateCount()
{
    const int students = m_board->instanceCount();
    m_countLabel->setText(tr("%1 · %2 challenges")
                              .arg(students == 1
                                       ? tr("1 instance")
                                       : tr("%1 instances").arg(QLocale().toString(students)),
                                   QLocale().toString(m_board->challenges().size())));
}
