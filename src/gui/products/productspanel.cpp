#include "productspanel.h"

#include "fontfittedtable.h"
#include "product.h"
#include "producttablemodel.h"
#include "serverhost.h"
#include "ui_productspanel.h"

#include <QLocale>
#include <QRegularExpression>
#include <QSortFilterProxyModel>

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
    m_fitting->setMinimumColumnWidth(ProductTableModel::IdColumn, 5);
    m_fitting->setMinimumColumnWidth(ProductTableModel::CodeColumn, 14);
    m_fitting->setMinimumColumnWidth(ProductTableModel::NameColumn, 18);
    m_fitting->setMinimumColumnWidth(ProductTableModel::UrlColumn, 20);
    // The names are what a class reads; the URLs can be elided.
    m_fitting->setStretchColumn(ProductTableModel::NameColumn);

    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // Once, with the first table: later the trainer's own column widths stay.
        if (!m_columnsFitted && m_model->rowCount() > 0) {
            m_fitting->fitColumns();
            m_columnsFitted = true;
        }
    });
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
        host->requestSnapshot();
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
