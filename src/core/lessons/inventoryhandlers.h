#pragma once

#include "apirequest.h"
#include "inventorystore.h"

#include <QJsonObject>
#include <QString>
#include <optional>

// The bodies of reference 004 (the realpython "flask-jwt-auth" tutorial extended with
// products): {"status": "success" | "fail", "message": ..., more fields}.
namespace InventoryBodies {

ApiResponse success(int httpStatus, const QString &message, const QJsonObject &fields = {});
// {"status": "success", "data": ...}: the account route's body, without a message.
ApiResponse successData(const QJsonObject &data);
ApiResponse fail(int httpStatus, const QString &message);
// The reference's answer to a write its database refused (a field missing or of the wrong kind).
ApiResponse someErrorOccurred();

} // namespace InventoryBodies

// The products of the inventory lesson, behind both faces the lesson serves: the solution's
// /auth/products and /auth/inventory (code, type and the new code in headers) and the task's
// /entities (code in the path, fields in the body). The routes read the request; these answer.
class InventoryHandlers
{
public:
    explicit InventoryHandlers(InventoryStore &store)
        : m_store(store)
    {}

    // fields: code, type, quantity. withReceipt: the reference's add answer carries an
    // "auth_token" (here a receipt that authenticates nothing).
    ApiResponse add(const QJsonObject &fields, bool withReceipt) const;
    ApiResponse find(const QString &code) const;
    // Every product, or those of one type.
    ApiResponse list(const std::optional<QString> &type) const;
    // changes: any of code (the new code), type, quantity.
    ApiResponse edit(const QString &code, const QJsonObject &changes) const;
    ApiResponse remove(const QString &code) const;

private:
    static ApiResponse alreadyExists();
    static ApiResponse doesNotExist();

    InventoryStore &m_store;
};
