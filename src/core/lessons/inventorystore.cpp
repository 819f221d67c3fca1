#include "inventorystore.h"

using namespace Qt::StringLiterals;

QJsonObject InventoryProduct::toJson() const
{
    return {{u"code"_s, code}, {u"type"_s, type}, {u"quantity"_s, quantity}};
}

InventoryStore::InventoryStore()
{
    reset();
}

QList<InventoryProduct> InventoryStore::productsOfType(const QString &type) const
{
    QList<InventoryProduct> matching;
    for (const InventoryProduct &product : m_products) {
        if (product.type == type)
            matching.append(product);
    }
    return matching;
}

std::optional<InventoryProduct> InventoryStore::product(const QString &code) const
{
    const qsizetype index = indexOf(code);
    if (index < 0)
        return std::nullopt;
    return m_products.at(index);
}

void InventoryStore::add(const InventoryProduct &product)
{
    m_products.append(product);
}

void InventoryStore::replace(const QString &code, const InventoryProduct &product)
{
    const qsizetype index = indexOf(code);
    if (index >= 0)
        m_products[index] = product;
}

bool InventoryStore::remove(const QString &code)
{
    const qsizetype index = indexOf(code);
    if (index < 0)
        return false;
    m_products.removeAt(index);
    return true;
}

void InventoryStore::reset()
{
    // A furniture shop's stock (home24), with codes and types the reference's tests never use.
    m_products = {
        {u"sofa-01"_s, u"sofa"_s, 4},
        {u"lamp-01"_s, u"lamp"_s, 12},
        {u"table-01"_s, u"table"_s, 0},
    };
}

qsizetype InventoryStore::indexOf(const QString &code) const
{
    for (qsizetype i = 0; i < m_products.size(); ++i) {
        if (m_products.at(i).code == code)
            return i;
    }
    return -1;
}
