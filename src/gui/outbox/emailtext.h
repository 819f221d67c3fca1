#pragma once

#include <QDateTime>
#include <QString>

struct OutboxEmail;

// The parts of an outbox email as the Outbox panel writes them, apart from the widgets.
namespace EmailText {

// Who the API's emails come from; the outbox records no sender, as every email is the API's.
QString sender();
// The time in the list of emails: local, to the second ("14:03:27").
QString listTime(const QDateTime &time);
// The time in the reading pane: local with the date, and as the API writes it
// ("2026-11-21 14:03:27 (13:03:27 UTC)").
QString receivedTime(const QDateTime &time);
// The reset link the body carries ("http://127.0.0.1:5000/password-reset/<token>"); empty when
// the body has none for the email's token.
QString resetLink(const OutboxEmail &email);

} // namespace EmailText
