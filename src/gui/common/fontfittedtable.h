#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

class QTableView;
class QWidget;

// Keeps a table view's rows and columns fitted to its font, so that the window's zoom (a new
// application font) gives taller rows and wider columns instead of clipped text. Row heights
// come from the font's line spacing; each column is fitted to its contents, or to sample texts
// for a table too long to measure, and one column may take the width the others leave.
class FontFittedTable : public QObject
{
    Q_OBJECT

public:
    // Room for a line of text and an in-place editor's frame, in lines of the font.
    static constexpr qreal DefaultRowHeightInLines = 1.6;

    explicit FontFittedTable(QTableView *view); // a child of the view

    void setRowHeightInLines(qreal lines);
    // Keeps a column at least this wide, in average characters of the font: room for the longer
    // values that arrive after the columns were fitted.
    void setMinimumColumnWidth(int column, int characters);
    // Fits a column to the widest of these texts and its title instead of its rows, so that the
    // width never depends on how many rows there are; longer values are elided. A table with
    // samples is never measured: columns without any keep the width they have.
    void setColumnSamples(int column, const QStringList &samples);
    // The column takes the width the others leave, but no less than its minimum width, its
    // title, its samples or (in a table measured from its rows) its values in view: in a view
    // too narrow for that, the view scrolls sideways instead. Call after setModel().
    void setStretchColumn(int column);
    // While the values of the stretch column in view would be elided, this column gives it
    // width, down to this many average characters: its own values are elided first. Past that,
    // the stretch column keeps its values whole (up to the view's width) and the view scrolls.
    void setYieldingColumn(int column, int minimumCharacters);

    // Fits the stretch column again whenever the rows in view change (rows added, removed or
    // edited, a scroll): for a yielding column, whose width depends on those rows. Call after
    // setModel().
    void followRowsInView();

    void fitRows();
    void fitColumns();
    // Again, after the rows changed what the stretch column shows (with a yielding column).
    void fitStretchColumn();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    int minimumWidth(int column) const;
    int sampleWidth(int column) const;
    int stretchMinimumWidth() const;
    int contentsWidth(int column) const; // of the rows in view
    void fitYieldingColumn(int &stretchWidth);

    QTableView *m_view;
    // Kept, not asked of the view: the viewport still has events while the view is destroyed.
    QWidget *m_viewport;
    qreal m_rowHeightInLines = DefaultRowHeightInLines;
    QHash<int, int> m_minimumCharacters; // by column
    QHash<int, QStringList> m_samples;   // by column
    int m_stretchColumn = -1;
    int m_yieldingColumn = -1;
    int m_yieldingFullWidth = 0; // as fitted, or as the trainer dragged it
    bool m_fittingStretch = false;
};
