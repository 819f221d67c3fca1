#pragma once

#include "bodypresenter.h"
#include "exchange.h"
#include "tokenreport.h"

#include <QUrl>
#include <QWidget>
#include <memory>
#include <optional>

namespace Ui {
class InspectorPanel;
}

// One exchange in full, for the student who wants to see what they actually sent and for the
// trainer who projects it: a summary line, the request and the response with their headers and
// bodies (JSON indented and coloured), the bearer token decoded and judged, and the timings.
// Text follows the application font, so the window's zoom enlarges all of it.
class InspectorPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InspectorPanel)

public:
    explicit InspectorPanel(QWidget *parent = nullptr);
    ~InspectorPanel() override;

    void showExchange(const Exchange &exchange);
    // Back to the empty state.
    void clear();
    // Where "Copy as cURL" sends a request that had no usable Host header.
    void setFallbackBaseUrl(const QUrl &url);

    std::optional<Exchange> shownExchange() const { return m_exchange; }

signals:
    // After a copy button put something on the clipboard, e.g. "cURL command" (for a status bar).
    void copiedToClipboard(const QString &what);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showSummary(const Exchange &exchange);
    void showRequest(const Exchange &exchange);
    void showResponse(const Exchange &exchange);
    // The request's token first, then those the response issued; the tab is off without any.
    void showTokens(const Exchange &exchange);
    void showChosenToken(int index);
    void showTiming(const Exchange &exchange);
    void copyCurlCommand();
    void copyResponseBody();
    void updateEmphasisFonts();

    std::unique_ptr<Ui::InspectorPanel> m_ui;
    BodyPresenter m_requestBody;
    BodyPresenter m_responseBody;
    QList<TokenReport> m_tokenReports; // of the shown exchange, in tokenChoice's order
    QUrl m_fallbackBaseUrl;
    std::optional<Exchange> m_exchange;
};
