#include "mainwindow.h"

#include "aboutdialog.h"
#include "challengecatalogue.h"
#include "challengespanel.h"
#include "classpanel.h"
#include "faultpanel.h"
#include "faultstatus.h"
#include "guistyle.h"
#include "inspectorpanel.h"
#include "outbox.h"
#include "outboxmodel.h"
#include "outboxpanel.h"
#include "productspanel.h"
#include "requestlogpanel.h"
#include "serverhost.h"
#include "serverpanel.h"
#include "serverurls.h"
#include "settingsdialog.h"
#include "theme.h"
#include "tokendecoderdialog.h"
#include "tokenspanel.h"
#include "ui_mainwindow.h"
#include "userspanel.h"
#include "zoomcontroller.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QLabel>
#include <QLocale>
#include <QScreen>
#include <QStatusBar>
#include <QTabBar>
#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace {
constexpr int StatisticsIntervalMs = 500;
constexpr int StatusMessageMs = 3000;
const auto GeometryKey = u"geometry"_s;
const auto MainSplitterKey = u"mainSplitter"_s;
const auto LeftSplitterKey = u"leftSplitter"_s;
} // namespace

MainWindow::MainWindow(ServerHost &host, const WindowOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_host(host)
    , m_options(options)
{
    // Before the widgets exist: each takes the theme's colours as it is made.
    Theme::apply(m_settings.theme());
    m_ui->setupUi(this);
    m_clock.start();

    ServiceConfig config;
    config.jwtSecret = m_appSettings.jwtSecret();
    config.tokenLifetimeSeconds =
        m_options.tokenLifetimeSeconds.value_or(m_settings.tokenLifetimeSeconds());
    m_tokenLifetimeSeconds = config.tokenLifetimeSeconds;
    config.refreshTokenLifetimeSeconds = m_settings.refreshTokenLifetimeSeconds();
    config.requirePasswords = m_options.requirePasswords || m_settings.requirePasswords();
    m_requirePasswords = config.requirePasswords;
    m_disabledLessons = m_settings.disabledLessons();
    for (const QString &name : std::as_const(m_options.disabledLessons)) {
        if (!m_disabledLessons.contains(name))
            m_disabledLessons.append(name);
    }
    config.disabledLessons = m_disabledLessons;
    m_controller = std::make_unique<ServerController>(m_host, config);

    m_serverPanel = new ServerPanel(*m_controller, m_ui->centralWidget);
    m_ui->centralLayout->insertWidget(0, m_serverPanel, 0);
    m_ui->centralLayout->setStretchFactor(m_ui->mainSplitter, 1);
    connect(m_serverPanel, &ServerPanel::listenRequested, this, &MainWindow::onListenRequested);
    // The free port offered after a collision is this run's, unless the trainer saves it.
    connect(m_serverPanel, &ServerPanel::listenForThisRunRequested, m_controller.get(),
            &ServerController::start);
    connect(m_serverPanel, &ServerPanel::saveAsDefaultRequested, this,
            [this](const QHostAddress &address, quint16 port) {
                m_settings.setBindAddress(address);
                m_settings.setPort(port);
                statusBar()->showMessage(u"Port %1 saved as the default"_s.arg(port),
                                         StatusMessageMs);
            });
    connect(m_serverPanel, &ServerPanel::urlCopied, this, [this](const QUrl &url) {
        statusBar()->showMessage(u"Copied %1"_s.arg(url.toString()), StatusMessageMs);
    });
    connect(m_controller.get(), &ServerController::stateChanged, this,
            &MainWindow::showServerState);

    users()->attach(&m_host);
    products()->attach(&m_host);
    tokens()->attach(&m_host);
    outbox()->attach(&m_host);
    connect(outbox(), &OutboxPanel::unreadCountChanged, this, [this](int unread) {
        m_unreadEmails = unread;
        updateTabTitles();
    });
    connect(outbox(), &OutboxPanel::copiedToClipboard, this, [this](const QString &what) {
        statusBar()->showMessage(u"Copied the %1"_s.arg(what), StatusMessageMs);
    });
    requestLog()->setCapacity(m_settings.logCapacity());
    connect(&m_host, &ServerHost::exchangesRecorded, this, &MainWindow::onExchanges);
    connect(requestLog(), &RequestLogPanel::exchangeSelected, inspector(),
            &InspectorPanel::showExchange);
    connect(requestLog(), &RequestLogPanel::selectionCleared, inspector(), &InspectorPanel::clear);
    connect(inspector(), &InspectorPanel::copiedToClipboard, this, [this](const QString &what) {
        statusBar()->showMessage(u"Copied the %1"_s.arg(what), StatusMessageMs);
    });
    connect(&m_host, &ServerHost::started, inspector(),
            [this](const QHostAddress &address, quint16 port) {
                // A copied cURL command of a request without a Host header goes here.
                inspector()->setFallbackBaseUrl(urlFor(address, port));
                faults()->setControlApi(m_controlApiEnabled, QString::fromLatin1(m_controlKey),
                                        controlBaseUrl());
            });

    // Every panel exists before the saved zoom applies, as the form's do: a table made after it
    // kept its header at the base size.
    setUpChallenges();
    m_zoom = new ZoomController(this);
    m_zoom->setPercent(m_settings.zoomPercent());
    connect(m_zoom, &ZoomController::zoomChanged, this, [this](int percent) {
        m_settings.setZoomPercent(percent);
        statusBar()->showMessage(u"Zoom %1 %"_s.arg(percent), StatusMessageMs);
        // Once the layouts have taken in the new sizes.
        QTimer::singleShot(0, this, &MainWindow::keepWithinScreen);
    });
    QTimer::singleShot(0, this, &MainWindow::keepWithinScreen); // at a saved zoom too

    setUpClass();
    updateSectionTitles();
    updateTabTitles();
    setUpActions();
    setUpStatusBar();
    setUpFaults();
    restoreLayout();
    showServerState();
}

MainWindow::~MainWindow() = default;

RequestLogPanel *MainWindow::requestLog() const
{
    return m_ui->requestLogPanel;
}

InspectorPanel *MainWindow::inspector() const
{
    return m_ui->inspectorPanel;
}

UsersPanel *MainWindow::users() const
{
    return m_ui->usersPanel;
}

FaultPanel *MainWindow::faults() const
{
    return m_ui->faultPanel;
}

ProductsPanel *MainWindow::products() const
{
    return m_ui->productsPanel;
}

TokensPanel *MainWindow::tokens() const
{
    return m_ui->tokensPanel;
}

OutboxPanel *MainWindow::outbox() const
{
    return m_ui->outboxPanel;
}

ClassPanel *MainWindow::classPanel() const
{
    return m_ui->classPanel;
}

void MainWindow::startServer()
{
    m_controller->start(m_options.bindAddress.value_or(m_settings.bindAddress()),
                        m_options.port.value_or(m_settings.port()));
}

void MainWindow::onListenRequested(const QHostAddress &address, quint16 port)
{
    // The trainer's own choice is remembered for the next start.
    m_settings.setBindAddress(address);
    if (port != 0)
        m_settings.setPort(port);
    m_controller->start(address, port);
}

void MainWindow::updateSectionTitles()
{
    // Headings a class can read from the back: bold and a step above the text, following zoom.
    const QFont heading = GuiStyle::emphasisedFont(font(), 1.25);
    for (QLabel *title : {m_ui->requestsTitle, m_ui->inspectorTitle})
        title->setFont(heading);
    // The tabs of the top section are its heading.
    m_ui->topTabs->tabBar()->setFont(heading);
}

// While a student's sandbox is watched, the tabs that show it are teal and a banner above them
// names it: the trainer's edits go there, not to the class API.
void MainWindow::updateTabTitles()
{
    const QColor color = m_watched.isEmpty() ? QColor() : GuiStyle::sandboxColor();
    QTabBar *tabs = m_ui->topTabs->tabBar();
    for (QWidget *tab : {m_ui->usersTab, m_ui->productsTab, m_ui->tokensTab, m_ui->outboxTab})
        tabs->setTabTextColor(m_ui->topTabs->indexOf(tab), color);
    m_ui->topTabs->setTabText(m_ui->topTabs->indexOf(m_ui->outboxTab),
                              m_unreadEmails == 0 ? u"Outbox"_s
                                                  : u"Outbox (%1)"_s.arg(m_unreadEmails));
    m_ui->topTabs->setTabText(
        m_ui->topTabs->indexOf(m_ui->classTab),
        m_sandboxCount == 0 ? u"Class"_s : u"Class (%1)"_s.arg(QLocale().toString(m_sandboxCount)));
    m_watchBanner->setVisible(!m_watched.isEmpty());
    m_watchBanner->setText(
        u"Tables show <b>%1</b>'s sandbox: your edits go there. "
        u"<a href=\"class\">Back to the class API</a>"_s.arg(m_watched.toHtmlEscaped()));
}

void MainWindow::setUpClass()
{
    // The command line's choices are for this run; the saved ones stay as the trainer left them.
    m_protectClassApi = m_options.protectClassApi || m_settings.protectClassApi();
    m_sandboxLimits = m_settings.sandboxLimits();
    if (m_options.maxSandboxes)
        m_sandboxLimits.maxSandboxes = *m_options.maxSandboxes;
    if (m_options.sandboxIdleSeconds)
        m_sandboxLimits.idleSeconds = *m_options.sandboxIdleSeconds;
    m_host.setProtectClassApi(m_protectClassApi);
    m_host.setSandboxLimits(m_sandboxLimits);

    m_watchBanner = new QLabel(m_ui->usersSection);
    m_watchBanner->setObjectName(u"watchBanner"_s);
    m_watchBanner->setWordWrap(true);
    m_watchBanner->setMargin(6);
    m_watchBanner->setFrameShape(QFrame::Box);
    // Colours through the palette, not a style sheet: the text keeps following the zoom.
    GuiStyle::followTheme(m_watchBanner, [this] {
        QPalette teal = m_watchBanner->palette();
        teal.setColor(QPalette::WindowText, GuiStyle::sandboxColor());
        teal.setColor(QPalette::Window, GuiStyle::sandboxBackgroundColor());
        m_watchBanner->setPalette(teal);
    });
    m_watchBanner->setAutoFillBackground(true);
    m_watchBanner->hide();
    m_ui->usersSectionLayout->insertWidget(0, m_watchBanner);
    connect(m_watchBanner, &QLabel::linkActivated, this, [this] { requestWatch(QString()); });

    classPanel()->attach(&m_host);
    connect(classPanel(), &ClassPanel::sandboxCountChanged, this, [this](int count) {
        m_sandboxCount = count;
        updateTabTitles();
    });
    connect(classPanel(), &ClassPanel::watchRequested, this, &MainWindow::requestWatch);
    connect(m_serverPanel, &ServerPanel::watchRequested, this, &MainWindow::requestWatch);
    connect(&m_host, &ServerHost::classChanged, this, &MainWindow::onClassChanged);
    connect(&m_host, &ServerHost::watching, this, &MainWindow::onWatching);
}

// The class's progress (issue 16): a tab after Class, fed by the server's batches; a student's
// completion is announced in the status bar.
void MainWindow::setUpChallenges()
{
    m_challengesPanel = new ChallengesPanel(challengeCatalogue(), this);
    m_challengesPanel->setObjectName(u"challengesPanel"_s);
    m_ui->topTabs->insertTab(m_ui->topTabs->indexOf(m_ui->classTab) + 1, m_challengesPanel,
                             u"Challenges"_s);
    connect(&m_host, &ServerHost::challengeProgressChanged, m_challengesPanel,
            [this](const QList<ChallengeProgress> &progress, bool wholeClass) {
                if (wholeClass) {
                    m_challengesPanel->setProgress(progress);
                    return;
                }
                for (const ChallengeProgress &instance : progress)
                    m_challengesPanel->applyProgress(instance);
            });
    connect(m_challengesPanel, &ChallengesPanel::resetProgressRequested, &m_host,
            &ServerHost::resetChallengeProgress);
    connect(&m_host, &ServerHost::exchangesRecorded, this, &MainWindow::announceCompletions);
    m_host.requestChallengeProgress();
}

void MainWindow::announceCompletions(const QList<Exchange> &exchanges)
{
    // In a busy class the newest completion is the one shown.
    for (auto exchange = exchanges.crbegin(); exchange != exchanges.crend(); ++exchange) {
        if (exchange->challengesCompleted.isEmpty())
            continue;
        const QString &id = exchange->challengesCompleted.constLast();
        const auto &catalogue = challengeCatalogue();
        const auto challenge = std::find_if(catalogue.cbegin(), catalogue.cend(),
                                            [&id](const Challenge &each) { return each.id == id; });
        if (challenge != catalogue.cend()) {
            statusBar()->showMessage(
                ChallengesPanel::completionToast(exchange->request.sandbox, *challenge),
                StatusMessageMs);
        }
        return;
    }
}

void MainWindow::onClassChanged(const QList<SandboxSummary> &sandboxes)
{
    // Most batches only count requests: the selectors change when the class does. The names
    // come sorted (the registry keeps its sandboxes in a map), so they compare as they are.
    const bool same = std::equal(
        sandboxes.cbegin(), sandboxes.cend(), m_sandboxNames.cbegin(), m_sandboxNames.cend(),
        [](const SandboxSummary &sandbox, const QString &name) { return sandbox.name == name; });
    if (same)
        return;
    QStringList names;
    names.reserve(sandboxes.size());
    for (const SandboxSummary &sandbox : sandboxes)
        names.append(sandbox.name);
    if (!std::is_sorted(names.cbegin(), names.cend()))
        names.sort();
    m_sandboxNames = names;
    m_serverPanel->setSandboxes(names);
    requestLog()->setSandboxes(names);
    if (!m_goneUnlisted.isEmpty() && !m_sandboxNames.contains(m_goneUnlisted))
        showSandboxGone(std::exchange(m_goneUnlisted, QString()));
}

void MainWindow::requestWatch(const QString &sandbox)
{
    m_watchRequests.push_back(sandbox);
    m_goneUnlisted.clear();
    m_host.watch(sandbox);
}

void MainWindow::onWatching(const QString &sandbox)
{
    const QString before = std::exchange(m_watched, sandbox);
    m_serverPanel->showWatched(sandbox);
    tokens()->setWatchedSandbox(sandbox);
    if (m_tokenDecoder)
        tokenDecoder(); // names its new judge
    updateOutboxCapacity();
    updateTabTitles();

    if (m_watchRequests.empty()) {
        // Unasked: the watched sandbox was removed.
        if (sandbox.isEmpty() && !before.isEmpty())
            showSandboxGone(before);
        return;
    }
    const QString asked = m_watchRequests.front();
    m_watchRequests.pop_front();
    if (!m_watchRequests.empty())
        return; // a newer choice is on its way: its answer is the one to tell
    if (sandbox.isEmpty() && !asked.isEmpty()) {
        // The host found no such sandbox. The class list may not have heard of its removal yet.
        if (m_sandboxNames.contains(asked))
            m_goneUnlisted = asked;
        else
            showSandboxGone(asked);
        return;
    }
    statusBar()->showMessage(
        sandbox.isEmpty() ? u"The tables show the class API"_s
                          : u"The tables show %1's sandbox; your edits go there"_s.arg(sandbox),
        StatusMessageMs);
}

void MainWindow::showSandboxGone(const QString &sandbox)
{
    statusBar()->showMessage(
        u"The sandbox %1 is gone: the tables show the class API"_s.arg(sandbox), StatusMessageMs);
}

void MainWindow::applySandboxLimits(const SandboxLimits &limits)
{
    // Saved: what the trainer changed here. A limit from the command line stays this run's only.
    SandboxLimits saved = m_settings.sandboxLimits();
    if (limits.maxSandboxes != m_sandboxLimits.maxSandboxes)
        saved.maxSandboxes = limits.maxSandboxes;
    if (limits.idleSeconds != m_sandboxLimits.idleSeconds)
        saved.idleSeconds = limits.idleSeconds;
    saved.records = limits.records;
    m_settings.setSandboxLimits(saved);
    m_sandboxLimits = limits;
    m_host.setSandboxLimits(limits);
    updateOutboxCapacity();
}

// The Outbox tab lists no more than the watched instance keeps (its GET /outbox): the class API
// keeps 1,000 emails, a sandbox the trainer's limit. Either drops its oldest without a word.
void MainWindow::updateOutboxCapacity()
{
    outbox()->model()->setCapacity(m_watched.isEmpty() ? Outbox::DefaultCapacity
                                                       : m_sandboxLimits.records.maxOutboxEmails);
}

void MainWindow::changeEvent(QEvent *event)
{
    // The window's font follows the application font, and with it the zoom.
    if (event->type() == QEvent::FontChange)
        updateSectionTitles();
    QMainWindow::changeEvent(event);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    // The layouts grow the window when a zoom step makes the panels ask for more room.
    if (screen() && !screen()->availableGeometry().contains(frameGeometry()))
        QTimer::singleShot(0, this, &MainWindow::keepWithinScreen);
}

void MainWindow::setUpActions()
{
    m_ui->zoomInAction->setShortcuts({QKeySequence::ZoomIn, QKeySequence(u"Ctrl+="_s)});
    m_ui->zoomOutAction->setShortcuts(QKeySequence::ZoomOut);
    m_ui->zoomResetAction->setShortcut(QKeySequence(u"Ctrl+0"_s));
    m_ui->settingsAction->setShortcut(QKeySequence(u"Ctrl+,"_s));
    m_ui->quitAction->setShortcuts(QKeySequence::Quit);
    connect(m_ui->zoomInAction, &QAction::triggered, m_zoom, &ZoomController::zoomIn);
    connect(m_ui->zoomOutAction, &QAction::triggered, m_zoom, &ZoomController::zoomOut);
    connect(m_ui->zoomResetAction, &QAction::triggered, m_zoom, &ZoomController::reset);
    connect(m_ui->openApiDocsAction, &QAction::triggered, this, &MainWindow::openApiDocs);
    connect(m_ui->aboutAction, &QAction::triggered, this, [this] {
        auto *about = new AboutDialog(this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->open();
    });
    connect(m_ui->settingsAction, &QAction::triggered, this, [this] {
        SettingsDialog *dialog = settingsDialog();
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    m_ui->decodeTokenAction->setShortcut(QKeySequence(u"Ctrl+Shift+D"_s));
    connect(m_ui->decodeTokenAction, &QAction::triggered, this, [this] {
        TokenDecoderDialog *decoder = tokenDecoder();
        decoder->show();
        decoder->raise();
        decoder->activateWindow();
    });
    connect(m_ui->showFaultsAction, &QAction::triggered, this,
            [this] { m_ui->topTabs->setCurrentWidget(m_ui->faultsTab); });
    connect(m_ui->allFaultsOffAction, &QAction::triggered, this, &MainWindow::switchAllFaultsOff);
    setUpTheme();
}

void MainWindow::setUpTheme()
{
    auto *choices = new QActionGroup(this);
    const std::pair<QAction *, Theme::Id> themes[] = {
        {m_ui->themeOffAction, Theme::Id::Standard},
        {m_ui->themeLightAction, Theme::Id::ProjectorLight},
        {m_ui->themeDarkAction, Theme::Id::ProjectorDark}};
    for (const auto &[action, theme] : themes) {
        choices->addAction(action);
        action->setChecked(theme == Theme::current());
        connect(action, &QAction::triggered, this, [this, theme = theme] {
            Theme::apply(theme);
            m_settings.setTheme(theme);
        });
    }
    // The tab titles' colours, set tab by tab, again in the new theme.
    GuiStyle::followTheme(m_ui->topTabs, [this] {
        updateTabTitles();
        QTabBar *tabs = m_ui->topTabs->tabBar();
        const int faultsTab = m_ui->topTabs->indexOf(m_ui->faultsTab);
        if (tabs->tabTextColor(faultsTab).isValid())
            tabs->setTabTextColor(faultsTab, GuiStyle::faultColor());
    });
}

SettingsDialog *MainWindow::settingsDialog()
{
    if (m_settingsDialog)
        return m_settingsDialog;
    m_settingsDialog = new SettingsDialog(this);
    m_settingsDialog->setTokenLifetimeSeconds(m_tokenLifetimeSeconds);
    m_settingsDialog->setLogCapacity(requestLog()->capacity());
    m_settingsDialog->setRefreshTokenLifetimeSeconds(m_settings.refreshTokenLifetimeSeconds());
    m_settingsDialog->setRequirePasswords(m_requirePasswords);
    connect(m_settingsDialog, &SettingsDialog::refreshTokenLifetimeChanged, this,
            [this](qint64 seconds) {
                m_settings.setRefreshTokenLifetimeSeconds(seconds);
                m_host.setRefreshTokenLifetime(seconds);
            });
    connect(m_settingsDialog, &SettingsDialog::requirePasswordsChanged, this,
            [this](bool required) {
                m_requirePasswords = required;
                m_settings.setRequirePasswords(required);
                m_host.setRequirePasswords(required);
            });
    // The control API may have changed the lifetime since the settings were read.
    connect(&m_host, &ServerHost::tokenLifetimeChanged, m_settingsDialog,
            &SettingsDialog::setTokenLifetimeSeconds);
    connect(m_settingsDialog, &SettingsDialog::tokenLifetimeChanged, this, [this](qint64 seconds) {
        m_tokenLifetimeSeconds = seconds;
        m_settings.setTokenLifetimeSeconds(seconds);
        m_host.setTokenLifetime(seconds);
    });
    connect(m_settingsDialog, &SettingsDialog::logCapacityChanged, this, [this](int capacity) {
        m_settings.setLogCapacity(capacity);
        requestLog()->setCapacity(capacity);
    });
    connect(m_settingsDialog, &SettingsDialog::secretRegenerationConfirmed, this,
            &MainWindow::regenerateSecret);
    m_settingsDialog->setProtectClassApi(m_protectClassApi);
    m_settingsDialog->setSandboxLimits(m_sandboxLimits);
    connect(m_settingsDialog, &SettingsDialog::protectClassApiChanged, this, [this](bool protect) {
        m_protectClassApi = protect;
        m_settings.setProtectClassApi(protect);
        m_host.setProtectClassApi(protect);
    });
    connect(m_settingsDialog, &SettingsDialog::sandboxLimitsChanged, this,
            &MainWindow::applySandboxLimits);
    m_settingsDialog->setDisabledLessons(m_disabledLessons);
    connect(m_settingsDialog, &SettingsDialog::lessonEnabledChanged, this,
            [this](const QString &name, bool enabled) {
                m_disabledLessons.removeAll(name);
                if (!enabled)
                    m_disabledLessons.append(name);
                m_settings.setLessonEnabled(name, enabled);
                m_host.setLessonEnabled(name, enabled);
            });
    return m_settingsDialog;
}

TokenDecoderDialog *MainWindow::tokenDecoder()
{
    if (!m_tokenDecoder) {
        m_tokenDecoder = new TokenDecoderDialog(
            [this](const QByteArray &token, QObject *context, TokenDecoderDialog::Verdict done) {
                m_host.judgeToken(token, context, std::move(done));
            },
            this);
    }
    m_tokenDecoder->setJudgeName(m_watched.isEmpty() ? u"the class API"_s
                                                     : u"sandbox %1"_s.arg(m_watched));
    return m_tokenDecoder;
}

void MainWindow::regenerateSecret()
{
    const QByteArray secret = m_appSettings.regenerateJwtSecret();
    m_host.setJwtSecret(secret);
    statusBar()->showMessage(u"New signing secret: every earlier token is now invalid"_s,
                             StatusMessageMs);
}

void MainWindow::setUpFaults()
{
    FaultPlan plan = m_options.faultPlan.value_or(m_settings.faultPlan());
    if (m_options.seed)
        plan.seed = m_options.seed;
    faults()->setPlan(plan);
    sendPlan(plan);
    connect(faults(), &FaultPanel::planEdited, this, &MainWindow::applyTrainersPlan);
    connect(&m_host, &ServerHost::faultPlanChanged, this, &MainWindow::onFaultPlanChanged);
    connect(faults(), &FaultPanel::restartRequested, this, [this] {
        m_host.restartFaults();
        statusBar()->showMessage(u"Faults start over: the same seed gives the same failures"_s,
                                 StatusMessageMs);
    });
    connect(m_faultStatus, &FaultStatus::allOffRequested, this, &MainWindow::switchAllFaultsOff);

    m_controlKey =
        m_options.controlKey.isEmpty() ? m_appSettings.controlKey() : m_options.controlKey;
    connect(faults(), &FaultPanel::controlApiToggled, this, [this](bool enabled) {
        m_settings.setControlApiEnabled(enabled);
        setControlApi(enabled);
    });
    connect(faults(), &FaultPanel::controlKeyRegenerationRequested, this, [this] {
        m_controlKey = m_appSettings.regenerateControlKey();
        setControlApi(m_controlApiEnabled);
        statusBar()->showMessage(u"New control key: the old one no longer works"_s,
                                 StatusMessageMs);
    });
    // A test suite's lifetime is for its run: the trainer's saved choice stays.
    connect(&m_host, &ServerHost::tokenLifetimeChanged, this, [this](qint64 seconds) {
        m_tokenLifetimeSeconds = seconds;
        statusBar()->showMessage(
            u"A test suite set the token lifetime to %1 s"_s.arg(QLocale().toString(seconds)),
            StatusMessageMs);
    });
    setControlApi(m_options.controlApi || m_settings.controlApiEnabled());
}

void MainWindow::setControlApi(bool enabled)
{
    m_controlApiEnabled = enabled;
    m_host.setControlApi(enabled, m_controlKey);
    faults()->setControlApi(enabled, QString::fromLatin1(m_controlKey), controlBaseUrl());
}

QString MainWindow::controlBaseUrl() const
{
    const auto urls = m_controller->urls();
    return urls.isEmpty() ? u"http://127.0.0.1:%1"_s.arg(m_settings.port())
                          : urls.constFirst().toString();
}

// What the trainer does is saved; what the command line or a test suite does is for this run.
void MainWindow::applyTrainersPlan(const FaultPlan &plan)
{
    m_settings.setFaultPlan(plan);
    sendPlan(plan);
}

void MainWindow::sendPlan(const FaultPlan &plan)
{
    ++m_planEchoesAwaited;
    m_host.setFaultPlan(plan);
}

void MainWindow::onFaultPlanChanged(const FaultPlan &plan, quint32 seedInUse)
{
    // Every plan sent comes back once, in order, and the last to come back is the one in effect.
    // While newer edits are on their way, an older echo must not overwrite them in the panel.
    if (m_planEchoesAwaited > 0)
        --m_planEchoesAwaited;
    if (m_planEchoesAwaited == 0) {
        faults()->setPlan(plan);
        faults()->setSeedInUse(seedInUse);
    }
    m_faultStatus->showPlan(plan);
    m_ui->allFaultsOffAction->setEnabled(plan.isActive());

    const int active = int(describeActiveFaults(plan).size());
    const int tab = m_ui->topTabs->indexOf(m_ui->faultsTab);
    m_ui->topTabs->setTabText(tab, active == 0 ? u"Faults"_s : u"Faults (%1 on)"_s.arg(active));
    m_ui->topTabs->tabBar()->setTabTextColor(tab, active == 0 ? QColor() : GuiStyle::faultColor());
}

void MainWindow::switchAllFaultsOff()
{
    applyTrainersPlan(faults()->plan().allOff());
    statusBar()->showMessage(u"All faults off: the API behaves normally"_s, StatusMessageMs);
}

void MainWindow::setUpStatusBar()
{
    m_urlLabel = new QLabel(this);
    m_totalLabel = new QLabel(this);
    m_rateLabel = new QLabel(this);
    m_urlLabel->setObjectName(u"statusUrlLabel"_s);
    m_totalLabel->setObjectName(u"statusTotalLabel"_s);
    m_rateLabel->setObjectName(u"statusRateLabel"_s);
    for (QLabel *label : {m_urlLabel, m_totalLabel, m_rateLabel}) {
        label->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(label);
    }
    m_faultStatus = new FaultStatus(this);
    statusBar()->insertPermanentWidget(0, m_faultStatus);
    m_statisticsTimer.setInterval(StatisticsIntervalMs);
    connect(&m_statisticsTimer, &QTimer::timeout, this, &MainWindow::refreshStatistics);
    m_statisticsTimer.start();
    refreshStatistics();
}

void MainWindow::showServerState()
{
    // On the local network the address students type, not this computer's 127.0.0.1.
    const QUrl studentUrl = m_controller->studentUrl();
    const bool listening = m_controller->state() == ServerController::State::Listening;
    m_urlLabel->setText(listening && !studentUrl.isEmpty()
                            ? u"Listening on %1"_s.arg(studentUrl.toString())
                            : u"Not listening"_s);
    setWindowTitle(listening && !studentUrl.isEmpty() ? u"ApiDojo — %1"_s.arg(studentUrl.toString())
                                                      : u"ApiDojo"_s);
    m_ui->openApiDocsAction->setEnabled(listening && !studentUrl.isEmpty());
    classPanel()->setBaseUrl(listening ? studentUrl : QUrl());
}

void MainWindow::openApiDocs()
{
    const QList<QUrl> urls = m_controller->urls();
    if (urls.isEmpty())
        return;
    const QUrl docs = urls.constFirst().resolved(QUrl(u"/docs"_s));
    if (!QDesktopServices::openUrl(docs))
        statusBar()->showMessage(u"No browser could open %1"_s.arg(docs.toString()),
                                 StatusMessageMs);
}

void MainWindow::onExchanges(const QList<Exchange> &exchanges)
{
    // The trainer's own records are no traffic.
    m_rate.record(m_clock.elapsed(), int(std::count_if(exchanges.cbegin(), exchanges.cend(),
                                                       [](const Exchange &exchange) {
                                                           return !exchange.isTrainerRecord();
                                                       })));
    if (!exchanges.isEmpty())
        m_newestExchangeId = exchanges.constLast().id;
    requestLog()->appendExchanges(exchanges);
}

void MainWindow::refreshStatistics()
{
    const QLocale locale;
    const qint64 total = m_rate.total();
    m_totalLabel->setText(total == 1 ? u"1 request"_s
                                     : u"%1 requests"_s.arg(locale.toString(total)));
    m_rateLabel->setText(u"%1 req/s"_s.arg(locale.toString(m_rate.perSecond(m_clock.elapsed()))));
}

void MainWindow::restoreLayout()
{
    if (!restoreGeometry(m_settings.layout(GeometryKey))) {
        // First start: the designed size, but never larger than the screen (laptops, projectors
        // at 1280x720, high-DPI scaling).
        if (const QScreen *screen = this->screen()) {
            const QRect available = screen->availableGeometry();
            resize(size().boundedTo(available.size() * 0.9));
            move(available.center() - rect().center());
        }
    }
    if (!m_ui->mainSplitter->restoreState(m_settings.layout(MainSplitterKey)))
        m_ui->mainSplitter->setSizes({900, 540});
    if (!m_ui->leftSplitter->restoreState(m_settings.layout(LeftSplitterKey)))
        m_ui->leftSplitter->setSizes({300, 500});
}

// A larger zoom makes the panels ask for more room than the screen has: the window stays on
// the screen, and the panels share what it has (tables scroll, the Faults tab scrolls).
void MainWindow::keepWithinScreen()
{
    const QScreen *screen = this->screen();
    if (!screen || isMaximized() || isFullScreen())
        return;
    const QRect available = screen->availableGeometry();
    const QRect frame = frameGeometry();
    const QSize frameExtra = frame.size() - size();
    const QSize room = available.size() - frameExtra;
    const QSize wanted = minimumSizeHint();
    // An explicit minimum below the layout's (or none, 0: the layout's again).
    setMinimumSize(wanted.width() > room.width() ? room.width() : 0,
                   wanted.height() > room.height() ? room.height() : 0);
    layout()->invalidate();
    resize(size().boundedTo(room));
    const QSize outer = size() + frameExtra;
    move(qMax(available.left(), qMin(frame.left(), available.right() + 1 - outer.width())),
         qMax(available.top(), qMin(frame.top(), available.bottom() + 1 - outer.height())));
}

void MainWindow::saveLayout()
{
    m_settings.setLayout(GeometryKey, saveGeometry());
    m_settings.setLayout(MainSplitterKey, m_ui->mainSplitter->saveState());
    m_settings.setLayout(LeftSplitterKey, m_ui->leftSplitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}
