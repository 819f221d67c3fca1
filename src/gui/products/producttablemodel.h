#pragma once

#include "liverecordmodel.h"
#include "productchange.h"

// The products table as the store announces it, one row per product in ascending id order,
// read-only. Cells a change touched are highlighted, fading out, like the users table.
class ProductTableModel : public LiveRecordModel<Product>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductTableModel)

public:
    enum Column {
        IdColumn,
        CodeColumn,
        NameColumn,
        TypeColumn,
        QuantityColumn,
        PriceColumn,
        UrlColumn,
        AvailableFromColumn,
        UpdatedColumn,
        ColumnCount
    };
    enum OwnRole {
        TypeNameRole = FirstOwnRole, // "book", "toy", ... on every column, for filtering
    };

    explicit ProductTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const Product &productAt(int row) const { return recordAt(row); }

protected:
    Columns changedColumns(const Product &before, const Product &after) const override;
    // In or out of stock: the whole row's look changes.
    Columns columnsToRepaint(const Product &before, const Product &after,
                             Columns changed) const override;
};
