#include "appsettings.h"
#include "loglinequeue.h"
#include "singleinstance.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <optional>
#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

#ifdef Q_OS_UNIX
namespace {

// A FIFO for the server's stdout whose reader reads only when the test says so: a reader that
// is slow, paused or gone, which QProcess (always reading) cannot play.
class StdoutFifo
{
    Q_DISABLE_COPY_MOVE(StdoutFifo)

public:
    explicit StdoutFifo(const QString &path)
        : m_path(path)
    {
        // Opened for reading first (without waiting for a writer), so the server's open succeeds.
        if (::mkfifo(QFile::encodeName(path).constData(), 0600) == 0)
            m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    }
    ~StdoutFifo() { close(); }

    bool isOpen() const { return m_fd >= 0; }
    QString path() const { return m_path; }
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }
    // The next whole line, reading as much as arrives for up to timeoutMs.
    std::optional<QByteArray> nextLine(int timeoutMs = 10000)
    {
        [[maybe_unused]] const bool arrived = QTest::qWaitFor(
            [this] { return readAvailable(), m_received.contains('\n'); }, timeoutMs);
        const qsizetype end = m_received.indexOf('\n');
        if (end < 0)
            return std::nullopt;
        const QByteArray line = m_received.first(end);
        m_received.remove(0, end + 1);
        return line;
    }

private:
    void readAvailable()
    {
        char buffer[64 * 1024];
        for (;;) {
            const auto count = ::read(m_fd, buffer, sizeof buffer);
            if (count <= 0)
                return;
            m_received.append(buffer, count);
        }
    }

    QString m_path;
    int m_fd = -1;
    QByteArray m_received;
};

} // namespace
#endif

// The apidojo binary as a user runs it: arguments, the ready line, the request log, signals.
class TestHeadless : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_configHome.isValid()); }
    void cleanup();

    void version();
    void help();
    void badArguments_data();
    void badArguments();
    void portInUse();
    void servesAndLogsEachRequest();
    void logNamesADataReset();
    void runsBesideAWindowOfTheSameUser();
    void faultsFileMakesTheApiFail();
    void documentedFaultPlanAsTheReadmeSays();
    void controlApiWithTheGivenKey();
    void requirePasswordsRefusesEmailOnlyLogin();
    void noLessonSwitchesThatLessonOff();
    void consoleServerIsHeadlessWithoutTheOption();
    void controlApiPrintsANewKey();
    void stopsCleanlyOnSignal_data();
    void stopsCleanlyOnSignal();
    void secretSurvivesRestart();
    void settingsAreForTheOwnerOnly();
    void settingsFileIsPrivateFromItsFirstWrite();
    void keepsServingAndStopsWhileNobodyReadsStdout();
    void reportsDroppedLinesWhenTheReaderCatchesUp();
    void keepsServingWhenStdoutIsClosed();
    void logQueueKeepsLinesInOrder();
    void logQueueDropsWhenFullAndSaysSoAfter();
    void droppedNoteGroupsDigits();

private:
    QProcess *launch(const QStringList &arguments,
                     const QString &program = QStringLiteral(APIDOJO_BINARY),
                     const QString &stdoutFile = {});
    QString writeFile(const QString &name, const QByteArray &contents);
    // The lines the server prints after its ready line, until `count` are there.
    QStringList readLines(QProcess *process, int count);
    // Starts --headless --port 0 and returns the base URL from the ready line.
    QUrl startServer(QProcess *process);
#ifdef Q_OS_UNIX
    // The same with stdout on a FIFO the test reads when it chooses; invalid if it did not start.
    QUrl startOnFifo(StdoutFifo &fifo, QProcess **process = nullptr);
#endif
    static QUrl baseUrlOf(const QString &readyLine);
    // Sends `count` GET /health requests at once, each with a query that makes its log line
    // about 8 KB long; how many were answered with 200.
    static int sendLongRequests(const QUrl &base, int count);
    QByteArray getBody(const QUrl &url, int *status = nullptr);

    QTemporaryDir m_configHome;
    QList<QProcess *> m_processes;
};

QProcess *TestHeadless::launch(const QStringList &arguments, const QString &program,
                               const QString &stdoutFile)
{
    auto *process = new QProcess(this);
    if (!stdoutFile.isEmpty())
        process->setStandardOutputFile(stdoutFile);
#ifdef Q_OS_UNIX
    // As a shell starts it: this process ignores SIGPIPE (QProcess does), which would be inherited.
    process->setChildProcessModifier([] { ::signal(SIGPIPE, SIG_DFL); });
#endif
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"XDG_CONFIG_HOME"_s, m_configHome.path());
    process->setProcessEnvironment(environment);
    process->start(program, arguments);
    m_processes.append(process);
    return process;
}

QString TestHeadless::writeFile(const QString &name, const QByteArray &contents)
{
    const QString path = m_configHome.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        qWarning() << "cannot write" << path;
    return path;
}

QStringList TestHeadless::readLines(QProcess *process, int count)
{
    QStringList lines;
    // Whatever arrived in time; the caller compares the count.
    [[maybe_unused]] const bool complete = QTest::qWaitFor(
        [&] {
            while (process->canReadLine())
                lines.append(QString::fromUtf8(process->readLine()).trimmed());
            return lines.size() >= count;
        },
        10000);
    return lines;
}

void TestHeadless::cleanup()
{
    for (QProcess *process : std::as_const(m_processes)) {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(5000);
        }
        delete process;
    }
    m_processes.clear();
}

QUrl TestHeadless::startServer(QProcess *process)
{
    if (!process->waitForStarted(5000))
        return {};
    if (!QTest::qWaitFor([process] { return process->canReadLine(); }, 10000))
        return {};
    return baseUrlOf(QString::fromUtf8(process->readLine()).trimmed());
}

#ifdef Q_OS_UNIX
QUrl TestHeadless::startOnFifo(StdoutFifo &fifo, QProcess **process)
{
    if (!fifo.isOpen())
        return {};
    QProcess *started =
        launch({u"--headless"_s, u"--port"_s, u"0"_s}, QStringLiteral(APIDOJO_BINARY), fifo.path());
    if (process)
        *process = started;
    const std::optional<QByteArray> ready = fifo.nextLine();
    return ready ? baseUrlOf(QString::fromUtf8(*ready)) : QUrl();
}
#endif

QUrl TestHeadless::baseUrlOf(const QString &line)
{
    static const QRegularExpression ready(QRegularExpression::anchoredPattern(
        u"ApiDojo %1 listening on (http://127\\.0\\.0\\.1:[0-9]+)"_s.arg(
            QRegularExpression::escape(QStringLiteral(APIDOJO_VERSION)))));
    const auto match = ready.match(line);
    if (!match.hasMatch())
        qWarning() << "unexpected ready line:" << line;
    return match.hasMatch() ? QUrl(match.captured(1)) : QUrl();
}

int TestHeadless::sendLongRequests(const QUrl &base, int count)
{
    QNetworkAccessManager manager;
    QUrl url = base.resolved(QUrl(u"/health"_s));
    url.setQuery(u"pad="_s + QString(8000, u'x'));
    QList<QNetworkReply *> replies;
    for (int i = 0; i < count; ++i)
        replies.append(manager.get(QNetworkRequest(url)));
    [[maybe_unused]] const bool allFinished = QTest::qWaitFor(
        [&] {
            return std::all_of(replies.cbegin(), replies.cend(),
                               [](const QNetworkReply *reply) { return reply->isFinished(); });
        },
        60000);
    int answered = 0;
    for (QNetworkReply *reply : std::as_const(replies)) {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
            ++answered;
        delete reply;
    }
    return answered;
}

QByteArray TestHeadless::getBody(const QUrl &url, int *status)
{
    QNetworkAccessManager manager;
    QNetworkReply *reply = manager.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return {};
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    delete reply;
    return body;
}

void TestHeadless::version()
{
    QProcess *process = launch({u"--version"_s});
    QVERIFY(process->waitForFinished(10000));
    QCOMPARE(process->exitCode(), 0);
    QCOMPARE(process->readAllStandardOutput().trimmed(), "ApiDojo " APIDOJO_VERSION);
}

void TestHeadless::help()
{
    QProcess *process = launch({u"--help"_s});
    QVERIFY(process->waitForFinished(10000));
    QCOMPARE(process->exitCode(), 0);
    const QByteArray text = process->readAllStandardOutput();
    for (const char *option : {"--headless", "--port", "--bind", "--token-ttl", "--version"})
        QVERIFY2(text.contains(option), option);
}

void TestHeadless::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("complaint");
    QTest::newRow("unknown option") << QStringList{u"--headles"_s} << u"headles"_s;
    QTest::newRow("port too big") << QStringList{u"--headless"_s, u"--port"_s, u"70000"_s}
                                  << u"70000"_s;
    QTest::newRow("port not a number") << QStringList{u"--headless"_s, u"--port=abc"_s} << u"abc"_s;
    QTest::newRow("bind not an address")
        << QStringList{u"--headless"_s, u"--bind"_s, u"nowhere"_s} << u"nowhere"_s;
    QTest::newRow("ttl zero") << QStringList{u"--headless"_s, u"--token-ttl"_s, u"0"_s}
                              << u"token lifetime"_s;
    QTest::newRow("stray argument") << QStringList{u"--headless"_s, u"extra"_s} << u"extra"_s;
    QTest::newRow("missing value") << QStringList{u"--headless"_s, u"--port"_s} << u"port"_s;
    QTest::newRow("seed not a number")
        << QStringList{u"--headless"_s, u"--seed"_s, u"-1"_s} << u"seed must be a whole number"_s;
    QTest::newRow("faults file missing")
        << QStringList{u"--headless"_s, u"--faults"_s, m_configHome.filePath(u"none.json"_s)}
        << u"none.json' cannot be used: The file cannot be read"_s;
    const QString badPlan =
        writeFile(u"bad-plan.json"_s, R"({"rules":[{"action":{"type":"status","status":200}}]})");
    QTest::newRow("faults file invalid")
        << QStringList{u"--headless"_s, u"--faults"_s, badPlan}
        << u"bad-plan.json' cannot be used: rules[0].action.status"_s; // the path as given
    QTest::newRow("control key too short")
        << QStringList{u"--headless"_s, u"--control-key"_s, u"short"_s} << u"control key"_s;
    QTest::newRow("control key empty")
        << QStringList{u"--headless"_s, u"--control-key="_s} << u"control key"_s;
    QTest::newRow("unknown lesson")
        << QStringList{u"--headless"_s, u"--no-lesson"_s, u"inventory"_s, u"--no-lesson"_s,
                       u"invent"_s}
        << u"There is no lesson API 'invent'; the lesson APIs are user-management, "_s;
    QTest::newRow("lesson missing")
        << QStringList{u"--headless"_s, u"--no-lesson"_s} << u"no-lesson"_s;
    // Qt's window-system options are for the window; headless mode says so without a display.
    QTest::newRow("window-system option")
        << QStringList{u"--headless"_s, u"-platform"_s, u"xcb"_s} << u"Unknown option"_s;
}

void TestHeadless::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, complaint);
    QProcess *process = launch(arguments);
    QVERIFY(process->waitForFinished(10000));
    QCOMPARE(process->exitCode(), 2);
    const QString error = QString::fromUtf8(process->readAllStandardError());
    QVERIFY2(error.startsWith(u"apidojo: "_s), qPrintable(error));
    QVERIFY2(error.contains(complaint), qPrintable(error));
    QVERIFY(process->readAllStandardOutput().isEmpty());
}

void TestHeadless::portInUse()
{
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(occupier.serverPort());
    QProcess *process = launch({u"--headless"_s, u"--port"_s, port});
    QVERIFY(process->waitForFinished(10000));
    QCOMPARE(process->exitCode(), 2);
    const QString error = QString::fromUtf8(process->readAllStandardError()).trimmed();
    QVERIFY2(error.startsWith(u"apidojo: cannot listen on 127.0.0.1:"_s + port), qPrintable(error));
    QCOMPARE(error.count(u'\n'), 0);
}

void TestHeadless::servesAndLogsEachRequest()
{
    QProcess *process = launch({u"--headless"_s, u"--port"_s, u"0"_s});
    const QUrl base = startServer(process);
    QVERIFY(base.isValid());

    int status = 0;
    const QByteArray body = getBody(base.resolved(QUrl(u"/health"_s)), &status);
    QCOMPARE(status, 200);
    QVERIFY2(body.contains("\"version\":\"" APIDOJO_VERSION "\""), body.constData());
    getBody(base.resolved(QUrl(u"/users/abc?x=1"_s)), &status);
    QCOMPARE(status, 400);
    getBody(base.resolved(QUrl::fromEncoded("/users/%0Afake%20200")), &status);
    QCOMPARE(status, 400);

    QTRY_VERIFY_WITH_TIMEOUT(process->bytesAvailable() > 0 && process->canReadLine(), 5000);
    static const QRegularExpression logLine(
        QRegularExpression::anchoredPattern(u"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z "
                                            u"127\\.0\\.0\\.1 (\\S+) (\\S+) (\\d{3}) \\d+\\.\\d"
                                            u"(?: challenge=\"([a-z0-9,-]+)\")?"_s));
    QStringList lines;
    QTRY_VERIFY_WITH_TIMEOUT(
        (lines +=
         QString::fromUtf8(process->readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts),
         lines.size() >= 3),
        5000);
    const auto first = logLine.match(lines[0]);
    QVERIFY2(first.hasMatch(), qPrintable(lines[0]));
    QCOMPARE(first.captured(1), u"GET"_s);
    QCOMPARE(first.captured(2), u"/health"_s);
    QCOMPARE(first.captured(3), u"200"_s);
    // The challenge each completed in its instance (issue 16), if any.
    QCOMPARE(first.captured(4), u"read-health"_s);
    const auto second = logLine.match(lines[1]);
    QVERIFY2(second.hasMatch(), qPrintable(lines[1]));
    QCOMPARE(second.captured(2), u"/users/abc?x=1"_s);
    QCOMPARE(second.captured(3), u"400"_s);
    QCOMPARE(second.captured(4), u"read-bad-id"_s);
    // A newline in the path cannot forge a log line.
    QCOMPARE(lines.size(), 3);
    const auto third = logLine.match(lines[2]);
    QVERIFY2(third.hasMatch(), qPrintable(lines[2]));
    QCOMPARE(third.captured(2), u"/users/%0Afake%20200"_s);
}

void TestHeadless::logNamesADataReset()
{
    QProcess *process = launch({u"--headless"_s, u"--port"_s, u"0"_s});
    const QUrl base = startServer(process);
    QVERIFY(base.isValid());

    QNetworkAccessManager manager;
    for (const QString &path : {u"/reset"_s, u"/s/alice/reset"_s}) {
        QNetworkRequest request(base.resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply *reply = manager.post(request, "{}"_ba);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        delete reply;
    }

    const QStringList lines = readLines(process, 2);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].endsWith(u" event=\"Data reset — by POST /reset\""_s), qPrintable(lines[0]));
    QVERIFY2(lines[1].endsWith(u" sandbox=alice event=\"Data reset of alice's sandbox — by POST "
                               u"/s/alice/reset\""_s),
             qPrintable(lines[1]));
}

// The window allows one instance per user; CI starts many headless servers at once.
void TestHeadless::runsBesideAWindowOfTheSameUser()
{
    SingleInstance window(m_configHome.filePath(u"ApiDojo"_s));
    QVERIFY(window.claim());

    QProcess *process = launch({u"--headless"_s, u"--port"_s, u"0"_s});
    QVERIFY(startServer(process).isValid());
    QProcess *another = launch({u"--headless"_s, u"--port"_s, u"0"_s});
    QVERIFY(startServer(another).isValid());
}

void TestHeadless::faultsFileMakesTheApiFail()
{
    const QString plan = writeFile(u"flaky.json"_s, R"({
        "rules": [{"method": "GET", "path": "/users",
                   "action": {"type": "status", "status": 503},
                   "trigger": {"type": "always"}}]
    })");
    QProcess *process =
        launch({u"--headless"_s, u"--port"_s, u"0"_s, u"--faults"_s, plan, u"--seed"_s, u"77"_s});
    const QUrl base = startServer(process);
    QVERIFY(base.isValid());
    const QStringList notes = readLines(process, 1);
    QCOMPARE(notes.size(), 1);
    QCOMPARE(notes[0], u"Faults on (replay with --seed 77): GET /users: 503 Service Unavailable, "
                       u"every request"_s);

    int status = 0;
    const QByteArray body = getBody(base.resolved(QUrl(u"/users"_s)), &status);
    QCOMPARE(status, 503);
    QVERIFY2(body.contains("SERVICE_UNAVAILABLE"), body.constData());
    getBody(base.resolved(QUrl(u"/health"_s)), &status);
    QCOMPARE(status, 200);

    const QStringList log = readLines(process, 2);
    QCOMPARE(log.size(), 2);
    QVERIFY2(log[0].contains(u" GET /users 503 "_s), qPrintable(log[0]));
    QVERIFY2(log[0].endsWith(u"faults=\"Rule 1 (GET /users): 503 Service Unavailable\""_s),
             qPrintable(log[0]));
    QVERIFY2(!log[1].contains(u"faults="_s), qPrintable(log[1]));
}

// The README's example file and the line it shows for it.
void TestHeadless::documentedFaultPlanAsTheReadmeSays()
{
    QProcess *process = launch(
        {u"--headless"_s, u"--port"_s, u"0"_s, u"--faults"_s, QStringLiteral(APIDOJO_DEMO_FAULTS)});
    QVERIFY(startServer(process).isValid());
    const QStringList notes = readLines(process, 1);
    QCOMPARE(notes.size(), 1);
    QCOMPARE(notes[0],
             u"Faults on (replay with --seed 2026): 500 ms \u00B1 200 ms on every request "
             u"(except /health); POST /users: 503 Service Unavailable, 30 % of requests"_s);
}

void TestHeadless::controlApiWithTheGivenKey()
{
    QProcess *process = launch({u"--headless"_s, u"--port"_s, u"0"_s, u"--control-key"_s,
                                u"class-of-2026"_s, u"--seed"_s, u"31"_s});
    const QUrl base = startServer(process);
    QVERIFY(base.isValid());
    const QStringList notes = readLines(process, 1);
    QCOMPARE(notes.size(), 1);
    // A key the user chose is not printed back.
    QCOMPARE(notes[0], u"Control API on: %1/_dojo/faults with the header X-Dojo-Key: <your key> "
                       u"(plans without a seed replay with --seed 31)"_s.arg(base.toString()));

    QNetworkAccessManager manager;
    QNetworkRequest request(base.resolved(QUrl(u"/_dojo/faults"_s)));
    const auto statusOf = [&manager](const QNetworkRequest &sent) {
        QNetworkReply *reply = manager.get(sent);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(10000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        delete reply;
        return status;
    };
    QCOMPARE(statusOf(request), 401);
    request.setRawHeader("X-Dojo-Key", "class-of-2026");
    QCOMPARE(statusOf(request), 200);
}

void TestHeadless::requirePasswordsRefusesEmailOnlyLogin()
{
    QProcess *process = launch({u"--headless"_s, u"--port"_s, u"0"_s, u"--require-passwords"_s});
    const QUrl base = startServer(process);
    QVERIFY(base.isValid());

    QNetworkAccessManager manager;
    QNetworkRequest request(base.resolved(QUrl(u"/login"_s)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    const auto login = [&](const QByteArray &body) {
        QNetworkReply *reply = manager.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(10000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        delete reply;
        return status;
    };
    QCOMPARE(login(R"({"email":"john@example.com"})"), 400);
    QCOMPARE(login(R"({"email":"john@example.com","password":"john123"})"), 200);
}

// --no-lesson NAME (repeatable): that lesson's prefix answers 404, the others serve; the log
// keeps full paths (scripts read them, and paste them into curl), unlike the window's tag.
void TestHeadless::noLessonSwitchesThatLessonOff()
{
    QProcess *process = launch({u"--headless"_s, u"--port"_s, u"0"_s, u"--no-lesson"_s,
                                u"inventory"_s, u"--no-lesson=flask-advanced"_s});
    const QUrl base = startServer(process);
    QVERIFY(base.isValid());
    QCOMPARE(readLines(process, 1),
             QStringList{u"Lesson APIs off (404): inventory, flask-advanced"_s});

    int status = 0;
    getBody(base.resolved(QUrl(u"/lessons/inventory/openapi.json"_s)), &status);
    QCOMPARE(status, 404);
    getBody(base.resolved(QUrl(u"/lessons/flask-advanced/openapi.json"_s)), &status);
    QCOMPARE(status, 404);
    getBody(base.resolved(QUrl(u"/lessons/user-management/openapi.json"_s)), &status);
    QCOMPARE(status, 200);
    const QStringList log = readLines(process, 3);
    QCOMPARE(log.size(), 3);
    QVERIFY2(log[0].contains(u" GET /lessons/inventory/openapi.json 404 "_s), qPrintable(log[0]));
}

// apidojo-server, the console program for Windows: the same server, headless without asking,
// and a bad argument is a usage error at once.
void TestHeadless::consoleServerIsHeadlessWithoutTheOption()
{
    const QString server = QStringLiteral(APIDOJO_SERVER_BINARY);
    QProcess *process = launch({u"--port"_s, u"0"_s}, server);
    const QUrl base = startServer(process);
    QVERIFY(base.isValid());

    QProcess *bad = launch({u"--bogus"_s}, server);
    QVERIFY(bad->waitForFinished(10000));
    QCOMPARE(bad->exitCode(), 2);
}

void TestHeadless::controlApiPrintsANewKey()
{
    QProcess *process = launch({u"--headless"_s, u"--port"_s, u"0"_s, u"--control-api"_s});
    QVERIFY(startServer(process).isValid());
    const QStringList notes = readLines(process, 1);
    QCOMPARE(notes.size(), 1);
    static const QRegularExpression keyNote(QRegularExpression::anchoredPattern(
        u"Control API on: http://127\\.0\\.0\\.1:[0-9]+/_dojo/faults with the header "
        u"X-Dojo-Key: [A-Za-z0-9_-]{24} \\(plans without a seed replay with --seed [0-9]+\\)"_s));
    QVERIFY2(keyNote.match(notes[0]).hasMatch(), qPrintable(notes[0]));
}

void TestHeadless::stopsCleanlyOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestHeadless::stopsCleanlyOnSignal()
{
#ifdef Q_OS_UNIX
    QFETCH(int, signalNumber);
    QProcess *process = launch({u"--headless"_s, u"--port"_s, u"0"_s});
    QVERIFY(startServer(process).isValid());
    QCOMPARE(::kill(pid_t(process->processId()), signalNumber), 0);
    QVERIFY(process->waitForFinished(10000));
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(process->exitCode(), 0);
#else
    QSKIP("POSIX signals only");
#endif
}

void TestHeadless::secretSurvivesRestart()
{
    // A token from one run is still accepted by the next: the secret lives in the settings.
    QProcess *first = launch({u"--headless"_s, u"--port"_s, u"0"_s});
    const QUrl firstBase = startServer(first);
    QVERIFY(firstBase.isValid());
    QNetworkAccessManager manager;
    QNetworkRequest login(firstBase.resolved(QUrl(u"/login"_s)));
    login.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    QNetworkReply *reply = manager.post(login, R"({"email":"admin@example.com"})"_ba);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    const QByteArray response = reply->readAll();
    delete reply;
    const auto tokenStart = response.indexOf("\"token\":\"") + 9;
    const QByteArray token =
        response.mid(tokenStart, response.indexOf('"', tokenStart) - tokenStart);
    QCOMPARE(token.count('.'), 2);
    // The secret was saved at start-up: however the first run ends, the next one has it.
    first->kill();
    QVERIFY(first->waitForFinished(10000));

    QProcess *second = launch({u"--headless"_s, u"--port"_s, u"0"_s});
    const QUrl secondBase = startServer(second);
    QVERIFY(secondBase.isValid());
    QNetworkRequest remove(secondBase.resolved(QUrl(u"/users/2"_s)));
    remove.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *deleted = manager.deleteResource(remove);
    QSignalSpy deletedFinished(deleted, &QNetworkReply::finished);
    QVERIFY(deletedFinished.wait(10000));
    QCOMPARE(deleted->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete deleted;
}

void TestHeadless::settingsAreForTheOwnerOnly()
{
#ifndef Q_OS_LINUX
    QSKIP("A settings file in XDG_CONFIG_HOME is Linux's: Windows and macOS keep their own");
#endif
    // Also mends a settings file that an older version left readable to everyone.
    const QString path = m_configHome.path() + u"/ApiDojo/ApiDojo.conf"_s;
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                    QFile::ReadOther);
    QProcess *process = launch({u"--headless"_s, u"--port"_s, u"0"_s});
    QVERIFY(startServer(process).isValid());
    const QFileInfo settings(path);
    QVERIFY(settings.exists());
    QCOMPARE(settings.permissions() &
                 (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
}

void TestHeadless::settingsFileIsPrivateFromItsFirstWrite()
{
#if !defined(Q_OS_UNIX) || defined(Q_OS_DARWIN)
    QSKIP("An INI file that QSettings writes itself is Linux's (and other Unixes')");
#else
    // In this process, in a folder of its own: the children's settings are not touched.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_configHome.filePath(u"in-process"_s)));
    QCoreApplication::setOrganizationName(u"ApiDojoTest"_s);
    QCoreApplication::setApplicationName(u"FirstWrite"_s);
    const mode_t previousMask = ::umask(022);
    const auto restoreMask = qScopeGuard([previousMask] { ::umask(previousMask); });
    const QString path = QSettings().fileName();
    QVERIFY2(path.startsWith(m_configHome.path()), qPrintable(path));
    QVERIFY(!QFileInfo::exists(path));

    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                      QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    AppSettings settings;
    // The window's own settings (WindowSettings) may be the first to write the file: QSettings
    // puts its new file in place whole, so its permissions are those it had from the start.
    {
        QSettings windowSettings;
        windowSettings.setValue(u"window/zoom"_s, 120);
        windowSettings.sync();
        QCOMPARE(windowSettings.status(), QSettings::NoError);
    }
    QCOMPARE(QFileInfo(path).permissions() & others, QFile::Permissions());
    QCOMPARE(settings.jwtSecret().size(), 32);
    QCOMPARE(QFileInfo(path).permissions() & others, QFile::Permissions());
    QCOMPARE(QFileInfo(QFileInfo(path).absolutePath()).permissions() & others,
             QFile::Permissions());
#endif
}

void TestHeadless::keepsServingAndStopsWhileNobodyReadsStdout()
{
#ifdef Q_OS_UNIX
    StdoutFifo fifo(m_configHome.filePath(u"unread-stdout"_s));
    QProcess *process = nullptr;
    const QUrl base = startOnFifo(fifo, &process);
    QVERIFY(base.isValid());

    // Far more log than the pipe (64 KiB) and the log's queue (1 MiB) hold.
    constexpr int Requests = 300;
    QCOMPARE(sendLongRequests(base, Requests), Requests);
    QCOMPARE(::kill(pid_t(process->processId()), SIGTERM), 0);
    QVERIFY(process->waitForFinished(10000));
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(process->exitCode(), 0);
#else
    QSKIP("POSIX FIFOs and signals only");
#endif
}

void TestHeadless::reportsDroppedLinesWhenTheReaderCatchesUp()
{
#ifdef Q_OS_UNIX
    StdoutFifo fifo(m_configHome.filePath(u"slow-stdout"_s));
    const QUrl base = startOnFifo(fifo);
    QVERIFY(base.isValid());
    constexpr int Requests = 300;
    QCOMPARE(sendLongRequests(base, Requests), Requests);

    // The reader catches up: the lines that waited, then how many did not (the lines of the
    // last answers may come after that).
    static const QRegularExpression droppedNote(QRegularExpression::anchoredPattern(
        u"\u2026 ([1-9][0-9]{0,2}(,[0-9]{3})*) log lines? dropped"_s));
    int logged = 0;
    int dropped = 0;
    bool askedForMore = false;
    bool loggedAfterTheGap = false;
    for (std::optional<QByteArray> line; (line = fifo.nextLine());) {
        const auto note = droppedNote.match(QString::fromUtf8(*line));
        if (note.hasMatch()) {
            dropped += note.captured(1).remove(u',').toInt();
            if (!std::exchange(askedForMore, true)) {
                QNetworkAccessManager manager;
                QNetworkReply *reply =
                    manager.get(QNetworkRequest(base.resolved(QUrl(u"/users/abc"_s))));
                QSignalSpy finished(reply, &QNetworkReply::finished);
                QVERIFY(finished.wait(10000));
                delete reply;
            }
        } else if (line->contains(" GET /users/abc 400 ")) {
            loggedAfterTheGap = true;
            break;
        } else {
            QVERIFY2(line->contains(" GET /health?pad=x"), line->constData());
            ++logged;
        }
    }
    QVERIFY(askedForMore); // the reader was told about a gap
    QVERIFY(loggedAfterTheGap);
    QVERIFY(logged > 0);
    QVERIFY(dropped > 0);
    QCOMPARE(logged + dropped, Requests);
#else
    QSKIP("POSIX FIFOs only");
#endif
}

// `apidojo --headless --port 0 | head -1`: the reader of stdout goes away after the ready line.
void TestHeadless::keepsServingWhenStdoutIsClosed()
{
#ifdef Q_OS_UNIX
    StdoutFifo fifo(m_configHome.filePath(u"closed-stdout"_s));
    QProcess *process = nullptr;
    const QUrl base = startOnFifo(fifo, &process);
    QVERIFY(base.isValid());
    fifo.close();

    // Each answer's log line is written after it (a batch at most 25 ms later): the pauses
    // let the server meet the closed pipe between requests.
    for (int i = 0; i < 10; ++i) {
        int status = 0;
        getBody(base.resolved(QUrl(u"/health"_s)), &status);
        QCOMPARE(status, 200);
        QTest::qWait(50);
    }
    QCOMPARE(process->state(), QProcess::Running);
    QCOMPARE(::kill(pid_t(process->processId()), SIGTERM), 0);
    QVERIFY(process->waitForFinished(10000));
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(process->exitCode(), 0);
#else
    QSKIP("POSIX FIFOs and signals only");
#endif
}

void TestHeadless::logQueueKeepsLinesInOrder()
{
    LogLineQueue queue(100);
    QVERIFY(queue.isEmpty());
    QVERIFY(queue.push("first"));
    QVERIFY(queue.push("second"));
    QVERIFY(!queue.isEmpty());
    QCOMPARE(queue.pendingBytes(), 13);
    QCOMPARE(queue.take(), "first\nsecond\n"_ba);
    QVERIFY(queue.isEmpty());
    QCOMPARE(queue.take(), QByteArray());
}

void TestHeadless::logQueueDropsWhenFullAndSaysSoAfter()
{
    LogLineQueue queue(12);
    QVERIFY(queue.push("12345"));       // 6 bytes
    QVERIFY(queue.push("abcde"));       // 12: full
    QVERIFY(!queue.push("x"));          // no room
    QVERIFY(!queue.push(""));           // would fit nowhere either
    QCOMPARE(queue.pendingBytes(), 12); // memory bounded by the capacity
    QCOMPARE(queue.take(), "12345\nabcde\n\u2026 2 log lines dropped\n"_ba);
    // The reader caught up: lines are queued again, and the note is not repeated.
    QVERIFY(queue.push("again"));
    QCOMPARE(queue.take(), "again\n"_ba);

    // Once a line is dropped, a smaller one after it is dropped too: the note marks one gap.
    QVERIFY(queue.push("1234567890"));
    QVERIFY(!queue.push("abc"));
    QVERIFY(!queue.push("z"));
    QCOMPARE(queue.take(), "1234567890\n\u2026 2 log lines dropped\n"_ba);

    // A line longer than the whole queue.
    QVERIFY(!queue.push(QByteArray(50, 'y')));
    QVERIFY(!queue.isEmpty());
    QCOMPARE(queue.take(), "\u2026 1 log line dropped\n"_ba);
}

void TestHeadless::droppedNoteGroupsDigits()
{
    QCOMPARE(LogLineQueue::droppedNote(1), "\u2026 1 log line dropped"_ba);
    QCOMPARE(LogLineQueue::droppedNote(999), "\u2026 999 log lines dropped"_ba);
    QCOMPARE(LogLineQueue::droppedNote(1234), "\u2026 1,234 log lines dropped"_ba);
    QCOMPARE(LogLineQueue::droppedNote(1234567), "\u2026 1,234,567 log lines dropped"_ba);
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
