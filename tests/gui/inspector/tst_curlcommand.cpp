#include "curlcommand.h"
#include "requests.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QUrl fallback(u"http://127.0.0.1:5000"_s);

Exchange exchangeOf(const QByteArray &method, const QString &target, const QByteArray &body = {},
                    const HttpHeaders &headers = {})
{
    Exchange exchange;
    exchange.request = makeRequest(method, target, body, headers);
    return exchange;
}

// What a POSIX shell hands to curl for the command, and what it pipes into it: the command is
// run by /bin/sh with curl replaced by a function that writes both to files.
struct ShellRun
{
    QStringList arguments;
    QByteArray standardInput;
};

ShellRun runInShell(const QString &command)
{
    QTemporaryDir dir;
    const QString argumentsFile = dir.filePath(u"arguments"_s);
    const QString inputFile = dir.filePath(u"input"_s);
    QProcess shell;
    shell.setProgram(u"/bin/sh"_s);
    shell.setArguments({u"-c"_s, u"curl() { printf '%s\\0' \"$@\" > \"$ARGS_FILE\"; "
                                 "cat > \"$INPUT_FILE\"; }\n"_s +
                                     command});
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"ARGS_FILE"_s, argumentsFile);
    environment.insert(u"INPUT_FILE"_s, inputFile);
    shell.setProcessEnvironment(environment);
    shell.start();
    shell.closeWriteChannel();
    ShellRun run;
    if (!shell.waitForFinished(10000) || shell.exitCode() != 0)
        return run;
    QFile arguments(argumentsFile);
    QFile input(inputFile);
    if (!arguments.open(QIODevice::ReadOnly) || !input.open(QIODevice::ReadOnly))
        return run;
    QByteArray raw = arguments.readAll();
    raw.chop(1); // the last NUL
    for (const QByteArray &argument : raw.split('\0'))
        run.arguments.append(QString::fromUtf8(argument));
    run.standardInput = input.readAll();
    return run;
}

} // namespace

class TestCurlCommand : public QObject
{
    Q_OBJECT

private slots:
    void shellQuote_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << u"abc"_s << u"'abc'"_s;
        QTest::newRow("empty") << QString() << u"''"_s;
        QTest::newRow("quote") << u"it's"_s << u"'it'\\''s'"_s;
        QTest::newRow("only quotes") << u"''"_s << u"''\\'''\\'''"_s;
    }

    void shellQuote()
    {
        QFETCH(QString, text);
        QFETCH(QString, quoted);
        QCOMPARE(::shellQuote(text), quoted);
    }

    void getWithoutBodyOmitsTheMethod()
    {
        const Exchange exchange = exchangeOf("GET", u"/users?role=admin"_s, {},
                                             {{"Host"_ba, "127.0.0.1:5000"_ba},
                                              {"Accept"_ba, "*/*"_ba},
                                              {"Connection"_ba, "keep-alive"_ba}});
        QCOMPARE(curlCommand(exchange, fallback),
                 u"curl -i 'http://127.0.0.1:5000/users?role=admin' -H 'Accept: */*'"_s);
    }

    void sandboxRequestRepeatsAsSent()
    {
        // By path: the prefix is part of the URL.
        Exchange byPath = exchangeOf("GET", u"/users"_s, {}, {{"Host"_ba, "127.0.0.1:5000"_ba}});
        byPath.request.sandbox = u"alice"_s;
        byPath.request.sandboxPrefix = u"/s/alice"_s;
        QCOMPARE(curlCommand(byPath, fallback), u"curl -i 'http://127.0.0.1:5000/s/alice/users'"_s);
        // By header: the header is among the request's own, and the URL has no prefix.
        Exchange byHeader =
            exchangeOf("GET", u"/users"_s, {},
                       {{"Host"_ba, "127.0.0.1:5000"_ba}, {"X-Sandbox"_ba, "alice"_ba}});
        byHeader.request.sandbox = u"alice"_s;
        QCOMPARE(curlCommand(byHeader, fallback),
                 u"curl -i 'http://127.0.0.1:5000/users' -H 'X-Sandbox: alice'"_s);
    }

    void postWithJson()
    {
        const Exchange exchange = exchangeOf("POST", u"/users"_s, R"({"name":"Ada"})"_ba,
                                             {{"Host"_ba, "localhost:8080"_ba},
                                              {"Content-Type"_ba, "application/json"_ba},
                                              {"Authorization"_ba, "Bearer abc.def.ghi"_ba},
                                              {"Content-Length"_ba, "14"_ba}});
        QCOMPARE(curlCommand(exchange, fallback),
                 u"curl -i -X POST 'http://localhost:8080/users' -H 'Content-Type: "
                 "application/json' -H 'Authorization: Bearer abc.def.ghi' --data-raw "
                 "'{\"name\":\"Ada\"}'"_s);
    }

    void headUsesCapitalI()
    {
        QCOMPARE(curlCommand(exchangeOf("HEAD", u"/users"_s), fallback),
                 u"curl -I 'http://127.0.0.1:5000/users'"_s);
    }

    void getWithBodyKeepsTheMethod()
    {
        // Otherwise curl would send POST for a request with data.
        const QString command = curlCommand(
            exchangeOf("GET", u"/users"_s, "x"_ba, {{"Content-Type"_ba, "text/plain"_ba}}),
            fallback);
        QVERIFY2(command.startsWith(u"curl -i -X GET "_s), qPrintable(command));
    }

    void framingAndHopByHopHeadersAreLeftToCurl()
    {
        const Exchange exchange = exchangeOf("DELETE", u"/users/3"_s, {},
                                             {{"host"_ba, "localhost"_ba},
                                              {"CONTENT-LENGTH"_ba, "0"_ba},
                                              {"connection"_ba, "close"_ba},
                                              {"Transfer-Encoding"_ba, "chunked"_ba},
                                              {"accept-encoding"_ba, "gzip"_ba},
                                              {"X-Kept"_ba, "yes"_ba}});
        QCOMPARE(curlCommand(exchange, fallback),
                 u"curl -i -X DELETE 'http://localhost/users/3' -H 'X-Kept: yes'"_s);
    }

    void hostThatIsNotAnAuthorityFallsBack_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::newRow("missing") << QByteArray();
        QTest::newRow("path in it") << "evil.example/x?"_ba;
        QTest::newRow("user info") << "user@evil.example"_ba;
        QTest::newRow("space") << "a b"_ba;
        QTest::newRow("bad port") << "localhost:99999"_ba;
    }

    void hostThatIsNotAnAuthorityFallsBack()
    {
        QFETCH(QByteArray, host);
        HttpHeaders headers;
        if (!host.isNull())
            headers.append({"Host"_ba, host});
        QCOMPARE(curlCommand(exchangeOf("GET", u"/health"_s, {}, headers),
                             QUrl(u"http://192.168.1.5:5001/ignored/path"_s)),
                 u"curl -i 'http://192.168.1.5:5001/health'"_s);
    }

    void ipv6Host()
    {
        QCOMPARE(curlCommand(exchangeOf("GET", u"/health"_s, {}, {{"Host"_ba, "[::1]:5000"_ba}}),
                             fallback),
                 u"curl -i 'http://[::1]:5000/health'"_s);
    }

    void emptyHeaderValueIsSentEmpty()
    {
        QCOMPARE(
            curlCommand(exchangeOf("GET", u"/health"_s, {}, {{"X-Empty"_ba, ""_ba}}), fallback),
            u"curl -i 'http://127.0.0.1:5000/health' -H 'X-Empty;'"_s);
    }

    void controlKeyComesFromTheEnvironment()
    {
        const QString command = curlCommand(
            exchangeOf("GET", u"/_dojo/faults"_s, {}, {{"X-Dojo-Key"_ba, "secret-key-123"_ba}}),
            fallback);
        QCOMPARE(command, u"curl -i 'http://127.0.0.1:5000/_dojo/faults' "
                          u"-H \"X-Dojo-Key: $APIDOJO_CONTROL_KEY\""_s);
    }

    void bodyWithoutContentTypeStaysWithout()
    {
        QCOMPARE(curlCommand(exchangeOf("POST", u"/login"_s, "{}"_ba), fallback),
                 u"curl -i -X POST 'http://127.0.0.1:5000/login' -H 'Content-Type:' "
                 "--data-raw '{}'"_s);
    }

    // The real proof: a POSIX shell hands curl exactly the request's pieces, whatever they hold.
    void nastyContentSurvivesTheShell_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("url");

        QTest::newRow("quotes") << R"({"name":"O'Brien \"Bob\""})"_ba
                                << "it's"_ba << u"/users"_s << u"http://localhost:5000/users"_s;
        QTest::newRow("shell syntax") << "$(rm -rf /) `id` $HOME \\ ; | & > < * ? ~ !"_ba
                                      << "$(id) `id`"_ba << u"/users?q=$(id)&x='"_s
                                      << u"http://localhost:5000/users?q=$(id)&x='"_s;
        QTest::newRow("line breaks and tabs")
            << "line 1\nline 2\r\n\tline 3\n\n"_ba
            << "a\tb"_ba << u"/users"_s << u"http://localhost:5000/users"_s;
        QTest::newRow("unicode") << "{\"name\":\"Zoë 😀 名前\"}"_ba
                                 << "Grüße"_ba << u"/users/%C3%BC"_s
                                 << u"http://localhost:5000/users/%C3%BC"_s;
        QTest::newRow("quote escape sequence itself")
            << "'\\''"_ba
            << "'\\''"_ba << u"/"_s << u"http://localhost:5000/"_s;
        QTest::newRow("leading dash and at")
            << "@/etc/passwd"_ba
            << "-X"_ba << u"/users"_s << u"http://localhost:5000/users"_s;
    }

    void nastyContentSurvivesTheShell()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, headerValue);
        QFETCH(QString, target);
        QFETCH(QString, url);
        const Exchange exchange = exchangeOf("PUT", target, body,
                                             {{"Host"_ba, "localhost:5000"_ba},
                                              {"Content-Type"_ba, "text/plain"_ba},
                                              {"X-Nasty"_ba, headerValue}});
        const ShellRun run = runInShell(curlCommand(exchange, fallback));
        QCOMPARE(run.arguments, (QStringList{u"-i"_s, u"-X"_s, u"PUT"_s, url, u"-H"_s,
                                             u"Content-Type: text/plain"_s, u"-H"_s,
                                             u"X-Nasty: "_s + QString::fromUtf8(headerValue),
                                             u"--data-raw"_s, QString::fromUtf8(body)}));
        QVERIFY(run.standardInput.isEmpty());
    }

    void binaryBodyIsPipedThroughPrintf()
    {
        QByteArray body;
        for (int byte = 0; byte < 256; ++byte)
            body.append(char(byte));
        body += "'\\%s%%\n"_ba;
        const Exchange exchange = exchangeOf("POST", u"/upload"_s, body,
                                             {{"Content-Type"_ba, "application/octet-stream"_ba}});
        const QString command = curlCommand(exchange, fallback);
        QVERIFY2(command.startsWith(u"printf '\\000\\001"_s), qPrintable(command.left(80)));
        const ShellRun run = runInShell(command);
        QCOMPARE(run.arguments,
                 (QStringList{u"-i"_s, u"-X"_s, u"POST"_s, u"http://127.0.0.1:5000/upload"_s,
                              u"-H"_s, u"Content-Type: application/octet-stream"_s,
                              u"--data-binary"_s, u"@-"_s}));
        QCOMPARE(run.standardInput, body);
    }

    void methodThatTheShellWouldReadIsQuoted()
    {
        const QString command = curlCommand(exchangeOf("GET'$(id)", u"/"_s), fallback);
        QCOMPARE(runInShell(command).arguments.mid(0, 3),
                 (QStringList{u"-i"_s, u"-X"_s, u"GET'$(id)"_s}));
    }
};

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
