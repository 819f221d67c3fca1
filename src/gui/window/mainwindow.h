#pragma once

#include "appsettings.h"
#include "faultplan.h"
#include "requestrate.h"
#include "sandboxes/sandboxregistry.h"
#include "sandboxes/sandboxsummary.h"
#include "servercontroller.h"
#include "windowsettings.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <deque>
#include <memory>
#include <optional>

namespace Ui {
class MainWindow;
}
class ChallengesPanel;
class ClassPanel;
class FaultPanel;
class FaultStatus;
class InspectorPanel;
class OutboxPanel;
class ProductsPanel;
class RequestLogPanel;
class ServerHost;
class ServerPanel;
class TokenDecoderDialog;
class SettingsDialog;
class TokensPanel;
class UsersPanel;
class QLabel;
class ZoomController;
struct Exchange;

// What the command line asks of the window for this run only (nothing of it is saved).
struct WindowOptions
{
    std::optional<QHostAddress> bindAddress;
    std::optional<quint16> port;
    std::optional<qint64> tokenLifetimeSeconds;
    std::optional<FaultPlan> faultPlan; // saved only once the trainer changes it
    std::optional<quint32> seed;        // replaces the plan's seed
    bool controlApi = false;            // on for this run, whatever the saved choice
    QByteArray controlKey;              // instead of the saved key, for this run
    bool requirePasswords = false;      // on for this run, whatever the saved choice
    bool protectClassApi = false;       // on for this run, whatever the saved choice
    std::optional<int> maxSandboxes;    // instead of the saved limit, for this run
    std::optional<qint64> sandboxIdleSeconds;
    QStringList disabledLessons; // off for this run besides the saved ones (names)
};

// The ApiDojo window: the server bar, the live users table, the request log and the inspector,
// all fed by the server host's change events.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(ServerHost &host, const WindowOptions &options = {},
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts the API where the options or the saved settings say.
    void startServer();

    ServerController &serverController() { return *m_controller; }
    ZoomController &zoom() { return *m_zoom; }
    RequestLogPanel *requestLog() const;
    InspectorPanel *inspector() const;
    UsersPanel *users() const;
    FaultPanel *faults() const;
    ProductsPanel *products() const;
    TokensPanel *tokens() const;
    OutboxPanel *outbox() const;
    ClassPanel *classPanel() const;
    ChallengesPanel *challengesPanel() const { return m_challengesPanel; }
    ServerPanel *serverPanel() const { return m_serverPanel; }
    // The instance the tables show, as the host last said ("" : the class API).
    QString watchedSandbox() const { return m_watched; }
    SettingsDialog *settingsDialog();
    // Tools ▸ Decode Token…: made on first use, judged by the instance the tables show.
    TokenDecoderDialog *tokenDecoder();
    qint64 requestsSeen() const { return m_rate.total(); }
    quint64 newestExchangeId() const { return m_newestExchangeId; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateSectionTitles();
    void updateTabTitles();
    void setUpClass();
    void setUpChallenges();
    void announceCompletions(const QList<Exchange> &exchanges);
    void onClassChanged(const QList<SandboxSummary> &sandboxes);
    void requestWatch(const QString &sandbox);
    void onWatching(const QString &sandbox);
    void showSandboxGone(const QString &sandbox);
    void applySandboxLimits(const SandboxLimits &limits);
    void updateOutboxCapacity();
    void setUpActions();
    void setUpTheme(); // View > Projector Theme, and the colours set outside a palette
    void setUpStatusBar();
    void restoreLayout();
    void saveLayout();
    void keepWithinScreen();
    void onExchanges(const QList<Exchange> &exchanges);
    void onListenRequested(const QHostAddress &address, quint16 port);
    void showServerState();
    // Help > Open API Docs: /docs of the running API in the system's browser.
    void openApiDocs();
    void refreshStatistics();
    void regenerateSecret();
    void setUpFaults();
    void applyTrainersPlan(const FaultPlan &plan);
    void sendPlan(const FaultPlan &plan);
    void onFaultPlanChanged(const FaultPlan &plan, quint32 seedInUse);
    void switchAllFaultsOff();
    void setControlApi(bool enabled);
    QString controlBaseUrl() const;

    std::unique_ptr<Ui::MainWindow> m_ui;
    ServerHost &m_host;
    WindowOptions m_options;
    WindowSettings m_settings;
    AppSettings m_appSettings;
    std::unique_ptr<ServerController> m_controller;
    ZoomController *m_zoom = nullptr;
    ServerPanel *m_serverPanel = nullptr;
    QPointer<SettingsDialog> m_settingsDialog;
    QPointer<TokenDecoderDialog> m_tokenDecoder;
    QLabel *m_watchBanner = nullptr; // which sandbox the tables show, while one is
    ChallengesPanel *m_challengesPanel = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLabel *m_totalLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    FaultStatus *m_faultStatus = nullptr;
    int m_planEchoesAwaited = 0;       // plans sent to the host that have not come back yet
    qint64 m_tokenLifetimeSeconds = 0; // in effect now, whoever set it
    bool m_requirePasswords = false;   // in effect now
    bool m_controlApiEnabled = false;
    bool m_protectClassApi = false; // in effect now
    SandboxLimits m_sandboxLimits;  // in effect now
    QStringList m_disabledLessons;  // in effect now
    QStringList m_sandboxNames;     // sorted, as the host last listed them
    QString m_watched;              // as the host last said
    // The trainer's choices the host has not answered yet, oldest first: it answers each watch()
    // in order, and also says "" unasked when the watched sandbox is removed.
    std::deque<QString> m_watchRequests;
    // The sandbox last asked for, answered "" while the class list still had it: it is named
    // gone once the list comes without it.
    QString m_goneUnlisted;
    int m_unreadEmails = 0;
    int m_sandboxCount = 0;
    QByteArray m_controlKey;
    RequestRate m_rate;
    quint64 m_newestExchangeId = 0;
    QElapsedTimer m_clock;
    QTimer m_statisticsTimer;
};
