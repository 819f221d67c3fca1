#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>
#include <functional>
#include <memory>

class FontFittedTable;
class MessageBar;
class QMessageBox;
class QSortFilterProxyModel;
class QTableView;
class ServerHost;
class UserDialog;
class UserTableModel;
struct ApiOutcome;
struct TrainerRequest;
namespace Ui {
class UsersPanel;
}

// The live users table: every change of the store shows the moment it happens, highlighted, and
// the trainer adds, edits, deletes and resets through the API's own handlers. An error comes
// back as the API's message in the message bar; success shows in the table itself.
class UsersPanel : public QWidget
{
    Q_OBJECT

public:
    explicit UsersPanel(QWidget *parent = nullptr);
    ~UsersPanel() override;

    // Follows the host's users from now on (asking it for the current table) and sends the
    // trainer's edits to it.
    void attach(ServerHost *host);

    UserTableModel *model() const { return m_model; }
    QTableView *view() const;

    // Opens the add dialog without blocking (window-modal); it deletes itself when closed.
    UserDialog *openAddUserDialog();
    void deleteSelectedUsers();
    // Asks first, naming what goes and which instance (window-modal; deletes itself when
    // closed), and resets only on the trainer's confirmation.
    QMessageBox *resetData();

private:
    using SuccessHandler = std::function<void(const ApiOutcome &)>;

    void requestEdit(qint64 userId, const QJsonObject &fields);
    void resetInstance(const QString &sandbox);
    void submit(const TrainerRequest &request, SuccessHandler onSuccess = {});
    QList<qint64> selectedUserIds() const;
    void updateActions();
    void updateUserCount();

    std::unique_ptr<Ui::UsersPanel> m_ui;
    UserTableModel *m_model;
    QSortFilterProxyModel *m_sortModel;
    FontFittedTable *m_fitting;
    MessageBar *m_messageBar;
    QPointer<ServerHost> m_host;
    bool m_columnsFitted = false;
};
