#pragma once

#include <QPointer>
#include <QUrl>
#include <QWidget>
#include <functional>
#include <memory>

class ClassTableModel;
class FontFittedTable;
class QAction;
class QSortFilterProxyModel;
class QTableView;
class ServerHost;
namespace Ui {
class ClassPanel;
}

// The Class tab: one row per student's sandbox with its use, live and sortable. The trainer
// resets or removes the selected sandboxes (removal after a confirmation) or resets them all,
// and double-clicks a row to watch that sandbox in the other tabs. While there is no sandbox it
// tells how students make one.
class ClassPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClassPanel)

public:
    explicit ClassPanel(QWidget *parent = nullptr);
    ~ClassPanel() override;

    // Lists the host's sandboxes from now on; the actions go to it.
    void attach(ServerHost *host);
    // Where students reach the API, for the text shown while there is no sandbox.
    void setBaseUrl(const QUrl &url);

    ClassTableModel *model() const { return m_model; }
    QTableView *view() const;
    QAction *removeAction() const { return m_removeAction; }

    // The names of the selected rows, in the view's order.
    QStringList selectedNames() const;
    void resetSelected();
    // Asks first; removes the rows selected when asked.
    void removeSelected();
    // Asks first.
    void resetAll();

signals:
    // The trainer double-clicked a sandbox: the tables should show it.
    void watchRequested(const QString &sandbox);
    void sandboxCountChanged(int count);

private:
    void confirm(const QString &objectName, const QString &title, const QString &text,
                 const QString &action, std::function<void()> onConfirmed);
    void updateActions();
    void updateCount();
    void updateEmptyText();

    std::unique_ptr<Ui::ClassPanel> m_ui;
    ClassTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    FontFittedTable *m_fitting;
    QAction *m_removeAction;
    QPointer<ServerHost> m_host;
    QUrl m_baseUrl;
};
