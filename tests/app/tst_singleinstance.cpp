#include "alreadyrunningdialog.h"
#include "appsettings.h"
#include "commandline.h"
#include "runonlysettings.h"
#include "singleinstance.h"
#include "windowsettings.h"

#include <QApplication>
#include <QLockFile>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

// One window per user: a second start finds the first, says so and can bring it to the front;
// --new-instance runs a deliberate second one that saves nothing.
class TestSingleInstance : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsHome.isValid());
        QCoreApplication::setOrganizationName(u"ApiDojo"_s);
        QCoreApplication::setApplicationName(u"ApiDojo"_s);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsHome.path());
    }

    void init()
    {
        m_directory = std::make_unique<QTemporaryDir>();
        QVERIFY(m_directory->isValid());
    }

    void laterStartsFindTheFirst()
    {
        SingleInstance first(m_directory->path());
        QVERIFY(first.claim());
        SingleInstance second(m_directory->path());
        QVERIFY(!second.claim());
        // Another user, or another settings directory, is another instance.
        QTemporaryDir elsewhere;
        QVERIFY(SingleInstance(elsewhere.path()).claim());
    }

    void laterStartLearnsThePortAndBringsTheFirstToFront()
    {
        SingleInstance first(m_directory->path());
        QVERIFY(first.claim());
        QSignalSpy front(&first, &SingleInstance::frontRequested);
        SingleInstance second(m_directory->path());
        QVERIFY(!second.claim());

        QCOMPARE(second.runningPort(), std::optional<quint16>(0)); // not listening yet
        first.setPort(5123);
        QCOMPARE(second.runningPort(), std::optional<quint16>(5123));
        QCOMPARE(front.size(), 0);

        QVERIFY(second.bringRunningToFront());
        QCOMPARE(front.size(), 1);
    }

    void theNextStartAfterTheFirstEndedIsTheInstance()
    {
        {
            SingleInstance first(m_directory->path());
            QVERIFY(first.claim());
        }
        SingleInstance next(m_directory->path());
        QVERIFY(next.claim());
        next.setPort(5124);
        QCOMPARE(SingleInstance(m_directory->path()).runningPort(), std::optional<quint16>(5124));
    }

    void aCrashedFirstStartDoesNotBlockTheNext()
    {
        // The lock a crashed start leaves: this machine's, but of a process that is gone.
        const QString lockPath = m_directory->filePath(u"instance.lock"_s);
        QByteArray contents;
        {
            QLockFile lock(lockPath);
            QVERIFY(lock.tryLock(0));
            QFile file(lockPath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            contents = file.readAll();
        }
        QProcess gone;
        gone.start(u"sh"_s, {u"-c"_s, u"echo $$"_s});
        QVERIFY(gone.waitForFinished(5000));
        const QByteArray deadPid = gone.readAllStandardOutput().trimmed();
        QVERIFY(!deadPid.isEmpty());
        contents = deadPid + contents.mid(contents.indexOf('\n'));
        QFile file(lockPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
        file.close();

        SingleInstance next(m_directory->path());
        QVERIFY(next.claim());
        QVERIFY(!SingleInstance(m_directory->path()).claim());
    }

    void secondStartSaysSoAndOffersToBringTheFirstToFront()
    {
        AlreadyRunningDialog dialog(5123);
        QCOMPARE(dialog.text(), u"ApiDojo is already running (port 5123)."_s);
        QVERIFY2(dialog.informativeText().contains(u"--new-instance"_s),
                 qPrintable(dialog.informativeText()));
        QCOMPARE(dialog.bringToFrontButton()->text(), u"Bring it to front"_s);
        QCOMPARE(dialog.findChild<QPushButton *>(u"quitButton"_s)->text(), u"Quit"_s);
        QCOMPARE(dialog.defaultButton(), dialog.bringToFrontButton());
        QCOMPARE(AlreadyRunningDialog(std::nullopt).text(), u"ApiDojo is already running."_s);
    }

    void choosingBringItToFrontRaisesTheFirst_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<int>("frontRequests");
        QTest::newRow("bring it to front") << u"bringToFrontButton"_s << 1;
        QTest::newRow("quit") << u"quitButton"_s << 0;
    }

    void choosingBringItToFrontRaisesTheFirst()
    {
        QFETCH(QString, button);
        QFETCH(int, frontRequests);
        SingleInstance first(m_directory->path());
        QVERIFY(first.claim());
        first.setPort(5125);
        QSignalSpy front(&first, &SingleInstance::frontRequested);
        SingleInstance second(m_directory->path());
        QVERIFY(!second.claim());

        // The dialog comes once the first instance has told its port.
        QString shownText;
        QTimer clicker;
        connect(&clicker, &QTimer::timeout, this, [&] {
            auto *dialog = qobject_cast<AlreadyRunningDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            clicker.stop();
            shownText = dialog->text();
            QTest::mouseClick(dialog->findChild<QPushButton *>(button), Qt::LeftButton);
        });
        clicker.start(10);
        QCOMPARE(AlreadyRunningDialog::askAbout(second), 0);

        QCOMPARE(shownText, u"ApiDojo is already running (port 5125)."_s);
        QCOMPARE(front.size(), frontRequests);
    }

    void newInstanceSavesNothing()
    {
        WindowSettings().setPort(5123);
        const QByteArray controlKey = AppSettings().controlKey();
        {
            RunOnlySettings runOnly;
            WindowSettings settings;
            QCOMPARE(settings.port(), quint16(5123)); // starts like the first
            settings.setPort(6000);
            QCOMPARE(WindowSettings().port(), quint16(6000)); // for this run
            AppSettings app;
            QCOMPARE(app.controlKey(), controlKey);
            QVERIFY(app.regenerateControlKey() != controlKey);
        }
        QCOMPARE(WindowSettings().port(), quint16(5123));
        QCOMPARE(AppSettings().controlKey(), controlKey);
    }

    void newInstanceOnTheCommandLine()
    {
        QVERIFY(!parseCommandLine({u"apidojo"_s}).options.newInstance);
        const ParsedCommandLine parsed = parseCommandLine({u"apidojo"_s, u"--new-instance"_s});
        QVERIFY(parsed.error.isEmpty());
        QVERIFY(parsed.options.newInstance);
    }

private:
    QTemporaryDir m_settingsHome;
    std::unique_ptr<QTemporaryDir> m_directory;
};

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
