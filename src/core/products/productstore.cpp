#include "productstore.h"

using namespace Qt::StringLiterals;

namespace {

// Applies the optional fields that are set; shared by the insert and the update.
void applyFields(Product &product, const ProductFields &fields)
{
    if (fields.code)
        product.code = *fields.code;
    if (fields.name)
        product.name = *fields.name;
    if (fields.type)
        product.type = *fields.type;
    if (fields.quantity)
        product.quantity = *fields.quantity;
    if (fields.price)
        product.price = *fields.price;
    if (fields.url)
        product.url = *fields.url;
    if (fields.availableFrom)
        product.availableFrom = *fields.availableFrom;
}

MicroTimestamp at(int year, int month, int day, int hour)
{
    return {QDateTime(QDate(year, month, day), QTime(hour, 0), Qt::UTC), 0};
}

} // namespace

ProductStore::ProductStore(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
{
    reset();
}

std::optional<Product> ProductStore::productByCode(const QString &code) const
{
    const auto it = m_idByCode.constFind(code);
    if (it == m_idByCode.cend())
        return std::nullopt;
    return product(*it);
}

Product ProductStore::insertNew(const ProductFields &fields, const QDateTime &now)
{
    Q_ASSERT(fields.code && fields.name && fields.type && fields.quantity && fields.price);
    Q_ASSERT(!m_idByCode.contains(*fields.code));
    Product product;
    applyFields(product, fields);
    product.createdAt = now;
    product.updatedAt = now;
    product = m_table.insert(product);
    m_idByCode.insert(product.code, product.id);
    return product;
}

Product ProductStore::add(const ProductFields &fields)
{
    const Product product = insertNew(fields, m_clock());
    emit productAdded(product);
    return product;
}

std::optional<Product> ProductStore::update(qint64 id, const ProductFields &fields)
{
    Q_ASSERT(!fields.code || m_idByCode.value(*fields.code, id) == id);
    const std::optional<Product> updated = m_table.modify(id, [&](Product &product) {
        m_idByCode.remove(product.code);
        applyFields(product, fields);
        m_idByCode.insert(product.code, id);
        product.updatedAt = m_clock();
    });
    if (updated)
        emit productUpdated(*updated);
    return updated;
}

std::optional<Product> ProductStore::remove(qint64 id)
{
    const std::optional<Product> removed = m_table.take(id);
    if (removed) {
        m_idByCode.remove(removed->code);
        emit productRemoved(id);
    }
    return removed;
}

void ProductStore::reset()
{
    const QDateTime now = m_clock();
    m_table.clear();
    m_idByCode.clear();
    // Something for every test: all five types, a product out of stock, whole, one-decimal and
    // two-decimal prices, products with and without url and available_from.
    const ProductFields seed[] = {
        {u"clean-code"_s, u"Clean Code"_s, ProductType::Book, 12, 32.99,
         u"https://example.com/books/clean-code"_s, std::optional<MicroTimestamp>()},
        {u"usb-c-cable"_s, u"USB-C Cable (1 m)"_s, ProductType::Electronics, 150, 9.99,
         std::optional<QString>(), std::optional<MicroTimestamp>()},
        {u"wireless_mouse"_s, u"Wireless Mouse"_s, ProductType::Electronics, 40, 24.5,
         u"https://example.com/electronics/wireless-mouse"_s, at(2026, 1, 15, 9)},
        {u"dark-chocolate"_s, u"Dark Chocolate 70%"_s, ProductType::Food, 300, 2.49,
         std::optional<QString>(), std::optional<MicroTimestamp>()},
        {u"wooden-blocks"_s, u"Wooden Building Blocks"_s, ProductType::Toy, 0, 19.99,
         std::optional<QString>(), at(2026, 3, 1, 9)},
        {u"gift-card-50"_s, u"Gift Card"_s, ProductType::Other, 1000, 50,
         u"http://example.com/gift-cards"_s, std::optional<MicroTimestamp>()},
    };
    for (const ProductFields &fields : seed)
        insertNew(fields, now);
    emit productsReset(products());
}
