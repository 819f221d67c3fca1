#include "producttablemodel.h"

#include "clock.h"
#include "guistyle.h"

#include <QLocale>

using namespace Qt::StringLiterals;

static_assert(ProductTableModel::ColumnCount <= CellHighlights::MaxColumns);

namespace {

QVariant typedValue(const Product &product, int column)
{
    switch (column) {
    case ProductTableModel::IdColumn:
        return product.id;
    case ProductTableModel::CodeColumn:
        return product.code;
    case ProductTableModel::NameColumn:
        return product.name;
    case ProductTableModel::TypeColumn:
        return productTypeName(product.type);
    case ProductTableModel::QuantityColumn:
        return product.quantity;
    case ProductTableModel::PriceColumn:
        return product.price;
    case ProductTableModel::UrlColumn:
        return product.url ? QVariant(*product.url) : QVariant();
    case ProductTableModel::AvailableFromColumn:
        return product.availableFrom ? QVariant(product.availableFrom->time) : QVariant();
    case ProductTableModel::UpdatedColumn:
        return product.updatedAt;
    }
    return {};
}

bool isTimeColumn(int column)
{
    return column == ProductTableModel::AvailableFromColumn ||
           column == ProductTableModel::UpdatedColumn;
}

bool isNumberColumn(int column)
{
    return column == ProductTableModel::IdColumn || column == ProductTableModel::QuantityColumn ||
           column == ProductTableModel::PriceColumn;
}

QVariant displayValue(const Product &product, int column)
{
    const QVariant value = typedValue(product, column);
    if (!value.isValid())
        return {};
    if (isTimeColumn(column))
        return value.toDateTime().toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
    if (column == ProductTableModel::PriceColumn)
        return QLocale().toString(product.price, 'f', 2);
    // In words, not just a shade: the row's colour alone would not read on a projector. Short
    // enough for the column's width.
    if (column == ProductTableModel::QuantityColumn)
        return product.quantity == 0 ? ProductTableModel::tr("Sold out")
                                     : QLocale().toString(product.quantity);
    return value;
}

// The value as the API writes it, to compare with a response body.
QVariant apiText(const Product &product, int column)
{
    switch (column) {
    case ProductTableModel::QuantityColumn:
        return product.quantity == 0 ? QVariant(ProductTableModel::tr("Out of stock")) : QVariant();
    case ProductTableModel::AvailableFromColumn:
        return product.availableFrom
                   ? QVariant(formatMicroTimestamp(*product.availableFrom) + u" UTC"_s)
                   : QVariant();
    case ProductTableModel::UpdatedColumn:
        return QString(formatTimestamp(product.updatedAt) + u" UTC"_s);
    case ProductTableModel::UrlColumn:
        return product.url ? QVariant(*product.url) : QVariant();
    }
    return {};
}

} // namespace

ProductTableModel::ProductTableModel(QObject *parent)
    : LiveRecordModel(parent)
{}

ProductTableModel::Columns ProductTableModel::changedColumns(const Product &before,
                                                             const Product &after) const
{
    Columns changed = 0;
    for (int column = 0; column < ColumnCount; ++column) {
        if (typedValue(before, column) != typedValue(after, column))
            changed |= 1u << column;
    }
    // available_from is kept to the microsecond, beyond what the QDateTime compares.
    if (before.availableFrom != after.availableFrom)
        changed |= 1u << AvailableFromColumn;
    return changed;
}

ProductTableModel::Columns ProductTableModel::columnsToRepaint(const Product &before,
                                                               const Product &after,
                                                               Columns changed) const
{
    const bool stockChanged = (before.quantity == 0) != (after.quantity == 0);
    return stockChanged ? (1u << ColumnCount) - 1 : changed;
}

int ProductTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProductTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Product &product = productAt(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(product, column);
    case SortRole:
        return typedValue(product, column);
    case TypeNameRole:
        return productTypeName(product.type);
    case Qt::ToolTipRole:
        return apiText(product, column);
    case Qt::TextAlignmentRole:
        if (isNumberColumn(column))
            return (Qt::AlignRight | Qt::AlignVCenter).toInt();
        return {};
    case Qt::ForegroundRole:
        // Out of stock: a step back from the other rows, still legible.
        if (product.quantity == 0)
            return GuiStyle::inactiveColor();
        return {};
    case Qt::BackgroundRole:
        return highlightBackground(product, column);
    case HighlightRole:
        return highlightStrength(product, column);
    }
    return {};
}

QVariant ProductTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("ID");
    case CodeColumn:
        return tr("Code");
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case QuantityColumn:
        return tr("Quantity");
    case PriceColumn:
        return tr("Price");
    case UrlColumn:
        return tr("URL");
    case AvailableFromColumn:
        return tr("Available from");
    case UpdatedColumn:
        return tr("Updated");
    }
    return {};
}
