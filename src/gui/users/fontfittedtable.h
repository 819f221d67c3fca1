#pragma once

#include <QHash>
#include <QObject>

class QTableView;

// Keeps a table view's rows and columns fitted to its font, so that the window's zoom (a new
// application font) gives taller rows and wider columns instead of clipped text. Row heights
// come from the font's line spacing; columns are fitted to their contents again.
class FontFittedTable : public QObject
{
    Q_OBJECT

public:
    // Room for a line of text and an in-place editor's frame, in lines of the font.
    static constexpr qreal RowHeightInLines = 1.6;

    explicit FontFittedTable(QTableView *view); // a child of the view
    // Keeps a column at least this wide, in average characters of the font: room for the longer
    // values that arrive after the columns were fitted.
    void setMinimumColumnWidth(int column, int characters);
    void fitRows();
    void fitColumns();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTableView *m_view;
    QHash<int, int> m_minimumCharacters; // by column
};
