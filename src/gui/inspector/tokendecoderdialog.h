#pragma once

#include "tokencheck.h"

#include <QDateTime>
#include <QDialog>
#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class TokenView;

// Tools ▸ Decode Token…: paste a token (with or without "Bearer "), see its header and claims
// and how the API judges it now. The judging is the server's (see ServerHost::judgeToken),
// through the function the window gives, so the verdict is the API's own.
class TokenDecoderDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenDecoderDialog)

public:
    using Verdict = std::function<void(const TokenCheck &, const QDateTime &judgedAt)>;
    // Asks the API to judge a token; answers later (or never, if the dialog is gone).
    using Judge = std::function<void(const QByteArray &token, QObject *context, Verdict done)>;

    explicit TokenDecoderDialog(Judge judge, QWidget *parent = nullptr);

    // Who judges: "the class API" or "sandbox alice" (the instance the tables show).
    void setJudgeName(const QString &name);
    void setToken(const QString &text);

    // The token as the API would read it from the paste: "Bearer " and white space dropped.
    static QByteArray tokenFrom(const QString &pasted);

private:
    void judgeNow();
    void showVerdict(const QByteArray &token, const TokenCheck &check, const QDateTime &judgedAt);

    Judge m_judge;
    QString m_judgeName;
    QPlainTextEdit *m_input;
    QLabel *m_status;
    QPushButton *m_judgeAgain;
    TokenView *m_view;
    quint64 m_asked = 0; // answers to earlier pastes are dropped
};
