#include "uservalidation.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ValidationMode)

class TestUserValidation : public QObject
{
    Q_OBJECT

private slots:
    void rejectsInOrder_data();
    void rejectsInOrder();
    void acceptsAndNormalises_data();
    void acceptsAndNormalises();
    void parseJsonObject_data();
    void parseJsonObject();
    void email_data();
    void email();
};

static QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

void TestUserValidation::rejectsInOrder_data()
{
    QTest::addColumn<ValidationMode>("mode");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const auto create = ValidationMode::Create;
    const auto update = ValidationMode::Update;
    const QString name101 = QString(101, u'n');

    QTest::newRow("empty body: name first")
        << create << "{}"_ba << u"MISSING_FIELD"_s << u"Missing required field: name"_s;
    QTest::newRow("null name is missing")
        << create << R"({"name":null,"email":"a@b.co","age":20})"_ba << u"MISSING_FIELD"_s
        << u"Missing required field: name"_s;
    QTest::newRow("email before age") << create << R"({"name":"Ann"})"_ba << u"MISSING_FIELD"_s
                                      << u"Missing required field: email"_s;
    QTest::newRow("age missing") << create << R"({"name":"Ann","email":"a@b.co"})"_ba
                                 << u"MISSING_FIELD"_s << u"Missing required field: age"_s;
    QTest::newRow("missing beats invalid")
        << create << R"({"name":"x","email":"bad"})"_ba << u"MISSING_FIELD"_s
        << u"Missing required field: age"_s;
    QTest::newRow("name too short (2)")
        << create << R"({"name":"Al","email":"a@b.co","age":20})"_ba << u"INVALID_NAME"_s
        << u"Name must be at least 3 characters long"_s;
    QTest::newRow("name trimmed to 2")
        << create << R"({"name":"  Al  ","email":"a@b.co","age":20})"_ba << u"INVALID_NAME"_s
        << u"Name must be at least 3 characters long"_s;
    QTest::newRow("name 101") << create
                              << (R"({"name":")" + name101.toUtf8() +
                                  R"(","email":"a@b.co","age":20})")
                              << u"INVALID_NAME"_s << u"Name must be at most 100 characters long"_s;
    QTest::newRow("two emoji are two characters")
        << create
        << QByteArray(R"({"name":")"
                      "\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
                      R"(","email":"a@b.co","age":20})")
        << u"INVALID_NAME"_s << u"Name must be at least 3 characters long"_s;
    QTest::newRow("name number") << create << R"({"name":123,"email":"a@b.co","age":20})"_ba
                                 << u"INVALID_NAME"_s << u"Name must be a string"_s;
    QTest::newRow("name before email")
        << create << R"({"name":"Al","email":"bad","age":20})"_ba << u"INVALID_NAME"_s
        << u"Name must be at least 3 characters long"_s;
    QTest::newRow("email no tld") << create << R"({"name":"Ann","email":"a@b","age":20})"_ba
                                  << u"INVALID_EMAIL"_s << u"Invalid email format"_s;
    QTest::newRow("email not string") << create << R"({"name":"Ann","email":42,"age":20})"_ba
                                      << u"INVALID_EMAIL"_s << u"Invalid email format"_s;
    QTest::newRow("email before age") << create << R"({"name":"Ann","email":"x","age":"x"})"_ba
                                      << u"INVALID_EMAIL"_s << u"Invalid email format"_s;
    QTest::newRow("age string") << create << R"({"name":"Ann","email":"a@b.co","age":"25"})"_ba
                                << u"INVALID_AGE"_s << u"Age must be a valid integer"_s;
    QTest::newRow("age bool") << create << R"({"name":"Ann","email":"a@b.co","age":true})"_ba
                              << u"INVALID_AGE"_s << u"Age must be a valid integer"_s;
    QTest::newRow("age fraction") << create << R"({"name":"Ann","email":"a@b.co","age":25.5})"_ba
                                  << u"INVALID_AGE"_s << u"Age must be a valid integer"_s;
    QTest::newRow("age 1e300") << create << R"({"name":"Ann","email":"a@b.co","age":1e300})"_ba
                               << u"INVALID_AGE"_s << u"Age must be 150 or younger"_s;
    QTest::newRow("role null") << create
                               << R"({"name":"Ann","email":"a@b.co","age":20,"role":null})"_ba
                               << u"INVALID_ROLE"_s << u"Role must be either 'admin' or 'user'"_s;
    QTest::newRow("age 17") << create << R"({"name":"Ann","email":"a@b.co","age":17})"_ba
                            << u"INVALID_AGE"_s << u"Age must be 18 or older"_s;
    QTest::newRow("age 151") << create << R"({"name":"Ann","email":"a@b.co","age":151})"_ba
                             << u"INVALID_AGE"_s << u"Age must be 150 or younger"_s;
    QTest::newRow("age before role")
        << create << R"({"name":"Ann","email":"a@b.co","age":1,"role":"x"})"_ba << u"INVALID_AGE"_s
        << u"Age must be 18 or older"_s;
    QTest::newRow("role unknown") << create
                                  << R"({"name":"Ann","email":"a@b.co","age":20,"role":"root"})"_ba
                                  << u"INVALID_ROLE"_s
                                  << u"Role must be either 'admin' or 'user'"_s;
    QTest::newRow("role case") << create
                               << R"({"name":"Ann","email":"a@b.co","age":20,"role":"Admin"})"_ba
                               << u"INVALID_ROLE"_s << u"Role must be either 'admin' or 'user'"_s;
    QTest::newRow("update: null name")
        << update << R"({"name":null})"_ba << u"INVALID_NAME"_s << u"Name must be a string"_s;
    QTest::newRow("update: null age")
        << update << R"({"age":null})"_ba << u"INVALID_AGE"_s << u"Age must be a valid integer"_s;
    QTest::newRow("update: age only, too old")
        << update << R"({"age":200})"_ba << u"INVALID_AGE"_s << u"Age must be 150 or younger"_s;
    QTest::newRow("update: email") << update << R"({"email":"no-at-sign"})"_ba << u"INVALID_EMAIL"_s
                                   << u"Invalid email format"_s;
}

void TestUserValidation::rejectsInOrder()
{
    QFETCH(ValidationMode, mode);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const auto result = validateUserBody(json(body.constData()), mode);
    const auto *error = std::get_if<ApiError>(&result);
    QVERIFY(error);
    QCOMPARE(error->status, 400);
    QCOMPARE(error->code, code);
    QCOMPARE(error->message, message);
}

void TestUserValidation::acceptsAndNormalises_data()
{
    QTest::addColumn<ValidationMode>("mode");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("age");

    const QByteArray name100 = QByteArray(100, 'n');
    QTest::newRow("name 3, age 18")
        << ValidationMode::Create << R"({"name":"Ann","email":"a@b.co","age":18})"_ba << u"Ann"_s
        << 18;
    QTest::newRow("name 100, age 150")
        << ValidationMode::Create << (R"({"name":")" + name100 + R"(","email":"a@b.co","age":150})")
        << QString::fromLatin1(name100) << 150;
    QByteArray emoji100;
    for (int i = 0; i < 100; ++i)
        emoji100 += "\xF0\x9F\x98\x80";
    QTest::newRow("100 emoji are 100 characters")
        << ValidationMode::Create
        << QByteArray(R"({"name":")" + emoji100 + R"(","email":"a@b.co","age":20})")
        << QString::fromUtf8(emoji100) << 20;
    QTest::newRow("name trimmed") << ValidationMode::Create
                                  << R"({"name":"  Ann Lee ","email":"a@b.co","age":40})"_ba
                                  << u"Ann Lee"_s << 40;
    QTest::newRow("unknown and read-only fields ignored")
        << ValidationMode::Create
        << R"({"name":"Ann","email":"a@b.co","age":30,"id":99,"created_at":"x","extra":[1]})"_ba
        << u"Ann"_s << 30;
    QTest::newRow("age 25.0 is the integer 25")
        << ValidationMode::Create << R"({"name":"Ann","email":"a@b.co","age":25.0})"_ba << u"Ann"_s
        << 25;
    QTest::newRow("update with nothing") << ValidationMode::Update << "{}"_ba << QString() << 0;
}

void TestUserValidation::acceptsAndNormalises()
{
    QFETCH(ValidationMode, mode);
    QFETCH(QByteArray, body);
    QFETCH(QString, name);
    QFETCH(int, age);

    const auto result = validateUserBody(json(body.constData()), mode);
    const auto *fields = std::get_if<UserFields>(&result);
    QVERIFY(fields);
    QCOMPARE(fields->name.value_or(QString()), name);
    QCOMPARE(fields->age.value_or(0), age);
    QVERIFY(!fields->role);
}

void TestUserValidation::parseJsonObject_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("isObject");

    QTest::newRow("object") << R"({"a":1})"_ba << true;
    QTest::newRow("empty object") << "{}"_ba << true;
    QTest::newRow("empty body") << QByteArray() << false;
    QTest::newRow("array") << "[1,2]"_ba << false;
    QTest::newRow("string") << R"("text")"_ba << false;
    QTest::newRow("number") << "42"_ba << false;
    QTest::newRow("null") << "null"_ba << false;
    QTest::newRow("truncated") << R"({"name":)"_ba << false;
    QTest::newRow("trailing garbage") << R"({"a":1}x)"_ba << false;
    QTest::newRow("single quotes") << "{'a':1}"_ba << false;
    QTest::newRow("invalid utf-8") << "{\"a\":\"\xC3\x28\"}"_ba << false;
    QTest::newRow("deep nesting") << QByteArray(5000, '[') << false;
}

void TestUserValidation::parseJsonObject()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, isObject);
    QCOMPARE(::parseJsonObject(body).has_value(), isObject);
}

void TestUserValidation::email_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("valid");

    QTest::newRow("plain") << u"john@example.com"_s << true;
    QTest::newRow("plus and dots") << u"first.last+tag@mail.example.org"_s << true;
    QTest::newRow("no at") << u"john.example.com"_s << false;
    QTest::newRow("no tld") << u"john@example"_s << false;
    QTest::newRow("two ats") << u"a@b@c.com"_s << false;
    QTest::newRow("space") << u"john doe@example.com"_s << false;
    QTest::newRow("empty local") << u"@example.com"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("trailing newline") << u"john@example.com\n"_s << false;
    QTest::newRow("hyphen inside a label") << u"x@my-example.co.uk"_s << true;
    QTest::newRow("label starts with hyphen") << u"x@-example.com"_s << false;
    QTest::newRow("label ends with hyphen") << u"x@example-.com"_s << false;
    QTest::newRow("inner label ends with hyphen") << u"x@mail-.example.com"_s << false;
    QTest::newRow("empty label") << u"x@example..com"_s << false;
    QTest::newRow("label of 63") << u"x@%1.com"_s.arg(QString(63, u'a')) << true;
    QTest::newRow("label of 64") << u"x@%1.com"_s.arg(QString(64, u'a')) << false;
    QTest::newRow("numeric last label") << u"x@example.123"_s << false;
    QTest::newRow("one-letter last label") << u"x@example.c"_s << false;
}

void TestUserValidation::email()
{
    QFETCH(QString, email);
    QFETCH(bool, valid);
    QCOMPARE(isValidEmail(email), valid);
}

QTEST_GUILESS_MAIN(TestUserValidation)
#include "tst_uservalidation.moc"
