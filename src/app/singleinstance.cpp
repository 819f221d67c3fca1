#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
const auto PortQuestion = "port"_ba;
const auto FrontQuestion = "front"_ba;
} // namespace

SingleInstance::SingleInstance(const QString &directory, QObject *parent)
    : QObject(parent)
    // Socket names live in one directory for everyone (/tmp): the settings' path keeps users
    // and configurations apart.
    , m_serverName(u"apidojo-"_s + QString::fromLatin1(QCryptographicHash::hash(
                                                           QDir(directory).absolutePath().toUtf8(),
                                                           QCryptographicHash::Sha256)
                                                           .toHex()
                                                           .left(24)))
    , m_lock(QDir(directory).filePath(u"instance.lock"_s))
{
    QDir().mkpath(directory);
    // Only a lock whose process is gone is stale: a class runs for hours.
    m_lock.setStaleLockTime(0);
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::settingsDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/ApiDojo"_s;
}

bool SingleInstance::claim()
{
    if (!m_lock.tryLock(0))
        return m_lock.error() != QLockFile::LockFailedError;
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    QLocalServer::removeServer(m_serverName); // a crashed instance's socket
    if (!m_server->listen(m_serverName))
        qWarning("apidojo: later starts cannot reach this one: %s",
                 qPrintable(m_server->errorString()));
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] { answer(socket); });
        }
    });
    return true;
}

void SingleInstance::answer(QLocalSocket *socket)
{
    if (!socket->canReadLine())
        return;
    const QByteArray question = socket->readLine().trimmed();
    socket->write(QByteArray::number(m_port) + '\n');
    socket->disconnectFromServer(); // once the answer is written
    if (question == FrontQuestion)
        emit frontRequested();
}

std::optional<quint16> SingleInstance::runningPort() const
{
    const std::optional<QByteArray> reply = ask(PortQuestion);
    if (!reply)
        return std::nullopt;
    bool ok = false;
    const uint port = reply->toUInt(&ok);
    return ok && port <= 65535 ? std::optional<quint16>(quint16(port)) : std::nullopt;
}

bool SingleInstance::bringRunningToFront() const
{
    return ask(FrontQuestion).has_value();
}

// Waits in an event loop of its own: the running instance may be in this very process (tests).
std::optional<QByteArray> SingleInstance::ask(const QByteArray &question) const
{
    QLocalSocket socket;
    QEventLoop loop;
    std::optional<QByteArray> reply;
    const auto readReply = [&] {
        if (!reply && socket.canReadLine()) {
            reply = socket.readLine().trimmed();
            loop.quit();
        }
    };
    connect(&socket, &QLocalSocket::connected, &loop,
            [&socket, &question] { socket.write(question + '\n'); });
    connect(&socket, &QLocalSocket::readyRead, &loop, readReply);
    connect(&socket, &QLocalSocket::disconnected, &loop, [&] {
        readReply();
        loop.quit();
    });
    connect(&socket, &QLocalSocket::errorOccurred, &loop, &QEventLoop::quit);
    socket.connectToServer(m_serverName);
    if (socket.state() == QLocalSocket::UnconnectedState)
        return std::nullopt; // refused at once: quit() before exec() would not end the loop
    QTimer::singleShot(AnswerTimeoutMs, &loop, &QEventLoop::quit);
    if (!reply)
        loop.exec();
    return reply;
}
