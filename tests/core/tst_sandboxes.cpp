#include "apiservice.h"
#include "contracttable.h"
#include "controlapi.h"
#include "faultinjector.h"
#include "faultplanjson.h"
#include "requests.h"
#include "sandboxes/classprotection.h"
#include "sandboxes/sandboxaddress.h"
#include "sandboxes/sandboxregistry.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

const QString InvalidSandboxMessage =
    u"Sandbox names are 1 to 32 characters: letters, digits, - and _"_s;

QString fullMessage(int limit, const QString &records)
{
    return u"This sandbox already holds %1 %2, its limit. Delete some, or POST /reset to start "
           u"again from the seeded data."_s.arg(limit)
               .arg(records);
}

HttpHeaders bearer(const QByteArray &token)
{
    return {{"Authorization"_ba, "Bearer " + token}};
}

QByteArray userBody(int n)
{
    return u"{\"name\":\"Student %1\",\"email\":\"student%1@example.com\",\"age\":20}"_s.arg(n)
        .toUtf8();
}

QByteArray productBody(int n)
{
    return u"{\"code\":\"item-%1\",\"name\":\"Item %1\",\"type\":\"toy\",\"quantity\":1,"
           u"\"price\":1.5}"_s.arg(n)
               .toUtf8();
}

QString errorCode(const ApiResponse &response)
{
    return jsonBody(response)[u"error_code"_s].toString();
}

// A plan with one rule: `method path` answers `status` on the trigger.
FaultPlan planWith(const FaultRule &rule)
{
    FaultPlan plan;
    plan.rules = {rule};
    plan.seed = 42;
    return plan;
}

ApiRequest inSandbox(const QByteArray &method, const QString &path, const QString &sandbox)
{
    ApiRequest request = makeRequest(method, path);
    request.sandbox = sandbox;
    return request;
}

bool replaced(const FaultDecision &decision)
{
    return decision.delivery == FaultDecision::Delivery::Replace;
}

} // namespace

// Sandboxes (API.md Part D) at the core level: how a request names its sandbox, the registry of
// instances with a fake clock, record limits, per-sandbox fault counters, the `sandboxes` of a
// fault rule and the control API's sandbox routes.
class TestSandboxes : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // SandboxAddress
    void resolve_data();
    void resolve();
    void invalidNameLeavesTheRequestUnchanged();
    void invalidNameError();
    void basePath();
    void notFoundNamesThePathAsSent_data();
    void notFoundNamesThePathAsSent();

    // SandboxRegistry
    void createdOnFirstUseWithTheSeed();
    void changesStayInTheirInstance();
    void limitRefusesWithNothingCreated();
    void smallerLimitRemovesNoSandbox();
    void idleSandboxesAreRemoved();
    void idleTimeIsASetting();
    void removedSandboxStartsFreshAndItsTokensDie();
    void resetRestoresOnlyThatSandbox();
    void summariesCountRequestsErrorsAndAddresses();
    void summariesAreSortedAndUnknownIsNone();
    void settingsReachExistingAndNewSandboxes();
    void recordLimitsPropagate();
    void defaultLimitsRefuseThe1001stUserAndProduct();
    void smallLimitsRefuseRegisterUsersAndProducts();
    void fullSandboxStillAnswersEverythingElse();
    void outboxKeepsTheNewest100();
    void sharedApiHasNoRecordLimits();
    void tokensAreWorthlessInOtherInstances();

    // ClassProtection
    void changesData_data();
    void changesData();
    void refusal();

    // FaultInjector
    void nextNFiresPerSandbox();
    void ruleWithSandboxesAppliesOnlyThere();
    void restartOneSandboxOnly();
    void restartAllSandboxes();
    void forgetDropsASandboxsCounters();
    void rateLimitWindowsPerSandbox();
    void randomSequencePerSandbox();

    // FaultPlanJson
    void planJsonSandboxesRoundTrip();
    void planJsonSandboxesFoldCaseAndDuplicates();
    void planJsonSandboxesErrors_data();
    void planJsonSandboxesErrors();
    void rulesDifferingInSandboxesAreDifferent();

    // ControlApi
    void controlListsSandboxes();
    void controlDeletesASandbox();
    void controlDeleteErrors_data();
    void controlDeleteErrors();
    void controlResetsASandbox();
    void controlResetErrors_data();
    void controlResetErrors();
    void controlResetInASandboxResetsOnlyIt();
    void controlResetInAMissingSandbox();

private:
    // As the server does it: resolve the sandbox, acquire its instance, route.
    ApiResponse route(const QByteArray &method, const QString &target, const QByteArray &body = {},
                      const HttpHeaders &headers = {});
    ApiService &sandbox(const QString &name);
    QByteArray login(ApiService &service, const QString &email = u"admin@example.com"_s);
    std::optional<ApiResponse> control(const QByteArray &method, const QString &path,
                                       const QString &sandbox = {}, const QByteArray &body = {});

    QDateTime m_now;
    std::unique_ptr<SandboxRegistry> m_registry;
    std::unique_ptr<FaultInjector> m_faults;
    std::unique_ptr<ControlApi> m_control;
};

void TestSandboxes::init()
{
    m_now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
    ServiceConfig config;
    config.jwtSecret = QByteArray(32, 'k');
    m_registry = std::make_unique<SandboxRegistry>(config, [this] { return m_now; });
    m_faults = std::make_unique<FaultInjector>(7);
    m_control = std::make_unique<ControlApi>(*m_registry, *m_faults);
    m_control->setKey("key-key-key");
    m_control->setEnabled(true);
}

void TestSandboxes::cleanup()
{
    m_control.reset();
    m_faults.reset();
    m_registry.reset();
}

ApiResponse TestSandboxes::route(const QByteArray &method, const QString &target,
                                 const QByteArray &body, const HttpHeaders &headers)
{
    ApiRequest request = makeRequest(method, target, body, headers);
    if (!SandboxAddress::resolve(request))
        return SandboxAddress::invalidName().toResponse();
    const auto instance = m_registry->acquire(request.sandbox);
    if (const auto *error = std::get_if<ApiError>(&instance))
        return error->toResponse();
    return std::get<ApiService *>(instance)->handle(request);
}

ApiService &TestSandboxes::sandbox(const QString &name)
{
    const auto instance = m_registry->acquire(name);
    if (!std::holds_alternative<ApiService *>(instance))
        qFatal("sandbox %s could not be made", qPrintable(name));
    return *std::get<ApiService *>(instance);
}

QByteArray TestSandboxes::login(ApiService &service, const QString &email)
{
    const ApiResponse response = service.handle(
        makeRequest("POST", u"/login"_s, QJsonDocument(QJsonObject{{u"email"_s, email}}).toJson()));
    return jsonBody(response)[u"data"_s][u"token"_s].toString().toLatin1();
}

std::optional<ApiResponse> TestSandboxes::control(const QByteArray &method, const QString &path,
                                                  const QString &sandbox, const QByteArray &body)
{
    ApiRequest request = makeRequest(method, path, body, {{"X-Dojo-Key"_ba, "key-key-key"_ba}});
    request.sandbox = sandbox;
    return m_control->handle(request);
}

// --- SandboxAddress ---------------------------------------------------------------------------

void TestSandboxes::resolve_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("header"); // null: no X-Sandbox header
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("sandbox");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("prefix");

    const QString name32(32, u'a');
    const QByteArray none;
    QTest::newRow("prefix") << u"/s/alice/users"_s << none << true << u"alice"_s << u"/users"_s
                            << u"/s/alice"_s;
    QTest::newRow("prefix and alias") << u"/s/alice/api/v1/users"_s << none << true << u"alice"_s
                                      << u"/api/v1/users"_s << u"/s/alice"_s;
    QTest::newRow("prefix with id")
        << u"/s/bob/users/2"_s << none << true << u"bob"_s << u"/users/2"_s << u"/s/bob"_s;
    QTest::newRow("prefix alone is the root")
        << u"/s/alice"_s << none << true << u"alice"_s << u"/"_s << u"/s/alice"_s;
    QTest::newRow("prefix with a slash")
        << u"/s/alice/"_s << none << true << u"alice"_s << u"/"_s << u"/s/alice"_s;
    QTest::newRow("case folded, prefix kept as sent")
        << u"/s/Alice_01-X/users"_s << none << true << u"alice_01-x"_s << u"/users"_s
        << u"/s/Alice_01-X"_s;
    QTest::newRow("digits, dash, underscore")
        << u"/s/0-_9/health"_s << none << true << u"0-_9"_s << u"/health"_s << u"/s/0-_9"_s;
    QTest::newRow("32 characters") << u"/s/"_s + name32 + u"/users"_s << none << true << name32
                                   << u"/users"_s << u"/s/"_s + name32;
    QTest::newRow("one character")
        << u"/s/x/users"_s << none << true << u"x"_s << u"/users"_s << u"/s/x"_s;
    QTest::newRow("header") << u"/users"_s << "bob"_ba << true << u"bob"_s << u"/users"_s
                            << QString();
    QTest::newRow("header case folded")
        << u"/users"_s << "BoB"_ba << true << u"bob"_s << u"/users"_s << QString();
    QTest::newRow("header on the alias")
        << u"/api/v1/users"_s << "bob"_ba << true << u"bob"_s << u"/api/v1/users"_s << QString();
    QTest::newRow("prefix wins over header")
        << u"/s/alice/users"_s << "bob"_ba << true << u"alice"_s << u"/users"_s << u"/s/alice"_s;
    QTest::newRow("prefix wins over a bad header")
        << u"/s/alice/users"_s << "b@d!"_ba << true << u"alice"_s << u"/users"_s << u"/s/alice"_s;
    QTest::newRow("empty header is the shared API")
        << u"/users"_s << ""_ba << true << QString() << u"/users"_s << QString();
    QTest::newRow("no header is the shared API")
        << u"/users"_s << none << true << QString() << u"/users"_s << QString();
    QTest::newRow("/s alone is not a prefix")
        << u"/s"_s << none << true << QString() << u"/s"_s << QString();
    QTest::newRow("/sandbox is not a prefix")
        << u"/sandbox/users"_s << none << true << QString() << u"/sandbox/users"_s << QString();
    QTest::newRow("/api/v1/s/alice is not a prefix")
        << u"/api/v1/s/alice/users"_s << none << true << QString() << u"/api/v1/s/alice/users"_s
        << QString();
    QTest::newRow("percent-encoded name, decoded")
        << u"/s/al%69ce/users"_s << none << true << u"alice"_s << u"/users"_s << u"/s/alice"_s;
    QTest::newRow("percent-encoded slash, decoded")
        << u"/s%2Falice/users"_s << none << true << u"alice"_s << u"/users"_s << u"/s/alice"_s;

    QTest::newRow("/s/ has no name")
        << u"/s/"_s << none << false << QString() << QString() << QString();
    QTest::newRow("/s//users has no name")
        << u"/s//users"_s << none << false << QString() << QString() << QString();
    QTest::newRow("dot") << u"/s/al.ice/users"_s << none << false << QString() << QString()
                         << QString();
    QTest::newRow("at") << u"/s/al@ice/users"_s << none << false << QString() << QString()
                        << QString();
    QTest::newRow("space, percent-encoded")
        << u"/s/al%20ice/users"_s << none << false << QString() << QString() << QString();
    QTest::newRow("dot, percent-encoded")
        << u"/s/al%2Eice/users"_s << none << false << QString() << QString() << QString();
    QTest::newRow("non-ASCII letter")
        << u"/s/alic%C3%A9/users"_s << none << false << QString() << QString() << QString();
    QTest::newRow("33 characters") << u"/s/"_s + QString(33, u'a') + u"/users"_s << none << false
                                   << QString() << QString() << QString();
    QTest::newRow("bad header") << u"/users"_s << "al ice"_ba << false << QString() << QString()
                                << QString();
    QTest::newRow("header with a slash")
        << u"/users"_s << "a/b"_ba << false << QString() << QString() << QString();
    QTest::newRow("header of 33 characters")
        << u"/users"_s << QByteArray(33, 'a') << false << QString() << QString() << QString();
    QTest::newRow("non-ASCII header")
        << u"/users"_s << "alic\xc3\xa9"_ba << false << QString() << QString() << QString();
}

void TestSandboxes::resolve()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, header);
    QFETCH(bool, valid);
    QFETCH(QString, sandbox);
    QFETCH(QString, path);
    QFETCH(QString, prefix);

    HttpHeaders headers;
    if (!header.isNull())
        headers.append({"X-Sandbox"_ba, header});
    ApiRequest request = makeRequest("GET", target, {}, headers);
    QCOMPARE(SandboxAddress::resolve(request), valid);
    if (!valid)
        return;
    QCOMPARE(request.sandbox, sandbox);
    if (QByteArrayView(QTest::currentDataTag()) == "prefix alone is the root") {
        // The sandbox's root: "/" as the brief words it, or "" (which routes as "/" and keeps
        // the path as sent exact); either way no route, and the 404 names "/s/alice".
        QVERIFY2(request.path == u"/" || request.path.isEmpty(), qPrintable(request.path));
    } else {
        QCOMPARE(request.path, path);
    }
    QCOMPARE(request.sandboxPrefix, prefix);
    // Messages and logs name the path as the client sent it (percent-decoded).
    QCOMPARE(request.pathAsSent(), makeRequest("GET", target).path);
}

void TestSandboxes::invalidNameLeavesTheRequestUnchanged()
{
    ApiRequest request = makeRequest("GET", u"/s/b@d/users"_s, {}, {{"X-Sandbox"_ba, "bob"_ba}});
    QVERIFY(!SandboxAddress::resolve(request));
    QCOMPARE(request.path, u"/s/b@d/users"_s);
    QVERIFY(request.sandbox.isEmpty());
    QVERIFY(request.sandboxPrefix.isEmpty());

    ApiRequest headed = makeRequest("GET", u"/users"_s, {}, {{"x-sandbox"_ba, "b@d"_ba}});
    QVERIFY(!SandboxAddress::resolve(headed));
    QCOMPARE(headed.path, u"/users"_s);
    QVERIFY(headed.sandbox.isEmpty());
}

void TestSandboxes::invalidNameError()
{
    ContractTable::verifyEnvelope(SandboxAddress::invalidName().toResponse(), 400,
                                  u"INVALID_SANDBOX"_s, InvalidSandboxMessage);
    // Through the same path as the server: nothing made for a bad name.
    ContractTable::verifyEnvelope(route("GET", u"/s/b@d/users"_s), 400, u"INVALID_SANDBOX"_s,
                                  InvalidSandboxMessage);
    QCOMPARE(m_registry->sandboxCount(), 0);
}

void TestSandboxes::basePath()
{
    QCOMPARE(SandboxAddress::basePath(u"alice"_s), u"/s/alice"_s);
    QCOMPARE(SandboxAddress::basePath(QString()), QString());
    QVERIFY(SandboxAddress::isValidName(u"A-z_09"_s));
    QVERIFY(!SandboxAddress::isValidName(QString()));
    QVERIFY(!SandboxAddress::isValidName(QString(33, u'z')));
}

void TestSandboxes::notFoundNamesThePathAsSent_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown in a sandbox") << "GET"_ba << u"/s/alice/nope"_s << QByteArray() << 404
                                          << u"Endpoint not found: /s/alice/nope"_s;
    QTest::newRow("unknown, name as typed") << "GET"_ba << u"/s/Alice/nope"_s << QByteArray() << 404
                                            << u"Endpoint not found: /s/Alice/nope"_s;
    QTest::newRow("unknown on the alias") << "GET"_ba << u"/s/alice/api/v1/nope"_s << QByteArray()
                                          << 404 << u"Endpoint not found: /s/alice/api/v1/nope"_s;
    QTest::newRow("unknown by header")
        << "GET"_ba << u"/nope"_s << "alice"_ba << 404 << u"Endpoint not found: /nope"_s;
    QTest::newRow("unknown, shared")
        << "GET"_ba << u"/nope"_s << QByteArray() << 404 << u"Endpoint not found: /nope"_s;
    QTest::newRow("wrong method in a sandbox")
        << "DELETE"_ba << u"/s/alice/health"_s << QByteArray() << 405
        << u"Method DELETE is not allowed on /s/alice/health"_s;
    QTest::newRow("sandbox root alone")
        << "GET"_ba << u"/s/alice"_s << QByteArray() << 404 << u"Endpoint not found: /s/alice"_s;
}

void TestSandboxes::notFoundNamesThePathAsSent()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, target);
    QFETCH(QByteArray, header);
    QFETCH(int, status);
    QFETCH(QString, message);

    HttpHeaders headers;
    if (!header.isNull())
        headers.append({"X-Sandbox"_ba, header});
    const ApiResponse response = route(method, target, {}, headers);
    QCOMPARE(response.status, status);
    QCOMPARE(jsonBody(response)[u"message"_s].toString(), message);
}

// --- SandboxRegistry --------------------------------------------------------------------------

void TestSandboxes::createdOnFirstUseWithTheSeed()
{
    QSignalSpy created(m_registry.get(), &SandboxRegistry::sandboxCreated);
    QCOMPARE(m_registry->sandboxCount(), 0);
    QVERIFY(m_registry->find(u"alice"_s) == nullptr);
    QVERIFY(!m_registry->contains(u"alice"_s));

    // Changes to the shared API are not what a new sandbox starts from.
    m_registry->shared().users().remove(2);
    const auto first = m_registry->acquire(u"alice"_s);
    QVERIFY(std::holds_alternative<ApiService *>(first));
    ApiService *alice = std::get<ApiService *>(first);
    QVERIFY(alice != &m_registry->shared());
    QCOMPARE(alice->users().count(), 2);
    QCOMPARE(alice->products().count(), 6);
    QVERIFY(alice->outbox().emails().isEmpty());
    QVERIFY(alice->users().user(2).has_value());
    QCOMPARE(created.count(), 1);
    QCOMPARE(created[0][0].toString(), u"alice"_s);
    QCOMPARE(created[0][1].value<ApiService *>(), alice);

    const auto again = m_registry->acquire(u"alice"_s);
    QCOMPARE(std::get<ApiService *>(again), alice);
    QCOMPARE(created.count(), 1);
    QCOMPARE(m_registry->find(u"alice"_s), alice);
    QCOMPARE(m_registry->names(), QStringList{u"alice"_s});

    // "" is the shared API: never counted as a sandbox.
    QCOMPARE(std::get<ApiService *>(m_registry->acquire(QString())), &m_registry->shared());
    QCOMPARE(m_registry->find(QString()), &m_registry->shared());
    QCOMPARE(m_registry->sandboxCount(), 1);
}

void TestSandboxes::changesStayInTheirInstance()
{
    ApiService &alice = sandbox(u"alice"_s);
    ApiService &bob = sandbox(u"bob"_s);
    ApiService &shared = m_registry->shared();
    const QByteArray token = login(alice);

    QCOMPARE(alice.handle(makeRequest("POST", u"/users"_s, userBody(1), bearer(token))).status,
             201);
    QCOMPARE(alice.handle(makeRequest("DELETE", u"/products/1"_s, {}, bearer(token))).status, 200);
    QCOMPARE(alice.users().count(), 3);
    QCOMPARE(alice.products().count(), 5);
    for (ApiService *other : {&bob, &shared}) {
        QCOMPARE(other->users().count(), 2);
        QCOMPARE(other->products().count(), 6);
    }
    // Ids are the sandbox's own: bob's next user is 3 as well.
    const ApiResponse bobs =
        bob.handle(makeRequest("POST", u"/users"_s, userBody(1), bearer(login(bob))));
    QCOMPARE(bobs.status, 201);
    QCOMPARE(jsonBody(bobs)[u"data"_s][u"id"_s].toInt(), 3);
}

void TestSandboxes::limitRefusesWithNothingCreated()
{
    SandboxLimits limits;
    limits.maxSandboxes = 2;
    m_registry->setLimits(limits);
    QSignalSpy created(m_registry.get(), &SandboxRegistry::sandboxCreated);
    sandbox(u"a"_s);
    sandbox(u"b"_s);

    const auto refused = m_registry->acquire(u"c"_s);
    QVERIFY(std::holds_alternative<ApiError>(refused));
    const ApiError error = std::get<ApiError>(refused);
    QCOMPARE(error.status, 503);
    QCOMPARE(error.code, u"SANDBOX_LIMIT"_s);
    QCOMPARE(error.message, SandboxRegistry::limitMessage(2));
    QVERIFY(error.message.contains(u"2 sandboxes"_s));
    QCOMPARE(m_registry->sandboxCount(), 2);
    QVERIFY(!m_registry->contains(u"c"_s));
    QCOMPARE(created.count(), 2);
    // Through the server's path too, and nothing is made.
    ContractTable::verifyEnvelope(route("GET", u"/s/c/users"_s), 503, u"SANDBOX_LIMIT"_s,
                                  SandboxRegistry::limitMessage(2));
    QCOMPARE(m_registry->sandboxCount(), 2);

    // Those there, and the shared API, still answer.
    QVERIFY(std::holds_alternative<ApiService *>(m_registry->acquire(u"a"_s)));
    QCOMPARE(route("GET", u"/users"_s).status, 200);
    QCOMPARE(route("GET", u"/s/b/users"_s).status, 200);

    // A place freed is a place for the next one.
    QVERIFY(m_registry->remove(u"a"_s));
    QVERIFY(std::holds_alternative<ApiService *>(m_registry->acquire(u"c"_s)));
    QCOMPARE(m_registry->names(), (QStringList{u"b"_s, u"c"_s}));
}

void TestSandboxes::smallerLimitRemovesNoSandbox()
{
    for (const QString &name : {u"a"_s, u"b"_s, u"c"_s})
        sandbox(name);
    SandboxLimits limits;
    limits.maxSandboxes = 1;
    m_registry->setLimits(limits);
    QCOMPARE(m_registry->sandboxCount(), 3);
    QVERIFY(std::holds_alternative<ApiService *>(m_registry->acquire(u"b"_s)));
    QVERIFY(std::holds_alternative<ApiError>(m_registry->acquire(u"d"_s)));
}

void TestSandboxes::idleSandboxesAreRemoved()
{
    QCOMPARE(m_registry->limits().idleSeconds, 4 * 3600);
    QSignalSpy removed(m_registry.get(), &SandboxRegistry::sandboxRemoved);
    const QDateTime start = m_now;
    sandbox(u"alice"_s);
    m_now = start.addSecs(3 * 3600);
    sandbox(u"bob"_s);
    m_now = start.addSecs(2 * 3600);
    // The shared API is no sandbox: never idle.
    QVERIFY(m_registry->removeIdle().isEmpty());

    m_now = start.addSecs(4 * 3600 - 1);
    QVERIFY(m_registry->removeIdle().isEmpty());
    QCOMPARE(m_registry->sandboxCount(), 2);

    m_now = start.addSecs(4 * 3600 + 1);
    QCOMPARE(m_registry->removeIdle(), QStringList{u"alice"_s});
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed[0][0].toString(), u"alice"_s);
    QCOMPARE(m_registry->names(), QStringList{u"bob"_s});

    // Use keeps a sandbox: bob is used at 6 h, so at 7 h + 1 s (4 h after 3 h) it stays.
    m_now = start.addSecs(6 * 3600);
    QVERIFY(std::holds_alternative<ApiService *>(m_registry->acquire(u"bob"_s)));
    m_now = start.addSecs(7 * 3600 + 1);
    QVERIFY(m_registry->removeIdle().isEmpty());
    m_now = start.addSecs(10 * 3600 + 1);
    QCOMPARE(m_registry->removeIdle(), QStringList{u"bob"_s});
    QCOMPARE(m_registry->sandboxCount(), 0);
    QVERIFY(m_registry->find(QString()) != nullptr);
}

void TestSandboxes::idleTimeIsASetting()
{
    SandboxLimits limits;
    limits.idleSeconds = 60;
    const QDateTime start = m_now;
    sandbox(u"alice"_s);
    m_registry->setLimits(limits);
    m_now = start.addSecs(59);
    QVERIFY(m_registry->removeIdle().isEmpty());
    m_now = start.addSecs(61);
    QCOMPARE(m_registry->removeIdle(), QStringList{u"alice"_s});
}

void TestSandboxes::removedSandboxStartsFreshAndItsTokensDie()
{
    QSignalSpy removed(m_registry.get(), &SandboxRegistry::sandboxRemoved);
    ApiService &alice = sandbox(u"alice"_s);
    const QByteArray token = login(alice);
    QCOMPARE(alice.handle(makeRequest("GET", u"/me"_s, {}, bearer(token))).status, 200);
    QCOMPARE(alice.handle(makeRequest("POST", u"/users"_s, userBody(1), bearer(token))).status,
             201);

    QVERIFY(m_registry->remove(u"alice"_s));
    QCOMPARE(removed.count(), 1);
    QVERIFY(!m_registry->contains(u"alice"_s));
    QVERIFY(m_registry->find(u"alice"_s) == nullptr);
    QVERIFY(!m_registry->remove(u"alice"_s));
    QCOMPARE(removed.count(), 1);
    QVERIFY(!m_registry->remove(QString())); // the shared API is never removed

    ApiService &again = sandbox(u"alice"_s);
    QCOMPARE(again.users().count(), 2);
    ContractTable::verifyEnvelope(again.handle(makeRequest("GET", u"/me"_s, {}, bearer(token))),
                                  401, u"INVALID_TOKEN"_s, ContractTable::InvalidToken);
    // Its users log in afresh.
    QCOMPARE(again.handle(makeRequest("GET", u"/me"_s, {}, bearer(login(again)))).status, 200);
}

void TestSandboxes::resetRestoresOnlyThatSandbox()
{
    QSignalSpy reset(m_registry.get(), &SandboxRegistry::sandboxReset);
    ApiService &alice = sandbox(u"alice"_s);
    ApiService &bob = sandbox(u"bob"_s);
    const QByteArray aliceAdmin = login(alice);
    const QByteArray aliceJohn = login(alice, u"john@example.com"_s);
    const QByteArray bobAdmin = login(bob);
    for (auto [service, token] : {std::pair{&alice, aliceAdmin}, std::pair{&bob, bobAdmin}}) {
        QCOMPARE(
            service->handle(makeRequest("POST", u"/users"_s, userBody(1), bearer(token))).status,
            201);
        QCOMPARE(service
                     ->handle(makeRequest("POST", u"/password-reset"_s,
                                          R"({"email":"john@example.com"})"))
                     .status,
                 200);
    }
    QCOMPARE(alice.handle(makeRequest("DELETE", u"/products/2"_s, {}, bearer(aliceAdmin))).status,
             200);

    QVERIFY(m_registry->reset(u"alice"_s));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(reset[0][0].toString(), u"alice"_s);
    QCOMPARE(alice.users().count(), 2);
    QCOMPARE(alice.products().count(), 6);
    QVERIFY(alice.outbox().emails().isEmpty());
    QCOMPARE(bob.users().count(), 3);
    QCOMPARE(bob.outbox().emails().size(), 1);
    QCOMPARE(m_registry->shared().users().count(), 2);
    // The seeded users' tokens go on working, as in the shared API.
    QCOMPARE(alice.handle(makeRequest("GET", u"/me"_s, {}, bearer(aliceAdmin))).status, 200);
    QCOMPARE(alice.handle(makeRequest("GET", u"/me"_s, {}, bearer(aliceJohn))).status, 200);

    // The API's own POST /reset in a sandbox: that sandbox only.
    ContractTable::verifyEnvelope(route("POST", u"/s/bob/reset"_s), 200, QString(),
                                  u"Data reset to initial state"_s);
    QCOMPARE(bob.users().count(), 2);
    QVERIFY(bob.outbox().emails().isEmpty());
    QCOMPARE(bob.handle(makeRequest("GET", u"/me"_s, {}, bearer(bobAdmin))).status, 200);

    QVERIFY(!m_registry->reset(u"nobody"_s));
    QVERIFY(!m_registry->reset(QString()));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_registry->sandboxCount(), 2);
}

void TestSandboxes::summariesCountRequestsErrorsAndAddresses()
{
    const QDateTime created = m_now;
    ApiService &alice = sandbox(u"alice"_s);
    std::optional<SandboxSummary> summary = m_registry->summary(u"alice"_s);
    QVERIFY(summary);
    QCOMPARE(summary->name, u"alice"_s);
    QCOMPARE(summary->createdAt, created);
    QCOMPARE(summary->lastRequestAt, created);
    QCOMPARE(summary->requests, 0);
    QCOMPARE(summary->users, 2);

    const QList<int> statuses = {200, 201, 404, 409, 500, 503, 0, 302};
    const QList<QHostAddress> addresses = {
        QHostAddress(u"10.0.0.1"_s), QHostAddress(u"10.0.0.2"_s), QHostAddress(u"10.0.0.1"_s),
        QHostAddress(u"10.0.0.3"_s), QHostAddress(u"::1"_s),      QHostAddress(u"10.0.0.5"_s),
        QHostAddress(u"10.0.0.6"_s), QHostAddress(u"10.0.0.7"_s)};
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        m_now = created.addSecs(10 * (i + 1));
        m_registry->recordRequest(u"alice"_s, addresses[i], statuses[i]);
    }
    // Not sandboxes: nothing to count.
    m_registry->recordRequest(QString(), QHostAddress(u"10.9.9.9"_s), 500);
    m_registry->recordRequest(u"ghost"_s, QHostAddress(u"10.9.9.9"_s), 500);
    QVERIFY(!m_registry->contains(u"ghost"_s));

    alice.users().remove(2);
    summary = m_registry->summary(u"alice"_s);
    QVERIFY(summary);
    QCOMPARE(summary->requests, 8);
    QCOMPARE(summary->clientErrors, 2);
    QCOMPARE(summary->serverErrors, 3); // 500, 503 and 0 (no answer)
    QCOMPARE(summary->createdAt, created);
    QCOMPARE(summary->lastRequestAt, created.addSecs(80));
    QCOMPARE(summary->users, 1);
    // Distinct, in order of first use, at most four.
    QCOMPARE(summary->clientAddresses,
             (QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s, u"10.0.0.3"_s, u"::1"_s}));
}

void TestSandboxes::summariesAreSortedAndUnknownIsNone()
{
    for (const QString &name : {u"zed"_s, u"alice"_s, u"mo"_s})
        sandbox(name);
    QStringList names;
    for (const SandboxSummary &summary : m_registry->summaries())
        names.append(summary.name);
    QCOMPARE(names, (QStringList{u"alice"_s, u"mo"_s, u"zed"_s}));
    QCOMPARE(m_registry->names(), names);
    QVERIFY(!m_registry->summary(u"nobody"_s));
    QVERIFY(!m_registry->summary(QString()));
}

void TestSandboxes::settingsReachExistingAndNewSandboxes()
{
    ApiService &before = sandbox(u"before"_s);
    m_registry->setTokenLifetime(120);
    m_registry->setRefreshTokenLifetime(900);
    m_registry->setRequirePasswords(true);
    m_registry->setBaseUrl(u"http://192.0.2.7:5000"_s);
    ApiService &after = sandbox(u"after"_s);

    const QList<std::pair<ApiService *, QString>> instances = {
        {&m_registry->shared(), QString()}, {&before, u"/s/before"_s}, {&after, u"/s/after"_s}};
    for (const auto &[service, basePath] : instances) {
        QCOMPARE(service->tokens().lifetimeSeconds(), 120);
        QCOMPARE(service->tokens().refreshLifetimeSeconds(), 900);
        ContractTable::verifyEnvelope(
            service->handle(makeRequest("POST", u"/login"_s, R"({"email":"john@example.com"})")),
            400, u"MISSING_FIELD"_s, u"Missing required field: password"_s);
        QCOMPARE(service
                     ->handle(makeRequest("POST", u"/password-reset"_s,
                                          R"({"email":"john@example.com"})"))
                     .status,
                 200);
        const OutboxEmail email = service->outbox().emails().constLast();
        QVERIFY2(email.body.contains(u"http://192.0.2.7:5000"_s + basePath + u"/password-reset/"_s +
                                     email.token),
                 qPrintable(email.body));
    }
}

void TestSandboxes::recordLimitsPropagate()
{
    ApiService &before = sandbox(u"before"_s);
    QCOMPARE(before.users().capacity(), 1000);
    QCOMPARE(before.products().capacity(), 1000);
    QCOMPARE(before.outbox().capacity(), 100);

    SandboxLimits limits;
    limits.records = {5, 8, 3};
    m_registry->setLimits(limits);
    ApiService &after = sandbox(u"after"_s);
    for (ApiService *service : {&before, &after}) {
        QCOMPARE(service->users().capacity(), 5);
        QCOMPARE(service->products().capacity(), 8);
        QCOMPARE(service->outbox().capacity(), 3);
    }
    QCOMPARE(m_registry->limits().records.maxUsers, 5);
    QCOMPARE(m_registry->shared().users().capacity(), 0);
}

// Creates through `path` until the table holds `limit` records (the seeded ones count), then
// checks that one more is refused with SANDBOX_FULL and changes nothing.
static void fillToTheLimit(ApiService &sandbox, const QString &path, QByteArray (*body)(int),
                           const QByteArray &token, int seeded, int limit, const QString &records,
                           const std::function<int()> &count)
{
    for (int n = 1; n <= limit - seeded; ++n) {
        const ApiResponse created =
            sandbox.handle(makeRequest("POST", path, body(n), bearer(token)));
        QVERIFY2(created.status == 201,
                 qPrintable(u"%1 %2: "_s.arg(records).arg(n) + QString::fromUtf8(created.body)));
    }
    QCOMPARE(count(), limit);
    ContractTable::verifyEnvelope(
        sandbox.handle(makeRequest("POST", path, body(limit - seeded + 1), bearer(token))), 409,
        u"SANDBOX_FULL"_s, fullMessage(limit, records));
    QCOMPARE(count(), limit);
}

void TestSandboxes::defaultLimitsRefuseThe1001stUserAndProduct()
{
    ApiService &alice = sandbox(u"alice"_s);
    const QByteArray token = login(alice);
    fillToTheLimit(alice, u"/users"_s, userBody, token, 2, 1000, u"users"_s,
                   [&alice] { return alice.users().count(); });
    if (QTest::currentTestFailed())
        return;
    fillToTheLimit(alice, u"/products"_s, productBody, token, 6, 1000, u"products"_s,
                   [&alice] { return alice.products().count(); });
}

void TestSandboxes::smallLimitsRefuseRegisterUsersAndProducts()
{
    SandboxLimits limits;
    limits.records = {3, 7, 100};
    m_registry->setLimits(limits);
    ApiService &alice = sandbox(u"alice"_s);
    const QByteArray token = login(alice);

    QCOMPARE(alice
                 .handle(makeRequest(
                     "POST", u"/register"_s,
                     R"({"name":"Ann Lee","email":"ann@example.com","password":"correct horse"})"))
                 .status,
             201);
    QCOMPARE(alice.users().count(), 3);
    const QJsonArray usersBefore =
        jsonBody(alice.handle(makeRequest("GET", u"/users"_s)))[u"data"_s][u"users"_s].toArray();
    ContractTable::verifyEnvelope(
        alice.handle(makeRequest(
            "POST", u"/register"_s,
            R"({"name":"Bo Lee","email":"bo@example.com","password":"correct horse"})")),
        409, u"SANDBOX_FULL"_s, fullMessage(3, u"users"_s));
    ContractTable::verifyEnvelope(
        alice.handle(makeRequest("POST", u"/api/v1/users"_s, userBody(1), bearer(token))), 409,
        u"SANDBOX_FULL"_s, fullMessage(3, u"users"_s));
    QCOMPARE(alice.users().count(), 3);
    QCOMPARE(
        jsonBody(alice.handle(makeRequest("GET", u"/users"_s)))[u"data"_s][u"users"_s].toArray(),
        usersBefore);
    // Bo was never stored: logging in answers as for any unknown email.
    QCOMPARE(
        alice.handle(makeRequest("POST", u"/login"_s, R"({"email":"bo@example.com"})")).status,
        alice.handle(makeRequest("POST", u"/login"_s, R"({"email":"nobody@example.com"})")).status);

    QCOMPARE(
        alice.handle(makeRequest("POST", u"/products"_s, productBody(1), bearer(token))).status,
        201);
    ContractTable::verifyEnvelope(
        alice.handle(makeRequest("POST", u"/products"_s, productBody(2), bearer(token))), 409,
        u"SANDBOX_FULL"_s, fullMessage(7, u"products"_s));
    QCOMPARE(alice.products().count(), 7);
    QVERIFY(!alice.products().products().isEmpty());

    // Room again after a delete.
    QCOMPARE(alice.handle(makeRequest("DELETE", u"/users/3"_s, {}, bearer(token))).status, 200);
    QCOMPARE(alice.handle(makeRequest("POST", u"/users"_s, userBody(2), bearer(token))).status,
             201);
    // And after a reset.
    route("POST", u"/s/alice/reset"_s);
    QCOMPARE(alice.products().count(), 6);
    QCOMPARE(
        alice.handle(makeRequest("POST", u"/products"_s, productBody(3), bearer(token))).status,
        201);
}

void TestSandboxes::fullSandboxStillAnswersEverythingElse()
{
    SandboxLimits limits;
    limits.records = {2, 6, 100};
    m_registry->setLimits(limits);
    ApiService &alice = sandbox(u"alice"_s);
    const QByteArray token = login(alice);
    QVERIFY(alice.users().isFull());
    QVERIFY(alice.products().isFull());

    // A bad body is still a bad body: validation comes first.
    QCOMPARE(errorCode(alice.handle(makeRequest("POST", u"/users"_s, "{}", bearer(token)))),
             u"MISSING_FIELD"_s);
    QCOMPARE(errorCode(alice.handle(makeRequest("POST", u"/users"_s, userBody(1)))),
             u"MISSING_TOKEN"_s);
    QCOMPARE(alice.handle(makeRequest("PUT", u"/users/2"_s, R"({"name":"Johnny"})", bearer(token)))
                 .status,
             200);
    QCOMPARE(alice.handle(makeRequest("PUT", u"/products/1"_s, R"({"quantity":5})", bearer(token)))
                 .status,
             200);
    QCOMPARE(
        alice.handle(makeRequest("POST", u"/login"_s, R"({"email":"john@example.com"})")).status,
        200);
    QCOMPARE(
        alice.handle(makeRequest("POST", u"/password-reset"_s, R"({"email":"john@example.com"})"))
            .status,
        200);
    QCOMPARE(alice.handle(makeRequest("GET", u"/users"_s)).status, 200);
}

void TestSandboxes::outboxKeepsTheNewest100()
{
    ApiService &alice = sandbox(u"alice"_s);
    for (int n = 0; n < 105; ++n) {
        QCOMPARE(alice
                     .handle(makeRequest("POST", u"/password-reset"_s,
                                         R"({"email":"john@example.com"})"))
                     .status,
                 200);
    }
    const QJsonObject data =
        jsonBody(alice.handle(makeRequest("GET", u"/outbox"_s)))[u"data"_s].toObject();
    const QJsonArray emails = data[u"emails"_s].toArray();
    QCOMPARE(emails.size(), 100);
    QCOMPARE(data[u"count"_s].toInt(), 100);
    QList<int> ids;
    for (const QJsonValue &email : emails)
        ids.append(email[u"id"_s].toInt());
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids.first(), 6);
    QCOMPARE(ids.last(), 105);

    // A smaller outbox forgets its oldest at once.
    SandboxLimits limits;
    limits.records.maxOutboxEmails = 10;
    m_registry->setLimits(limits);
    QCOMPARE(alice.outbox().emails().size(), 10);
    QCOMPARE(alice.outbox().emails().first().id, 96);
    QCOMPARE(alice.outbox().emails().last().id, 105);
}

void TestSandboxes::sharedApiHasNoRecordLimits()
{
    ApiService &shared = m_registry->shared();
    QCOMPARE(shared.users().capacity(), 0);
    QCOMPARE(shared.products().capacity(), 0);
    QCOMPARE(shared.outbox().capacity(), Outbox::DefaultCapacity);
    SandboxLimits limits;
    limits.records = {2, 6, 1};
    m_registry->setLimits(limits);
    QCOMPARE(shared.users().capacity(), 0);
    QCOMPARE(
        shared.handle(makeRequest("POST", u"/users"_s, userBody(1), bearer(login(shared)))).status,
        201);
    for (int n = 0; n < 3; ++n)
        shared.handle(makeRequest("POST", u"/password-reset"_s, R"({"email":"john@example.com"})"));
    QCOMPARE(shared.outbox().emails().size(), 3);
}

void TestSandboxes::tokensAreWorthlessInOtherInstances()
{
    // The same configured secret for all: each sandbox must still sign with its own.
    ApiService *instances[] = {&m_registry->shared(), &sandbox(u"alice"_s), &sandbox(u"bob"_s)};
    QList<QByteArray> access;
    QList<QByteArray> refresh;
    for (ApiService *service : instances) {
        const QJsonObject session = jsonBody(service->handle(
            makeRequest("POST", u"/login"_s, R"({"email":"john@example.com"})")))[u"data"_s]
                                        .toObject();
        access.append(session[u"access_token"_s].toString().toLatin1());
        refresh.append(session[u"refresh_token"_s].toString().toLatin1());
        QVERIFY(!access.constLast().isEmpty());
        QVERIFY(!refresh.constLast().isEmpty());
    }
    for (int issuer = 0; issuer < 3; ++issuer) {
        for (int user = 0; user < 3; ++user) {
            const ApiResponse me =
                instances[user]->handle(makeRequest("GET", u"/me"_s, {}, bearer(access[issuer])));
            const ApiResponse refreshed = instances[user]->handle(
                makeRequest("POST", u"/refresh"_s, {}, bearer(refresh[issuer])));
            if (issuer == user) {
                QCOMPARE(me.status, 200);
                QCOMPARE(refreshed.status, 200);
            } else {
                ContractTable::verifyEnvelope(me, 401, u"INVALID_TOKEN"_s,
                                              ContractTable::InvalidToken);
                QCOMPARE(errorCode(refreshed), u"INVALID_TOKEN"_s);
            }
        }
    }
    // Through the addresses: the header names the instance as well as the prefix does.
    QCOMPARE(
        errorCode(route("GET", u"/me"_s, {},
                        {{"Authorization"_ba, "Bearer " + access[1]}, {"X-Sandbox"_ba, "bob"_ba}})),
        u"INVALID_TOKEN"_s);
    QCOMPARE(route("GET", u"/me"_s, {},
                   {{"Authorization"_ba, "Bearer " + access[1]}, {"X-Sandbox"_ba, "ALICE"_ba}})
                 .status,
             200);
}

// --- ClassProtection --------------------------------------------------------------------------

void TestSandboxes::changesData_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("changes");

    QTest::newRow("GET /users") << "GET"_ba << u"/users"_s << false;
    QTest::newRow("HEAD /users") << "HEAD"_ba << u"/users"_s << false;
    QTest::newRow("OPTIONS /users") << "OPTIONS"_ba << u"/users"_s << false;
    QTest::newRow("GET /me") << "GET"_ba << u"/me"_s << false;
    QTest::newRow("GET /outbox") << "GET"_ba << u"/outbox"_s << false;
    QTest::newRow("POST /login") << "POST"_ba << u"/login"_s << false;
    QTest::newRow("POST /refresh") << "POST"_ba << u"/refresh"_s << false;
    QTest::newRow("POST /logout") << "POST"_ba << u"/logout"_s << true;
    QTest::newRow("POST /api/v1/login") << "POST"_ba << u"/api/v1/login"_s << false;
    QTest::newRow("POST /api/v1/refresh") << "POST"_ba << u"/api/v1/refresh"_s << false;
    QTest::newRow("POST /api/v1/logout") << "POST"_ba << u"/api/v1/logout"_s << true;
    QTest::newRow("POST /users") << "POST"_ba << u"/users"_s << true;
    QTest::newRow("POST /api/v1/users") << "POST"_ba << u"/api/v1/users"_s << true;
    QTest::newRow("PUT /users/2") << "PUT"_ba << u"/users/2"_s << true;
    QTest::newRow("DELETE /users/2") << "DELETE"_ba << u"/users/2"_s << true;
    QTest::newRow("PATCH /users/2") << "PATCH"_ba << u"/users/2"_s << true;
    QTest::newRow("POST /register") << "POST"_ba << u"/register"_s << true;
    QTest::newRow("POST /reset") << "POST"_ba << u"/reset"_s << true;
    QTest::newRow("POST /api/v1/reset") << "POST"_ba << u"/api/v1/reset"_s << true;
    QTest::newRow("PUT /me") << "PUT"_ba << u"/me"_s << true;
    QTest::newRow("DELETE /me") << "DELETE"_ba << u"/me"_s << true;
    QTest::newRow("POST /products") << "POST"_ba << u"/products"_s << true;
    QTest::newRow("PUT /products/1") << "PUT"_ba << u"/products/1"_s << true;
    QTest::newRow("DELETE /products/1") << "DELETE"_ba << u"/products/1"_s << true;
    QTest::newRow("POST /password-reset") << "POST"_ba << u"/password-reset"_s << true;
    QTest::newRow("POST /password-reset/{token}") << "POST"_ba << u"/password-reset/abc"_s << true;
    QTest::newRow("POST /api/v1login is no alias") << "POST"_ba << u"/api/v1login"_s << true;
    QTest::newRow("POST /login/extra") << "POST"_ba << u"/login/extra"_s << true;
    QTest::newRow("DELETE /login") << "DELETE"_ba << u"/login"_s << false;
}

void TestSandboxes::changesData()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(bool, changes);
    QCOMPARE(ClassProtection::changesData(makeRequest(method, path)), changes);
}

void TestSandboxes::refusal()
{
    ContractTable::verifyEnvelope(
        ClassProtection::refusal().toResponse(), 403, u"CLASS_API_PROTECTED"_s,
        u"The class API is read-only for students. Use your own sandbox: /s/<your-name>/..."_s);
}

// --- FaultInjector ----------------------------------------------------------------------------

void TestSandboxes::nextNFiresPerSandbox()
{
    m_faults->setPlan(planWith(FaultRule::make("GET", u"/users"_s, FaultAction::respondWith(503),
                                               FaultTrigger::nextN(2))));
    const QStringList names = {QString(), u"alice"_s, u"bob"_s};
    // Interleaved: each sandbox's "next 2" are its own.
    for (int round = 0; round < 4; ++round) {
        for (const QString &name : names) {
            const FaultDecision decision =
                m_faults->decide(inSandbox("GET", u"/users"_s, name), 1000);
            QVERIFY2(replaced(decision) == (round < 2),
                     qPrintable(u"round %1 in '%2'"_s.arg(round).arg(name)));
            if (round < 2)
                QCOMPARE(decision.replacement.status, 503);
        }
    }
    QCOMPARE(m_faults->sandboxesCounted(), 3);
}

void TestSandboxes::ruleWithSandboxesAppliesOnlyThere()
{
    FaultRule rule =
        FaultRule::make({}, u"*"_s, FaultAction::respondWith(500), FaultTrigger::nextN(1));
    rule.sandboxes = {u"alice"_s};
    m_faults->setPlan(planWith(rule));
    QVERIFY(rule.appliesTo(u"alice"_s));
    QVERIFY(!rule.appliesTo(QString()));
    QVERIFY(!rule.appliesTo(u"bob"_s));

    // Others' requests do not use up alice's one fault.
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, QString()), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"bob"_s), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("POST", u"/users"_s, u"bob"_s), 0)));
    const FaultDecision alices = m_faults->decide(inSandbox("POST", u"/users"_s, u"alice"_s), 0);
    QVERIFY(replaced(alices));
    QCOMPARE(alices.replacement.status, 500);
    QCOMPARE(alices.applied.size(), 1);
    QVERIFY2(alices.applied.first().source.contains(u"alice"_s),
             qPrintable(alices.applied.first().source));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));

    // A rule for several sandboxes.
    rule.sandboxes = {u"alice"_s, u"carol"_s};
    rule.trigger = FaultTrigger::always();
    m_faults->setPlan(planWith(rule));
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/x"_s, u"carol"_s), 0)));
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/x"_s, u"alice"_s), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/x"_s, u"bob"_s), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/x"_s, QString()), 0)));
    // Control paths never.
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/_dojo/faults"_s, u"alice"_s), 0)));
}

void TestSandboxes::restartOneSandboxOnly()
{
    m_faults->setPlan(planWith(
        FaultRule::make("GET", u"*"_s, FaultAction::respondWith(503), FaultTrigger::nextN(2))));
    for (const QString &name : {u"alice"_s, u"bob"_s}) {
        for (int i = 0; i < 3; ++i)
            m_faults->decide(inSandbox("GET", u"/users"_s, name), 0);
    }
    m_faults->restart(u"alice"_s);
    m_faults->restart(u"nobody"_s); // no counters: nothing to do, nothing made
    QCOMPARE(m_faults->sandboxesCounted(), 2);
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"bob"_s), 0)));
}

void TestSandboxes::restartAllSandboxes()
{
    m_faults->setPlan(planWith(
        FaultRule::make("GET", u"*"_s, FaultAction::respondWith(503), FaultTrigger::nextN(1))));
    for (const QString &name : {QString(), u"alice"_s, u"bob"_s})
        QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, name), 0)));
    m_faults->restart();
    for (const QString &name : {QString(), u"alice"_s, u"bob"_s})
        QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, name), 0)));
}

void TestSandboxes::forgetDropsASandboxsCounters()
{
    m_faults->setPlan(planWith(
        FaultRule::make("GET", u"*"_s, FaultAction::respondWith(503), FaultTrigger::nextN(1))));
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"bob"_s), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
    QCOMPARE(m_faults->sandboxesCounted(), 2);
    m_faults->forget(u"alice"_s);
    QCOMPARE(m_faults->sandboxesCounted(), 1);
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"bob"_s), 0)));
}

void TestSandboxes::rateLimitWindowsPerSandbox()
{
    FaultPlan plan;
    plan.rateLimit.enabled = true;
    plan.rateLimit.limit = 2;
    plan.rateLimit.windowSeconds = 60;
    m_faults->setPlan(plan);
    for (const QString &name : {QString(), u"alice"_s, u"bob"_s}) {
        QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, name), 1000)));
        QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, name), 1000)));
    }
    for (const QString &name : {QString(), u"alice"_s, u"bob"_s}) {
        const FaultDecision refused = m_faults->decide(inSandbox("GET", u"/users"_s, name), 1000);
        QVERIFY(replaced(refused));
        QCOMPARE(refused.replacement.status, 429);
    }
    m_faults->restart(u"bob"_s);
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"bob"_s), 1000)));
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 1000)));
}

void TestSandboxes::randomSequencePerSandbox()
{
    m_faults->setPlan(planWith(FaultRule::make("GET", u"*"_s, FaultAction::respondWith(503),
                                               FaultTrigger::probability(50))));
    QList<bool> alice;
    for (int i = 0; i < 40; ++i) {
        alice.append(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
        // The shared API's requests in between do not shift alice's draws.
        m_faults->decide(inSandbox("GET", u"/users"_s, QString()), 0);
    }
    QVERIFY(alice.contains(true));
    QVERIFY(alice.contains(false));
    QList<bool> bob;
    for (int i = 0; i < 40; ++i)
        bob.append(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"bob"_s), 0)));
    QCOMPARE(bob, alice);
}

// --- FaultPlanJson ----------------------------------------------------------------------------

void TestSandboxes::planJsonSandboxesRoundTrip()
{
    FaultRule scoped =
        FaultRule::make("POST", u"/users"_s, FaultAction::respondWith(503), FaultTrigger::nextN(2));
    scoped.sandboxes = {u"alice"_s, u"bob_2"_s};
    const FaultRule everywhere = FaultRule::make(
        "GET", u"/products"_s, FaultAction::respondWith(500), FaultTrigger::always());
    FaultPlan plan;
    plan.rules = {scoped, everywhere};
    const QJsonObject json = FaultPlanJson::toJson(plan);
    const QJsonArray rules = json[u"rules"_s].toArray();
    QCOMPARE(rules.size(), 2);
    QCOMPARE(rules[0][u"sandboxes"_s].toArray(), (QJsonArray{u"alice"_s, u"bob_2"_s}));
    QVERIFY(!rules[1].toObject().contains(u"sandboxes"_s));

    const FaultPlanJson::Parsed parsed = FaultPlanJson::fromJson(json);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.plan.rules.size(), 2);
    QCOMPARE(parsed.plan.rules[0].sandboxes, (QStringList{u"alice"_s, u"bob_2"_s}));
    QVERIFY(parsed.plan.rules[1].sandboxes.isEmpty());
    QVERIFY(parsed.plan == plan);
    // Through bytes too.
    const FaultPlanJson::Parsed fromBytes = FaultPlanJson::fromBytes(FaultPlanJson::toBytes(plan));
    QVERIFY2(fromBytes.ok(), qPrintable(fromBytes.error));
    QVERIFY(fromBytes.plan == plan);
}

void TestSandboxes::planJsonSandboxesFoldCaseAndDuplicates()
{
    const FaultPlanJson::Parsed parsed = FaultPlanJson::fromBytes(
        R"({"rules": [{"sandboxes": ["Alice", "alice", "BOB", "x-1_2"]}]})");
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.plan.rules.size(), 1);
    QCOMPARE(parsed.plan.rules[0].sandboxes, (QStringList{u"alice"_s, u"bob"_s, u"x-1_2"_s}));
}

void TestSandboxes::planJsonSandboxesErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    const QString shape = u"rules[0].sandboxes must be an array of 1 to 200 sandbox names "
                          u"(leave it out for every sandbox)"_s;
    const QString name = u"rules[0].sandboxes: "_s + InvalidSandboxMessage;
    QTest::newRow("empty array") << R"({"rules": [{"sandboxes": []}]})"_ba << shape;
    QTest::newRow("string") << R"({"rules": [{"sandboxes": "alice"}]})"_ba << shape;
    QTest::newRow("null") << R"({"rules": [{"sandboxes": null}]})"_ba << shape;
    QTest::newRow("object") << R"({"rules": [{"sandboxes": {"a": 1}}]})"_ba << shape;
    QByteArray many = R"({"rules": [{"sandboxes": [)";
    for (int i = 0; i < 201; ++i)
        many += (i ? ",\"s" : "\"s") + QByteArray::number(i) + '"';
    many += "]}]}";
    QTest::newRow("201 names") << many << shape;
    QTest::newRow("number") << R"({"rules": [{"sandboxes": [1]}]})"_ba << name;
    QTest::newRow("empty name") << R"({"rules": [{"sandboxes": [""]}]})"_ba << name;
    QTest::newRow("bad character") << R"({"rules": [{"sandboxes": ["al ice"]}]})"_ba << name;
    QTest::newRow("second name bad")
        << R"({"rules": [{"sandboxes": ["alice", "b/c"]}]})"_ba << name;
    QTest::newRow("33 characters")
        << u"{\"rules\": [{\"sandboxes\": [\"%1\"]}]}"_s.arg(QString(33, u'a')).toUtf8() << name;
    QTest::newRow("second rule") << R"({"rules": [{}, {"sandboxes": []}]})"_ba
                                 << u"rules[1].sandboxes must be an array of 1 to 200 sandbox "
                                    u"names (leave it out for every sandbox)"_s;
}

void TestSandboxes::planJsonSandboxesErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const FaultPlanJson::Parsed parsed = FaultPlanJson::fromBytes(json);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error, error);
    QVERIFY(parsed.plan.rules.isEmpty());
}

void TestSandboxes::rulesDifferingInSandboxesAreDifferent()
{
    const FaultRule everywhere =
        FaultRule::make("GET", u"*"_s, FaultAction::respondWith(503), FaultTrigger::nextN(1));
    FaultRule scoped = everywhere;
    scoped.sandboxes = {u"alice"_s};
    QVERIFY(!(scoped == everywhere));

    // A rule whose sandboxes change is a new rule: its counters start afresh.
    m_faults->setPlan(planWith(everywhere));
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
    m_faults->setPlan(planWith(scoped));
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
}

// --- ControlApi -------------------------------------------------------------------------------

void TestSandboxes::controlListsSandboxes()
{
    std::optional<ApiResponse> listed = control("GET", u"/_dojo/sandboxes"_s);
    QVERIFY(listed);
    ContractTable::verifyEnvelope(*listed, 200, QString(), u"0 sandboxes"_s);
    QCOMPARE(jsonBody(*listed)[u"data"_s][u"count"_s].toInt(), 0);
    QCOMPARE(jsonBody(*listed)[u"data"_s][u"sandboxes"_s].toArray(), QJsonArray());

    const QDateTime created = m_now;
    sandbox(u"bob"_s);
    sandbox(u"alice"_s).users().remove(2);
    m_now = created.addSecs(90);
    m_registry->recordRequest(u"alice"_s, QHostAddress::LocalHost, 200);
    m_registry->recordRequest(u"alice"_s, QHostAddress::LocalHost, 404);

    listed = control("GET", u"/_dojo/sandboxes"_s);
    QVERIFY(listed);
    ContractTable::verifyEnvelope(*listed, 200, QString(), u"2 sandboxes"_s);
    const QJsonObject data = jsonBody(*listed)[u"data"_s].toObject();
    QCOMPARE(data.keys(), (QStringList{u"count"_s, u"max_sandboxes"_s, u"sandboxes"_s}));
    QCOMPARE(data[u"count"_s].toInt(), 2);
    QCOMPARE(data[u"max_sandboxes"_s].toInt(), 200);
    const QJsonArray sandboxes = data[u"sandboxes"_s].toArray();
    QCOMPARE(sandboxes.size(), 2);
    const QJsonObject alice = sandboxes[0].toObject();
    QCOMPARE(alice.keys(), (QStringList{u"created_at"_s, u"last_request_at"_s, u"name"_s,
                                        u"requests"_s, u"users"_s}));
    QCOMPARE(alice[u"name"_s].toString(), u"alice"_s);
    QCOMPARE(alice[u"created_at"_s].toString(), u"2026-03-02T09:00:00.000000"_s);
    QCOMPARE(alice[u"last_request_at"_s].toString(), u"2026-03-02T09:01:30.000000"_s);
    QCOMPARE(alice[u"requests"_s].toInt(), 2);
    QCOMPARE(alice[u"users"_s].toInt(), 1);
    const QJsonObject bob = sandboxes[1].toObject();
    QCOMPARE(bob[u"name"_s].toString(), u"bob"_s);
    QCOMPARE(bob[u"last_request_at"_s].toString(), u"2026-03-02T09:00:00.000000"_s);
    QCOMPARE(bob[u"requests"_s].toInt(), 0);
    QCOMPARE(bob[u"users"_s].toInt(), 2);

    SandboxLimits limits;
    limits.maxSandboxes = 7;
    m_registry->setLimits(limits);
    m_registry->remove(u"bob"_s);
    listed = control("GET", u"/_dojo/sandboxes"_s);
    ContractTable::verifyEnvelope(*listed, 200, QString(), u"1 sandbox"_s);
    QCOMPARE(jsonBody(*listed)[u"data"_s][u"max_sandboxes"_s].toInt(), 7);

    // The key guards it like every control route.
    ApiRequest keyless = makeRequest("GET", u"/_dojo/sandboxes"_s);
    listed = m_control->handle(keyless);
    QVERIFY(listed);
    QCOMPARE(listed->status, 401);
}

void TestSandboxes::controlDeletesASandbox()
{
    ApiService &alice = sandbox(u"alice"_s);
    const QByteArray token = login(alice);
    sandbox(u"bob"_s);
    m_faults->setPlan(planWith(
        FaultRule::make("GET", u"*"_s, FaultAction::respondWith(503), FaultTrigger::nextN(1))));
    m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0);
    m_faults->decide(inSandbox("GET", u"/users"_s, u"bob"_s), 0);
    QCOMPARE(m_faults->sandboxesCounted(), 2);

    const std::optional<ApiResponse> removed = control("DELETE", u"/_dojo/sandboxes/Alice"_s);
    QVERIFY(removed);
    ContractTable::verifyEnvelope(*removed, 200, QString(),
                                  u"Sandbox alice removed; its next request starts afresh"_s);
    QCOMPARE(jsonBody(*removed)[u"data"_s][u"sandbox"_s].toString(), u"alice"_s);
    QCOMPARE(m_registry->names(), QStringList{u"bob"_s});
    QCOMPARE(m_faults->sandboxesCounted(), 1);
    // Its fault counters start afresh too, bob's do not.
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"bob"_s), 0)));

    QCOMPARE(errorCode(route("GET", u"/s/alice/me"_s, {}, bearer(token))), u"INVALID_TOKEN"_s);

    const std::optional<ApiResponse> again = control("DELETE", u"/_dojo/sandboxes/carol"_s);
    QVERIFY(again);
    ContractTable::verifyEnvelope(*again, 404, u"SANDBOX_NOT_FOUND"_s,
                                  u"There is no sandbox named carol"_s);
}

void TestSandboxes::controlDeleteErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    QTest::newRow("unknown") << u"/_dojo/sandboxes/nobody"_s << 404 << u"SANDBOX_NOT_FOUND"_s;
    QTest::newRow("bad character") << u"/_dojo/sandboxes/b@d"_s << 400 << u"INVALID_SANDBOX"_s;
    QTest::newRow("encoded space") << u"/_dojo/sandboxes/a%20b"_s << 400 << u"INVALID_SANDBOX"_s;
    QTest::newRow("33 characters")
        << u"/_dojo/sandboxes/"_s + QString(33, u'a') << 400 << u"INVALID_SANDBOX"_s;
    QTest::newRow("no name") << u"/_dojo/sandboxes/"_s << 404 << u"NOT_FOUND"_s;
    QTest::newRow("wrong method on the list")
        << u"/_dojo/sandboxes"_s << 405 << u"METHOD_NOT_ALLOWED"_s;
}

void TestSandboxes::controlDeleteErrors()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, code);
    sandbox(u"alice"_s);
    const std::optional<ApiResponse> answer = control("DELETE", path);
    QVERIFY(answer);
    QCOMPARE(answer->status, status);
    QCOMPARE(errorCode(*answer), code);
    if (code == u"INVALID_SANDBOX")
        QCOMPARE(jsonBody(*answer)[u"message"_s].toString(), InvalidSandboxMessage);
    QCOMPARE(m_registry->names(), QStringList{u"alice"_s});
}

void TestSandboxes::controlResetsASandbox()
{
    ApiService &alice = sandbox(u"alice"_s);
    ApiService &bob = sandbox(u"bob"_s);
    const QByteArray aliceAdmin = login(alice);
    for (ApiService *service : {&alice, &bob, &m_registry->shared()}) {
        QCOMPARE(service->handle(makeRequest("DELETE", u"/users/2"_s, {}, bearer(login(*service))))
                     .status,
                 200);
    }
    m_faults->setPlan(planWith(
        FaultRule::make("GET", u"*"_s, FaultAction::respondWith(503), FaultTrigger::nextN(1))));
    for (const QString &name : {u"alice"_s, u"bob"_s})
        QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, name), 0)));
    QSignalSpy reset(m_registry.get(), &SandboxRegistry::sandboxReset);

    const std::optional<ApiResponse> answer = control("POST", u"/_dojo/sandboxes/ALICE/reset"_s);
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    const QJsonObject data = jsonBody(*answer)[u"data"_s].toObject();
    QCOMPARE(data[u"sandbox"_s].toString(), u"alice"_s);
    QCOMPARE(data[u"users"_s].toInt(), 2);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(alice.users().count(), 2);
    QCOMPARE(bob.users().count(), 1);
    QCOMPARE(m_registry->shared().users().count(), 1);
    QCOMPARE(alice.handle(makeRequest("GET", u"/me"_s, {}, bearer(aliceAdmin))).status, 200);
    // Alice's counters restarted, bob's kept; the plan stays.
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"bob"_s), 0)));
    QCOMPARE(m_faults->plan().rules.size(), 1);
}

void TestSandboxes::controlResetErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    QTest::newRow("unknown") << u"/_dojo/sandboxes/nobody/reset"_s << 404 << u"SANDBOX_NOT_FOUND"_s;
    QTest::newRow("bad character")
        << u"/_dojo/sandboxes/b.d/reset"_s << 400 << u"INVALID_SANDBOX"_s;
    QTest::newRow("33 characters")
        << u"/_dojo/sandboxes/"_s + QString(33, u'a') + u"/reset"_s << 400 << u"INVALID_SANDBOX"_s;
}

void TestSandboxes::controlResetErrors()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, code);
    QSignalSpy created(m_registry.get(), &SandboxRegistry::sandboxCreated);
    const std::optional<ApiResponse> answer = control("POST", path);
    QVERIFY(answer);
    QCOMPARE(answer->status, status);
    QCOMPARE(errorCode(*answer), code);
    QCOMPARE(created.count(), 0);
    QCOMPARE(m_registry->sandboxCount(), 0);
}

void TestSandboxes::controlResetInASandboxResetsOnlyIt()
{
    ApiService &alice = sandbox(u"alice"_s);
    ApiService &bob = sandbox(u"bob"_s);
    for (ApiService *service : {&alice, &bob, &m_registry->shared()})
        service->users().remove(2);
    m_registry->setTokenLifetime(90);
    FaultPlan plan = planWith(
        FaultRule::make("GET", u"*"_s, FaultAction::respondWith(503), FaultTrigger::nextN(1)));
    m_faults->setPlan(plan);
    for (const QString &name : {QString(), u"alice"_s, u"bob"_s})
        QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, name), 0)));

    const std::optional<ApiResponse> answer = control("POST", u"/_dojo/reset"_s, u"alice"_s);
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    const QJsonObject data = jsonBody(*answer)[u"data"_s].toObject();
    QCOMPARE(data[u"sandbox"_s].toString(), u"alice"_s);
    QCOMPARE(data[u"users"_s].toInt(), 2);

    QCOMPARE(alice.users().count(), 2);
    QCOMPARE(bob.users().count(), 1);
    QCOMPARE(m_registry->shared().users().count(), 1);
    // The plan and the token lifetime are the trainer's.
    QVERIFY(m_faults->plan() == plan);
    QCOMPARE(m_registry->shared().tokens().lifetimeSeconds(), 90);
    QCOMPARE(alice.tokens().lifetimeSeconds(), 90);
    // Only alice's counters restarted.
    QVERIFY(replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"alice"_s), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, u"bob"_s), 0)));
    QVERIFY(!replaced(m_faults->decide(inSandbox("GET", u"/users"_s, QString()), 0)));
}

void TestSandboxes::controlResetInAMissingSandbox()
{
    const std::optional<ApiResponse> answer = control("POST", u"/_dojo/reset"_s, u"ghost"_s);
    QVERIFY(answer);
    ContractTable::verifyEnvelope(*answer, 404, u"SANDBOX_NOT_FOUND"_s,
                                  u"There is no sandbox named ghost"_s);
    QCOMPARE(m_registry->sandboxCount(), 0);
}

QTEST_GUILESS_MAIN(TestSandboxes)
#include "tst_sandboxes.moc"
