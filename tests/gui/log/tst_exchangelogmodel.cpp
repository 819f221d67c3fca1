#include "exchangefilterproxy.h"
#include "exchangeformat.h"
#include "exchangelogmodel.h"
#include "guistyle.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// One exchange as the server would record it; the arguments are what the tests vary.
Exchange makeExchange(quint64 id, const QByteArray &method = "GET"_ba,
                      const QString &path = u"/users"_s, int status = 200)
{
    Exchange exchange;
    exchange.id = id;
    exchange.startedAt = QDateTime::currentDateTimeUtc();
    exchange.request.method = method;
    exchange.request.path = path;
    exchange.request.clientAddress = QHostAddress(QHostAddress::LocalHost);
    exchange.request.clientPort = 50000;
    exchange.request.receivedAt = exchange.startedAt;
    exchange.response.status = status;
    exchange.response.body = "{}"_ba;
    exchange.durationUs = 100;
    return exchange;
}

QList<Exchange> makeBatch(quint64 firstId, int count)
{
    QList<Exchange> batch;
    for (int i = 0; i < count; ++i)
        batch.append(makeExchange(firstId + quint64(i)));
    return batch;
}

} // namespace

// The request log model and its filter, fed with Exchange values built here.
class TestExchangeLogModel : public QObject
{
    Q_OBJECT

private:
    static QList<quint64> idsOf(const QAbstractItemModel &model)
    {
        QList<quint64> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.append(model.index(row, 0).data(ExchangeLogModel::ExchangeIdRole).value<quint64>());
        return ids;
    }

    static QList<quint64> idRange(quint64 first, quint64 last)
    {
        QList<quint64> ids;
        for (quint64 id = first; id <= last; ++id)
            ids.append(id);
        return ids;
    }

    QString cell(int row, int column) const
    {
        return m_model->index(row, column).data().toString();
    }

    // A mixed log for the filter tests, ids 1..9.
    void appendMixedLog()
    {
        QList<Exchange> log = {
            makeExchange(1, "GET", u"/health"_s, 200),
            makeExchange(2, "POST", u"/login"_s, 200),
            makeExchange(3, "GET", u"/users/999"_s, 404),
            makeExchange(4, "POST", u"/users"_s, 201),
            makeExchange(5, "GET", u"/error"_s, 500),
            makeExchange(6, "DELETE", u"/users/2"_s, 401),
            makeExchange(7, "GET", u"/Users"_s, 304),
            makeExchange(8, "PUT", u"/users/1"_s, 503),
            makeExchange(9, "GET", u"/users"_s, 200),
        };
        log[8].request.query.addQueryItem(u"role"_s, u"admin"_s);
        log[7].faults = {{u"Rule 1 (PUT /users/*)"_s, u"503 Service Unavailable"_s}};
        log[1].faults = {{u"Latency"_s, u"+20 ms"_s}};
        m_model->append(log);
    }

private slots:
    void initTestCase()
    {
        // Number formats in the cells follow the locale; the expectations are written in English.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void init()
    {
        m_model = std::make_unique<ExchangeLogModel>();
        m_proxy = std::make_unique<ExchangeFilterProxy>();
        m_proxy->setSourceModel(m_model.get());
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    void cleanup()
    {
        m_proxyTester.reset();
        m_modelTester.reset();
        m_proxy.reset();
        m_model.reset();
    }

    void startsEmptyWithTheDefaultCapacity()
    {
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->columnCount(), 9);
        QCOMPARE(m_model->capacity(), 10'000);
    }

    void headersNameTheColumns()
    {
        QStringList titles;
        for (int column = 0; column < m_model->columnCount(); ++column)
            titles.append(m_model->headerData(column, Qt::Horizontal).toString());
        QCOMPARE(titles, (QStringList{u"Time"_s, u"Client"_s, u"Sandbox"_s, u"Method"_s, u"Path"_s,
                                      u"Status"_s, u"Fault"_s, u"Duration"_s, u"Size"_s}));
    }

    void batchIsOneInsertionAtTheEnd()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->append(makeBatch(1, 3));
        m_model->append(makeBatch(4, 2));
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 3);
        QCOMPARE(inserted.at(1).at(2).toInt(), 4);
        QCOMPARE(idsOf(*m_model), idRange(1, 5));
        QCOMPARE(m_model->exchangeAt(3).id, 4u);
    }

    void severalBatchesAreOneInsertion()
    {
        m_model->setCapacity(5);
        m_model->append(makeBatch(1, 2));
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

        m_model->appendBatches({makeBatch(3, 2), makeBatch(5, 1), makeBatch(6, 3)});

        QCOMPARE(inserted.size(), 1);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(idsOf(*m_model), idRange(4, 8));

        // More than the capacity in all: the oldest never go in, across batch borders.
        m_model->appendBatches({makeBatch(9, 4), makeBatch(13, 3)});
        QCOMPARE(idsOf(*m_model), idRange(11, 15));
    }

    void emptyBatchChangesNothing()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->append({});
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(m_model->rowCount(), 0);
    }

    // Insert first (so views never see a gap), then one removal of the oldest: never a reset.
    void fullLogTrimsTheOldestInOneRemoval()
    {
        m_model->setCapacity(5);
        m_model->append(makeBatch(1, 3));
        QStringList events;
        connect(m_model.get(), &QAbstractItemModel::rowsInserted, this,
                [&](const QModelIndex &, int first, int last) {
                    events.append(u"inserted %1-%2"_s.arg(first).arg(last));
                });
        connect(m_model.get(), &QAbstractItemModel::rowsRemoved, this,
                [&](const QModelIndex &, int first, int last) {
                    events.append(u"removed %1-%2"_s.arg(first).arg(last));
                });
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

        m_model->append(makeBatch(4, 4));

        QCOMPARE(events, (QStringList{u"inserted 3-6"_s, u"removed 0-1"_s}));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(idsOf(*m_model), idRange(3, 7));
    }

    void steadyFloodKeepsTheNewestCapacity()
    {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        quint64 nextId = 1;
        for (int batch = 0; batch < 7; ++batch) {
            m_model->append(makeBatch(nextId, 2'000));
            nextId += 2'000;
        }
        QCOMPARE(m_model->rowCount(), 10'000);
        QCOMPARE(m_model->exchangeAt(0).id, 4'001u);
        QCOMPARE(m_model->exchangeAt(9'999).id, 14'000u);
        QCOMPARE(reset.size(), 0);
    }

    void oversizeBatchKeepsItsNewest()
    {
        m_model->setCapacity(3);
        m_model->append(makeBatch(1, 2));
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

        m_model->append(makeBatch(3, 5)); // ids 3..7: only 5, 6 and 7 fit

        QCOMPARE(idsOf(*m_model), idRange(5, 7));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(2).toInt() - inserted.at(0).at(1).toInt() + 1, 3);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(2).toInt(), 1); // rows 0-1: the two old ones
    }

    void lowerCapacityTrimsAtOnce()
    {
        m_model->append(makeBatch(1, 10));
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

        m_model->setCapacity(4);

        QCOMPARE(m_model->capacity(), 4);
        QCOMPARE(idsOf(*m_model), idRange(7, 10));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 5);
        QCOMPARE(reset.size(), 0);

        m_model->setCapacity(20); // raising it keeps what is there
        QCOMPARE(m_model->rowCount(), 4);
        m_model->setCapacity(0); // a log keeps at least one
        QCOMPARE(m_model->capacity(), 1);
        QCOMPARE(idsOf(*m_model), idRange(10, 10));
    }

    void clearResets()
    {
        m_model->append(makeBatch(1, 5));
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->clear();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(m_model->rowCount(), 0);
        m_model->append(makeBatch(6, 1));
        QCOMPARE(idsOf(*m_model), idRange(6, 6));
    }

    void cellsReadAsText()
    {
        Exchange exchange = makeExchange(42, "POST", u"/users"_s, 201);
        exchange.startedAt = QDateTime(QDate(2026, 11, 21), QTime(10, 32, 1, 123)).toUTC();
        exchange.request.query.addQueryItem(u"dry"_s, u"1"_s);
        exchange.request.clientAddress = QHostAddress(u"::ffff:10.0.0.5"_s);
        exchange.durationUs = 420;
        exchange.response.body = QByteArray(1434, 'x');
        m_model->append({exchange});

        QCOMPARE(cell(0, ExchangeLogModel::TimeColumn), u"10:32:01.123"_s);
        QCOMPARE(cell(0, ExchangeLogModel::ClientColumn), u"10.0.0.5"_s);
        QCOMPARE(cell(0, ExchangeLogModel::MethodColumn), u"POST"_s);
        QCOMPARE(cell(0, ExchangeLogModel::PathColumn), u"/users?dry=1"_s);
        QCOMPARE(cell(0, ExchangeLogModel::StatusColumn), u"201 Created"_s);
        QCOMPARE(cell(0, ExchangeLogModel::DurationColumn), u"0.42 ms"_s);
        QCOMPARE(cell(0, ExchangeLogModel::SizeColumn), u"1.4 KB"_s);
    }

    // The texts themselves are ExchangeFormat's (tst_exchangeformat); here, that the cells use
    // them.
    void numbersAreRightAligned()
    {
        Exchange exchange = makeExchange(1);
        exchange.durationUs = 1'204'000;
        exchange.response.body = QByteArray(1'023, 'x');
        m_model->append({exchange});
        QCOMPARE(cell(0, ExchangeLogModel::DurationColumn), u"1.20 s"_s);
        QCOMPARE(cell(0, ExchangeLogModel::SizeColumn), u"1,023 bytes"_s);
        for (const int column : {ExchangeLogModel::DurationColumn, ExchangeLogModel::SizeColumn}) {
            QCOMPARE(m_model->index(0, column).data(Qt::TextAlignmentRole),
                     QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter));
        }
    }

    void unknownClientShowsADash()
    {
        Exchange exchange = makeExchange(1);
        exchange.request.clientAddress = QHostAddress();
        m_model->append({exchange, makeExchange(2)});
        QCOMPARE(cell(0, ExchangeLogModel::ClientColumn), u"\u2014"_s);
        QCOMPARE(cell(1, ExchangeLogModel::ClientColumn), u"127.0.0.1"_s);
    }

    // What the transport guard refused before reading a request line has no method or path.
    void refusedRequestShowsDashes()
    {
        Exchange exchange = makeExchange(1, QByteArray(), QString(), 400);
        exchange.rejectedByGuard = true;
        exchange.note = u"Malformed HTTP request"_s;
        m_model->append({exchange});
        QCOMPARE(cell(0, ExchangeLogModel::MethodColumn), u"\u2014"_s);
        QCOMPARE(cell(0, ExchangeLogModel::PathColumn), u"\u2014"_s);
        QCOMPARE(cell(0, ExchangeLogModel::StatusColumn), u"400 Bad Request"_s);
    }

    void controlCharactersInThePathStayOnOneLine()
    {
        m_model->append({makeExchange(1, "GET", u"/a\nb\u007f"_s, 404)});
        QCOMPARE(cell(0, ExchangeLogModel::PathColumn), u"/a\u240Ab\u2421"_s);
    }

    void statusIsColouredByClass()
    {
        const QList<int> statuses = {200, 201, 304, 404, 500};
        quint64 id = 0;
        for (int status : statuses)
            m_model->append({makeExchange(++id, "GET", u"/x"_s, status)});
        for (int row = 0; row < statuses.size(); ++row) {
            const QModelIndex status = m_model->index(row, ExchangeLogModel::StatusColumn);
            QCOMPARE(status.data(Qt::ForegroundRole).value<QColor>(),
                     GuiStyle::statusColor(statuses.at(row)));
            QCOMPARE(status.data(ExchangeLogModel::StatusCodeRole).toInt(), statuses.at(row));
            QVERIFY(!m_model->index(row, ExchangeLogModel::PathColumn)
                         .data(Qt::ForegroundRole)
                         .isValid());
        }
        QCOMPARE(m_model->index(2, ExchangeLogModel::StatusColumn).data().toString(),
                 u"304 Not Modified"_s);
        QCOMPARE(m_model->index(4, ExchangeLogModel::StatusColumn).data().toString(),
                 u"500 Internal Server Error"_s);
    }

    void undeliveredResponseSaysTheClientLeft()
    {
        Exchange exchange = makeExchange(1, "GET", u"/users"_s, 200);
        exchange.delivered = false;
        exchange.note = u"client disconnected before the response was sent"_s;
        m_model->append({exchange, makeExchange(2)});

        const QModelIndex status = m_model->index(0, ExchangeLogModel::StatusColumn);
        QCOMPARE(status.data().toString(), u"200 OK (client left)"_s);
        QCOMPARE(status.data(Qt::ForegroundRole).value<QColor>(), GuiStyle::statusColor(0));
        QCOMPARE(m_model->index(0, ExchangeLogModel::PathColumn).data(Qt::ToolTipRole).toString(),
                 exchange.note);
        QVERIFY(!m_model->index(1, ExchangeLogModel::PathColumn).data(Qt::ToolTipRole).isValid());
    }

    void faultMarkerSaysWhatDidIt()
    {
        Exchange slowFailure = makeExchange(1, "POST", u"/users"_s, 503);
        slowFailure.faults = {{u"Latency"_s, u"+512 ms"_s},
                              {u"Rule 2 (POST /users)"_s, u"503 Service Unavailable"_s}};
        Exchange dropped = makeExchange(2, "GET", u"/users"_s, 0);
        dropped.faults = {{u"Rule 1 (any request)"_s, u"drop the connection"_s}};
        m_model->append({slowFailure, dropped, makeExchange(3)});

        const QModelIndex marker = m_model->index(0, ExchangeLogModel::FaultColumn);
        QCOMPARE(marker.data().toString(), u"\u26A1 +512 ms, Rule 2"_s);
        QCOMPARE(marker.data(Qt::ToolTipRole).toString(),
                 u"Latency: +512 ms\nRule 2 (POST /users): 503 Service Unavailable"_s);
        QCOMPARE(marker.data(Qt::ForegroundRole).value<QColor>(), GuiStyle::faultColor());
        QCOMPARE(m_model->index(1, ExchangeLogModel::FaultColumn).data().toString(),
                 u"\u26A1 Rule 1"_s);
        // The fault explains the missing answer (the server records it as delivered).
        QCOMPARE(m_model->index(1, ExchangeLogModel::StatusColumn).data().toString(),
                 ExchangeFormat::statusText(0));
        QCOMPARE(m_model->index(2, ExchangeLogModel::FaultColumn).data().toString(), QString());
        QVERIFY(!m_model->index(2, ExchangeLogModel::FaultColumn).data(Qt::ToolTipRole).isValid());
    }

    void idRoleNamesTheExchange()
    {
        m_model->append(makeBatch(7, 2));
        QCOMPARE(m_model->index(1, ExchangeLogModel::SizeColumn)
                     .data(ExchangeLogModel::ExchangeIdRole)
                     .value<quint64>(),
                 8u);
    }

    void filterByMethod_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QList<quint64>>("ids");
        QTest::newRow("any") << QByteArray() << idRange(1, 9);
        QTest::newRow("GET") << "GET"_ba << QList<quint64>{1, 3, 5, 7, 9};
        QTest::newRow("POST") << "POST"_ba << QList<quint64>{2, 4};
        QTest::newRow("PATCH") << "PATCH"_ba << QList<quint64>{};
    }

    void filterByMethod()
    {
        QFETCH(QByteArray, method);
        QFETCH(QList<quint64>, ids);
        appendMixedLog();
        m_proxy->setMethodFilter(method);
        QCOMPARE(idsOf(*m_proxy), ids);
    }

    void filterByStatusClass_data()
    {
        using StatusClass = ExchangeFilter::StatusClass;
        QTest::addColumn<StatusClass>("statusClass");
        QTest::addColumn<QList<quint64>>("ids");
        QTest::newRow("any") << StatusClass::Any << idRange(1, 9);
        QTest::newRow("2xx") << StatusClass::Success << QList<quint64>{1, 2, 4, 9};
        QTest::newRow("3xx") << StatusClass::Redirection << QList<quint64>{7};
        QTest::newRow("4xx") << StatusClass::ClientError << QList<quint64>{3, 6};
        QTest::newRow("5xx") << StatusClass::ServerError << QList<quint64>{5, 8};
        QTest::newRow("errors") << StatusClass::Error << QList<quint64>{3, 5, 6, 8};
        QTest::newRow("faulted") << StatusClass::Faulted << QList<quint64>{2, 8};
    }

    void filterByStatusClass()
    {
        QFETCH(ExchangeFilter::StatusClass, statusClass);
        QFETCH(QList<quint64>, ids);
        appendMixedLog();
        m_proxy->setStatusFilter(statusClass);
        QCOMPARE(idsOf(*m_proxy), ids);
    }

    void filterByPathText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<quint64>>("ids");
        QTest::newRow("empty") << QString() << idRange(1, 9);
        QTest::newRow("case-insensitive") << u"USERS"_s << QList<quint64>{3, 4, 6, 7, 8, 9};
        QTest::newRow("part") << u"/users/"_s << QList<quint64>{3, 6, 8};
        QTest::newRow("query") << u"role=ADMIN"_s << QList<quint64>{9};
        QTest::newRow("across the ?") << u"users?role"_s << QList<quint64>{9};
        QTest::newRow("nothing") << u"/products"_s << QList<quint64>{};
    }

    void filterByPathText()
    {
        QFETCH(QString, text);
        QFETCH(QList<quint64>, ids);
        appendMixedLog();
        m_proxy->setPathFilter(text);
        QCOMPARE(idsOf(*m_proxy), ids);
    }

    void filtersCombine()
    {
        appendMixedLog();
        ExchangeFilter filter;
        filter.method = "GET"_ba;
        filter.statusClass = ExchangeFilter::StatusClass::Error;
        filter.pathText = u"users"_s;
        m_proxy->setFilter(filter);
        QCOMPARE(idsOf(*m_proxy), (QList<quint64>{3}));
        QCOMPARE(m_proxy->exchangeAt(0).request.path, u"/users/999"_s);
        m_proxy->setFilter({});
        QCOMPARE(idsOf(*m_proxy), idRange(1, 9));
    }

    void filterBySandboxAndPathAsSent()
    {
        Exchange shared = makeExchange(1, "GET", u"/users"_s, 200);
        Exchange byPath = makeExchange(2, "GET", u"/users"_s, 200);
        byPath.request.sandbox = u"alice"_s;
        byPath.request.sandboxPrefix = u"/s/alice"_s;
        Exchange byHeader = makeExchange(3, "GET", u"/users"_s, 200);
        byHeader.request.sandbox = u"alice"_s;
        Exchange bob = makeExchange(4, "GET", u"/users"_s, 200);
        bob.request.sandbox = u"bob"_s;
        bob.request.sandboxPrefix = u"/s/bob"_s;
        m_model->append({shared, byPath, byHeader, bob});

        using Log = ExchangeLogModel;
        QCOMPARE(m_model->index(1, Log::SandboxColumn).data().toString(), u"alice"_s);
        QCOMPARE(m_model->index(0, Log::SandboxColumn).data().toString(), QString());
        QCOMPARE(m_model->index(1, Log::PathColumn).data().toString(), u"/s/alice/users"_s);
        QCOMPARE(m_model->index(2, Log::PathColumn).data().toString(), u"/users"_s);

        ExchangeFilter filter;
        filter.sandbox = u"alice"_s;
        m_proxy->setFilter(filter);
        QCOMPARE(idsOf(*m_proxy), (QList<quint64>{2, 3}));
        filter.sandbox = QString(); // the class API
        m_proxy->setFilter(filter);
        QCOMPARE(idsOf(*m_proxy), (QList<quint64>{1}));
        filter.sandbox.reset();
        filter.pathText = u"/s/bob"_s; // the path as sent
        m_proxy->setFilter(filter);
        QCOMPARE(idsOf(*m_proxy), (QList<quint64>{4}));
    }

    // A lesson API's prefix is a tag, so that the route reads as the lesson's docs name it; the
    // tooltip keeps the path as sent. A path that only looks like a lesson's keeps its text.
    void lessonPathShowsAsATag_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("sandboxPrefix");
        QTest::addColumn<QString>("shown");
        QTest::newRow("shared") << u"/lessons/inventory/auth/login"_s << QString()
                                << u"[inventory] /auth/login"_s;
        QTest::newRow("sandbox") << u"/lessons/inventory/auth/login"_s << u"/s/alice"_s
                                 << u"/s/alice [inventory] /auth/login"_s;
        QTest::newRow("prefix itself")
            << u"/lessons/user-management"_s << QString() << u"[user-management]"_s;
        QTest::newRow("with query")
            << u"/lessons/inventory/products?x=1"_s << QString() << u"[inventory] /products?x=1"_s;
        QTest::newRow("no such lesson")
            << u"/lessons/nothing/auth"_s << QString() << u"/lessons/nothing/auth"_s;
        QTest::newRow("name only begins alike")
            << u"/lessons/inventoryx/a"_s << QString() << u"/lessons/inventoryx/a"_s;
        QTest::newRow("not at the start")
            << u"/x/lessons/inventory"_s << QString() << u"/x/lessons/inventory"_s;
    }

    void lessonPathShowsAsATag()
    {
        QFETCH(QString, path);
        QFETCH(QString, sandboxPrefix);
        QFETCH(QString, shown);
        Exchange exchange = makeExchange(1, "POST", path, 200);
        exchange.request.sandboxPrefix = sandboxPrefix;
        exchange.request.sandbox = sandboxPrefix.section(u'/', 2);
        exchange.request.query = QUrlQuery(QUrl(path).query());
        exchange.request.path = QUrl(path).path();
        m_model->append({exchange});
        QCOMPARE(cell(0, ExchangeLogModel::PathColumn), shown);
        const QString tooltip =
            m_model->index(0, ExchangeLogModel::PathColumn).data(Qt::ToolTipRole).toString();
        if (shown.contains(u'['))
            QCOMPARE(tooltip, sandboxPrefix + path);
        QCOMPARE(cell(0, ExchangeLogModel::SandboxColumn), exchange.request.sandbox);
    }

    // The path filter finds a lesson's row by the path as sent and by the text shown.
    void filterFindsALessonByPathOrTag_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<quint64>>("ids");
        QTest::newRow("full path") << u"/lessons/inventory/auth/login"_s << QList<quint64>{2, 3};
        QTest::newRow("tag") << u"[inventory]"_s << QList<quint64>{2, 3};
        QTest::newRow("tag and route") << u"[INVENTORY] /auth/log"_s << QList<quint64>{2, 3};
        QTest::newRow("route") << u"/auth/login"_s << QList<quint64>{2, 3};
        QTest::newRow("sandbox and tag") << u"/s/alice [inventory]"_s << QList<quint64>{3};
        QTest::newRow("sandbox path") << u"/s/alice/lessons/inv"_s << QList<quint64>{3};
        QTest::newRow("another lesson") << u"[user-management]"_s << QList<quint64>{4};
    }

    void filterFindsALessonByPathOrTag()
    {
        QFETCH(QString, text);
        QFETCH(QList<quint64>, ids);
        Exchange inSandbox = makeExchange(3, "POST", u"/lessons/inventory/auth/login"_s, 200);
        inSandbox.request.sandbox = u"alice"_s;
        inSandbox.request.sandboxPrefix = u"/s/alice"_s;
        m_model->append({makeExchange(1, "POST", u"/login"_s, 200),
                         makeExchange(2, "POST", u"/lessons/inventory/auth/login"_s, 200),
                         inSandbox,
                         makeExchange(4, "GET", u"/lessons/user-management/v1/api/users"_s, 401)});
        m_proxy->setPathFilter(text);
        QCOMPARE(idsOf(*m_proxy), ids);
    }

    // What is selected in a view is a persistent index: a filter change keeps it on its row.
    void filterChangeKeepsPersistentIndexesOfRowsThatStay()
    {
        appendMixedLog();
        const QPersistentModelIndex fifth = m_proxy->index(4, 0);  // id 5, GET /error
        const QPersistentModelIndex second = m_proxy->index(1, 0); // id 2, POST /login
        m_proxy->setMethodFilter("GET"_ba);
        QVERIFY(fifth.isValid());
        QCOMPARE(fifth.row(), 2);
        QCOMPARE(fifth.data(ExchangeLogModel::ExchangeIdRole).value<quint64>(), 5u);
        QVERIFY(!second.isValid());
    }

    void batchesPassThroughTheFilter()
    {
        m_model->setCapacity(6);
        m_proxy->setMethodFilter("POST"_ba);
        m_model->append({makeExchange(1, "GET"), makeExchange(2, "POST"), makeExchange(3, "GET"),
                         makeExchange(4, "POST")});
        QCOMPARE(idsOf(*m_proxy), (QList<quint64>{2, 4}));

        QSignalSpy proxyRemoved(m_proxy.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy proxyReset(m_proxy.get(), &QAbstractItemModel::modelReset);
        m_model->append({makeExchange(5, "POST"), makeExchange(6, "GET"), makeExchange(7, "POST"),
                         makeExchange(8, "PUT")}); // trims 1 and 2
        QCOMPARE(idsOf(*m_proxy), (QList<quint64>{4, 5, 7}));
        QCOMPARE(proxyRemoved.size(), 1);
        QCOMPARE(proxyReset.size(), 0);
    }

private:
    std::unique_ptr<ExchangeLogModel> m_model;
    std::unique_ptr<ExchangeFilterProxy> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

QTEST_MAIN(TestExchangeLogModel)
#include "tst_exchangelogmodel.moc"
