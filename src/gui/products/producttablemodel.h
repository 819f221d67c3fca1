#pragma once

#include "cellhighlights.h"
#include "productchange.h"

#include <QAbstractTableModel>
#include <QBasicTimer>
#include <QElapsedTimer>

// The products table as the store announces it, one row per product in ascending id order,
// read-only. Cells a change touched are highlighted, fading out, like the users table.
class ProductTableModel : public QAbstractTableModel
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
    enum Role {
        HighlightRole = Qt::UserRole + 1, // qreal: 1 just changed, fading to 0
        SortRole,                         // the typed value: numbers and times sort as such
        TypeNameRole,                     // "book", "toy", ... on every column, for filtering
    };

    static constexpr int DefaultHighlightMs = 2000;
    static constexpr int FadeFrameMs = 50;
    static constexpr int MaxHighlightedRows = 1000;

    explicit ProductTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const Product &productAt(int row) const;
    int rowOf(qint64 productId) const; // -1 if there is no such product

    // Applies a batch of the store's changes in order; a run of additions is one insertion.
    void applyChanges(const QList<ProductChange> &changes);

    void setHighlightDuration(int ms);
    int highlightDuration() const { return int(m_highlights.duration()); }
    bool isFading() const { return m_fadeTimer.isActive(); }

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    using Columns = CellHighlights::Columns; // bit n: model column n

    int lowerBoundRow(qint64 productId) const;
    void resetTo(const QList<Product> &products);
    qsizetype appendAddedRun(const QList<ProductChange> &changes, qsizetype first);
    void insertOrUpdate(const Product &product);
    void remove(qint64 productId);

    void highlight(qint64 productId, Columns columns);
    void repaintHighlights(const std::vector<CellHighlights::Cells> &cells);
    void emitCellsChanged(int row, Columns columns, const QList<int> &roles);
    qreal highlightStrength(const Product &product, int column) const;
    qint64 now() const { return m_clock.elapsed(); }

    QList<Product> m_products;   // ascending by id
    CellHighlights m_highlights; // keyed by product id, in highlight bits (see .cpp)
    QBasicTimer m_fadeTimer;     // runs only while something is highlighted
    QElapsedTimer m_clock;
};
