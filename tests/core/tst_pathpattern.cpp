#include "pathpattern.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestPathPattern : public QObject
{
    Q_OBJECT

private slots:
    void matches_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("expected");

        QTest::newRow("star: anything") << u"*"_s << u"/users/1/x"_s << true;
        QTest::newRow("star: root") << u"*"_s << u"/"_s << true;
        QTest::newRow("exact") << u"/users"_s << u"/users"_s << true;
        QTest::newRow("exact: other") << u"/users"_s << u"/reset"_s << false;
        QTest::newRow("exact: deeper") << u"/users"_s << u"/users/1"_s << false;
        QTest::newRow("exact: prefix only") << u"/users"_s << u"/user"_s << false;
        QTest::newRow("exact: longer name") << u"/users"_s << u"/usersx"_s << false;
        QTest::newRow("case-sensitive") << u"/users"_s << u"/Users"_s << false;
        // The router answers /users/ differently from /users, so a rule must tell them apart.
        QTest::newRow("trailing slash on path") << u"/users"_s << u"/users/"_s << false;
        QTest::newRow("trailing slash on pattern") << u"/users/"_s << u"/users"_s << false;
        QTest::newRow("trailing slash on both") << u"/users/"_s << u"/users/"_s << true;
        QTest::newRow("root") << u"/"_s << u"/"_s << true;
        QTest::newRow("root: not users") << u"/"_s << u"/users"_s << false;
        QTest::newRow("one: id") << u"/users/*"_s << u"/users/1"_s << true;
        QTest::newRow("one: word") << u"/users/*"_s << u"/users/abc"_s << true;
        QTest::newRow("one: none") << u"/users/*"_s << u"/users"_s << false;
        QTest::newRow("one: none, slash") << u"/users/*"_s << u"/users/"_s << false;
        QTest::newRow("one: two") << u"/users/*"_s << u"/users/1/x"_s << false;
        QTest::newRow("one: trailing slash") << u"/users/*"_s << u"/users/1/"_s << false;
        QTest::newRow("one: middle") << u"/*/1"_s << u"/users/1"_s << true;
        QTest::newRow("one: middle, other tail") << u"/*/1"_s << u"/users/2"_s << false;
        QTest::newRow("any: none") << u"/users/**"_s << u"/users"_s << true;
        QTest::newRow("any: one") << u"/users/**"_s << u"/users/1"_s << true;
        QTest::newRow("any: two") << u"/users/**"_s << u"/users/1/x"_s << true;
        QTest::newRow("any: trailing slash") << u"/users/**"_s << u"/users/1/"_s << true;
        QTest::newRow("any: other") << u"/users/**"_s << u"/reset"_s << false;
        QTest::newRow("any: lookalike") << u"/users/**"_s << u"/usersx/1"_s << false;
        QTest::newRow("root any") << u"/**"_s << u"/"_s << true;
        QTest::newRow("root any: deep") << u"/**"_s << u"/a/b/c"_s << true;
        QTest::newRow("alias") << u"/users"_s << u"/api/v1/users"_s << true;
        QTest::newRow("alias: one") << u"/users/*"_s << u"/api/v1/users/7"_s << true;
        QTest::newRow("alias alone is root") << u"/"_s << u"/api/v1"_s << true;
        QTest::newRow("alias lookalike") << u"/users"_s << u"/api/v1users"_s << false;
        QTest::newRow("alias lookalike: root") << u"/**"_s << u"/api/v1users"_s << true;
        QTest::newRow("alias in pattern") << u"/api/v1/users"_s << u"/users"_s << true;
        QTest::newRow("alias in pattern and path")
            << u"/api/v1/users"_s << u"/api/v1/users"_s << true;
        QTest::newRow("alias not stripped twice")
            << u"/users"_s << u"/api/v1/api/v1/users"_s << false;
        QTest::newRow("invalid pattern matches nothing") << u"users"_s << u"users"_s << false;
        QTest::newRow("invalid ** matches nothing") << u"/**/x"_s << u"/a/x"_s << false;
    }

    void matches()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, expected);
        QCOMPARE(PathPattern::matches(pattern, path), expected);
    }

    void problem_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("problem");

        const QString noSlash = u"A path pattern must start with / (or be * for every path)"_s;
        const QString lastOnly = u"** may only be the last segment of a path pattern"_s;
        const QString wholeSegments =
            u"* and ** must stand for whole segments of a path pattern, as in /users/*"_s;

        QTest::newRow("every path") << u"*"_s << QString();
        QTest::newRow("root") << u"/"_s << QString();
        QTest::newRow("exact") << u"/users"_s << QString();
        QTest::newRow("trailing slash") << u"/users/"_s << QString();
        QTest::newRow("one segment") << u"/users/*"_s << QString();
        QTest::newRow("any segments") << u"/users/**"_s << QString();
        QTest::newRow("only any") << u"/**"_s << QString();
        QTest::newRow("star in the middle") << u"/users/*/x"_s << QString();
        QTest::newRow("empty") << QString() << noSlash;
        QTest::newRow("no slash") << u"users"_s << noSlash;
        QTest::newRow("double star alone") << u"**"_s << noSlash;
        QTest::newRow("any in the middle") << u"/users/**/x"_s << lastOnly;
        QTest::newRow("any first") << u"/**/users"_s << lastOnly;
        QTest::newRow("partial star") << u"/users*"_s << wholeSegments;
        QTest::newRow("partial star inside") << u"/u*s/1"_s << wholeSegments;
        QTest::newRow("triple star") << u"/users/***"_s << wholeSegments;
        QTest::newRow("empty segment")
            << u"/users//1"_s << u"A path pattern must not contain an empty segment (//)"_s;
        const QString unprintable =
            u"A path pattern must not contain spaces, quotes or control characters"_s;
        QTest::newRow("newline") << u"/users\n2026-11-21 forged log line"_s << unprintable;
        QTest::newRow("space") << u"/users /x"_s << unprintable;
        QTest::newRow("quote") << u"/users\"x"_s << unprintable;
        QTest::newRow("tab") << u"/users\t"_s << unprintable;
        QTest::newRow("query")
            << u"/users?role=admin"_s
            << u"A path pattern must not contain ? or # (it is matched against the path alone)"_s;
    }

    void problem()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, problem);
        QCOMPARE(PathPattern::problem(pattern), problem);
    }
};

QTEST_GUILESS_MAIN(TestPathPattern)
#include "tst_pathpattern.moc"
