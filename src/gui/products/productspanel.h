#pragma once

#include <QList>
#include <QPointer>
#include <QWidget>
#include <memory>

class FontFittedTable;
class LessonListModel;
class ProductTableModel;
struct LessonList;
struct LessonListSource;
class QSortFilterProxyModel;
class QTableView;
class ServerHost;
namespace Ui {
class ProductsPanel;
}

// The live products table, read-only: every change of the store shows the moment it happens,
// highlighted. The trainer can sort it and show one type only. A selector shows instead the
// list a lesson API keeps (API.md Part C), as live and as read-only.
class ProductsPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductsPanel)

public:
    static constexpr int MinimumLessonColumnCharacters = 12;

    explicit ProductsPanel(QWidget *parent = nullptr);
    ~ProductsPanel() override;

    // Follows the host's products from now on, asking it for the current table.
    void attach(ServerHost *host);

    ProductTableModel *model() const { return m_model; }
    QTableView *view() const;

    // "book", "toy", ...; empty for every type.
    void setTypeFilter(const QString &typeName);
    QString typeFilter() const;

    // The lesson whose list is shown ("inventory"), or "" for the products of Part B. A lesson
    // the selector does not offer (yet) is ignored.
    void showList(const QString &lesson);
    QString shownList() const;
    LessonListModel *lessonModel() const { return m_lessonModel; }
    QTableView *lessonView() const;

private:
    void applyTypeFilter();
    void updateCount();
    void offerLessonLists(const QList<LessonListSource> &lists);
    void followChosenList();
    void applyLessonList(const QString &lesson, const LessonList &list);
    void fitLessonColumns();
    void onWatching(const QString &sandbox);

    std::unique_ptr<Ui::ProductsPanel> m_ui;
    ProductTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    FontFittedTable *m_fitting;
    LessonListModel *m_lessonModel;
    QSortFilterProxyModel *m_lessonProxy;
    FontFittedTable *m_lessonFitting;
    QPointer<ServerHost> m_host;
    QString m_watched; // the instance the lists come from ("" : the shared API)
};
