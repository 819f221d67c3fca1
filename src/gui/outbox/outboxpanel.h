#pragma once

#include "outboxemail.h"

#include <QPointer>
#include <QWidget>
#include <memory>
#include <optional>

class FontFittedTable;
class OutboxModel;
class QTableView;
class ServerHost;
namespace Ui {
class OutboxPanel;
}

// The API's fake mailbox, like a mail client: the emails newest first above a reading pane with
// the selected one, and its reset token and link one click from the clipboard. A new email is
// shown at once unless the trainer is reading another one; an email counts as read once the
// panel has shown it (not while it sits behind another tab).
class OutboxPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxPanel)

public:
    explicit OutboxPanel(QWidget *parent = nullptr);
    ~OutboxPanel() override;

    // Follows the host's outbox from now on, asking it for the emails it holds.
    void attach(ServerHost *host);

    OutboxModel *model() const { return m_model; }
    QTableView *view() const;
    int unreadCount() const;
    // The email in the reading pane, if any.
    std::optional<OutboxEmail> shownEmail() const;

    void copyToken();
    void copyLink();

signals:
    // For a tab title such as "Outbox (2)".
    void unreadCountChanged(int count);
    // After a copy button put something on the clipboard, e.g. "reset token" (for a status bar).
    void copiedToClipboard(const QString &what);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    int selectedRow() const; // -1 when nothing is selected
    void selectRow(int row);
    void noteWhetherFollowingNewest();
    void showSelectedEmail();
    void markShownEmailRead();
    void updatePage();
    void updateFonts();

    std::unique_ptr<Ui::OutboxPanel> m_ui;
    OutboxModel *m_model;
    FontFittedTable *m_fitting;
    QPointer<ServerHost> m_host;
    std::optional<OutboxEmail> m_shown;
    QString m_shownLink;
    // Whether the arrivals being inserted take the selection: the trainer was not reading an
    // older email.
    bool m_followNewest = true;
};
