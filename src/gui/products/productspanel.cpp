#include "productspanel.h"

#include "fontfittedtable.h"
#include "product.h"
#include "producttablemodel.h"
#include "serverhost.h"
#include "ui_productspanel.h"

#include <QLocale>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSortFilterProxyModel>

using namespace Qt::StringLiterals;

ProductsPanel::ProductsPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ProductsPanel>())
    , m_model(new ProductTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
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
        connect(m_model, signal, this, &ProductsPanel::updateProductCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProductsPanel::updateProductCount);
    // A product whose type changed may have left or joined the filtered rows.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ProductsPanel::updateProductCount);
    connect(m_ui->typeFilterCombo, &QComboBox::currentIndexChanged, this,
            &ProductsPanel::applyTypeFilter);

    updateProductCount();
}

ProductsPanel::~ProductsPanel() = default;

QTableView *ProductsPanel::view() const
{
    return m_ui->productsTable;
}

void ProductsPanel::attach(ServerHost *host)
{
    if (m_host)
        disconnect(m_host, nullptr, m_model, nullptr);
    m_host = host;
    if (host) {
        connect(host, &ServerHost::productsChanged, m_model, &ProductTableModel::applyChanges);
        host->requestSnapshot(ServerHost::Table::Products);
    }
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
    updateProductCount();
}

void ProductsPanel::updateProductCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    const QString all =
        total == 1 ? tr("1 product") : tr("%1 products").arg(QLocale().toString(total));
    m_ui->productCountLabel->setText(
        shown == total ? all : tr("%1 of %2").arg(QLocale().toString(shown), all));
}
