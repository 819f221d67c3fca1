#include "tokendecoderdialog.h"

#include "guistyle.h"
#include "tokenview.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

TokenDecoderDialog::TokenDecoderDialog(Judge judge, QWidget *parent)
    : QDialog(parent)
    , m_judge(std::move(judge))
    , m_judgeName(u"the class API"_s)
    , m_input(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_judgeAgain(new QPushButton(u"&Judge Again"_s, this))
    , m_view(new TokenView(this))
{
    setWindowTitle(u"Decode Token"_s);
    m_input->setObjectName(u"tokenInput"_s);
    m_input->setPlaceholderText(u"Paste a token here (\"Bearer …\" is fine too)"_s);
    m_input->setFont(GuiStyle::monospaceFont());
    m_input->setTabChangesFocus(true);
    m_status->setObjectName(u"judgedByLabel"_s);
    m_status->setWordWrap(true);
    m_judgeAgain->setObjectName(u"judgeAgainButton"_s);
    m_judgeAgain->setToolTip(u"Time passes: judge the token again at this moment"_s);
    m_view->setObjectName(u"tokenView"_s);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_input, &QPlainTextEdit::textChanged, this, &TokenDecoderDialog::judgeNow);
    connect(m_judgeAgain, &QPushButton::clicked, this, &TokenDecoderDialog::judgeNow);

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_judgeAgain);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(u"Token"_s, this));
    layout->addWidget(m_input, 1);
    layout->addLayout(statusRow);
    layout->addWidget(m_view, 4);
    layout->addWidget(buttons);
    resize(720, 720);
    judgeNow();
}

void TokenDecoderDialog::setJudgeName(const QString &name)
{
    m_judgeName = name;
}

void TokenDecoderDialog::setToken(const QString &text)
{
    m_input->setPlainText(text);
}

QByteArray TokenDecoderDialog::tokenFrom(const QString &pasted)
{
    static const QRegularExpression bearer(u"^\\s*(Authorization:\\s*)?Bearer\\s+"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    QString token = pasted;
    token.remove(bearer);
    // Tokens are base64url and dots: spaces and line breaks come from copying, not the token.
    token.remove(QRegularExpression(u"\\s+"_s));
    return token.toLatin1();
}

void TokenDecoderDialog::judgeNow()
{
    const QByteArray token = tokenFrom(m_input->toPlainText());
    const quint64 asked = ++m_asked;
    m_judgeAgain->setEnabled(!token.isEmpty());
    if (token.isEmpty()) {
        m_status->setText(u"Nothing to judge yet."_s);
        m_view->clear();
        return;
    }
    m_status->setText(u"Asking %1…"_s.arg(m_judgeName));
    m_judge(token, this, [this, asked, token](const TokenCheck &check, const QDateTime &at) {
        if (asked == m_asked)
            showVerdict(token, check, at);
    });
}

void TokenDecoderDialog::showVerdict(const QByteArray &token, const TokenCheck &check,
                                     const QDateTime &judgedAt)
{
    m_status->setText(u"Judged by %1 at %2, with its secret, users and revocations."_s.arg(
        m_judgeName, judgedAt.toLocalTime().toString(u"HH:mm:ss"_s)));
    m_view->showReport(TokenReports::pasted(token, check, judgedAt));
}
