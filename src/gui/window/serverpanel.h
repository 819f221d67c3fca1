#pragma once

#include "servercontroller.h"

#include <QWidget>
#include <memory>

namespace Ui {
class ServerPanel;
}

// The server bar of the window: whether the API listens, the URLs to reach it (one click copies
// one), which API instance the tables show (the class API or a student's sandbox), who may reach
// it, the port, start/stop, and a banner when it could not start.
class ServerPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerPanel)

public:
    explicit ServerPanel(ServerController &controller, QWidget *parent = nullptr);
    ~ServerPanel() override;

    // The class's sandboxes, sorted, for the watch selector.
    void setSandboxes(const QStringList &sortedNames);
    // What the host says the tables show ("" : the class API).
    void showWatched(const QString &sandbox);
    QString watched() const;

signals:
    // The trainer chose where the API should listen (the window saves it and starts there).
    void listenRequested(const QHostAddress &address, quint16 port);
    // The trainer took the free port offered after a collision: for this run only (the window
    // starts there and saves nothing) ...
    void listenForThisRunRequested(const QHostAddress &address, quint16 port);
    // ... unless the trainer then saves it for the next starts too.
    void saveAsDefaultRequested(const QHostAddress &address, quint16 port);
    void urlCopied(const QUrl &url);
    // The trainer chose the instance the tables should show ("" : the class API).
    void watchRequested(const QString &sandbox);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showState();
    void showUrls();
    void showRunPortNote();
    void requestListen(quint16 port);
    void applyChangedChoice();
    void toggleServer();
    QHostAddress chosenAddress() const;

    std::unique_ptr<Ui::ServerPanel> m_ui;
    ServerController &m_controller;
    QFont m_urlFont;
    quint16 m_offeredPort = 0; // the free port the banner offers
    quint16 m_runOnlyPort = 0; // the offered port taken, until saved or another one chosen
    QString m_watched;         // as the host last said
};
