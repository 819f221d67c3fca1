#include "productspanel.h"

#include "fontfittedtable.h"
#include "lessonlistmodel.h"
#include "product.h"
#include "producttablemodel.h"
#include "serverhost.h"
#include "ui_productspanel.h"

#include <QHeaderView>
#include <QLocale>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>

using namespace Qt::StringLiterals;

ProductsPanel::ProductsPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ProductsPanel>())
    , m_model(new ProductTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_lessonModel(new LessonListModel(this))
    , m_lessonProxy(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);

    m_ui->typeFilterCombo->addItem(tr("All"), QString());
    for (const QString &type : productTypeNames())
        m_ui->typeFilterCombo->addItem(type, type);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ProductTableModel::SortRole);
    m_proxy->setFilterRole(ProductTableModel::TypeNameRole);
    QTableView *table = m_ui->productsTable;
    table->setModel(m_proxy);
    table->sortByColumn(ProductTableModel::IdColumn, Qt::AscendingOrder);
    m_fitting = new FontFittedTable(table);
    // Widths from typical values, never from the rows: a long URL is elided (its tooltip has it
    // all) instead of pushing the names, which a class reads, out of sight.
    using Model = ProductTableModel;
    const QString time = u"2026-01-15 09:00:00"_s;
    m_fitting->setColumnSamples(Model::IdColumn, {u"9999"_s});
    m_fitting->setColumnSamples(Model::CodeColumn, {u"wireless_mouse"_s});
    m_fitting->setColumnSamples(Model::TypeColumn, {u"electronics"_s});
    m_fitting->setColumnSamples(Model::QuantityColumn,
                                {QLocale().toString(1'000'000), ProductTableModel::tr("Sold out")});
    m_fitting->setColumnSamples(Model::PriceColumn, {QLocale().toString(9999.99, 'f', 2)});
    m_fitting->setColumnSamples(Model::UrlColumn, {u"https://example.com/books/x"_s});
    m_fitting->setColumnSamples(Model::AvailableFromColumn, {time});
    m_fitting->setColumnSamples(Model::UpdatedColumn, {time});
    m_fitting->setMinimumColumnWidth(Model::NameColumn, 18);
    m_fitting->setStretchColumn(Model::NameColumn);
    m_fitting->fitColumns();
    // A narrow table elides the URLs before the names.
    m_fitting->setYieldingColumn(Model::UrlColumn, 10);
    // The names in view decide what the URL column gives up.
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, m_fitting, &FontFittedTable::fitStretchColumn);
    connect(m_proxy, &QAbstractItemModel::modelReset, m_fitting,
            &FontFittedTable::fitStretchColumn);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, m_fitting,
            &FontFittedTable::fitStretchColumn);
    connect(m_proxy, &QAbstractItemModel::dataChanged, m_fitting,
            &FontFittedTable::fitStretchColumn);
    connect(table->verticalScrollBar(), &QAbstractSlider::valueChanged, m_fitting,
            &FontFittedTable::fitStretchColumn);

    // The source's signals, which come after the proxy has followed: the proxy announces a
    // removal before the source has made it, and says nothing of rows its filter hides.
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &ProductsPanel::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProductsPanel::updateCount);
    // A product whose type changed may have left or joined the filtered rows.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ProductsPanel::updateCount);
    connect(m_ui->typeFilterCombo, &QComboBox::currentIndexChanged, this,
            &ProductsPanel::applyTypeFilter);

    // The lessons' lists come from the server (lessonListsAvailable), the first entry stays.
    m_ui->listCombo->addItem(tr("Products (Part B)"), QString());
    m_lessonProxy->setSourceModel(m_lessonModel);
    m_lessonProxy->setSortRole(LessonListModel::SortRole);
    QTableView *lessonTable = m_ui->lessonTable;
    lessonTable->setModel(m_lessonProxy);
    // In the lesson's own order until the trainer clicks a header.
    lessonTable->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    lessonTable->setSortingEnabled(true);
    m_lessonFitting = new FontFittedTable(lessonTable);
    for (const auto signal :
         {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_lessonModel, signal, this, &ProductsPanel::updateCount);
    }
    connect(m_lessonModel, &QAbstractItemModel::rowsInserted, m_lessonFitting,
            &FontFittedTable::fitColumns);
    connect(m_lessonModel, &QAbstractItemModel::modelReset, this, &ProductsPanel::fitLessonColumns);
    connect(m_lessonModel, &QAbstractItemModel::modelReset, this, &ProductsPanel::updateCount);
    connect(m_ui->listCombo, &QComboBox::currentIndexChanged, this,
            &ProductsPanel::followChosenList);

    updateCount();
}

ProductsPanel::~ProductsPanel() = default;

QTableView *ProductsPanel::view() const
{
    return m_ui->productsTable;
}

QTableView *ProductsPanel::lessonView() const
{
    return m_ui->lessonTable;
}

void ProductsPanel::attach(ServerHost *host)
{
    if (m_host) {
        disconnect(m_host, nullptr, m_model, nullptr);
        disconnect(m_host, nullptr, this, nullptr);
    }
    m_host = host;
    if (host) {
        connect(host, &ServerHost::productsChanged, m_model, &ProductTableModel::applyChanges);
        connect(host, &ServerHost::lessonListsAvailable, this, &ProductsPanel::offerLessonLists);
        connect(host, &ServerHost::lessonListChanged, this, &ProductsPanel::applyLessonList);
        connect(host, &ServerHost::watching, this, &ProductsPanel::onWatching);
        host->requestSnapshot(ServerHost::Table::Products);
        host->requestLessonLists();
        m_watched = host->watched();
        followChosenList();
    }
}

void ProductsPanel::showList(const QString &lesson)
{
    const int index = m_ui->listCombo->findData(lesson);
    if (index >= 0)
        m_ui->listCombo->setCurrentIndex(index);
}

QString ProductsPanel::shownList() const
{
    return m_ui->listCombo->currentData().toString();
}

void ProductsPanel::offerLessonLists(const QList<LessonListSource> &lists)
{
    const QString shown = shownList();
    QComboBox *combo = m_ui->listCombo;
    {
        const QSignalBlocker blocker(combo);
        while (combo->count() > 1)
            combo->removeItem(combo->count() - 1);
        for (const LessonListSource &list : lists)
            combo->addItem(tr("%1 \u2014 %2").arg(list.lessonTitle, list.listTitle), list.lesson);
        combo->setCurrentIndex(qMax(0, combo->findData(shown)));
    }
    if (shownList() != shown)
        followChosenList();
}

void ProductsPanel::followChosenList()
{
    const QString lesson = shownList();
    const bool isLesson = !lesson.isEmpty();
    m_ui->tableStack->setCurrentWidget(isLesson ? m_ui->lessonTable : m_ui->productsTable);
    m_ui->typeFilterLabel->setVisible(!isLesson);
    m_ui->typeFilterCombo->setVisible(!isLesson);
    m_ui->readOnlyLabel->setVisible(isLesson);
    m_lessonModel->clear();
    if (m_host)
        m_host->watchLessonList(lesson);
    updateCount();
}

// A list's columns are known only once it comes; a short one stays readable from the back of
// the room instead of shrinking to "x1".
void ProductsPanel::fitLessonColumns()
{
    for (int column = 0; column < m_lessonModel->columnCount(); ++column)
        m_lessonFitting->setMinimumColumnWidth(column, MinimumLessonColumnCharacters);
    m_lessonFitting->fitColumns();
}

void ProductsPanel::applyLessonList(const QString &lesson, const LessonList &list)
{
    if (lesson.isEmpty() || lesson != shownList())
        return; // one chosen before, on its way
    m_lessonModel->setList(list);
}

// Another instance's list is another list: it replaces the table instead of lighting it up.
void ProductsPanel::onWatching(const QString &sandbox)
{
    if (sandbox == m_watched)
        return;
    m_watched = sandbox;
    m_lessonModel->clear();
}

void ProductsPanel::setTypeFilter(const QString &typeName)
{
    const int index = m_ui->typeFilterCombo->findData(typeName);
    if (index >= 0)
        m_ui->typeFilterCombo->setCurrentIndex(index);
}

QString ProductsPanel::typeFilter() const
{
    return m_ui->typeFilterCombo->currentData().toString();
}

void ProductsPanel::applyTypeFilter()
{
    const QString type = typeFilter();
    m_proxy->setFilterRegularExpression(
        type.isEmpty() ? QRegularExpression()
                       : QRegularExpression(QRegularExpression::anchoredPattern(
                             QRegularExpression::escape(type))));
    updateCount();
}

void ProductsPanel::updateCount()
{
    if (!shownList().isEmpty()) {
        const int rows = m_lessonModel->rowCount();
        m_ui->productCountLabel->setText(
            rows == 1 ? tr("1 record") : tr("%1 records").arg(QLocale().toString(rows)));
        return;
    }
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    const QString all =
        total == 1 ? tr("1 product") : tr("%1 products").arg(QLocale().toString(total));
    m_ui->productCountLabel->setText(
        shown == total ? all : tr("%1 of %2").arg(QLocale().toString(shown), all));
}
