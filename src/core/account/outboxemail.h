#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

// One email the API "sent": it lands in the outbox instead of a mail server.
struct OutboxEmail
{
    qint64 id = 0;
    QString to;
    QString subject;
    QString body;
    QString token; // the password-reset token the email carries
    QDateTime sentAt;

    // The contract's {"id","to","subject","body","token","sent_at"}.
    QJsonObject toJson() const;
};

Q_DECLARE_METATYPE(OutboxEmail)
