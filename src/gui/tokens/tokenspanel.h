#pragma once

#include "tokenrecord.h"

#include <QPointer>
#include <QWidget>
#include <memory>

class FontFittedTable;
class QAction;
class QTableView;
class ServerHost;
class TokenFilterProxy;
class TokenTableModel;
namespace Ui {
class TokensPanel;
}

// The tokens the API issued since the panel was attached, newest at the top, with their state:
// active, expired, or revoked and why. The trainer revokes the selected ones; a row turns
// revoked only when the API says it did. It lists the tokens of every API instance and shows
// those of the one the window watches.
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
    // Shows the tokens of this instance ("" : the shared API).
    void setWatchedSandbox(const QString &sandbox);
    QString watchedSandbox() const;

private:
    struct SandboxToken
    {
        QString sandbox;
        TokenRecord token;
    };
    QList<SandboxToken> selectedActiveTokens() const;
    void updateActions();
    void updateTokenCount();

    std::unique_ptr<Ui::TokensPanel> m_ui;
    TokenTableModel *m_model;
    TokenFilterProxy *m_proxy;
    FontFittedTable *m_fitting;
    QAction *m_revokeAction;
    QPointer<ServerHost> m_host;
};
