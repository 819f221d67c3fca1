#include "serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int Students = 10;
constexpr int Rounds = 3;
constexpr int StepsPerRound = 27;
const QByteArray ControlKey = "classroom-key-1234"_ba;

// One request of a student's suite and what it must answer. Built when it is sent, so that it
// can use what earlier answers gave (tokens).
struct Step
{
    Step(QByteArray verb, QString target, QByteArray payload = {})
        : method(std::move(verb))
        , path(std::move(target))
        , body(std::move(payload))
    {}

    QByteArray method;
    QString path;
    QByteArray body;  // null: no body
    QByteArray token; // empty: no Authorization header
    enum class Where { Own, Neighbour, Shared } where = Where::Own;
    int status = 200;
    QString errorCode;      // for error answers
    bool crossTalk = false; // a failure here means the sandboxes are not separate
    std::function<void(const QJsonObject &data)> then; // checks and state from the answer
};

QByteArray userBody(const QString &name, const QString &email, int age)
{
    return QJsonDocument(QJsonObject{{u"name"_s, name}, {u"email"_s, email}, {u"age"_s, age}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

// A class of students, each in its own sandbox, running the Part A scenario suite at the same
// time over real sockets: asynchronous requests on the test's event loop, one connection per
// student, every student's requests interleaved with the others'. A shorter
// bench/class-sim.sh, with assertions instead of timings.
class Student : public QObject
{
    Q_OBJECT

public:
    Student(int index, const QUrl &baseUrl, int rounds)
        : m_name(u"student-%1"_s.arg(index + 1, 2, 10, QChar(u'0')))
        , m_neighbour(u"student-%1"_s.arg((index + 1) % Students + 1, 2, 10, QChar(u'0')))
        , m_byHeader(index % 2 == 1)
        , m_baseUrl(baseUrl)
        , m_roundsLeft(rounds)
    {}

    QString name() const { return m_name; }
    bool finished() const { return m_finished; }
    int expectedUsers() const { return m_users; }
    const QStringList &failures() const { return m_failures; }
    int crossTalk() const { return m_crossTalk; }
    int requests() const { return m_requests; }
    // Requests sent to each sandbox ("" : the shared API).
    const std::map<QString, int> &sent() const { return m_sent; }

    void start() { nextRound(); }

private:
    QString email(const QString &what) const { return m_name + u"-"_s + what + u"@example.com"_s; }

    void fail(const Step &step, const QString &text)
    {
        if (step.crossTalk)
            ++m_crossTalk;
        m_failures.append(u"%1 round %2, %3 %4: %5"_s.arg(m_name)
                              .arg(Rounds - m_roundsLeft)
                              .arg(QString::fromLatin1(step.method), step.path, text));
    }

    // The suite of one round, as steps: positive, negative, boundary, cross-talk; each test
    // after its own POST /reset.
    void nextRound()
    {
        if (m_roundsLeft-- == 0) {
            m_finished = true;
            return;
        }
        m_steps.clear();
        m_next = 0;
        const auto reset = [this] {
            Step step{"POST", u"/reset"_s};
            step.then = [this](const QJsonObject &data) {
                m_users = 2;
                if (data[u"users"_s].toInt() != 2)
                    m_failures.append(m_name + u": reset left "_s +
                                      QString::number(data[u"users"_s].toInt()) + u" users"_s);
            };
            return step;
        };
        const auto create = [this](const QString &name, const QString &what, int age, int id) {
            Step step{"POST", u"/users"_s, userBody(name, email(what), age)};
            step.status = id > 0 ? 201 : 400;
            step.errorCode =
                id > 0 ? QString() : (age < 18 || age > 150 ? u"INVALID_AGE"_s : u"INVALID_NAME"_s);
            step.crossTalk = id > 0; // the id after a reset counts this sandbox's users only
            step.then = [this, id](const QJsonObject &data) {
                if (id > 0) {
                    ++m_users;
                    if (data[u"id"_s].toInt() != id) {
                        ++m_crossTalk;
                        m_failures.append(u"%1: created id %2, expected %3"_s.arg(m_name)
                                              .arg(data[u"id"_s].toInt())
                                              .arg(id));
                    }
                }
            };
            return step;
        };
        const auto countUsers = [this] {
            Step step{"GET", u"/users"_s};
            step.crossTalk = true;
            step.then = [this](const QJsonObject &data) {
                const QJsonArray users = data[u"users"_s].toArray();
                QStringList foreign;
                for (const QJsonValue &user : users) {
                    const QString address = user[u"email"_s].toString();
                    if (!address.startsWith(m_name + u"-"_s) && address != u"admin@example.com"_s &&
                        address != u"john@example.com"_s)
                        foreign.append(address);
                }
                if (users.size() != m_users || data[u"count"_s].toInt() != m_users ||
                    !foreign.isEmpty()) {
                    ++m_crossTalk;
                    m_failures.append(u"%1: %2 users (count %3), own actions imply %4; "
                                      u"someone else's: %5"_s.arg(m_name)
                                          .arg(users.size())
                                          .arg(data[u"count"_s].toInt())
                                          .arg(m_users)
                                          .arg(foreign.join(u", "_s)));
                }
            };
            return step;
        };
        const auto login = [this](const QString &email, QByteArray *token) {
            Step step{
                "POST", u"/login"_s,
                QJsonDocument(QJsonObject{{u"email"_s, email}}).toJson(QJsonDocument::Compact)};
            step.then = [token](const QJsonObject &data) {
                *token = data[u"token"_s].toString().toLatin1();
            };
            return step;
        };
        // A step with a token names where the token will be: it is read when the step is sent,
        // after the login before it has answered.
        std::vector<std::pair<Step, const QByteArray *>> steps;
        const auto add = [&steps](Step step) {
            steps.emplace_back(std::move(step), nullptr);
        };
        const auto addAs = [&steps](Step step, const QByteArray *token) {
            steps.emplace_back(std::move(step), token);
        };

        // Positive.
        add(reset());
        add(Step{"GET", u"/health"_s});
        add(countUsers());
        add(Step{"GET", u"/users/1"_s});
        add(login(u"admin@example.com"_s, &m_admin));
        addAs(create(u"Ada Lovelace"_s, u"ada"_s, 36, 3), &m_admin);
        addAs(Step{"PUT", u"/users/3"_s, R"({"age":37})"_ba}, &m_admin);
        Step remove{"DELETE", u"/users/3"_s};
        remove.then = [this](const QJsonObject &) {
            --m_users;
        };
        addAs(remove, &m_admin);
        Step gone{"GET", u"/users/3"_s};
        gone.status = 404;
        gone.errorCode = u"USER_NOT_FOUND"_s;
        add(gone);

        // Negative.
        add(reset());
        Step noToken{"POST", u"/users"_s, userBody(u"No Token"_s, email(u"neg"_s), 30)};
        noToken.status = 401;
        noToken.errorCode = u"MISSING_TOKEN"_s;
        add(noToken);
        Step badToken = noToken;
        badToken.token = "not-a-token";
        badToken.errorCode = u"INVALID_TOKEN"_s;
        add(badToken);
        add(login(u"john@example.com"_s, &m_john));
        Step johnDeletes{"DELETE", u"/users/1"_s};
        johnDeletes.status = 403;
        johnDeletes.errorCode = u"FORBIDDEN"_s;
        addAs(johnDeletes, &m_john);
        Step noName{"POST", u"/users"_s, R"({"email":"x@example.com","age":30})"_ba};
        noName.status = 400;
        noName.errorCode = u"MISSING_FIELD"_s;
        addAs(noName, &m_admin);

        // Boundary.
        add(reset());
        addAs(create(u"Bound Ary"_s, u"a17"_s, 17, 0), &m_admin);
        addAs(create(u"Bound Ary"_s, u"a18"_s, 18, 3), &m_admin);
        addAs(create(u"Bound Ary"_s, u"a150"_s, 150, 4), &m_admin);
        addAs(create(u"Bound Ary"_s, u"a151"_s, 151, 0), &m_admin);
        addAs(create(u"Al"_s, u"n2"_s, 30, 0), &m_admin);
        addAs(create(u"Ali"_s, u"n3"_s, 30, 5), &m_admin);
        Step duplicate{"POST", u"/users"_s,
                       userBody(u"Bound Ary"_s, email(u"a18"_s).toUpper(), 30)};
        duplicate.status = 409;
        duplicate.errorCode = u"DUPLICATE_EMAIL"_s;
        addAs(duplicate, &m_admin);
        add(countUsers());

        // Cross-talk: this sandbox's token is worthless next door and in the shared API.
        Step neighbour{"GET", u"/me"_s};
        neighbour.where = Step::Where::Neighbour;
        neighbour.status = 401;
        neighbour.errorCode = u"INVALID_TOKEN"_s;
        neighbour.crossTalk = true;
        addAs(neighbour, &m_admin);
        Step shared = neighbour;
        shared.where = Step::Where::Shared;
        addAs(shared, &m_admin);
        addAs(Step{"GET", u"/me"_s}, &m_admin);

        m_steps = std::move(steps);
        sendNext();
    }

    void sendNext()
    {
        if (m_next == m_steps.size()) {
            nextRound();
            return;
        }
        const auto &[step, token] = m_steps[m_next];
        QString path = step.path;
        QString sandbox = step.where == Step::Where::Own         ? m_name
                          : step.where == Step::Where::Neighbour ? m_neighbour
                                                                 : QString();
        QNetworkRequest request;
        if (!sandbox.isEmpty() && m_byHeader)
            request.setRawHeader("X-Sandbox", sandbox.toLatin1());
        else if (!sandbox.isEmpty())
            path = u"/s/"_s + sandbox + path;
        request.setUrl(m_baseUrl.resolved(QUrl(path)));
        const QByteArray bearer = token ? *token : step.token;
        if (!bearer.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + bearer);
        if (!step.body.isNull())
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        ++m_requests;
        ++m_sent[sandbox];
        QNetworkReply *reply = step.body.isNull()
                                   ? m_manager.sendCustomRequest(request, step.method)
                                   : m_manager.sendCustomRequest(request, step.method, step.body);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            const Step &done = m_steps[m_next].first;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray body = reply->readAll();
            const QJsonObject json = QJsonDocument::fromJson(body).object();
            const bool success = done.status < 400;
            if (status != done.status ||
                json[u"status"_s].toString() != (success ? u"success"_s : u"error"_s) ||
                (!success && json[u"error_code"_s].toString() != done.errorCode)) {
                fail(done, u"expected %1 %2, got %3 %4"_s.arg(done.status)
                               .arg(done.errorCode)
                               .arg(status)
                               .arg(QString::fromUtf8(body.left(160))));
            } else if (done.then) {
                done.then(json[u"data"_s].toObject());
            }
            ++m_next;
            sendNext();
        });
    }

    QString m_name;
    QString m_neighbour;
    bool m_byHeader;
    QUrl m_baseUrl;
    int m_roundsLeft;
    QNetworkAccessManager m_manager; // its own connection: requests of different students race
    std::vector<std::pair<Step, const QByteArray *>> m_steps;
    size_t m_next = 0;
    QByteArray m_admin;
    QByteArray m_john;
    int m_users = 2;
    int m_requests = 0;
    std::map<QString, int> m_sent;
    int m_crossTalk = 0;
    bool m_finished = false;
    QStringList m_failures;
};

class TestClassroom : public QObject
{
    Q_OBJECT

private slots:
    void aClassRunsItsSuitesAtOnceWithoutCrossTalk();
};

void TestClassroom::aClassRunsItsSuitesAtOnceWithoutCrossTalk()
{
    ServerFixture server;
    QVERIFY(server.start());
    server.host().setControlApi(true, ControlKey);
    QList<SandboxSummary> classView; // what the window's Class tab is told
    connect(&server.host(), &ServerHost::classChanged, this,
            [&classView](const QList<SandboxSummary> &sandboxes) { classView = sandboxes; });

    std::vector<std::unique_ptr<Student>> students;
    for (int i = 0; i < Students; ++i)
        students.push_back(std::make_unique<Student>(i, server.baseUrl(), Rounds));
    for (const auto &student : students)
        student->start();
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(students.begin(), students.end(), [](const auto &s) { return s->finished(); }),
        20000);

    QStringList failures;
    int crossTalk = 0;
    int requests = 0;
    for (const auto &student : students) {
        failures += student->failures();
        crossTalk += student->crossTalk();
        requests += student->requests();
    }
    QVERIFY2(failures.isEmpty(),
             qPrintable(u"%1 failures, %2 of them cross-talk; the first: %3"_s.arg(failures.size())
                            .arg(crossTalk)
                            .arg(failures.mid(0, 5).join(u"\n  "_s))));
    QCOMPARE(crossTalk, 0);
    QCOMPARE(requests, Students * Rounds * StepsPerRound);

    // The shared API saw none of it.
    QNetworkAccessManager manager;
    const auto get = [&](const QString &path, const QByteArray &key = {}) {
        QNetworkRequest request(server.baseUrl().resolved(QUrl(path)));
        if (!key.isEmpty())
            request.setRawHeader("X-Dojo-Key", key);
        QNetworkReply *reply = manager.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(5000);
        reply->deleteLater();
        return std::make_pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                              QJsonDocument::fromJson(reply->readAll()).object());
    };
    const auto [sharedStatus, shared] = get(u"/users"_s);
    QCOMPARE(sharedStatus, 200);
    QCOMPARE(shared[u"data"_s][u"count"_s].toInt(), 2);

    // The trainer's view: the control API lists the ten with what each student left (5 users).
    std::map<QString, int> expected;
    for (const auto &student : students)
        expected[student->name()] = student->expectedUsers();
    QCOMPARE(expected.size(), size_t(Students));
    for (const auto &[name, users] : expected)
        QVERIFY2(users == 5, qPrintable(name));
    const auto [listStatus, list] = get(u"/_dojo/sandboxes"_s, ControlKey);
    QCOMPARE(listStatus, 200);
    QCOMPARE(list[u"data"_s][u"count"_s].toInt(), Students);
    std::map<QString, int> listed;
    for (const QJsonValue &sandbox : list[u"data"_s][u"sandboxes"_s].toArray())
        listed[sandbox[u"name"_s].toString()] = sandbox[u"users"_s].toInt();
    QCOMPARE(listed, expected);
    // Every request a student sent to a sandbox was counted there, and nowhere else.
    std::map<QString, int> sent;
    for (const auto &student : students) {
        for (const auto &[sandbox, count] : student->sent())
            sent[sandbox] += count;
    }
    QCOMPARE(sent[QString()], Students * Rounds); // the token tried in the shared API
    for (const QJsonValue &sandbox : list[u"data"_s][u"sandboxes"_s].toArray()) {
        const QString name = sandbox[u"name"_s].toString();
        QVERIFY2(sandbox[u"requests"_s].toInt() == sent[name],
                 qPrintable(u"%1: %2 requests counted, %3 sent"_s.arg(name)
                                .arg(sandbox[u"requests"_s].toInt())
                                .arg(sent[name])));
    }

    // And the window's Class tab is told the same (batched: the last batch may still come).
    const auto classAgrees = [&] {
        std::map<QString, int> seen;
        for (const SandboxSummary &summary : classView)
            seen[summary.name] = summary.users;
        return seen == expected;
    };
    QTRY_VERIFY_WITH_TIMEOUT(classAgrees(), 5000);
}

QTEST_MAIN(TestClassroom)
#include "tst_classroom.moc"
