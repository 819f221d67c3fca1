#include "faultinjector.h"
#include "faultresponses.h"
#include "requests.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Delivery = FaultDecision::Delivery;

const QHostAddress alice(u"192.0.2.1"_s);
const QHostAddress bob(u"192.0.2.2"_s);

ApiRequest request(const QByteArray &method, const QString &path,
                   const QHostAddress &client = alice)
{
    ApiRequest result = makeRequest(method, path);
    result.clientAddress = client;
    return result;
}

constexpr auto actionOf = &FaultAction::of;
constexpr auto status = &FaultAction::respondWith;
constexpr auto latency = &FaultAction::addLatency;
constexpr auto always = &FaultTrigger::always;
constexpr auto probability = &FaultTrigger::probability;
constexpr auto nextN = &FaultTrigger::nextN;
constexpr auto everyNth = &FaultTrigger::everyNth;

FaultRule rule(const QByteArray &method, const QString &path, FaultAction action,
               FaultTrigger trigger)
{
    return FaultRule::make(method, path, action, trigger);
}

FaultPlan planWith(const QList<FaultRule> &rules)
{
    FaultPlan plan;
    plan.rules = rules;
    return plan;
}

FaultPlan rateLimited(int limit, int windowSeconds)
{
    FaultPlan plan;
    plan.rateLimit = {true, limit, windowSeconds};
    return plan;
}

FaultInjector injectorWith(const FaultPlan &plan, quint32 seed = 42)
{
    FaultInjector injector(seed);
    injector.setPlan(plan);
    return injector;
}

// Everything a decision says, in one comparable line.
QString summary(const FaultDecision &decision)
{
    QStringList applied;
    for (const AppliedFault &fault : decision.applied)
        applied.append(fault.source + u": "_s + fault.effect);
    return u"%1 ms, delivery %2, status %3, slow %4 ms, [%5]"_s.arg(decision.delayMs)
        .arg(int(decision.delivery))
        .arg(decision.replacement.status)
        .arg(decision.slowBodyMs)
        .arg(applied.join(u"; "_s));
}

// A plan that draws random numbers for latency and two rules.
FaultPlan randomPlan()
{
    FaultPlan plan = planWith({rule({}, u"*"_s, latency(100), probability(50)),
                               rule({}, u"/users"_s, status(503), probability(30))});
    plan.latency = {true, 300, 200, true};
    return plan;
}

QStringList decisions(FaultInjector &injector, int count)
{
    QStringList result;
    for (int i = 0; i < count; ++i)
        result.append(summary(injector.decide(request("GET", u"/users"_s), i)));
    return result;
}

// Which of `count` requests to `path` the plan changed (1-based).
QList<int> firedOn(FaultInjector &injector, const QString &path, int count)
{
    QList<int> fired;
    for (int i = 1; i <= count; ++i) {
        if (!injector.decide(request("GET", path), 0).applied.isEmpty())
            fired.append(i);
    }
    return fired;
}

} // namespace

class TestFaultInjector : public QObject
{
    Q_OBJECT

private slots:
    void emptyPlanChangesNothing()
    {
        FaultInjector injector(42);
        const FaultDecision decision = injector.decide(request("GET", u"/users"_s), 0);
        QCOMPARE(decision.delayMs, 0);
        QCOMPARE(decision.delivery, Delivery::Normal);
        QVERIFY(decision.applied.isEmpty());
        QVERIFY(decision.extraHeaders.isEmpty());
    }

    void controlPathsAreUntouched_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("untouched");
        QTest::newRow("faults") << u"/_dojo/faults"_s << true;
        QTest::newRow("prefix alone") << u"/_dojo/"_s << true;
        QTest::newRow("without slash") << u"/_dojo"_s << true;
        QTest::newRow("under the alias") << u"/api/v1/_dojo/faults"_s << false; // a 404 like any
        QTest::newRow("lookalike") << u"/_dojox"_s << false;
        QTest::newRow("api route") << u"/users"_s << false;
    }

    void controlPathsAreUntouched()
    {
        QFETCH(QString, path);
        QFETCH(bool, untouched);
        FaultPlan plan = rateLimited(1, 60);
        plan.latency = {true, 500, 0, false};
        plan.rules = {rule({}, u"*"_s, status(503), always())};
        FaultInjector injector = injectorWith(plan);
        for (int i = 0; i < 3; ++i) {
            const FaultDecision decision = injector.decide(request("PUT", path), 0);
            QCOMPARE(decision.applied.isEmpty(), untouched);
            QCOMPARE(decision.extraHeaders.isEmpty(), untouched);
            QCOMPARE(decision.delayMs, untouched ? 0 : 500);
            QCOMPARE(decision.delivery, untouched ? Delivery::Normal : Delivery::Replace);
        }
    }

    void sameSeedSameSequence()
    {
        FaultInjector first = injectorWith(randomPlan(), 42);
        FaultInjector second = injectorWith(randomPlan(), 42);
        const QStringList sequence = decisions(first, 1000);
        QCOMPARE(decisions(second, 1000), sequence);
        QStringList distinct = sequence;
        distinct.removeDuplicates();
        QVERIFY(distinct.size() > 100); // the plan does vary its decisions

        FaultInjector other = injectorWith(randomPlan(), 43);
        QVERIFY(decisions(other, 1000) != sequence);
    }

    void planSeedOverridesFallback()
    {
        FaultPlan plan = randomPlan();
        FaultInjector unseeded = injectorWith(plan, 7);
        QCOMPARE(unseeded.seed(), 7u);

        plan.seed = 42;
        FaultInjector first = injectorWith(plan, 1);
        FaultInjector second = injectorWith(plan, 2);
        QCOMPARE(first.seed(), 42u);
        QCOMPARE(decisions(first, 200), decisions(second, 200));
    }

    // The documented order of the draws: the global jitter, then one per Probability rule that
    // sees the request, even at 0 % and 100 %.
    void randomDrawOrder()
    {
        FaultPlan plan = planWith({rule({}, u"*"_s, latency(1), probability(0)),
                                   rule({}, u"*"_s, latency(10), probability(100)),
                                   rule("POST", u"*"_s, latency(20), probability(50)),
                                   rule({}, u"*"_s, status(503), probability(50))});
        plan.latency = {true, 1000, 300, true};
        FaultInjector injector = injectorWith(plan, 99);
        QRandomGenerator reference(99);
        int fired = 0;
        for (int i = 0; i < 500; ++i) {
            const int jitter = int(reference.bounded(601)) - 300;
            static_cast<void>(reference.bounded(100));      // the 0 % rule draws, never fires
            static_cast<void>(reference.bounded(100));      // the 100 % rule draws, always fires
            const bool fires = reference.bounded(100) < 50; // the POST rule does not see GET
            const FaultDecision decision = injector.decide(request("GET", u"/users"_s), 0);
            QCOMPARE(decision.delayMs, 1000 + jitter + 10);
            QCOMPARE(decision.delivery, fires ? Delivery::Replace : Delivery::Normal);
            fired += fires;
        }
        QVERIFY(fired > 0 && fired < 500);
    }

    void probabilityRate()
    {
        FaultInjector injector =
            injectorWith(planWith({rule({}, u"*"_s, status(503), probability(30))}), 1234);
        int fired = 0;
        for (int i = 0; i < 10000; ++i)
            fired += injector.decide(request("GET", u"/users"_s), 0).delivery == Delivery::Replace;
        QVERIFY2(fired >= 2700 && fired <= 3300, qPrintable(QString::number(fired)));
    }

    void probabilityExtremes_data()
    {
        QTest::addColumn<int>("percent");
        QTest::addColumn<int>("expected");
        QTest::newRow("0 %") << 0 << 0;
        QTest::newRow("100 %") << 100 << 1000;
    }

    void probabilityExtremes()
    {
        QFETCH(int, percent);
        QFETCH(int, expected);
        FaultInjector injector =
            injectorWith(planWith({rule({}, u"*"_s, status(503), probability(percent))}));
        QCOMPARE(firedOn(injector, u"/users"_s, 1000).size(), expected);
    }

    void nextNFiresThenStops()
    {
        FaultPlan plan = planWith({rule({}, u"*"_s, status(503), nextN(3))});
        FaultInjector injector = injectorWith(plan);
        QCOMPARE(firedOn(injector, u"/users"_s, 10), QList<int>({1, 2, 3}));

        injector.setPlan(plan); // unchanged: stays spent
        QCOMPARE(firedOn(injector, u"/users"_s, 5), QList<int>());

        plan.rules[0].enabled = false;
        injector.setPlan(plan);
        QCOMPARE(firedOn(injector, u"/users"_s, 2), QList<int>());
        plan.rules[0].enabled = true;
        injector.setPlan(plan); // switched on again: re-armed
        QCOMPARE(firedOn(injector, u"/users"_s, 5), QList<int>({1, 2, 3}));
    }

    void everyNthFires()
    {
        FaultInjector injector =
            injectorWith(planWith({rule({}, u"*"_s, status(503), everyNth(3))}));
        QCOMPARE(firedOn(injector, u"/users"_s, 10), QList<int>({3, 6, 9}));
    }

    void everyFirstIsAlways()
    {
        FaultInjector injector =
            injectorWith(planWith({rule({}, u"*"_s, status(503), everyNth(1))}));
        QCOMPARE(firedOn(injector, u"/users"_s, 3), QList<int>({1, 2, 3}));
    }

    // Only requests the rule matches are counted.
    void countersCountMatchingRequests()
    {
        FaultInjector injector =
            injectorWith(planWith({rule("POST", u"/users"_s, status(503), everyNth(2))}));
        QList<int> fired;
        for (int i = 1; i <= 8; ++i) {
            injector.decide(request("GET", u"/users"_s), 0);
            injector.decide(request("POST", u"/reset"_s), 0);
            if (injector.decide(request("POST", u"/users"_s), 0).delivery == Delivery::Replace)
                fired.append(i);
        }
        QCOMPARE(fired, QList<int>({2, 4, 6, 8}));
    }

    void latencyRulesAddUpAndTheFirstAnswerWins()
    {
        FaultPlan plan =
            planWith({rule({}, u"*"_s, latency(100), always()),
                      rule("GET", u"/users"_s, latency(250), always()),
                      rule({}, u"/users"_s, status(503), always()),
                      rule({}, u"/users"_s, latency(1000), always()),
                      rule({}, u"*"_s, actionOf(FaultAction::Kind::Drop), everyNth(2))});
        FaultInjector injector = injectorWith(plan);
        for (int i = 0; i < 5; ++i) {
            const FaultDecision decision = injector.decide(request("GET", u"/users"_s), 0);
            QCOMPARE(decision.delayMs, 350);
            QCOMPARE(decision.delivery, Delivery::Replace);
            QCOMPARE(decision.replacement.status, 503);
            QCOMPARE(decision.applied,
                     QList<AppliedFault>(
                         {{u"Rule 1 (any request)"_s, u"+100 ms"_s},
                          {u"Rule 2 (GET /users)"_s, u"+250 ms"_s},
                          {u"Rule 3 (any method /users)"_s, u"503 Service Unavailable"_s}}));
        }

        // The rules after the 503 saw none of those requests: their counters start now.
        plan.rules[2].enabled = false;
        injector.setPlan(plan);
        const FaultDecision first = injector.decide(request("GET", u"/users"_s), 0);
        QCOMPARE(first.delayMs, 1350);
        QCOMPARE(first.delivery, Delivery::Normal);
        const FaultDecision second = injector.decide(request("GET", u"/users"_s), 0);
        QCOMPARE(second.delivery, Delivery::Drop);
        QCOMPARE(second.applied.last(),
                 AppliedFault({u"Rule 5 (any request)"_s, u"drop the connection"_s}));
    }

    void latenciesAddUpToTheLongestOneLatencyAtMost()
    {
        FaultPlan plan = planWith({rule({}, u"*"_s, latency(LatencyFault::MaxMs), always()),
                                   rule({}, u"*"_s, latency(LatencyFault::MaxMs), always())});
        plan.latency = {true, LatencyFault::MaxMs, 0, false};
        FaultInjector injector = injectorWith(plan);
        QCOMPARE(injector.decide(request("GET", u"/users"_s), 0).delayMs, LatencyFault::MaxMs);
    }

    void actions_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("delivery");
        QTest::addColumn<bool>("runsHandler");
        QTest::addColumn<int>("slowBodyMs");
        QTest::addColumn<QString>("effect");

        const auto row = [](const char *name, FaultAction::Kind kind, Delivery delivery,
                            bool runsHandler, int slowBodyMs, const QString &effect) {
            QTest::newRow(name) << int(kind) << int(delivery) << runsHandler << slowBodyMs
                                << effect;
        };
        using K = FaultAction::Kind;
        row("status", K::Status, Delivery::Replace, false, 0, u"503 Service Unavailable"_s);
        row("latency", K::Latency, Delivery::Normal, true, 0, u"+1000 ms"_s);
        row("drop", K::Drop, Delivery::Drop, false, 0, u"drop the connection"_s);
        row("reset", K::Reset, Delivery::Reset, true, 0, u"reset the connection mid-response"_s);
        row("malformed", K::MalformedBody, Delivery::MalformedBody, true, 0,
            u"truncated JSON body"_s);
        row("empty", K::EmptyBody, Delivery::EmptyBody, true, 0, u"empty body"_s);
        row("content type", K::WrongContentType, Delivery::WrongContentType, true, 0,
            u"wrong Content-Type (text/html)"_s);
        row("slow body", K::SlowBody, Delivery::SlowBody, true, 5000, u"slow body over 5 s"_s);
    }

    void actions()
    {
        QFETCH(int, kind);
        QFETCH(int, delivery);
        QFETCH(bool, runsHandler);
        QFETCH(int, slowBodyMs);
        QFETCH(QString, effect);

        FaultInjector injector = injectorWith(
            planWith({rule("GET", u"/reset"_s, status(502), always()),
                      rule("POST", u"/users/*"_s, actionOf(FaultAction::Kind(kind)), always())}));
        const FaultDecision decision = injector.decide(request("POST", u"/users/1"_s), 0);
        QCOMPARE(int(decision.delivery), delivery);
        QCOMPARE(decision.runsHandler(), runsHandler);
        QCOMPARE(decision.slowBodyMs, slowBodyMs);
        QCOMPARE(decision.delayMs,
                 FaultAction::Kind(kind) == FaultAction::Kind::Latency ? 1000 : 0);
        QCOMPARE(decision.applied, QList<AppliedFault>({{u"Rule 2 (POST /users/*)"_s, effect}}));
        QVERIFY(decision.extraHeaders.isEmpty());
    }

    void statusReplacesWithTheErrorEnvelope()
    {
        FaultInjector injector = injectorWith(planWith({rule({}, u"*"_s, status(503), always())}));
        const FaultDecision decision = injector.decide(request("GET", u"/users"_s), 0);
        const ApiResponse expected = faultErrorResponse(503);
        QCOMPARE(decision.replacement.status, 503);
        QCOMPARE(decision.replacement.headers, expected.headers);
        QCOMPARE(decision.replacement.body, expected.body);
    }

    void matching_data()
    {
        QTest::addColumn<QByteArray>("ruleMethod");
        QTest::addColumn<QString>("rulePath");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("matches");

        QTest::newRow("alias") << "GET"_ba << u"/users"_s << "GET"_ba << u"/api/v1/users"_s << true;
        QTest::newRow("other path")
            << "GET"_ba << u"/users"_s << "GET"_ba << u"/users/1"_s << false;
        QTest::newRow("other method")
            << "POST"_ba << u"/users"_s << "GET"_ba << u"/users"_s << false;
        QTest::newRow("any method")
            << QByteArray() << u"/users"_s << "DELETE"_ba << u"/users"_s << true;
        QTest::newRow("any method, options")
            << QByteArray() << u"/users"_s << "OPTIONS"_ba << u"/users"_s << true;
        QTest::newRow("GET covers HEAD")
            << "GET"_ba << u"/users"_s << "HEAD"_ba << u"/users"_s << true;
        QTest::newRow("HEAD does not cover GET")
            << "HEAD"_ba << u"/users"_s << "GET"_ba << u"/users"_s << false;
        QTest::newRow("one segment")
            << "DELETE"_ba << u"/users/*"_s << "DELETE"_ba << u"/api/v1/users/9"_s << true;
        QTest::newRow("invalid pattern")
            << QByteArray() << u"users"_s << "GET"_ba << u"/users"_s << false;
    }

    void matching()
    {
        QFETCH(QByteArray, ruleMethod);
        QFETCH(QString, rulePath);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(bool, matches);
        FaultInjector injector =
            injectorWith(planWith({rule(ruleMethod, rulePath, status(500), always())}));
        QCOMPARE(injector.decide(request(method, path), 0).delivery,
                 matches ? Delivery::Replace : Delivery::Normal);
    }

    void rateLimit()
    {
        FaultPlan plan = rateLimited(2, 60);
        FaultInjector injector = injectorWith(plan);

        const FaultDecision first = injector.decide(request("GET", u"/users"_s), 1000);
        QCOMPARE(first.delivery, Delivery::Normal);
        QVERIFY(first.applied.isEmpty());
        QCOMPARE(first.extraHeaders, HttpHeaders({{"X-RateLimit-Limit"_ba, "2"_ba},
                                                  {"X-RateLimit-Remaining"_ba, "1"_ba},
                                                  {"X-RateLimit-Reset"_ba, "60"_ba}}));

        const FaultDecision second = injector.decide(request("POST", u"/users"_s), 30500);
        QCOMPARE(second.delivery, Delivery::Normal);
        QCOMPARE(headerValue(second.extraHeaders, "X-RateLimit-Remaining"), "0"_ba);
        QCOMPARE(headerValue(second.extraHeaders, "X-RateLimit-Reset"), "31"_ba);

        const FaultDecision refused = injector.decide(request("GET", u"/users/1"_s), 40000);
        QCOMPARE(refused.delivery, Delivery::Replace);
        QVERIFY(!refused.runsHandler());
        QCOMPARE(refused.applied,
                 QList<AppliedFault>({{u"Rate limit"_s, u"429 Too Many Requests"_s}}));
        const ApiResponse &answer = refused.replacement;
        QCOMPARE(answer.status, 429);
        QCOMPARE(jsonBody(answer)[u"error_code"_s].toString(), u"RATE_LIMITED"_s);
        QCOMPARE(answer.header("Retry-After"), "21"_ba);
        QCOMPARE(answer.header("X-RateLimit-Limit"), "2"_ba);
        QCOMPARE(answer.header("X-RateLimit-Remaining"), "0"_ba);
        QCOMPARE(answer.header("X-RateLimit-Reset"), "21"_ba);
        QCOMPARE(headerValue(refused.extraHeaders, "X-RateLimit-Reset"), "21"_ba);

        // Another client has its own window.
        QCOMPARE(injector.decide(request("GET", u"/users"_s, bob), 40000).delivery,
                 Delivery::Normal);

        // The window rolls over a minute after it started.
        QCOMPARE(injector.decide(request("GET", u"/users"_s), 60999).delivery, Delivery::Replace);
        const FaultDecision next = injector.decide(request("GET", u"/users"_s), 61000);
        QCOMPARE(next.delivery, Delivery::Normal);
        QCOMPARE(headerValue(next.extraHeaders, "X-RateLimit-Remaining"), "1"_ba);
    }

    void refusedRequestsDoNotReachTheRules()
    {
        FaultPlan plan = rateLimited(2, 60);
        plan.rules = {rule({}, u"*"_s, status(500), everyNth(3))};
        FaultInjector injector = injectorWith(plan);
        injector.decide(request("GET", u"/users"_s), 0);
        injector.decide(request("GET", u"/users"_s), 0);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(injector.decide(request("GET", u"/users"_s), 0).replacement.status, 429);
        // The third request the rule sees.
        QCOMPARE(injector.decide(request("GET", u"/users"_s), 60000).replacement.status, 500);
    }

    void rateLimitCountsSurviveAnUnrelatedEdit()
    {
        FaultPlan plan = rateLimited(1, 60);
        FaultInjector injector = injectorWith(plan);
        injector.decide(request("GET", u"/users"_s), 0);
        plan.rules = {rule({}, u"/reset"_s, status(500), always())};
        injector.setPlan(plan);
        QCOMPARE(injector.decide(request("GET", u"/users"_s), 0).delivery, Delivery::Replace);

        plan.rateLimit.limit = 2; // changed: counts start over
        injector.setPlan(plan);
        QCOMPARE(injector.decide(request("GET", u"/users"_s), 0).delivery, Delivery::Normal);
        QCOMPARE(injector.decide(request("GET", u"/users"_s), 0).delivery, Delivery::Normal);
        QCOMPARE(injector.decide(request("GET", u"/users"_s), 0).delivery, Delivery::Replace);

        plan.rateLimit.enabled = false; // switched off and on again: starts afresh
        injector.setPlan(plan);
        plan.rateLimit.enabled = true;
        injector.setPlan(plan);
        QCOMPARE(injector.decide(request("GET", u"/users"_s), 0).delivery, Delivery::Normal);
    }

    void globalLatency()
    {
        FaultPlan plan;
        plan.latency = {true, 500, 200, true};
        FaultInjector injector = injectorWith(plan);
        int shortest = std::numeric_limits<int>::max();
        int longest = 0;
        for (int i = 0; i < 2000; ++i) {
            const FaultDecision decision = injector.decide(request("GET", u"/users"_s), 0);
            QVERIFY(decision.delayMs >= 300 && decision.delayMs <= 700);
            QCOMPARE(decision.applied,
                     QList<AppliedFault>({{u"Latency"_s, u"+%1 ms"_s.arg(decision.delayMs)}}));
            QCOMPARE(decision.delivery, Delivery::Normal);
            shortest = std::min(shortest, decision.delayMs);
            longest = std::max(longest, decision.delayMs);
        }
        // Uniform over 401 values: 2000 draws come close to both ends.
        QVERIFY2(shortest < 310 && longest > 690,
                 qPrintable(u"%1..%2"_s.arg(shortest).arg(longest)));
    }

    void globalLatencyWithoutJitter()
    {
        FaultPlan plan;
        plan.latency = {true, 800, 0, true};
        FaultInjector injector = injectorWith(plan);
        QCOMPARE(injector.decide(request("GET", u"/users"_s), 0).delayMs, 800);
    }

    void globalLatencyNeverNegative()
    {
        FaultPlan plan;
        plan.latency = {true, 10, 100, true};
        FaultInjector injector = injectorWith(plan);
        int zeros = 0;
        for (int i = 0; i < 500; ++i) {
            const int delayMs = injector.decide(request("GET", u"/users"_s), 0).delayMs;
            QVERIFY(delayMs >= 0 && delayMs <= 110);
            zeros += delayMs == 0;
        }
        QVERIFY(zeros > 100); // about 91 of 201 values fall below 0
    }

    void healthIsExempt_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("exemptHealth");
        QTest::addColumn<int>("delayMs");
        QTest::newRow("health") << u"/health"_s << true << 0;
        QTest::newRow("health under the alias") << u"/api/v1/health"_s << true << 0;
        QTest::newRow("health not exempt") << u"/health"_s << false << 500;
        QTest::newRow("other path") << u"/users"_s << true << 500;
        QTest::newRow("health lookalike") << u"/healthz"_s << true << 500;
    }

    void healthIsExempt()
    {
        QFETCH(QString, path);
        QFETCH(bool, exemptHealth);
        QFETCH(int, delayMs);
        FaultPlan plan;
        plan.latency = {true, 500, 0, exemptHealth};
        FaultInjector injector = injectorWith(plan);
        const FaultDecision decision = injector.decide(request("GET", path), 0);
        QCOMPARE(decision.delayMs, delayMs);
        QCOMPARE(decision.applied.isEmpty(), delayMs == 0);
    }

    void zeroLatencyIsNoFault()
    {
        FaultPlan plan;
        plan.latency = {true, 0, 0, true};
        FaultInjector injector = injectorWith(plan);
        QVERIFY(injector.decide(request("GET", u"/users"_s), 0).applied.isEmpty());
    }

    void globalLatencyComesFirst()
    {
        FaultPlan plan = rateLimited(1, 60);
        plan.latency = {true, 200, 0, true};
        plan.rules = {rule({}, u"*"_s, latency(50), always()),
                      rule({}, u"*"_s, actionOf(FaultAction::Kind::EmptyBody), always())};
        FaultInjector injector = injectorWith(plan);

        const FaultDecision allowed = injector.decide(request("GET", u"/users"_s), 0);
        QCOMPARE(allowed.delayMs, 250);
        QCOMPARE(allowed.delivery, Delivery::EmptyBody);
        QCOMPARE(allowed.applied,
                 QList<AppliedFault>({{u"Latency"_s, u"+200 ms"_s},
                                      {u"Rule 1 (any request)"_s, u"+50 ms"_s},
                                      {u"Rule 2 (any request)"_s, u"empty body"_s}}));

        // A refused request waits too.
        const FaultDecision refused = injector.decide(request("GET", u"/users"_s), 0);
        QCOMPARE(refused.delayMs, 200);
        QCOMPARE(refused.applied,
                 QList<AppliedFault>({{u"Latency"_s, u"+200 ms"_s},
                                      {u"Rate limit"_s, u"429 Too Many Requests"_s}}));
    }

    void editingOneRuleKeepsTheOthersCounters()
    {
        FaultPlan plan = planWith({rule({}, u"/a"_s, status(503), nextN(2)),
                                   rule({}, u"/b"_s, status(500), everyNth(2))});
        FaultInjector injector = injectorWith(plan);
        QCOMPARE(firedOn(injector, u"/a"_s, 1), QList<int>({1}));
        QCOMPARE(firedOn(injector, u"/b"_s, 1), QList<int>());

        plan.rules[1].action.status = 502; // edited: starts afresh
        plan.rules.append(rule({}, u"/c"_s, status(500), always()));
        injector.setPlan(plan);
        QCOMPARE(firedOn(injector, u"/a"_s, 3), QList<int>({1})); // one of two left
        QCOMPARE(firedOn(injector, u"/b"_s, 4), QList<int>({2, 4}));
    }

    // Counters follow the rule, not its place in the list.
    void reorderedRulesKeepTheirCounters()
    {
        const FaultRule a = rule({}, u"/a"_s, status(503), nextN(1));
        const FaultRule b = rule({}, u"/b"_s, status(503), nextN(1));
        FaultInjector injector = injectorWith(planWith({a, b}));
        QCOMPARE(firedOn(injector, u"/a"_s, 2), QList<int>({1}));

        injector.setPlan(planWith({b, a}));
        QCOMPARE(firedOn(injector, u"/a"_s, 2), QList<int>());
        QCOMPARE(firedOn(injector, u"/b"_s, 2), QList<int>({1}));
    }

    void restartReplays()
    {
        FaultPlan plan = randomPlan();
        plan.rules.append(rule({}, u"*"_s, actionOf(FaultAction::Kind::Drop), nextN(5)));
        plan.rateLimit = {true, 300, 60};
        FaultInjector injector = injectorWith(plan);
        const QStringList sequence = decisions(injector, 400);
        QVERIFY(sequence.last().contains(u"Rate limit"_s));
        injector.restart();
        QCOMPARE(decisions(injector, 400), sequence);
    }

    void setPlanWithTheSameSeedContinuesTheSequence()
    {
        FaultInjector untouched = injectorWith(randomPlan());
        FaultInjector edited = injectorWith(randomPlan());
        const QStringList sequence = decisions(untouched, 200);
        QCOMPARE(decisions(edited, 100), sequence.mid(0, 100));
        FaultPlan plan = randomPlan();
        plan.rules.append(rule({}, u"/elsewhere"_s, status(500), always()));
        edited.setPlan(plan);
        QCOMPARE(decisions(edited, 100), sequence.mid(100));
    }

    void changedSeedRestartsTheSequence()
    {
        FaultInjector reference = injectorWith(randomPlan(), 42);
        const QStringList sequence = decisions(reference, 100);

        FaultInjector injector = injectorWith(randomPlan(), 5);
        decisions(injector, 37);
        FaultPlan plan = randomPlan();
        plan.seed = 42;
        injector.setPlan(plan);
        // Rule counters are kept, but Probability rules keep none that matter here.
        QCOMPARE(decisions(injector, 100), sequence);

        FaultInjector fallback = injectorWith(randomPlan(), 5);
        decisions(fallback, 37);
        fallback.setFallbackSeed(42);
        QCOMPARE(fallback.seed(), 42u);
        QCOMPARE(decisions(fallback, 100), sequence);
    }
};

QTEST_GUILESS_MAIN(TestFaultInjector)
#include "tst_faultinjector.moc"
