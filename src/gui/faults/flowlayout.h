#pragma once

#include <QLayout>
#include <QList>

// Lays its items out left to right and starts a new line when the next one does not fit, like
// words in a paragraph: a row of buttons that wraps instead of making the panel wider at a large
// zoom. (After Qt's Flow Layout example.)
class FlowLayout : public QLayout
{
    Q_OBJECT

public:
    explicit FlowLayout(QWidget *parent = nullptr);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;

    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    int horizontalSpacing() const;
    int verticalSpacing() const;
    // Places the items in rect (only measures unless apply); returns the height used.
    int layOut(const QRect &rect, bool apply) const;

    QList<QLayoutItem *> m_items;
};
