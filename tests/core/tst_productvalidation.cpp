#include "productvalidation.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ValidationMode)
Q_DECLARE_METATYPE(FieldErrors)

namespace {

const QString required = u"This field is required"_s;
const QString codeMessage = u"Must be 3 to 32 characters: lowercase letters, digits, _ or -"_s;
const QString nameMessage = u"Must be 1 to 100 characters"_s;
const QString typeMessage = u"Must be one of: book, electronics, food, toy, other"_s;
const QString quantityMessage = u"Must be a whole number of at least 0"_s;
const QString quantityTooLarge = u"Must be at most 9007199254740991"_s;
const QString priceMessage = u"Must be a number of at least 0 with at most 2 decimals"_s;
const QString urlMessage = u"Must be an http or https URL"_s;
const QString timestampMessage = u"Must be a timestamp like 2026-02-18T10:30:00.000000"_s;

QJsonObject json(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("test body is not JSON: %s", text.constData());
    return document.object();
}

// A valid create body with one field replaced by the raw JSON value given (or removed when the
// value is empty).
QByteArray validWith(const QString &field, const QByteArray &value)
{
    QJsonObject body = json(
        R"({"code":"clean-code","name":"Clean Code","type":"book","quantity":3,"price":19.99})"_ba);
    body.remove(field);
    QByteArray text = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (!value.isEmpty()) {
        text.chop(1);
        text += ",\"" + field.toUtf8() + "\":" + value + '}';
    }
    return text;
}

} // namespace

class TestProductValidation : public QObject
{
    Q_OBJECT

private slots:
    void fieldBoundaries_data();
    void fieldBoundaries();
    void reportsEveryFailingFieldAtOnce_data();
    void reportsEveryFailingFieldAtOnce();
    void acceptedValuesAreNormalised();
    void createNeedsFiveFieldsUpdateNone();
    void nullClearsOptionalFields();
    void priceDecimals_data();
    void priceDecimals();
    void timestamps_data();
    void timestamps();
    void validationErrorEnvelope();
};

// One field at a time, in an otherwise valid create body: accepted, or rejected with its message.
void TestProductValidation::fieldBoundaries_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("value"); // raw JSON; empty: the field is left out
    QTest::addColumn<QString>("message");  // empty: accepted

    const QByteArray name100 = '"' + QByteArray(100, 'n') + '"';
    const QByteArray name101 = '"' + QByteArray(101, 'n') + '"';
    QByteArray emoji100 = "\"";
    for (int i = 0; i < 100; ++i)
        emoji100 += "\xF0\x9F\x98\x80";
    const QByteArray emoji101 = emoji100 + "\xF0\x9F\x98\x80\"";
    emoji100 += '"';

    // code
    QTest::newRow("code 3") << u"code"_s << R"("abc")"_ba << QString();
    QTest::newRow("code 32") << u"code"_s << '"' + QByteArray(32, 'c') + '"' << QString();
    QTest::newRow("code digits _ -") << u"code"_s << R"("a_1-b")"_ba << QString();
    QTest::newRow("code 2") << u"code"_s << R"("ab")"_ba << codeMessage;
    QTest::newRow("code 33") << u"code"_s << '"' + QByteArray(33, 'c') + '"' << codeMessage;
    QTest::newRow("code upper case") << u"code"_s << R"("Clean-code")"_ba << codeMessage;
    QTest::newRow("code space") << u"code"_s << R"("clean code")"_ba << codeMessage;
    QTest::newRow("code dot") << u"code"_s << R"("clean.code")"_ba << codeMessage;
    QTest::newRow("code accented") << u"code"_s << "\"caf\xC3\xA9\""_ba << codeMessage;
    QTest::newRow("code unicode digit") << u"code"_s << "\"ab\xD9\xA3\""_ba << codeMessage;
    QTest::newRow("code trailing newline") << u"code"_s << R"("abc\n")"_ba << codeMessage;
    QTest::newRow("code number") << u"code"_s << "123"_ba << codeMessage;
    QTest::newRow("code missing") << u"code"_s << QByteArray() << required;
    QTest::newRow("code null") << u"code"_s << "null"_ba << required;

    // name
    QTest::newRow("name 1") << u"name"_s << R"("N")"_ba << QString();
    QTest::newRow("name 100") << u"name"_s << name100 << QString();
    QTest::newRow("name 100 emoji") << u"name"_s << emoji100 << QString();
    QTest::newRow("name 0") << u"name"_s << R"("")"_ba << nameMessage;
    QTest::newRow("name blank") << u"name"_s << R"("   ")"_ba << nameMessage;
    QTest::newRow("name 101") << u"name"_s << name101 << nameMessage;
    QTest::newRow("name 101 emoji") << u"name"_s << emoji101 << nameMessage;
    QTest::newRow("name number") << u"name"_s << "42"_ba << nameMessage;
    QTest::newRow("name array") << u"name"_s << R"(["a"])"_ba << nameMessage;
    QTest::newRow("name missing") << u"name"_s << QByteArray() << required;
    QTest::newRow("name null") << u"name"_s << "null"_ba << required;

    // type
    for (const char *type : {"book", "electronics", "food", "toy", "other"})
        QTest::newRow(type) << u"type"_s << '"' + QByteArray(type) + '"' << QString();
    QTest::newRow("type Book") << u"type"_s << R"("Book")"_ba << typeMessage;
    QTest::newRow("type plural") << u"type"_s << R"("books")"_ba << typeMessage;
    QTest::newRow("type empty") << u"type"_s << R"("")"_ba << typeMessage;
    QTest::newRow("type number") << u"type"_s << "1"_ba << typeMessage;
    QTest::newRow("type missing") << u"type"_s << QByteArray() << required;

    // quantity
    QTest::newRow("quantity 0") << u"quantity"_s << "0"_ba << QString();
    QTest::newRow("quantity 5.0") << u"quantity"_s << "5.0"_ba << QString();
    QTest::newRow("quantity max") << u"quantity"_s << "9007199254740991"_ba << QString();
    QTest::newRow("quantity -1") << u"quantity"_s << "-1"_ba << quantityMessage;
    QTest::newRow("quantity 1.5") << u"quantity"_s << "1.5"_ba << quantityMessage;
    QTest::newRow("quantity string") << u"quantity"_s << R"("5")"_ba << quantityMessage;
    QTest::newRow("quantity true") << u"quantity"_s << "true"_ba << quantityMessage;
    QTest::newRow("quantity max + 1") << u"quantity"_s << "9007199254740992"_ba << quantityTooLarge;
    QTest::newRow("quantity 1e300") << u"quantity"_s << "1e300"_ba << quantityTooLarge;
    QTest::newRow("quantity missing") << u"quantity"_s << QByteArray() << required;
    QTest::newRow("quantity null") << u"quantity"_s << "null"_ba << required;

    // price
    QTest::newRow("price 0") << u"price"_s << "0"_ba << QString();
    QTest::newRow("price 19.99") << u"price"_s << "19.99"_ba << QString();
    QTest::newRow("price 0.01") << u"price"_s << "0.01"_ba << QString();
    QTest::newRow("price 1.999") << u"price"_s << "1.999"_ba << priceMessage;
    QTest::newRow("price -0.01") << u"price"_s << "-0.01"_ba << priceMessage;
    QTest::newRow("price string") << u"price"_s << R"("19.99")"_ba << priceMessage;
    QTest::newRow("price true") << u"price"_s << "true"_ba << priceMessage;
    QTest::newRow("price object") << u"price"_s << R"({"amount":1})"_ba << priceMessage;
    QTest::newRow("price missing") << u"price"_s << QByteArray() << required;
    QTest::newRow("price null") << u"price"_s << "null"_ba << required;

    // url
    QTest::newRow("url https") << u"url"_s << R"("https://example.com/p/1?x=y#z")"_ba << QString();
    QTest::newRow("url http port") << u"url"_s << R"("http://localhost:8080/a")"_ba << QString();
    QTest::newRow("url upper-case scheme")
        << u"url"_s << R"("HTTPS://example.com")"_ba << QString();
    QTest::newRow("url null") << u"url"_s << "null"_ba << QString();
    QTest::newRow("url ftp") << u"url"_s << R"("ftp://example.com/file")"_ba << urlMessage;
    QTest::newRow("url mailto") << u"url"_s << R"("mailto:a@example.com")"_ba << urlMessage;
    QTest::newRow("url no scheme") << u"url"_s << R"("example.com/p")"_ba << urlMessage;
    QTest::newRow("url no host") << u"url"_s << R"("https://")"_ba << urlMessage;
    QTest::newRow("url one slash") << u"url"_s << R"("http:/example.com")"_ba << urlMessage;
    QTest::newRow("url space") << u"url"_s << R"("https://exa mple.com")"_ba << urlMessage;
    QTest::newRow("url leading space") << u"url"_s << R"(" https://example.com")"_ba << urlMessage;
    QTest::newRow("url empty") << u"url"_s << R"("")"_ba << urlMessage;
    QTest::newRow("url number") << u"url"_s << "1"_ba << urlMessage;

    // available_from
    QTest::newRow("available_from contract format")
        << u"available_from"_s << R"("2026-02-18T10:30:00.000000")"_ba << QString();
    QTest::newRow("available_from null") << u"available_from"_s << "null"_ba << QString();
    QTest::newRow("available_from date only")
        << u"available_from"_s << R"("2026-02-18")"_ba << timestampMessage;
    QTest::newRow("available_from number")
        << u"available_from"_s << "1771410600"_ba << timestampMessage;
}

void TestProductValidation::fieldBoundaries()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, value);
    QFETCH(QString, message);

    const auto result = validateProductBody(json(validWith(field, value)), ValidationMode::Create);
    if (message.isEmpty()) {
        if (const auto *errors = std::get_if<FieldErrors>(&result))
            QFAIL(qPrintable(u"rejected: "_s + errors->value(field)));
        return;
    }
    const auto *errors = std::get_if<FieldErrors>(&result);
    QVERIFY(errors);
    QCOMPARE(*errors, (FieldErrors{{field, message}}));
}

void TestProductValidation::reportsEveryFailingFieldAtOnce_data()
{
    QTest::addColumn<ValidationMode>("mode");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<FieldErrors>("errors");

    QTest::newRow("create: empty object") << ValidationMode::Create << "{}"_ba
                                          << FieldErrors{{u"code"_s, required},
                                                         {u"name"_s, required},
                                                         {u"type"_s, required},
                                                         {u"quantity"_s, required},
                                                         {u"price"_s, required}};
    QTest::newRow("create: every field wrong")
        << ValidationMode::Create
        << R"({"code":"A","name":"","type":"car","quantity":1.5,"price":1.999,
               "url":"ftp://x.com","available_from":"tomorrow"})"_ba
        << FieldErrors{{u"code"_s, codeMessage},
                       {u"name"_s, nameMessage},
                       {u"type"_s, typeMessage},
                       {u"quantity"_s, quantityMessage},
                       {u"price"_s, priceMessage},
                       {u"url"_s, urlMessage},
                       {u"available_from"_s, timestampMessage}};
    QTest::newRow("create: missing and invalid together")
        << ValidationMode::Create << R"({"code":"ok-code","quantity":-3,"url":"x"})"_ba
        << FieldErrors{{u"name"_s, required},
                       {u"type"_s, required},
                       {u"quantity"_s, quantityMessage},
                       {u"price"_s, required},
                       {u"url"_s, urlMessage}};
    QTest::newRow("update: only present fields")
        << ValidationMode::Update << R"({"price":"free","type":"Toy"})"_ba
        << FieldErrors{{u"price"_s, priceMessage}, {u"type"_s, typeMessage}};
    QTest::newRow("update: required fields cannot be nulled")
        << ValidationMode::Update << R"({"name":null,"quantity":null,"url":null})"_ba
        << FieldErrors{{u"name"_s, required}, {u"quantity"_s, required}};
}

void TestProductValidation::reportsEveryFailingFieldAtOnce()
{
    QFETCH(ValidationMode, mode);
    QFETCH(QByteArray, body);
    QFETCH(FieldErrors, errors);

    const auto result = validateProductBody(json(body), mode);
    const auto *actual = std::get_if<FieldErrors>(&result);
    QVERIFY(actual);
    QCOMPARE(*actual, errors);
}

void TestProductValidation::acceptedValuesAreNormalised()
{
    const auto result = validateProductBody(
        json(R"({"code":"usb_hub-4","name":"  USB Hub  ","type":"electronics","quantity":7.0,
                "price":-0,"url":"https://example.com/hub","available_from":null,
                "id":99,"created_at":"x","updated_at":"y","colour":"red"})"_ba),
        ValidationMode::Create);
    const auto *fields = std::get_if<ProductFields>(&result);
    QVERIFY(fields);
    QCOMPARE(fields->code, u"usb_hub-4"_s);
    QCOMPARE(fields->name, u"USB Hub"_s);
    QCOMPARE(fields->type, ProductType::Electronics);
    QCOMPARE(fields->quantity, 7);
    QVERIFY(fields->price);
    QCOMPARE(*fields->price, 0.0);
    QVERIFY(!std::signbit(*fields->price));
    QCOMPARE(fields->url, std::optional<QString>(u"https://example.com/hub"_s));
    QVERIFY(fields->availableFrom);               // present...
    QVERIFY(!fields->availableFrom->has_value()); // ...as "none"
}

void TestProductValidation::createNeedsFiveFieldsUpdateNone()
{
    const auto update = validateProductBody({}, ValidationMode::Update);
    const auto *fields = std::get_if<ProductFields>(&update);
    QVERIFY(fields);
    QVERIFY(!fields->code && !fields->name && !fields->type && !fields->quantity &&
            !fields->price && !fields->url && !fields->availableFrom);

    const auto create = validateProductBody(
        json(R"({"code":"abc","name":"A","type":"toy","quantity":0,"price":0})"_ba),
        ValidationMode::Create);
    fields = std::get_if<ProductFields>(&create);
    QVERIFY(fields);
    QVERIFY(!fields->url);           // absent: the store's default (none)
    QVERIFY(!fields->availableFrom); // absent
}

void TestProductValidation::nullClearsOptionalFields()
{
    const auto result = validateProductBody(json(R"({"url":null,"available_from":null})"_ba),
                                            ValidationMode::Update);
    const auto *fields = std::get_if<ProductFields>(&result);
    QVERIFY(fields);
    QVERIFY(fields->url && !fields->url->has_value());
    QVERIFY(fields->availableFrom && !fields->availableFrom->has_value());
}

void TestProductValidation::priceDecimals_data()
{
    QTest::addColumn<double>("price");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("19.99") << 19.99 << true;
    QTest::newRow("0.29 (29.000000000000004 cents in binary)") << 0.29 << true;
    QTest::newRow("1.1") << 1.1 << true;
    QTest::newRow("100") << 100.0 << true;
    QTest::newRow("1e20") << 1e20 << true;
    QTest::newRow("12345678901.23") << 12345678901.23 << true;
    QTest::newRow("1.999") << 1.999 << false;
    QTest::newRow("0.1 + 0.2") << 0.1 + 0.2 << false;
    QTest::newRow("0.001") << 0.001 << false;
    QTest::newRow("1e-7") << 1e-7 << false;
}

void TestProductValidation::priceDecimals()
{
    QFETCH(double, price);
    QFETCH(bool, accepted);
    QCOMPARE(hasAtMostTwoDecimals(price), accepted);
}

void TestProductValidation::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("stored"); // formatted back; empty: rejected

    QTest::newRow("contract format")
        << u"2026-02-18T10:30:00.000000"_s << u"2026-02-18T10:30:00.000000"_s;
    QTest::newRow("microseconds kept")
        << u"2026-02-18T10:30:00.123456"_s << u"2026-02-18T10:30:00.123456"_s;
    QTest::newRow("no fraction") << u"2026-02-18T10:30:00"_s << u"2026-02-18T10:30:00.000000"_s;
    QTest::newRow("short fraction")
        << u"2026-02-18T10:30:00.5"_s << u"2026-02-18T10:30:00.500000"_s;
    QTest::newRow("Z") << u"2026-02-18T10:30:00.000001Z"_s << u"2026-02-18T10:30:00.000001"_s;
    QTest::newRow("positive offset to UTC")
        << u"2026-02-18T12:30:00.5+02:00"_s << u"2026-02-18T10:30:00.500000"_s;
    QTest::newRow("negative offset over midnight")
        << u"2026-12-31T23:00:00-01:30"_s << u"2027-01-01T00:30:00.000000"_s;
    QTest::newRow("leap day") << u"2028-02-29T00:00:00.000000"_s << u"2028-02-29T00:00:00.000000"_s;
    QTest::newRow("year 1") << u"0001-01-01T00:00:00.000000"_s << u"0001-01-01T00:00:00.000000"_s;
    QTest::newRow("year 9999") << u"9999-12-31T23:59:59.999999"_s
                               << u"9999-12-31T23:59:59.999999"_s;

    QTest::newRow("no leap day") << u"2026-02-29T00:00:00.000000"_s << QString();
    QTest::newRow("hour 24") << u"2026-02-18T24:00:00.000000"_s << QString();
    QTest::newRow("leap second") << u"2026-02-18T23:59:60.000000"_s << QString();
    QTest::newRow("seven digits") << u"2026-02-18T10:30:00.0000000"_s << QString();
    QTest::newRow("space separator") << u"2026-02-18 10:30:00.000000"_s << QString();
    QTest::newRow("lower-case t") << u"2026-02-18t10:30:00"_s << QString();
    QTest::newRow("no seconds") << u"2026-02-18T10:30"_s << QString();
    QTest::newRow("offset without colon") << u"2026-02-18T10:30:00+0200"_s << QString();
    QTest::newRow("offset hour 24") << u"2026-02-18T10:30:00+24:00"_s << QString();
    QTest::newRow("year 0") << u"0000-01-01T00:00:00"_s << QString();
    QTest::newRow("before year 1 in UTC") << u"0001-01-01T00:30:00+01:00"_s << QString();
    QTest::newRow("after 9999 in UTC") << u"9999-12-31T23:30:00-01:00"_s << QString();
    QTest::newRow("arabic-indic digits") << u"\u0662026-02-18T10:30:00"_s << QString();
    QTest::newRow("trailing text") << u"2026-02-18T10:30:00.000000 UTC"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestProductValidation::timestamps()
{
    QFETCH(QString, text);
    QFETCH(QString, stored);

    const auto timestamp = parseProductTimestamp(text);
    QCOMPARE(timestamp.has_value(), !stored.isEmpty());
    if (timestamp) {
        QCOMPARE(timestamp->time.timeSpec(), Qt::UTC);
        QCOMPARE(formatMicroTimestamp(*timestamp), stored);
    }
}

void TestProductValidation::validationErrorEnvelope()
{
    const ApiResponse response =
        validationErrorResponse({{u"price"_s, priceMessage}, {u"code"_s, required}});
    QCOMPARE(response.status, 400);
    QCOMPARE(response.header("Content-Type"), "application/json"_ba);
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    QCOMPARE(body.keys(), (QStringList{u"error_code"_s, u"errors"_s, u"message"_s, u"status"_s}));
    QCOMPARE(body[u"status"_s].toString(), u"error"_s);
    QCOMPARE(body[u"error_code"_s].toString(), u"VALIDATION_ERROR"_s);
    QCOMPARE(body[u"message"_s].toString(), u"Input payload validation failed"_s);
    QCOMPARE(body[u"errors"_s].toObject(),
             (QJsonObject{{u"code"_s, required}, {u"price"_s, priceMessage}}));
}

QTEST_GUILESS_MAIN(TestProductValidation)
#include "tst_productvalidation.moc"
