#include "fontfittedtable.h"

#include <QEvent>
#include <QHeaderView>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QStyle>
#include <QTableView>
#include <QtMath>
#include <algorithm>

FontFittedTable::FontFittedTable(QTableView *view)
    : QObject(view)
    , m_view(view)
    , m_viewport(view->viewport())
{
    view->installEventFilter(this);
    m_viewport->installEventFilter(this);
    // A column the trainer widens takes its width from the stretch column, as QHeaderView's own
    // Stretch mode would.
    connect(view->horizontalHeader(), &QHeaderView::sectionResized, this,
            [this](int column, int, int newSize) {
                if (column == m_stretchColumn || m_fittingStretch)
                    return;
                if (column == m_yieldingColumn)
                    m_yieldingFullWidth = newSize;
                fitStretchColumn();
            });
    fitRows();
}

void FontFittedTable::setRowHeightInLines(qreal lines)
{
    m_rowHeightInLines = lines;
    fitRows();
}

void FontFittedTable::setMinimumColumnWidth(int column, int characters)
{
    m_minimumCharacters.insert(column, characters);
}

void FontFittedTable::setColumnSamples(int column, const QStringList &samples)
{
    m_samples.insert(column, samples);
}

void FontFittedTable::setStretchColumn(int column)
{
    m_stretchColumn = column;
    // Its width follows the others: dragging its own edge would be undone at the next resize.
    m_view->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Fixed);
    fitStretchColumn();
}

void FontFittedTable::setYieldingColumn(int column, int minimumCharacters)
{
    m_yieldingColumn = column;
    m_yieldingFullWidth = m_view->columnWidth(column);
    setMinimumColumnWidth(column, minimumCharacters);
    fitStretchColumn();
}

void FontFittedTable::followRowsInView()
{
    const QAbstractItemModel *model = m_view->model();
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &FontFittedTable::fitStretchColumn);
    connect(model, &QAbstractItemModel::modelReset, this, &FontFittedTable::fitStretchColumn);
    connect(model, &QAbstractItemModel::layoutChanged, this, &FontFittedTable::fitStretchColumn);
    connect(model, &QAbstractItemModel::dataChanged, this, &FontFittedTable::fitStretchColumn);
    connect(m_view->verticalScrollBar(), &QAbstractSlider::valueChanged, this,
            &FontFittedTable::fitStretchColumn);
}

void FontFittedTable::fitRows()
{
    // The vertical header's sizes come from the style, not the font: set them from the font.
    const QFontMetrics metrics = m_view->fontMetrics();
    QHeaderView *rows = m_view->verticalHeader();
    rows->setMinimumSectionSize(metrics.height());
    rows->setDefaultSectionSize(qCeil(metrics.lineSpacing() * m_rowHeightInLines));
}

void FontFittedTable::fitColumns()
{
    if (m_samples.isEmpty())
        m_view->resizeColumnsToContents();
    for (auto it = m_samples.cbegin(); it != m_samples.cend(); ++it)
        m_view->setColumnWidth(it.key(), sampleWidth(it.key()));
    for (auto it = m_minimumCharacters.cbegin(); it != m_minimumCharacters.cend(); ++it) {
        if (it.key() != m_yieldingColumn && m_view->columnWidth(it.key()) < minimumWidth(it.key()))
            m_view->setColumnWidth(it.key(), minimumWidth(it.key()));
    }
    if (m_yieldingColumn >= 0)
        m_yieldingFullWidth = qMax(m_view->columnWidth(m_yieldingColumn),
                                   m_view->horizontalHeader()->sectionSizeHint(m_yieldingColumn));
    fitStretchColumn();
}

int FontFittedTable::minimumWidth(int column) const
{
    return m_minimumCharacters.value(column) * m_view->fontMetrics().averageCharWidth();
}

int FontFittedTable::sampleWidth(int column) const
{
    const QFontMetrics metrics = m_view->fontMetrics();
    int widest = 0;
    for (const QString &sample : m_samples.value(column))
        widest = qMax(widest, metrics.horizontalAdvance(sample));
    // The item's text margins on either side (as QCommonStyle draws them), and a character of
    // air so that neighbouring columns do not run together.
    const int textMargin =
        m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1;
    const int contents = widest + 2 * textMargin + metrics.averageCharWidth();
    // The header knows what its title needs, with its own margins.
    return qMax(contents, m_view->horizontalHeader()->sectionSizeHint(column));
}

void FontFittedTable::fitStretchColumn()
{
    const QHeaderView *header = m_view->horizontalHeader();
    if (m_stretchColumn < 0 || m_stretchColumn >= header->count() || m_fittingStretch)
        return;
    const QScopedValueRollback<bool> fitting(m_fittingStretch, true);
    const int others = header->length() - header->sectionSize(m_stretchColumn);
    int width = m_viewport->width() - others;
    fitYieldingColumn(width);
    m_view->setColumnWidth(m_stretchColumn, qMax(width, stretchMinimumWidth()));
}

// Never narrower than its title, whatever the zoom: "User" must not shrink to "U…". Its samples
// (or, in a table measured from its rows, the values in view) stay whole too.
int FontFittedTable::stretchMinimumWidth() const
{
    const QHeaderView *header = m_view->horizontalHeader();
    int values = 0;
    if (m_samples.isEmpty())
        values = contentsWidth(m_stretchColumn);
    else if (m_samples.contains(m_stretchColumn))
        values = sampleWidth(m_stretchColumn);
    return std::max({minimumWidth(m_stretchColumn), header->sectionSizeHint(m_stretchColumn),
                     values, header->minimumSectionSize()});
}

int FontFittedTable::contentsWidth(int column) const
{
    const QAbstractItemView *rows = m_view; // QTableView's own sizeHintForColumn is protected
    return rows->sizeHintForColumn(column);
}

// The yielding column at its full width, less what the stretch column needs to show its values
// in view without eliding them; `stretchWidth` becomes what the stretch column gets.
void FontFittedTable::fitYieldingColumn(int &stretchWidth)
{
    if (m_yieldingColumn < 0 || m_view->isColumnHidden(m_yieldingColumn))
        return;
    stretchWidth += m_view->columnWidth(m_yieldingColumn) - m_yieldingFullWidth;
    const int wanted = qMax(stretchMinimumWidth(), contentsWidth(m_stretchColumn));
    const int spare =
        qMax(0, m_yieldingFullWidth -
                    qMax(minimumWidth(m_yieldingColumn),
                         m_view->horizontalHeader()->sectionSizeHint(m_yieldingColumn)));
    const int given = std::clamp(wanted - stretchWidth, 0, spare);
    m_view->setColumnWidth(m_yieldingColumn, m_yieldingFullWidth - given);
    // In a view that scrolls sideways anyway, the values stay whole (up to a screenful).
    stretchWidth = qMax(stretchWidth + given, qMin(wanted, m_viewport->width()));
}

bool FontFittedTable::eventFilter(QObject *watched, QEvent *event)
{
    // The view hears of its new font after its children (headers, viewport) have it.
    if (watched == m_view && event->type() == QEvent::FontChange) {
        fitRows();
        fitColumns();
    } else if (watched == m_viewport && event->type() == QEvent::Resize) {
        fitStretchColumn();
    }
    return QObject::eventFilter(watched, event);
}
