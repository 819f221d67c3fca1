#include "headlessrunner.h"

#include "serverhost.h"
#include "stdoutlog.h"

#include <QCoreApplication>
#include <QUrl>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

QString urlHost(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                               : address.toString();
}

} // namespace

HeadlessRunner::HeadlessRunner(ServerHost &host, StdoutLog &log, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_log(log)
{
    connect(&m_host, &ServerHost::started, this, &HeadlessRunner::printReady);
    connect(&m_host, &ServerHost::startFailed, this,
            [this](QAbstractSocket::SocketError, const QString &reason) { printFailure(reason); });
    connect(&m_host, &ServerHost::exchangesRecorded, this, &HeadlessRunner::printExchanges);
}

void HeadlessRunner::start(const ServiceConfig &config, const QHostAddress &address, quint16 port)
{
    m_requestedAddress = address;
    m_requestedPort = port;
    m_host.start(config, address, port);
}

QByteArray HeadlessRunner::logLine(const Exchange &exchange)
{
    // Percent-encoded so that a client cannot forge log lines with a newline or a space; "-"
    // stands for what a request refused early never told (method, path).
    const auto field = [](const QByteArray &text) {
        return text.isEmpty() ? "-"_ba : text;
    };
    const ApiRequest &request = exchange.request;
    // The full path, a lesson's prefix included (the window shows it as a tag): scripts read
    // these lines, and a path from them goes into curl as it is.
    QByteArray target = QUrl::toPercentEncoding(request.pathAsSent(), "/");
    if (!request.query.isEmpty())
        target += '?' + request.query.toString(QUrl::FullyEncoded).toUtf8();
    const double milliseconds = double(exchange.durationUs) / 1000.0;
    QByteArray line = exchange.startedAt.toUTC().toString(Qt::ISODateWithMs).toLatin1() + ' ' +
                      field(request.clientAddress.toString().toLatin1()) + ' ' +
                      field(request.method) + ' ' + field(target) + ' ' +
                      QByteArray::number(exchange.response.status) + ' ' +
                      QByteArray::number(milliseconds, 'f', 1);
    if (!request.sandbox.isEmpty())
        line += " sandbox=" + request.sandbox.toLatin1(); // only [a-z0-9_-]
    if (!exchange.faults.isEmpty()) {
        QStringList faults;
        for (const AppliedFault &fault : exchange.faults)
            faults.append(fault.source + u": "_s + fault.effect);
        line += " faults=\"" + faults.join(u"; "_s).toUtf8() + '"';
    }
    if (!exchange.dataReset.isEmpty())
        line += " event=\"" + exchange.dataReset.toUtf8() +
                '"'; // 200: a real path and sandbox name, no quote
    // The catalogue's ids: lower case, digits and '-'.
    if (!exchange.challengesCompleted.isEmpty())
        line += " challenge=\"" + exchange.challengesCompleted.join(u',').toUtf8() + '"';
    return line;
}

void HeadlessRunner::printExchanges(const QList<Exchange> &exchanges)
{
    // Only the short lines are kept, never the exchanges and their bodies.
    for (const Exchange &exchange : exchanges)
        m_log.write(logLine(exchange));
}

void HeadlessRunner::printReady(const QHostAddress &address, quint16 port)
{
    const QString baseUrl = u"http://%1:%2"_s.arg(urlHost(address)).arg(port);
    m_log.write(u"ApiDojo %1 listening on %2"_s.arg(QCoreApplication::applicationVersion(), baseUrl)
                    .toUtf8());
    if (m_startupNotes) {
        for (const QString &note : m_startupNotes(baseUrl))
            m_log.write(note.toUtf8());
    }
}

void HeadlessRunner::printFailure(const QString &reason)
{
    std::fprintf(stderr, "%s\n",
                 u"apidojo: cannot listen on %1:%2: %3."_s.arg(urlHost(m_requestedAddress))
                     .arg(m_requestedPort)
                     .arg(reason)
                     .toUtf8()
                     .constData());
    QCoreApplication::exit(2);
}
