#pragma once

#include "bodypresenter.h"
#include "tokenreport.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

// One token on screen: the API's verdict as a headline, why, what it meant for the request,
// its times, and its decoded header and claims. The inspector's Token tab and the decoder.
class TokenView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenView)

public:
    explicit TokenView(QWidget *parent = nullptr);

    void showReport(const TokenReport &report);
    void clear();

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *m_verdict;
    QLabel *m_origin;
    QLabel *m_reason;
    QLabel *m_consequence;
    QLabel *m_issued;
    QLabel *m_expiry;
    QPlainTextEdit *m_headerView;
    QPlainTextEdit *m_payloadView;
    BodyPresenter m_header;
    BodyPresenter m_payload;
    std::optional<TokenReport> m_report; // shown now; its colour follows the theme
};
