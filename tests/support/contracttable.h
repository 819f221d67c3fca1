#pragma once

#include "apirequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Data-driven contract tests: one row per request, with the answer the contract promises.
namespace ContractTable {

// The contract's own words for the errors every protected route shares.
inline const QString MissingToken =
    QStringLiteral("Authorization token is missing. Please include a valid token in the request.");
inline const QString InvalidToken = QStringLiteral("Invalid token. Please log in again.");
inline const QString ExpiredToken = QStringLiteral("Token has expired. Please log in again.");
inline const QString RevokedToken = QStringLiteral("Token has been revoked. Please log in again.");
inline const QString Forbidden =
    QStringLiteral("Admin access required. You do not have permission to perform this action.");
inline const QString InvalidJson = QStringLiteral("Request body must be a valid JSON object");

// method, target, auth (who calls), body, status, code (error_code; empty for success), message.
inline void addColumns()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("auth");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
}

// The status, the JSON envelope of that kind and its error_code and message; the caller checks
// QTest::currentTestFailed() before going on.
inline void verifyEnvelope(const ApiResponse &response, int status, const QString &code,
                           const QString &message)
{
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject json = QJsonDocument::fromJson(response.body).object();
    QCOMPARE(json[QStringLiteral("status")].toString(),
             code.isEmpty() ? QStringLiteral("success") : QStringLiteral("error"));
    QCOMPARE(json[QStringLiteral("error_code")].toString(), code);
    QCOMPARE(json[QStringLiteral("message")].toString(), message);
    if (code.isEmpty())
        QVERIFY(json[QStringLiteral("data")].isObject());
    else
        QVERIFY(!json.contains(QStringLiteral("data")));
}

} // namespace ContractTable
