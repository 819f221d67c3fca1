#include "inspectorpanel.h"

#include "bodypresentation.h"
#include "curlcommand.h"
#include "exchangeformat.h"
#include "exchangetext.h"
#include "guistyle.h"
#include "tokentext.h"
#include "ui_inspectorpanel.h"

#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QMimeData>

using namespace Qt::StringLiterals;

namespace {

// Builds the form before the members that need its widgets are constructed.
std::unique_ptr<Ui::InspectorPanel> setUpForm(QWidget *panel)
{
    auto form = std::make_unique<Ui::InspectorPanel>();
    form->setupUi(panel);
    return form;
}

} // namespace

InspectorPanel::InspectorPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(setUpForm(this))
    , m_requestBody(m_ui->requestBodyView)
    , m_responseBody(m_ui->responseBodyView)
    , m_fallbackBaseUrl(u"http://127.0.0.1:5000"_s)
{
    // Colours set once follow a change of theme.
    GuiStyle::followTheme(m_ui->summaryFaultsLabel, [label = m_ui->summaryFaultsLabel] {
        QPalette faultPalette = label->palette();
        faultPalette.setColor(QPalette::WindowText, GuiStyle::faultColor());
        faultPalette.setColor(QPalette::Window, GuiStyle::faultBackgroundColor());
        label->setPalette(faultPalette);
    });
    GuiStyle::followTheme(m_ui->summaryStatusLabel, [this] {
        if (m_exchange) {
            GuiStyle::setTextColor(m_ui->summaryStatusLabel,
                                   GuiStyle::statusColor(m_exchange->response.status));
        }
    });
    setUpCodeView(m_ui->requestHeadView);
    setUpCodeView(m_ui->responseHeadView);
    // Bodies get most of the height; headers are a handful of lines.
    for (QSplitter *splitter : {m_ui->requestSplitter, m_ui->responseSplitter}) {
        splitter->setStretchFactor(0, 1);
        splitter->setStretchFactor(1, 2);
    }
    connect(m_ui->tokenChoice, &QComboBox::currentIndexChanged, this,
            &InspectorPanel::showChosenToken);
    connect(m_ui->copyCurlButton, &QPushButton::clicked, this, &InspectorPanel::copyCurlCommand);
    connect(m_ui->copyResponseBodyButton, &QPushButton::clicked, this,
            &InspectorPanel::copyResponseBody);
    updateEmphasisFonts();
    clear();
}

InspectorPanel::~InspectorPanel() = default;

void InspectorPanel::showExchange(const Exchange &exchange)
{
    m_exchange = exchange;
    showSummary(exchange);
    showRequest(exchange);
    showResponse(exchange);
    showTokens(exchange);
    showTiming(exchange);
    // Only part of a long body was kept: a copy of it would silently be something else.
    const QString partial = u"The log kept only the start of this body"_s;
    const bool requestWhole = exchange.requestBodyBytesCut == 0;
    const bool responseWhole = exchange.responseBodyBytesCut == 0;
    m_ui->copyCurlButton->setEnabled(!exchange.request.method.isEmpty() && requestWhole);
    m_ui->copyCurlButton->setToolTip(requestWhole ? QString() : partial);
    m_ui->copyResponseBodyButton->setEnabled(!exchange.response.body.isEmpty() && responseWhole);
    m_ui->copyResponseBodyButton->setToolTip(responseWhole ? QString() : partial);
    m_ui->inspectorStack->setCurrentWidget(m_ui->exchangePage);
}

void InspectorPanel::clear()
{
    m_exchange.reset();
    m_ui->inspectorStack->setCurrentWidget(m_ui->emptyPage);
}

void InspectorPanel::setFallbackBaseUrl(const QUrl &url)
{
    m_fallbackBaseUrl = url;
}

void InspectorPanel::showSummary(const Exchange &exchange)
{
    m_ui->summaryRequestLabel->setText(ExchangeText::headline(exchange));
    m_ui->summaryStatusLabel->setText(ExchangeFormat::statusText(exchange.response.status));
    GuiStyle::setTextColor(m_ui->summaryStatusLabel,
                           GuiStyle::statusColor(exchange.response.status));
    m_ui->summaryDetailsLabel->setText(ExchangeText::summaryDetails(exchange));
    m_ui->summaryFaultsLabel->setVisible(!exchange.faults.isEmpty());
    m_ui->summaryFaultsLabel->setText(ExchangeText::faultLines(exchange));
}

void InspectorPanel::showRequest(const Exchange &exchange)
{
    const ApiRequest &request = exchange.request;
    QString head = ExchangeText::headline(exchange);
    if (!request.headers.isEmpty())
        head += u'\n' + ExchangeText::headerLines(request.headers);
    m_ui->requestHeadView->setPlainText(head);
    m_requestBody.present(request.body, exchange.requestBodyBytesCut);
}

void InspectorPanel::showResponse(const Exchange &exchange)
{
    const ApiResponse &response = exchange.response;
    m_ui->responseHeadView->setPlainText(ExchangeText::responseHead(response));
    m_responseBody.present(response.body, exchange.responseBodyBytesCut);
}

void InspectorPanel::showTokens(const Exchange &exchange)
{
    m_tokenReports.clear();
    if (auto sent = TokenReports::sent(exchange))
        m_tokenReports.append(std::move(*sent));
    m_tokenReports.append(TokenReports::issued(exchange));

    const int tokenTab = m_ui->inspectorTabs->indexOf(m_ui->tokenTab);
    const bool hasToken = !m_tokenReports.isEmpty();
    // Back to the request before the tab goes grey (QTabWidget would pick the next tab).
    if (!hasToken && m_ui->inspectorTabs->currentIndex() == tokenTab)
        m_ui->inspectorTabs->setCurrentWidget(m_ui->requestTab);
    m_ui->inspectorTabs->setTabEnabled(tokenTab, hasToken);

    const QSignalBlocker blocker(m_ui->tokenChoice);
    m_ui->tokenChoice->clear();
    for (const TokenReport &report : std::as_const(m_tokenReports))
        m_ui->tokenChoice->addItem(report.origin);
    m_ui->tokenChoice->setVisible(m_tokenReports.size() > 1);
    showChosenToken(0);
}

void InspectorPanel::showChosenToken(int index)
{
    if (index < 0 || index >= m_tokenReports.size()) {
        m_ui->tokenView->clear();
        return;
    }
    m_ui->tokenChoice->setCurrentIndex(index);
    m_ui->tokenView->showReport(m_tokenReports.at(index));
}

void InspectorPanel::showTiming(const Exchange &exchange)
{
    const QDateTime received = exchange.startedAt;
    m_ui->timingReceivedLabel->setText(
        received.isValid() ? received.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s) +
                                 u" ("_s + received.toUTC().toString(u"HH:mm:ss.zzz"_s) + u" UTC)"_s
                           : u"(unknown)"_s);
    m_ui->timingDurationLabel->setText(ExchangeFormat::duration(exchange.durationUs));
    m_ui->timingClientLabel->setText(ExchangeText::clientEndpoint(exchange.request));
    m_ui->timingDeliveredLabel->setText(
        exchange.delivered ? u"Yes"_s : u"No: the client was gone before the response was ready"_s);
    m_ui->timingAnsweredByLabel->setText(
        exchange.rejectedByGuard ? u"The server's guard: the request never reached the API"_s
                                 : u"The API"_s);
    m_ui->timingNoteLabel->setText(exchange.note.isEmpty() ? u"—"_s : exchange.note);
}

void InspectorPanel::copyCurlCommand()
{
    if (!m_exchange)
        return;
    QGuiApplication::clipboard()->setText(curlCommand(*m_exchange, m_fallbackBaseUrl));
    emit copiedToClipboard(u"cURL command"_s);
}

void InspectorPanel::copyResponseBody()
{
    if (!m_exchange)
        return;
    const QByteArray &body = m_exchange->response.body;
    if (isPlainText(body)) {
        QGuiApplication::clipboard()->setText(QString::fromUtf8(body));
    } else {
        // Bytes that are not text go as they are, for a program that can take them.
        auto *bytes = new QMimeData;
        bytes->setData(u"application/octet-stream"_s, body);
        QGuiApplication::clipboard()->setMimeData(bytes);
    }
    emit copiedToClipboard(u"response body"_s);
}

void InspectorPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateEmphasisFonts();
}

void InspectorPanel::updateEmphasisFonts()
{
    // Explicit fonts stop following the panel's, so they are derived again on every change.
    const QFont summary = GuiStyle::emphasisedFont(font(), 1.2);
    for (QLabel *label : std::initializer_list<QLabel *>{
             m_ui->summaryRequestLabel, m_ui->summaryArrowLabel, m_ui->summaryStatusLabel})
        label->setFont(summary);
}
