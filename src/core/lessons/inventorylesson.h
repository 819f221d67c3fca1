#pragma once

#include "authenticator.h"
#include "inventoryhandlers.h"
#include "inventorystore.h"
#include "lessonapi.h"
#include "passwordhasher.h"

#include <variant>

// Reference 004, the home24 task and its solution (the realpython "flask-jwt-auth" tutorial
// extended with products): /auth/register, login, account and logout (a blacklist), the
// products of /auth/products and /auth/inventory, and the task's /token, /account and
// /entities, answered with the tutorial's {"status", "message", ...} bodies. Its users are the
// service's users; its products are its own list.
class InventoryLesson : public LessonApi
{
public:
    explicit InventoryLesson(const LessonContext &context);

    QString name() const override { return QStringLiteral("inventory"); }
    QString title() const override { return QStringLiteral("home24 inventory (reference 004)"); }
    void addRoutes(Router &router) override;
    void reset() override { m_store.reset(); }
    LessonList list() const override;
    void setRecordLimit(int limit) override { m_store.setCapacity(limit); }
    // PUT and GET /auth/inventory read the product from headers, as the reference does.
    QByteArrayList requestHeaders() const override
    {
        return {"code", "type", "newcode", "quantity"};
    }

private:
    ApiResponse registerUser(const ApiRequest &request) const;
    ApiResponse login(const ApiRequest &request) const;
    ApiResponse account(const ApiRequest &request) const;
    ApiResponse logout(const ApiRequest &request) const;

    // The caller's session, or the answer that refuses it. The token is the second word of the
    // Authorization header, as the reference reads it; no token at all answers noTokenStatus.
    std::variant<Authenticator::Session, ApiResponse> caller(const ApiRequest &request,
                                                             int noTokenStatus) const;

    void addInventoryRoutes(Router &router);

    PasswordHasher m_hasher;
    InventoryStore m_store;
    InventoryHandlers m_products;
};
