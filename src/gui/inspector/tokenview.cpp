#include "tokenview.h"

#include "guistyle.h"
#include "tokentext.h"

#include <QEvent>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QLabel *textLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QPlainTextEdit *codeView(const QString &objectName, const QString &toolTip, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setToolTip(toolTip);
    return view;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

TokenView::TokenView(QWidget *parent)
    : QWidget(parent)
    , m_verdict(textLabel(u"tokenVerdictLabel"_s, this))
    , m_origin(textLabel(u"tokenOriginLabel"_s, this))
    , m_reason(textLabel(u"tokenReasonLabel"_s, this))
    , m_consequence(textLabel(u"tokenConsequenceLabel"_s, this))
    , m_issued(textLabel(u"tokenIssuedLabel"_s, this))
    , m_expiry(textLabel(u"tokenExpiryLabel"_s, this))
    , m_headerView(codeView(u"tokenHeaderView"_s, u"The token's decoded header"_s, this))
    , m_payloadView(codeView(u"tokenPayloadView"_s, u"The token's decoded claims"_s, this))
    , m_header(m_headerView)
    , m_payload(m_payloadView)
{
    m_verdict->setToolTip(u"How the API judged the token"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    for (QLabel *label : {m_verdict, m_origin, m_reason, m_consequence, m_issued, m_expiry})
        layout->addWidget(label);
    layout->addWidget(new QLabel(u"Header"_s, this));
    layout->addWidget(m_headerView, 1);
    layout->addWidget(new QLabel(u"Payload"_s, this));
    layout->addWidget(m_payloadView, 3);
    m_verdict->setFont(GuiStyle::emphasisedFont(font(), 1.6));
    GuiStyle::followTheme(m_verdict, [this] {
        if (m_report)
            GuiStyle::setTextColor(m_verdict, TokenText::verdictColor(*m_report));
    });
}

void TokenView::showReport(const TokenReport &report)
{
    m_report = report;
    m_verdict->setText(TokenText::verdictTitle(report));
    GuiStyle::setTextColor(m_verdict, TokenText::verdictColor(report));
    m_origin->setText(report.origin);
    m_reason->setText(report.check.reason);
    const QString consequence = TokenText::consequence(report);
    m_consequence->setText(consequence);
    m_consequence->setVisible(!consequence.isEmpty());
    m_issued->setText(TokenText::issuedText(report));
    m_expiry->setText(TokenText::expiryText(report));
    // A token that does not decode has nothing to show but the header it came in.
    if (!report.header.isEmpty() || !report.payload.isEmpty()) {
        m_header.present(compactJson(report.header));
        m_payload.present(compactJson(report.payload));
    } else {
        m_header.clear();
        m_payload.clear();
    }
}

void TokenView::clear()
{
    m_report.reset();
    for (QLabel *label : {m_verdict, m_origin, m_reason, m_consequence, m_issued, m_expiry})
        label->clear();
    m_header.clear();
    m_payload.clear();
}

void TokenView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // An explicit font stops following the panel's, so it is derived again on every change.
    if (event->type() == QEvent::FontChange)
        m_verdict->setFont(GuiStyle::emphasisedFont(font(), 1.6));
}
