#pragma once

#include "clock.h"
#include "product.h"
#include "recordtable.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <optional>

// The in-memory products table. Every change is announced by a signal, so views follow the same
// events whether a change came from the API or from the trainer.
class ProductStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductStore)

public:
    explicit ProductStore(Clock clock = systemClock(), QObject *parent = nullptr);

    // Ordered by id.
    QList<Product> products() const { return m_table.records(); }
    // Every product in id order, without copying the table.
    template<typename Visit>
    void forEachProduct(Visit visit) const
    {
        m_table.forEach(visit);
    }
    std::optional<Product> product(qint64 id) const { return m_table.find(id); }
    // Codes are compared exactly (the code pattern admits lower case only).
    std::optional<Product> productByCode(const QString &code) const;
    // The contract's JSON object of a stored product (kept ready: it is in most responses).
    QJsonObject productJson(qint64 id) const { return m_table.json(id); }
    int count() const { return m_table.count(); }
    // At most this many records (a sandbox's limit); 0: no limit. Creating more is the caller's
    // SANDBOX_FULL; records already there stay.
    void setCapacity(int capacity) { m_capacity = capacity; }
    int capacity() const { return m_capacity; }
    bool isFull() const { return m_capacity > 0 && count() >= m_capacity; }
    // Grows with every change; lets readers cache what they derive from the products.
    quint64 revision() const { return m_table.revision(); }

    // The caller has validated the fields and checked that the code is free; code, name, type,
    // quantity and price must be set.
    Product add(const ProductFields &fields);
    // The caller has checked that a new code is free. Moves updated_at even when nothing changes.
    std::optional<Product> update(qint64 id, const ProductFields &fields);
    std::optional<Product> remove(qint64 id);
    // Restores the seed (ids 1..6, every type at least once); ids restart after it.
    void reset();

signals:
    void productAdded(const Product &product);
    void productUpdated(const Product &product);
    void productRemoved(qint64 id);
    void productsReset(const QList<Product> &products);

private:
    Product insertNew(const ProductFields &fields, const QDateTime &now);

    Clock m_clock;
    RecordTable<Product> m_table;
    QHash<QString, qint64> m_idByCode;
    int m_capacity = 0;
};
