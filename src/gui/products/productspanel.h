#pragma once

#include <QPointer>
#include <QWidget>
#include <memory>

class FontFittedTable;
class ProductTableModel;
class QSortFilterProxyModel;
class QTableView;
class ServerHost;
namespace Ui {
class ProductsPanel;
}

// The live products table, read-only: every change of the store shows the moment it happens,
// highlighted. The trainer can sort it and show one type only.
class ProductsPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductsPanel)

public:
    explicit ProductsPanel(QWidget *parent = nullptr);
    ~ProductsPanel() override;

    // Follows the host's products from now on, asking it for the current table.
    void attach(ServerHost *host);

    ProductTableModel *model() const { return m_model; }
    QTableView *view() const;

    // "book", "toy", ...; empty for every type.
    void setTypeFilter(const QString &typeName);
    QString typeFilter() const;

private:
    void applyTypeFilter();
    void updateProductCount();

    std::unique_ptr<Ui::ProductsPanel> m_ui;
    ProductTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    FontFittedTable *m_fitting;
    QPointer<ServerHost> m_host;
};
