#include "challengecatalogue.h"
#include "httpclient.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray ControlKey = "challenge-suite-key";

QStringList doneIds(const HttpResult &challenges)
{
    QStringList ids;
    for (const QJsonValue &entry : challenges.json()[u"data"_s][u"challenges"_s].toArray()) {
        if (entry[u"done"_s].toBool())
            ids.append(entry[u"id"_s].toString());
    }
    return ids;
}

} // namespace

// Challenge progress (issue 16) through the whole stack: the server feeds each exchange to its
// instance's tracker; students read /challenges and /progress, the trainer the host's batches,
// the exchanges and the control API.
class TestChallengeRoutes : public QObject
{
    Q_OBJECT

private:
    // Whether the host's batches (changes, or the whole class) last gave this instance exactly
    // these challenges done.
    static bool batchesSay(const QSignalSpy &batches, const QString &sandbox, QStringList ids)
    {
        std::optional<QStringList> last;
        for (const QList<QVariant> &batch : batches) {
            for (const ChallengeProgress &instance :
                 batch.at(0).value<QList<ChallengeProgress>>()) {
                if (instance.sandbox == sandbox)
                    last = instance.done.keys();
            }
        }
        if (!last)
            return false;
        last->sort();
        ids.sort();
        return *last == ids;
    }

private slots:
    void init()
    {
        m_server = std::make_unique<ServerFixture>();
        QVERIFY(m_server->start());
        m_client = std::make_unique<HttpClient>(m_server->baseUrl());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    // Each instance keeps its own; reading progress completes nothing.
    void studentsSeeTheirOwnProgress()
    {
        QCOMPARE(m_client->get(u"/s/alice/health"_s).status, 200);
        const HttpResult alice = m_client->get(u"/s/alice/challenges"_s);
        QCOMPARE(alice.status, 200);
        QCOMPARE(alice.header("Cache-Control"), "no-store"_ba);
        QCOMPARE(doneIds(alice), QStringList{u"read-health"_s});
        const QJsonObject data = alice.json()[u"data"_s].toObject();
        QCOMPARE(data[u"done"_s].toInt(), 1);
        QCOMPARE(data[u"total"_s].toInt(), int(challengeCatalogue().size()));
        const QJsonObject health = data[u"challenges"_s].toArray().first().toObject();
        QCOMPARE(health[u"id"_s].toString(), u"read-health"_s);
        QVERIFY(QDateTime::fromString(health[u"done_at"_s].toString(), Qt::ISODate).isValid());
        QVERIFY(!health[u"teaches"_s].toString().isEmpty());
        // Not done: no "teaches" yet, done_at null.
        const QJsonObject users = data[u"challenges"_s].toArray().at(1).toObject();
        QVERIFY(!users.contains(u"teaches"_s));
        QVERIFY(users[u"done_at"_s].isNull());

        QCOMPARE(doneIds(m_client->get(u"/challenges"_s)), QStringList());
        QCOMPARE(doneIds(m_client->get(u"/s/bob/challenges"_s)), QStringList());
        for (const QString &path : {u"/s/alice/challenges"_s, u"/s/alice/progress"_s})
            QCOMPARE(m_client->get(path).status, 200);
        QCOMPARE(doneIds(m_client->get(u"/s/alice/challenges"_s)), QStringList{u"read-health"_s});
    }

    // Progress is the student's: a data reset keeps it; the trainer's "Reset progress" ends it.
    void resetKeepsProgressUntilTheTrainerResetsIt()
    {
        QCOMPARE(m_client->get(u"/s/alice/health"_s).status, 200);
        QCOMPARE(m_client->send("POST", u"/s/alice/reset"_s).status, 200);
        QCOMPARE(doneIds(m_client->get(u"/s/alice/challenges"_s)), QStringList{u"read-health"_s});

        QSignalSpy progress(&m_server->host(), &ServerHost::challengeProgressChanged);
        m_server->host().resetChallengeProgress(u"alice"_s);
        QTRY_VERIFY(batchesSay(progress, u"alice"_s, {}));
        QCOMPARE(doneIds(m_client->get(u"/s/alice/challenges"_s)), QStringList());
    }

    // The page a student keeps open: self-contained, reloading, saying what is done.
    void progressPage()
    {
        QCOMPARE(m_client->get(u"/s/alice/users/999"_s).status, 404);
        const HttpResult page = m_client->get(u"/s/alice/progress"_s);
        QCOMPARE(page.status, 200);
        QCOMPARE(page.header("Content-Type"), "text/html; charset=utf-8"_ba);
        QVERIFY(page.header("Content-Security-Policy").startsWith("default-src 'none'"));
        QVERIFY(page.body.contains("<meta http-equiv=\"refresh\" content=\"5\">"));
        const QByteArray summary =
            "1 of " + QByteArray::number(challengeCatalogue().size()) + " done";
        QVERIFY(page.body.contains(summary));
        QVERIFY(page.body.contains("sandbox “alice”"));
        QVERIFY(page.body.contains("Ask for a user who does not exist"));
        QVERIFY(!page.body.contains("<script"));
        QVERIFY(!page.body.contains("http://"));
        QVERIFY(!page.body.contains("https://"));
    }

    // The exchange that completed a challenge says so; the host batches the instance's progress.
    void exchangesAndBatchesCarryCompletions()
    {
        QSignalSpy recorded(&m_server->host(), &ServerHost::exchangesRecorded);
        QSignalSpy progress(&m_server->host(), &ServerHost::challengeProgressChanged);
        QCOMPARE(m_client->get(u"/s/carol/users"_s).status, 200);
        QCOMPARE(m_client->get(u"/s/carol/users"_s).status, 200); // done once only
        const auto completions = [&recorded] {
            QList<QStringList> all;
            for (const QList<QVariant> &batch : std::as_const(recorded)) {
                for (const Exchange &exchange : batch.at(0).value<QList<Exchange>>()) {
                    if (exchange.request.path == u"/users"_s)
                        all.append(exchange.challengesCompleted);
                }
            }
            return all;
        };
        QTRY_COMPARE(completions().size(), 2);
        QCOMPARE(completions(), (QList<QStringList>{{u"read-users"_s}, {}}));
        QTRY_VERIFY(batchesSay(progress, u"carol"_s, {u"read-users"_s}));
    }

    // 30 students, each with a different subset; the control API and the host's whole-class
    // snapshot agree with what each did, exactly.
    void aClassOfThirty()
    {
        QMap<QString, QStringList> expected; // sandbox -> ids, in catalogue order
        for (int n = 0; n < 30; ++n) {
            const QString sandbox = u"student-%1"_s.arg(n, 2, 10, QChar(u'0'));
            const QString base = u"/s/"_s + sandbox;
            QStringList ids;
            if (n % 2 == 0) {
                QCOMPARE(m_client->get(base + u"/health"_s).status, 200);
                ids.append(u"read-health"_s);
            }
            if (n % 3 == 0) {
                QCOMPARE(m_client->get(base + u"/users"_s).status, 200);
                ids.append(u"read-users"_s);
            }
            if (n % 5 == 0) {
                QCOMPARE(m_client->get(base + u"/users/999"_s).status, 404);
                ids.append(u"read-user-not-found"_s);
            }
            if (ids.isEmpty()) // joins, completes nothing
                QCOMPARE(m_client->get(base + u"/openapi.json"_s).status, 200);
            expected.insert(sandbox, ids);
        }

        m_server->host().setControlApi(true, ControlKey);
        QSignalSpy progress(&m_server->host(), &ServerHost::challengeProgressChanged);
        m_server->host().requestChallengeProgress();
        QTRY_VERIFY(std::any_of(progress.cbegin(), progress.cend(),
                                [](const QList<QVariant> &args) { return args.at(1).toBool(); }));
        QList<ChallengeProgress> snapshot;
        for (const QList<QVariant> &args : std::as_const(progress)) {
            if (args.at(1).toBool())
                snapshot = args.at(0).value<QList<ChallengeProgress>>();
        }
        QMap<QString, QStringList> fromHost;
        for (const ChallengeProgress &instance : std::as_const(snapshot)) {
            QStringList ids = instance.done.keys();
            ids.sort();
            fromHost.insert(instance.sandbox, ids);
        }
        QMap<QString, QStringList> sortedExpected = expected;
        for (QStringList &ids : sortedExpected)
            ids.sort();
        sortedExpected.insert(QString(), {}); // the class API did nothing
        QCOMPARE(fromHost, sortedExpected);

        const HttpResult control =
            m_client->send("GET", u"/_dojo/challenges"_s, {}, {{"X-Dojo-Key"_ba, ControlKey}});
        QCOMPARE(control.status, 200);
        const QJsonObject data = control.json()[u"data"_s].toObject();
        QCOMPARE(data[u"challenges"_s].toArray().size(), challengeCatalogue().size());
        const QJsonArray instances = data[u"instances"_s].toArray();
        QCOMPARE(instances.size(), 31);
        QVERIFY(instances.first()[u"sandbox"_s].isNull());
        QMap<QString, QStringList> fromControl;
        for (const QJsonValue &instance : instances) {
            QStringList ids = instance[u"done_at"_s].toObject().keys();
            ids.sort();
            QCOMPARE(instance[u"done"_s].toInt(), ids.size());
            fromControl.insert(instance[u"sandbox"_s].toString(), ids);
        }
        QCOMPARE(fromControl, sortedExpected);
    }

private:
    std::unique_ptr<ServerFixture> m_server;
    std::unique_ptr<HttpClient> m_client;
};

QTEST_GUILESS_MAIN(TestChallengeRoutes)
#include "tst_challengeroutes.moc"
