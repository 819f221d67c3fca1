#pragma once

#include <QPointer>
#include <QWidget>
#include <memory>

class FontFittedTable;
class QAction;
class QSortFilterProxyModel;
class QTableView;
class ServerHost;
class TokenTableModel;
struct TokenRecord;
namespace Ui {
class TokensPanel;
}

// The tokens the API issued since the panel was attached, newest at the top, with their state:
// active, expired, or revoked and why. The trainer revokes the selected ones; a row turns
// revoked only when the API says it did.
class TokensPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokensPanel)

public:
    explicit TokensPanel(QWidget *parent = nullptr);
    ~TokensPanel() override;

    // Lists the host's tokens from now on (there is no snapshot of those issued before).
    void attach(ServerHost *host);

    TokenTableModel *model() const { return m_model; }
    QTableView *view() const;
    QAction *revokeAction() const { return m_revokeAction; }

    void revokeSelectedTokens();
    void setActiveOnly(bool activeOnly);

private:
    QList<TokenRecord> selectedActiveTokens() const;
    void updateActions();
    void updateTokenCount();

    std::unique_ptr<Ui::TokensPanel> m_ui;
    TokenTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    FontFittedTable *m_fitting;
    QAction *m_revokeAction;
    QPointer<ServerHost> m_host;
};
