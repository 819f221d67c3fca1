#pragma once

#include <QLockFile>
#include <QObject>
#include <QString>
#include <optional>

class QLocalServer;
class QLocalSocket;

// One window per user's settings: the first start holds a lock in the settings' directory and
// answers later starts on a local socket (the port it serves; "come to the front"), so that a
// second start cannot overwrite the first one's settings. A crashed first start leaves a stale
// lock that the next start takes over.
class SingleInstance : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    static constexpr int AnswerTimeoutMs = 3000;

    // directory: where the settings live; one instance per directory, and so per user.
    explicit SingleInstance(const QString &directory, QObject *parent = nullptr);
    ~SingleInstance() override;

    // This user's settings directory (it follows $XDG_CONFIG_HOME on Linux).
    static QString settingsDirectory();

    // True if this process is the instance from now on (also when the directory cannot hold a
    // lock at all: the guard then never stands in the way); false if another one runs.
    bool claim();
    // While this is the instance: the port it serves, told to later starts (0: none).
    void setPort(quint16 port) { m_port = port; }

    // Asked of the running instance by a later start. nullopt: no answer in time; 0: it serves
    // no port at the moment.
    std::optional<quint16> runningPort() const;
    // False if the running instance did not answer in time.
    bool bringRunningToFront() const;

signals:
    // A later start asked this instance to show its window.
    void frontRequested();

private:
    std::optional<QByteArray> ask(const QByteArray &question) const;
    void answer(QLocalSocket *socket);

    QString m_serverName;
    QLockFile m_lock;
    QLocalServer *m_server = nullptr;
    quint16 m_port = 0;
};
