#include "serverpanel.h"

#include "flowlayout.h"
#include "guistyle.h"
#include "sandboxcombo.h"
#include "theme.h"
#include "ui_serverpanel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QIcon>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {
enum BindChoice { ThisComputer = 0, LocalNetwork = 1 };
} // namespace

ServerPanel::ServerPanel(ServerController &controller, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ServerPanel>())
    , m_controller(controller)
{
    m_ui->setupUi(this);
    // One line when it fits; at a large zoom the parts wrap onto more lines instead of cutting
    // their texts. A label stays with the field it names.
    auto *controls = new FlowLayout(m_ui->controlsArea);
    controls->setContentsMargins(QMargins());
    for (QWidget *part :
         {static_cast<QWidget *>(m_ui->stateLabel), m_ui->urlsArea, m_ui->watchGroup,
          static_cast<QWidget *>(m_ui->bindCombo), m_ui->portGroup})
        controls->addWidget(part);
    // The state and the URLs are what a class needs to read first: bold, following the zoom.
    QFont bold;
    bold.setBold(true);
    m_ui->stateLabel->setFont(bold);
    m_urlFont = bold;

    connect(m_ui->startStopButton, &QPushButton::clicked, this, &ServerPanel::toggleServer);
    connect(m_ui->portSpin, &QSpinBox::editingFinished, this, &ServerPanel::applyChangedChoice);
    connect(m_ui->bindCombo, &QComboBox::activated, this, &ServerPanel::applyChangedChoice);
    connect(m_ui->useFreePortButton, &QPushButton::clicked, this, [this] {
        if (m_offeredPort == 0)
            return;
        m_runOnlyPort = m_offeredPort;
        requestListen(m_offeredPort);
    });
    connect(m_ui->saveAsDefaultButton, &QPushButton::clicked, this, [this] {
        const quint16 port = std::exchange(m_runOnlyPort, 0);
        emit saveAsDefaultRequested(m_controller.address(), port);
        showRunPortNote();
    });
    connect(&m_controller, &ServerController::stateChanged, this, &ServerPanel::showState);
    // The banner's colours, and the state's, again whenever the theme changes.
    GuiStyle::followTheme(this, [this] {
        m_ui->problemBanner->setStyleSheet(
            u"#problemBanner { background: %1; border: 1px solid %2; border-radius: 4px; }"_s.arg(
                Theme::color(Theme::Role::ProblemBackground).name(),
                GuiStyle::statusColor(500).name()));
        GuiStyle::setTextColor(m_ui->problemLabel, Theme::color(Theme::Role::ProblemText));
        showState();
    });

    m_ui->watchCombo->addItem(tr("Class API"), QString());
    // Only the trainer's choice asks: the host's answer (showWatched) moves the selector quietly.
    connect(m_ui->watchCombo, &QComboBox::activated, this, [this](int index) {
        emit watchRequested(SandboxCombo::nameAt(m_ui->watchCombo, index));
    });
}

void ServerPanel::setSandboxes(const QStringList &sortedNames)
{
    SandboxCombo::setNames(m_ui->watchCombo, 1, sortedNames);
    showWatched(m_watched); // the watched sandbox stays selected until the host says otherwise
}

void ServerPanel::showWatched(const QString &sandbox)
{
    m_watched = sandbox;
    const int index = sandbox.isEmpty() ? 0 : m_ui->watchCombo->findData(sandbox);
    const QSignalBlocker blocker(m_ui->watchCombo);
    m_ui->watchCombo->setCurrentIndex(qMax(0, index));
}

QString ServerPanel::watched() const
{
    return m_watched;
}

ServerPanel::~ServerPanel() = default;

QHostAddress ServerPanel::chosenAddress() const
{
    // The network choice keeps an address given on the command line (e.g. one interface's).
    if (m_ui->bindCombo->currentIndex() == ThisComputer)
        return QHostAddress(QHostAddress::LocalHost);
    return m_controller.servesLocalNetwork() ? m_controller.address()
                                             : QHostAddress(QHostAddress::AnyIPv4);
}

void ServerPanel::requestListen(quint16 port)
{
    // Start and a changed network keep the port taken for this run; another port is a choice.
    if (port != 0 && port == m_runOnlyPort) {
        emit listenForThisRunRequested(chosenAddress(), port);
        return;
    }
    m_runOnlyPort = 0;
    emit listenRequested(chosenAddress(), port);
}

void ServerPanel::applyChangedChoice()
{
    // A new port or network moves a listening API at once and retries a failed start; a stopped
    // API keeps them for Start. Leaving the field without a change does nothing.
    using State = ServerController::State;
    const State state = m_controller.state();
    if (state != State::Listening && state != State::Failed)
        return;
    const quint16 port = quint16(m_ui->portSpin->value());
    const quint16 current =
        state == State::Listening ? m_controller.listeningPort() : m_controller.requestedPort();
    const bool network = m_ui->bindCombo->currentIndex() == LocalNetwork;
    if (port != current || network != m_controller.servesLocalNetwork())
        requestListen(port);
}

void ServerPanel::toggleServer()
{
    if (m_controller.state() == ServerController::State::Listening)
        m_controller.stop();
    else
        requestListen(quint16(m_ui->portSpin->value()));
}

void ServerPanel::showState()
{
    using State = ServerController::State;
    const State state = m_controller.state();
    const quint16 port =
        state == State::Listening ? m_controller.listeningPort() : m_controller.requestedPort();
    if (port != 0) {
        const QSignalBlocker blocker(m_ui->portSpin);
        m_ui->portSpin->setValue(port);
    }
    {
        const QSignalBlocker blocker(m_ui->bindCombo);
        m_ui->bindCombo->setCurrentIndex(m_controller.servesLocalNetwork() ? LocalNetwork
                                                                           : ThisComputer);
    }

    QString stateText;
    int status = 0; // colours the state like a response: 200 green, 500 red, 0 grey
    switch (state) {
    case State::Stopped:
        stateText = u"● Stopped"_s;
        break;
    case State::Starting:
        stateText = u"● Starting…"_s;
        break;
    case State::Listening:
        stateText = u"● Listening"_s;
        status = 200;
        break;
    case State::Failed:
        stateText = u"● Not running"_s;
        status = 500;
        break;
    }
    m_ui->stateLabel->setText(stateText);
    GuiStyle::setTextColor(m_ui->stateLabel, GuiStyle::statusColor(status));

    m_ui->startStopButton->setText(state == State::Listening ? u"Stop"_s : u"Start"_s);
    m_ui->startStopButton->setEnabled(state != State::Starting);

    const bool failed = state == State::Failed;
    m_ui->problemBanner->setVisible(failed);
    m_ui->problemLabel->setText(m_controller.problem());
    // Kept until the API listens: the click that presses the button may first end an edit of the
    // port field, which starts another attempt and clears the controller's suggestion.
    if (failed)
        m_offeredPort = m_controller.freePortSuggestion();
    else if (state == State::Listening)
        m_offeredPort = 0;
    m_ui->useFreePortButton->setVisible(failed && m_offeredPort != 0);
    m_ui->useFreePortButton->setText(u"Use port %1 instead"_s.arg(m_offeredPort));
    showRunPortNote();
    showUrls();
}

void ServerPanel::showRunPortNote()
{
    const bool listening = m_controller.state() == ServerController::State::Listening;
    m_ui->runPortNote->setVisible(listening && m_runOnlyPort != 0 &&
                                  m_controller.listeningPort() == m_runOnlyPort);
    m_ui->runPortLabel->setText(
        u"Port %1 is for this run only: the next start tries the saved port again."_s.arg(
            m_runOnlyPort));
}

void ServerPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        showUrls();
    QWidget::changeEvent(event);
}

void ServerPanel::showUrls()
{
    QLayout *layout = m_ui->urlsArea->layout();
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const auto urls = m_controller.urls();
    for (const QUrl &url : urls) {
        auto *button = new QToolButton(m_ui->urlsArea);
        button->setObjectName(u"urlButton"_s);
        button->setText(url.toString());
        button->setIcon(QIcon(u":/icons/copy.svg"_s));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setLayoutDirection(Qt::RightToLeft); // the icon after the URL
        button->setFont(m_urlFont);
        const int iconSide = button->fontMetrics().height();
        button->setIconSize(QSize(iconSide, iconSide)); // the icon grows with the zoom too
        button->setToolTip(u"Copy %1 to the clipboard"_s.arg(url.toString()));
        button->setAutoRaise(true);
        connect(button, &QToolButton::clicked, this, [this, url] {
            QGuiApplication::clipboard()->setText(url.toString());
            emit urlCopied(url);
        });
        layout->addWidget(button);
    }
}
