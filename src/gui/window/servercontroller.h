#pragma once

#include "apiservice.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QObject>
#include <QUrl>

class ServerHost;

// The window's view of the server's life: what it was asked to listen on, whether it does, where
// clients reach it, and what went wrong (with a free port to offer when the port was taken).
class ServerController : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerController)

public:
    enum class State { Stopped, Starting, Listening, Failed };
    // Where to look for a free port when the requested one cannot be used at all.
    static constexpr quint16 FallbackFirstPort = 5000;
    Q_ENUM(State)

    ServerController(ServerHost &host, const ServiceConfig &config, QObject *parent = nullptr);

    // Listens on address:port (restarting if it listens already; the data survives).
    void start(const QHostAddress &address, quint16 port);
    void stop();

    State state() const { return m_state; }
    QHostAddress address() const { return m_address; }
    quint16 requestedPort() const { return m_requestedPort; }
    quint16 listeningPort() const { return m_listeningPort; }
    bool servesLocalNetwork() const;
    // Where clients reach the API while it listens (the first one is this computer's).
    QList<QUrl> urls() const { return m_urls; }
    // What the students need: on the local network, this computer's address there (the first
    // one, if it has several), else the first of urls(). Empty while the API does not listen.
    QUrl studentUrl() const;
    // Failed: a sentence for the trainer, and a port that was free a moment ago if the
    // requested one was in use (0 otherwise).
    QString problem() const { return m_problem; }
    quint16 freePortSuggestion() const { return m_freePortSuggestion; }

signals:
    void stateChanged(ServerController::State state);

private:
    void onStarted(const QHostAddress &address, quint16 port);
    void onStartFailed(QAbstractSocket::SocketError error, const QString &reason);
    void onStopped();
    void setState(State state);

    ServerHost &m_host;
    ServiceConfig m_config;
    State m_state = State::Stopped;
    QHostAddress m_address{QHostAddress::LocalHost};
    quint16 m_requestedPort = 0;
    quint16 m_listeningPort = 0;
    QList<QUrl> m_urls;
    QString m_problem;
    quint16 m_freePortSuggestion = 0;
};
