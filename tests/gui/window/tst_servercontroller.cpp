#include "httpclient.h"
#include "servercontroller.h"
#include "serverhost.h"
#include "serverpanel.h"
#include "serverurls.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {

ServiceConfig testConfig()
{
    ServiceConfig config;
    config.jwtSecret = QByteArray(32, 's');
    return config;
}

} // namespace

class TestServerController : public QObject
{
    Q_OBJECT

private slots:
    void listensAndShowsTheUrl()
    {
        ServerHost host;
        ServerController controller(host, testConfig());
        ServerPanel panel(controller);
        controller.start(QHostAddress(QHostAddress::LocalHost), 0);
        QCOMPARE(controller.state(), ServerController::State::Starting);
        QTRY_COMPARE(controller.state(), ServerController::State::Listening);
        QVERIFY(controller.listeningPort() != 0);
        QCOMPARE(controller.urls().size(), 1);
        const QUrl url = controller.urls().constFirst();
        QCOMPARE(url.toString(), u"http://127.0.0.1:%1"_s.arg(controller.listeningPort()));
        QCOMPARE(HttpClient(url).get(u"/health"_s).status, 200);

        QCOMPARE(panel.findChild<QLabel *>(u"stateLabel"_s)->text(), u"● Listening"_s);
        auto *urlButton = panel.findChild<QToolButton *>(u"urlButton"_s);
        QVERIFY(urlButton);
        QSignalSpy copied(&panel, &ServerPanel::urlCopied);
        QTest::mouseClick(urlButton, Qt::LeftButton);
        QCOMPARE(copied.count(), 1);
        QCOMPARE(QGuiApplication::clipboard()->text(), url.toString());
    }

    void portInUseOffersTheNextFreePort()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress(QHostAddress::LocalHost), 0));
        const quint16 taken = squatter.serverPort();

        ServerHost host;
        ServerController controller(host, testConfig());
        ServerPanel panel(controller);
        QSignalSpy saved(&panel, &ServerPanel::listenRequested);
        QSignalSpy requested(&panel, &ServerPanel::listenForThisRunRequested);
        QSignalSpy savedAsDefault(&panel, &ServerPanel::saveAsDefaultRequested);
        connect(&panel, &ServerPanel::listenRequested, &controller, &ServerController::start);
        connect(&panel, &ServerPanel::listenForThisRunRequested, &controller,
                &ServerController::start);
        panel.show();
        controller.start(QHostAddress(QHostAddress::LocalHost), taken);
        QTRY_COMPARE(controller.state(), ServerController::State::Failed);
        QCOMPARE(controller.problem(),
                 u"Port %1 is already in use by another program."_s.arg(taken));
        QVERIFY(controller.freePortSuggestion() > taken);

        auto *banner = panel.findChild<QWidget *>(u"problemBanner"_s);
        QVERIFY(banner->isVisible());
        QCOMPARE(panel.findChild<QLabel *>(u"problemLabel"_s)->text(), controller.problem());
        auto *useFree = panel.findChild<QPushButton *>(u"useFreePortButton"_s);
        QVERIFY(useFree->isVisible());
        const quint16 suggestion = controller.freePortSuggestion();
        QCOMPARE(useFree->text(), u"Use port %1 instead"_s.arg(suggestion));

        QTest::mouseClick(useFree, Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(1).value<quint16>(), suggestion);
        QTRY_COMPARE(controller.state(), ServerController::State::Listening);
        QCOMPARE(controller.listeningPort(), suggestion);
        QVERIFY(!banner->isVisible());
        QCOMPARE(panel.findChild<QSpinBox *>(u"portSpin"_s)->value(), int(suggestion));

        // For this run only, and the panel says so, until the trainer saves it.
        QCOMPARE(saved.count(), 0);
        auto *note = panel.findChild<QWidget *>(u"runPortNote"_s);
        QVERIFY(note->isVisible());
        QCOMPARE(panel.findChild<QLabel *>(u"runPortLabel"_s)->text(),
                 u"Port %1 is for this run only: the next start tries the saved port again."_s.arg(
                     suggestion));
        // Stop and Start keep it this run's.
        QTest::mouseClick(panel.findChild<QPushButton *>(u"startStopButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller.state(), ServerController::State::Stopped);
        QTest::mouseClick(panel.findChild<QPushButton *>(u"startStopButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller.state(), ServerController::State::Listening);
        QCOMPARE(requested.count(), 2);
        QCOMPARE(saved.count(), 0);
        QVERIFY(note->isVisible());

        QTest::mouseClick(panel.findChild<QPushButton *>(u"saveAsDefaultButton"_s), Qt::LeftButton);
        QCOMPARE(savedAsDefault.count(), 1);
        QCOMPARE(savedAsDefault.at(0).at(0).value<QHostAddress>(),
                 QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(savedAsDefault.at(0).at(1).value<quint16>(), suggestion);
        QVERIFY(!note->isVisible());
    }

    void studentsSeeTheNetworkAddress()
    {
        ServerHost host;
        ServerController controller(host, testConfig());
        QVERIFY(controller.studentUrl().isEmpty());
        controller.start(QHostAddress(QHostAddress::LocalHost), 0);
        QTRY_COMPARE(controller.state(), ServerController::State::Listening);
        QCOMPARE(controller.studentUrl(), controller.urls().constFirst());

        controller.start(QHostAddress(QHostAddress::AnyIPv4), 0);
        QTRY_COMPARE(controller.state(), ServerController::State::Listening);
        if (controller.urls().size() < 2)
            QSKIP("This computer has no network address besides loopback");
        QCOMPARE(controller.urls().constFirst().host(), u"127.0.0.1"_s);
        const QUrl studentUrl = controller.studentUrl();
        QVERIFY(!QHostAddress(studentUrl.host()).isLoopback());
        QCOMPARE(studentUrl, controller.urls().at(1));
    }

    void aNewPortMovesTheListeningApi()
    {
        ServerHost host;
        ServerController controller(host, testConfig());
        ServerPanel panel(controller);
        connect(&panel, &ServerPanel::listenRequested, &controller, &ServerController::start);
        QSignalSpy requested(&panel, &ServerPanel::listenRequested);
        controller.start(QHostAddress(QHostAddress::LocalHost), 0);
        QTRY_COMPARE(controller.state(), ServerController::State::Listening);

        auto *portSpin = panel.findChild<QSpinBox *>(u"portSpin"_s);
        emit portSpin->editingFinished(); // focus left, nothing changed
        QCOMPARE(requested.count(), 0);

        const quint16 freePort = findFreePort(QHostAddress(QHostAddress::LocalHost), 20000);
        QVERIFY(freePort != 0);
        portSpin->setValue(freePort);
        emit portSpin->editingFinished();
        QCOMPARE(requested.count(), 1);
        QTRY_COMPARE(controller.state(), ServerController::State::Listening);
        QCOMPARE(controller.listeningPort(), freePort);
        QCOMPARE(HttpClient(controller.urls().constFirst()).get(u"/health"_s).status, 200);
    }

    void stopAndStartKeepTheData()
    {
        ServerHost host;
        ServerController controller(host, testConfig());
        ServerPanel panel(controller);
        controller.start(QHostAddress(QHostAddress::LocalHost), 0);
        QTRY_COMPARE(controller.state(), ServerController::State::Listening);
        HttpClient first(controller.urls().constFirst());
        const QByteArray token =
            first.sendJson("POST", u"/login"_s, R"({"email":"admin@example.com"})")
                .json()
                .value(u"data"_s)
                .toObject()
                .value(u"token"_s)
                .toString()
                .toUtf8();
        QCOMPARE(first.sendJson("DELETE", u"/users/2"_s, {}, token).status, 200);

        auto *toggle = panel.findChild<QPushButton *>(u"startStopButton"_s);
        QCOMPARE(toggle->text(), u"Stop"_s);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QTRY_COMPARE(controller.state(), ServerController::State::Stopped);
        QCOMPARE(toggle->text(), u"Start"_s);
        // Leaving the port field of a stopped API, changed or not, does not start it.
        QSignalSpy requested(&panel, &ServerPanel::listenRequested);
        auto *portSpin = panel.findChild<QSpinBox *>(u"portSpin"_s);
        emit portSpin->editingFinished();
        portSpin->setValue(portSpin->value() == 65535 ? 65534 : portSpin->value() + 1);
        emit portSpin->editingFinished();
        QCOMPARE(requested.count(), 0);
        QCOMPARE(first.get(u"/health"_s).status, 0);

        controller.start(QHostAddress(QHostAddress::LocalHost), 0);
        QTRY_COMPARE(controller.state(), ServerController::State::Listening);
        HttpClient second(controller.urls().constFirst());
        QCOMPARE(second.get(u"/users/2"_s).status, 404);
        QCOMPARE(second.get(u"/users/1"_s).status, 200);
    }
};

QTEST_MAIN(TestServerController)
#include "tst_servercontroller.moc"
