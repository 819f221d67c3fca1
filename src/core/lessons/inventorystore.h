#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

// One product of the inventory lesson (reference 004): its code is its key.
struct InventoryProduct
{
    QString code;
    QString type;
    int quantity = 0;

    QJsonObject toJson() const;
};

// The inventory lesson's own list of products, in the order they were added, back to its seed
// with POST /reset. Codes are unique and case-sensitive, as in the reference's database.
class InventoryStore
{
public:
    InventoryStore();

    QList<InventoryProduct> products() const { return m_products; }
    QList<InventoryProduct> productsOfType(const QString &type) const;
    std::optional<InventoryProduct> product(const QString &code) const;
    bool contains(const QString &code) const { return indexOf(code) >= 0; }

    // The caller has checked that the code is free.
    void add(const InventoryProduct &product);
    // Replaces the product stored under code (whose own code may change to a free one).
    void replace(const QString &code, const InventoryProduct &product);
    bool remove(const QString &code);
    void reset();

    // At most this many products (a sandbox's limit); 0: no limit.
    void setCapacity(int capacity) { m_capacity = capacity; }
    int capacity() const { return m_capacity; }
    bool isFull() const { return m_capacity > 0 && m_products.size() >= m_capacity; }

private:
    qsizetype indexOf(const QString &code) const;

    QList<InventoryProduct> m_products;
    int m_capacity = 0;
};
