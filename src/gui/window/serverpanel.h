#pragma once

#include "servercontroller.h"

#include <QWidget>
#include <memory>

namespace Ui {
class ServerPanel;
}

// The server bar of the window: whether the API listens, the URLs to reach it (one click copies
// one), who may reach it, the port, start/stop, and a banner when it could not start.
class ServerPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerPanel)

public:
    explicit ServerPanel(ServerController &controller, QWidget *parent = nullptr);
    ~ServerPanel() override;

signals:
    // The trainer chose where the API should listen (the window saves it and starts there).
    void listenRequested(const QHostAddress &address, quint16 port);
    void urlCopied(const QUrl &url);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showState();
    void showUrls();
    void requestListen(quint16 port);
    void applyChangedChoice();
    void toggleServer();
    QHostAddress chosenAddress() const;

    std::unique_ptr<Ui::ServerPanel> m_ui;
    ServerController &m_controller;
    QFont m_urlFont;
    quint16 m_offeredPort = 0; // the free port the banner offers
};
