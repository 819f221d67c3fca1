#include "fontfittedtable.h"

#include <QEvent>
#include <QHeaderView>
#include <QTableView>
#include <QtMath>

FontFittedTable::FontFittedTable(QTableView *view)
    : QObject(view)
    , m_view(view)
{
    view->installEventFilter(this);
    fitRows();
}

void FontFittedTable::fitRows()
{
    // The vertical header's default size comes from the style, not the font: set it from the font.
    const int height = qCeil(m_view->fontMetrics().lineSpacing() * RowHeightInLines);
    m_view->verticalHeader()->setDefaultSectionSize(height);
}

void FontFittedTable::setMinimumColumnWidth(int column, int characters)
{
    m_minimumCharacters.insert(column, characters);
}

void FontFittedTable::fitColumns()
{
    m_view->resizeColumnsToContents();
    const int characterWidth = m_view->fontMetrics().averageCharWidth();
    for (auto it = m_minimumCharacters.cbegin(); it != m_minimumCharacters.cend(); ++it) {
        const int minimum = it.value() * characterWidth;
        if (m_view->columnWidth(it.key()) < minimum)
            m_view->setColumnWidth(it.key(), minimum);
    }
}

bool FontFittedTable::eventFilter(QObject *watched, QEvent *event)
{
    // The view hears of its new font after its children (headers, viewport) have it.
    if (watched == m_view && event->type() == QEvent::FontChange) {
        fitRows();
        fitColumns();
    }
    return QObject::eventFilter(watched, event);
}
