#include "producttablemodel.h"

#include "clock.h"
#include "guistyle.h"

#include <QLocale>
#include <QTimerEvent>
#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

static_assert(ProductTableModel::ColumnCount <= CellHighlights::MaxColumns);

namespace {

constexpr CellHighlights::Columns AllColumns = (1u << ProductTableModel::ColumnCount) - 1;

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
    if (column == ProductTableModel::QuantityColumn)
        return QLocale().toString(product.quantity);
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

CellHighlights::Columns changedColumns(const Product &before, const Product &after)
{
    CellHighlights::Columns changed = 0;
    for (int column = 0; column < ProductTableModel::ColumnCount; ++column) {
        if (typedValue(before, column) != typedValue(after, column))
            changed |= 1u << column;
    }
    // available_from is kept to the microsecond, beyond what the QDateTime compares.
    if (before.availableFrom != after.availableFrom)
        changed |= 1u << ProductTableModel::AvailableFromColumn;
    return changed;
}

bool isReset(const ProductChange &change)
{
    return change.kind == ProductChange::Kind::Reset;
}

bool hasLowerId(const Product &a, const Product &b)
{
    return a.id < b.id;
}

} // namespace

ProductTableModel::ProductTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_clock.start();
    m_highlights.setDuration(DefaultHighlightMs);
    m_highlights.setMaxRows(MaxHighlightedRows);
}

int ProductTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_products.size());
}

int ProductTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProductTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Product &product = m_products[index.row()];
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
        // Out of stock: greyed, still legible.
        if (product.quantity == 0)
            return GuiStyle::statusColor(0);
        return {};
    case Qt::BackgroundRole: {
        const qreal strength = highlightStrength(product, column);
        if (strength <= 0)
            return {};
        QColor color = GuiStyle::highlightColor();
        color.setAlphaF(float(strength));
        return color;
    }
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

const Product &ProductTableModel::productAt(int row) const
{
    Q_ASSERT(row >= 0 && row < m_products.size());
    return m_products[row];
}

int ProductTableModel::rowOf(qint64 productId) const
{
    const int row = lowerBoundRow(productId);
    return row < m_products.size() && m_products[row].id == productId ? row : -1;
}

int ProductTableModel::lowerBoundRow(qint64 productId) const
{
    const auto it =
        std::lower_bound(m_products.cbegin(), m_products.cend(), productId,
                         [](const Product &product, qint64 id) { return product.id < id; });
    return int(it - m_products.cbegin());
}

void ProductTableModel::applyChanges(const QList<ProductChange> &changes)
{
    // Whatever came before the last reset of the batch is moot.
    const auto lastReset = std::find_if(changes.crbegin(), changes.crend(), isReset);
    qsizetype next = lastReset == changes.crend() ? 0 : changes.crend() - lastReset - 1;
    while (next < changes.size()) {
        const ProductChange &change = changes[next];
        switch (change.kind) {
        case ProductChange::Kind::Reset:
            resetTo(change.records);
            ++next;
            break;
        case ProductChange::Kind::Added:
            next = appendAddedRun(changes, next);
            break;
        case ProductChange::Kind::Updated:
            insertOrUpdate(change.record);
            ++next;
            break;
        case ProductChange::Kind::Removed:
            remove(change.record.id);
            ++next;
            break;
        }
    }
}

void ProductTableModel::resetTo(const QList<Product> &products)
{
    beginResetModel();
    m_products = products;
    if (!std::is_sorted(m_products.cbegin(), m_products.cend(), hasLowerId))
        std::sort(m_products.begin(), m_products.end(), hasLowerId);
    m_highlights.clear();
    m_fadeTimer.stop();
    endResetModel();
}

// New products get ids above all others: a run of additions is one insertion at the end.
qsizetype ProductTableModel::appendAddedRun(const QList<ProductChange> &changes, qsizetype first)
{
    qint64 lastId =
        m_products.isEmpty() ? std::numeric_limits<qint64>::min() : m_products.last().id;
    qsizetype end = first;
    while (end < changes.size() && changes[end].kind == ProductChange::Kind::Added &&
           changes[end].record.id > lastId) {
        lastId = changes[end].record.id;
        ++end;
    }
    if (end == first) { // an id already shown, or below the last one
        insertOrUpdate(changes[first].record);
        return first + 1;
    }
    const int firstRow = int(m_products.size());
    beginInsertRows({}, firstRow, firstRow + int(end - first) - 1);
    for (qsizetype i = first; i < end; ++i)
        m_products.append(changes[i].record);
    endInsertRows();
    for (qsizetype i = first; i < end; ++i)
        highlight(changes[i].record.id, AllColumns);
    return end;
}

void ProductTableModel::insertOrUpdate(const Product &product)
{
    if (const int row = rowOf(product.id); row >= 0) {
        const Columns changed = changedColumns(m_products[row], product);
        // In or out of stock: the whole row's look changes.
        const bool stockChanged = (m_products[row].quantity == 0) != (product.quantity == 0);
        m_products[row] = product;
        if (!changed)
            return;
        emitCellsChanged(row, stockChanged ? AllColumns : changed | (1u << IdColumn), {});
        highlight(product.id, changed);
        return;
    }
    const int row = lowerBoundRow(product.id);
    beginInsertRows({}, row, row);
    m_products.insert(row, product);
    endInsertRows();
    highlight(product.id, AllColumns);
}

void ProductTableModel::remove(qint64 productId)
{
    const int row = rowOf(productId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_highlights.forget(productId);
    m_products.removeAt(row);
    endRemoveRows();
}

void ProductTableModel::setHighlightDuration(int ms)
{
    m_highlights.setDuration(ms);
}

qreal ProductTableModel::highlightStrength(const Product &product, int column) const
{
    return m_highlights.strength(product.id, column, now());
}

void ProductTableModel::highlight(qint64 productId, Columns columns)
{
    m_highlights.touch(productId, columns, now());
    if (!m_fadeTimer.isActive())
        m_fadeTimer.start(FadeFrameMs, this);
}

void ProductTableModel::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_fadeTimer.timerId()) {
        QAbstractTableModel::timerEvent(event);
        return;
    }
    repaintHighlights(m_highlights.advance(now()));
    if (m_highlights.isEmpty())
        m_fadeTimer.stop();
}

// A products table is short: a dataChanged per highlighted row is cheap enough.
void ProductTableModel::repaintHighlights(const std::vector<CellHighlights::Cells> &cells)
{
    static const QList<int> roles{Qt::BackgroundRole, HighlightRole};
    for (const CellHighlights::Cells &highlighted : cells) {
        if (const int row = rowOf(highlighted.id); row >= 0)
            emitCellsChanged(row, highlighted.columns, roles);
    }
}

// One dataChanged per run of neighbouring columns.
void ProductTableModel::emitCellsChanged(int row, Columns columns, const QList<int> &roles)
{
    int column = 0;
    while (column < ColumnCount) {
        if (!(columns & (1u << column))) {
            ++column;
            continue;
        }
        const int firstColumn = column;
        while (column + 1 < ColumnCount && (columns & (1u << (column + 1))))
            ++column;
        emit dataChanged(index(row, firstColumn), index(row, column), roles);
        ++column;
    }
}
