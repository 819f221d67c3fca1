#include "curlcommand.h"
#include "elidedlabel.h"
#include "guistyle.h"
#include "httpclient.h"
#include "inspectorpanel.h"
#include "jsonhighlighter.h"
#include "serverfixture.h"
#include "theme.h"
#include "tokendecoderdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTcpSocket>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace Qt::StringLiterals;

namespace {

const QByteArray apiSecret = "the inspector test's JWT secret, 32+ bytes long"_ba;

QColor textColor(const QWidget *widget)
{
    return widget->palette().color(QPalette::WindowText);
}

// The colours the highlighter put on the line of `view` that contains `piece`.
QList<QColor> coloursOnLineWith(const QPlainTextEdit *view, const QString &piece)
{
    QList<QColor> colours;
    for (QTextBlock block = view->document()->firstBlock(); block.isValid(); block = block.next()) {
        if (!block.text().contains(piece))
            continue;
        const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
        for (const QTextLayout::FormatRange &range : formats)
            colours.append(range.format.foreground().color());
        break;
    }
    return colours;
}

} // namespace

// The panel on real exchanges: the API on its worker thread, real HTTP from this thread, the
// Exchange values as the host records them.
class TestInspectorPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_originalFont = QApplication::font();
        QVERIFY(m_server.start());
        m_exchanges =
            std::make_unique<QSignalSpy>(&m_server.host(), &ServerHost::exchangesRecorded);
        m_server.host().setJwtSecret(apiSecret);
        m_client = std::make_unique<HttpClient>(m_server.baseUrl());

        const HttpResult login = m_client->sendJson("POST", u"/login?case=login"_s,
                                                    R"({"email": "admin@example.com"})"_ba);
        QCOMPARE(login.status, 200);
        m_token = login.json()[u"data"_s][u"token"_s].toString().toLatin1();
        QVERIFY(JwtCodec(apiSecret).verify(m_token, QDateTime::currentSecsSinceEpoch()).isValid());

        QCOMPARE(m_client->sendJson("GET", u"/users?case=valid"_s, {}, m_token).status, 200);
        const QJsonObject claims = JwtCodec::decode(m_token)->claims;
        m_forgedToken = JwtCodec("not the API's secret"_ba).sign(claims);
        // GET /users needs no token, so the API answers it anyway: only the inspector tells.
        QCOMPARE(m_client->sendJson("GET", u"/users?case=forged"_s, {}, m_forgedToken).status, 200);

        QCOMPARE(m_client->get(u"/users?case=plain"_s).status, 200);

        m_login = recorded(u"login"_s);
        m_valid = recorded(u"valid"_s);
        m_forged = recorded(u"forged"_s);
        m_plain = recorded(u"plain"_s);
        QVERIFY(m_login && m_valid && m_forged && m_plain);
    }

    void init()
    {
        m_panel = std::make_unique<InspectorPanel>();
        m_panel->setFallbackBaseUrl(m_server.baseUrl());
        m_panel->resize(700, 600);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup()
    {
        m_panel.reset();
        QApplication::setFont(m_originalFont);
    }

    void emptyStateBeforeAnExchange()
    {
        QCOMPARE(stack()->currentWidget(), widget<QWidget>("emptyPage"));
        QCOMPARE(label("emptyStateLabel")->text(),
                 u"Select a request in the log to see it in full"_s);
    }

    void loginShowsRequestAndPrettyResponse()
    {
        m_panel->showExchange(*m_login);
        QCOMPARE(stack()->currentWidget(), widget<QWidget>("exchangePage"));

        QCOMPARE(widget<ElidedLabel>("summaryRequestLabel")->text(), u"POST /login?case=login"_s);
        QCOMPARE(label("summaryStatusLabel")->text(), u"200 OK"_s);
        QCOMPARE(textColor(label("summaryStatusLabel")), GuiStyle::statusColor(200));
        QVERIFY(label("summaryDetailsLabel")->text().contains(u" · from 127.0.0.1:"_s));

        const QStringList requestHead = view("requestHeadView")->toPlainText().split(u'\n');
        QCOMPARE(requestHead.first(), u"POST /login?case=login"_s);
        QVERIFY(requestHead.contains(u"Content-Type: application/json"_s));
        QVERIFY(requestHead.contains(u"Host: "_s + m_server.baseUrl().authority()));
        QCOMPARE(view("requestBodyView")->toPlainText(),
                 u"{\n  \"email\": \"admin@example.com\"\n}"_s);

        const QStringList responseHead = view("responseHeadView")->toPlainText().split(u'\n');
        QCOMPARE(responseHead.first(), u"HTTP/1.1 200 OK"_s);
        QVERIFY(responseHead.contains(u"Cache-Control: no-store"_s));
        const QString responseBody = view("responseBodyView")->toPlainText();
        QVERIFY2(responseBody.startsWith(u"{\n  \"data\": {\n    \"access_token\": \""_s),
                 qPrintable(responseBody));
        QVERIFY(responseBody.endsWith(u",\n  \"status\": \"success\"\n}"_s));
        QVERIFY(responseBody.contains(u"\"token\": \""_s + QString::fromLatin1(m_token) + u'"'));
        // The JSON is coloured.
        const QList<QColor> statusLine =
            coloursOnLineWith(view("responseBodyView"), u"\"status\""_s);
        QVERIFY(
            statusLine.contains(JsonHighlighter::format(JsonTokenKind::Key).foreground().color()));
        QVERIFY(statusLine.contains(
            JsonHighlighter::format(JsonTokenKind::String).foreground().color()));

        // The tokens it issued are there to read.
        QVERIFY(tabs()->isTabEnabled(tabs()->indexOf(widget<QWidget>("tokenTab"))));
        QCOMPARE(label("timingClientLabel")->text(),
                 u"127.0.0.1:"_s + QString::number(m_login->request.clientPort));
        QCOMPARE(label("timingDeliveredLabel")->text(), u"Yes"_s);
        QCOMPARE(label("timingAnsweredByLabel")->text(), u"The API"_s);
        QCOMPARE(label("timingNoteLabel")->text(), u"—"_s);
    }

    void validTokenIsDecodedAndJudged()
    {
        m_panel->showExchange(*m_valid);
        QVERIFY(
            view("requestHeadView")
                ->toPlainText()
                .contains(u"\nAuthorization: Bearer "_s + QString::fromLatin1(m_token) + u'\n'));
        openTab("tokenTab");

        QCOMPARE(label("tokenVerdictLabel")->text(), u"Valid token"_s);
        QCOMPARE(textColor(label("tokenVerdictLabel")), GuiStyle::statusColor(200));
        QVERIFY(label("tokenExpiryLabel")->text().startsWith(u"Expires "_s));
        QVERIFY(label("tokenExpiryLabel")->text().endsWith(u" after the request"_s));
        QVERIFY(view("tokenHeaderView")->toPlainText().contains(u"\n  \"alg\": \"HS256\""_s));
        QVERIFY(view("tokenPayloadView")
                    ->toPlainText()
                    .contains(u"\n  \"email\": \"admin@example.com\""_s));
    }

    void forgedTokenIsCalledForged()
    {
        m_panel->showExchange(*m_forged);
        QCOMPARE(label("summaryStatusLabel")->text(), u"200 OK"_s);
        openTab("tokenTab");
        QCOMPARE(label("tokenVerdictLabel")->text(), u"Forged token"_s);
        QCOMPARE(textColor(label("tokenVerdictLabel")), GuiStyle::statusColor(500));
        // Forged, but what it claims is still there to read.
        QVERIFY(view("tokenPayloadView")->toPlainText().contains(u"\"role\": \"admin\""_s));
    }

    // At projector zoom a long request line ends in "…", never in half a letter.
    void longRequestLineIsElidedNotCut()
    {
        Exchange exchange = *m_plain;
        exchange.request.path = u"/users/"_s + QString(200, u'9');
        m_panel->showExchange(exchange);
        auto *line = widget<ElidedLabel>("summaryRequestLabel");
        const QString whole = u"GET "_s + exchange.request.path + u"?case=plain"_s;
        QCOMPARE(line->text(), whole);
        QTRY_VERIFY(line->QLabel::text().endsWith(u"…"_s));
        QVERIFY(line->fontMetrics().horizontalAdvance(line->QLabel::text()) <=
                line->contentsRect().width());
        QCOMPARE(line->toolTip(), whole);
        // The status beside it keeps its whole text.
        QCOMPARE(label("summaryStatusLabel")->text(), u"200 OK"_s);
        QVERIFY(label("summaryStatusLabel")->width() >=
                label("summaryStatusLabel")->fontMetrics().horizontalAdvance(u"200 OK"_s));

        m_panel->showExchange(*m_valid);
        QCOMPARE(line->QLabel::text(), u"GET /users?case=valid"_s);
        QVERIFY(!line->toolTip().contains(u"case=valid"_s));
    }

    // Colours set once (the verdict, the status) take a new projector theme's.
    void verdictAndStatusFollowATheme()
    {
        m_panel->showExchange(*m_forged);
        openTab("tokenTab");
        const QColor before = textColor(label("tokenVerdictLabel"));
        Theme::apply(Theme::Id::ProjectorDark);
        QTRY_COMPARE(textColor(label("tokenVerdictLabel")), GuiStyle::statusColor(500));
        QVERIFY(textColor(label("tokenVerdictLabel")) != before);
        QTRY_COMPARE(textColor(label("summaryStatusLabel")), GuiStyle::statusColor(200));
        Theme::apply(Theme::Id::Standard);
        QTRY_COMPARE(textColor(label("tokenVerdictLabel")), before);
    }

    void tokenTabIsLeftForAnExchangeWithoutToken()
    {
        m_panel->showExchange(*m_valid);
        openTab("tokenTab");
        QVERIFY(widget<QComboBox>("tokenChoice")->isHidden()); // one token: nothing to choose
        m_panel->showExchange(*m_plain);
        QCOMPARE(tabs()->currentWidget(), widget<QWidget>("requestTab"));
        QVERIFY(!tabs()->isTabEnabled(tabs()->indexOf(widget<QWidget>("tokenTab"))));
    }

    void tokensALoginIssuedAreDecoded()
    {
        m_panel->showExchange(*m_login);
        openTab("tokenTab");
        auto *choice = widget<QComboBox>("tokenChoice");
        QVERIFY(choice->isVisible());
        QCOMPARE(choice->count(), 2);
        QCOMPARE(choice->itemText(0), u"access_token in the response"_s);
        QCOMPARE(choice->itemText(1), u"refresh_token in the response"_s);
        QCOMPARE(label("tokenVerdictLabel")->text(), u"Issued token"_s);
        QVERIFY(view("tokenPayloadView")->toPlainText().contains(u"\"type\": \"access\""_s));
        choice->setCurrentIndex(1);
        QVERIFY(view("tokenPayloadView")->toPlainText().contains(u"\"type\": \"refresh\""_s));
    }

    // Each way the API refuses a token, over real sockets: the inspector shows the API's reason,
    // recorded with the exchange, and the error it answered.
    void refusedTokensShowTheApisReason_data()
    {
        QTest::addColumn<QString>("situation");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("reasonPart");
        QTest::addColumn<QString>("consequence");
        QTest::newRow("logged out") << u"logged out"_s << u"Revoked token"_s << u"POST /logout"_s
                                    << u"The API answered 401 TOKEN_REVOKED."_s;
        QTest::newRow("refresh token at me")
            << u"refresh at me"_s << u"Wrong token type"_s << u"refresh token"_s
            << u"The API answered 401 INVALID_TOKEN."_s;
        QTest::newRow("user deleted") << u"deleted"_s << u"User deleted"_s << u"no longer exists"_s
                                      << u"The API answered 401 INVALID_TOKEN."_s;
        QTest::newRow("not fresh") << u"not fresh"_s << u"Token not fresh"_s << u"/refresh"_s
                                   << u"The API answered 401 FRESH_TOKEN_REQUIRED."_s;
        QTest::newRow("malformed") << u"malformed"_s << u"Malformed token"_s << u"base64url"_s
                                   << u"The API answered 401 INVALID_TOKEN."_s;
        QTest::newRow("forged at me") << u"forged"_s << u"Forged token"_s << u"signature"_s
                                      << u"The API answered 401 INVALID_TOKEN."_s;
    }

    void refusedTokensShowTheApisReason()
    {
        QFETCH(QString, situation);
        QFETCH(QString, title);
        QFETCH(QString, reasonPart);
        QFETCH(QString, consequence);

        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        const QByteArray token = tokenFor(situation);
        QVERIFY(!token.isEmpty());
        const QByteArray method = situation == u"not fresh" ? "DELETE" : "GET";
        const HttpResult refused = m_client->sendJson(
            method, u"/me?case="_s + QString::fromLatin1(QUrl::toPercentEncoding(tag)), {}, token);
        QCOMPARE(refused.status, 401);
        const std::optional<Exchange> exchange = recorded(tag);
        QVERIFY(exchange);

        m_panel->showExchange(*exchange);
        openTab("tokenTab");
        QCOMPARE(label("tokenVerdictLabel")->text(), title);
        QVERIFY2(label("tokenReasonLabel")->text().contains(reasonPart),
                 qPrintable(label("tokenReasonLabel")->text()));
        QCOMPARE(label("tokenConsequenceLabel")->text(), consequence);
        QCOMPARE(consequence.section(u' ', 4, 4).chopped(1),
                 refused.json()[u"error_code"_s].toString());
    }

    // A sandbox signs with its own secret: its tokens are valid there, forged in the class API.
    void sandboxTokenIsJudgedByItsSandbox()
    {
        const QByteArray token =
            m_client->sendJson("POST", u"/s/alice/login"_s, R"({"email": "admin@example.com"})"_ba)
                .json()[u"data"_s][u"token"_s]
                .toString()
                .toLatin1();
        QCOMPARE(m_client->sendJson("GET", u"/s/alice/me?case=sandbox"_s, {}, token).status, 200);
        QCOMPARE(
            m_client->sendJson("GET", u"/me?case=sandbox%20token%20in%20class"_s, {}, token).status,
            401);
        const std::optional<Exchange> inSandbox = recorded(u"sandbox"_s);
        const std::optional<Exchange> inClass = recorded(u"sandbox token in class"_s);
        QVERIFY(inSandbox && inClass);
        m_panel->showExchange(*inSandbox);
        QCOMPARE(label("tokenVerdictLabel")->text(), u"Valid token"_s);
        m_panel->showExchange(*inClass);
        QCOMPARE(label("tokenVerdictLabel")->text(), u"Forged token"_s);
    }

    // Tools ▸ Decode Token…: a pasted token judged by the running API, now.
    void decoderJudgesAPastedTokenWithTheServersRules()
    {
        TokenDecoderDialog decoder(
            [this](const QByteArray &token, QObject *context, TokenDecoderDialog::Verdict done) {
                m_server.host().judgeToken(token, context, std::move(done));
            });
        decoder.show();
        auto *input = decoder.findChild<QPlainTextEdit *>(u"tokenInput"_s);
        auto *verdict = decoder.findChild<QLabel *>(u"tokenVerdictLabel"_s);
        auto *judgedBy = decoder.findChild<QLabel *>(u"judgedByLabel"_s);
        QVERIFY(input && verdict && judgedBy);

        input->setPlainText(u"Bearer "_s + QString::fromLatin1(m_token));
        QTRY_COMPARE(verdict->text(), u"Valid token"_s);
        QVERIFY(judgedBy->text().startsWith(u"Judged by the class API at "_s));
        QVERIFY(decoder.findChild<QPlainTextEdit *>(u"tokenPayloadView"_s)
                    ->toPlainText()
                    .contains(u"\"email\": \"admin@example.com\""_s));

        input->setPlainText(QString::fromLatin1(tokenFor(u"logged out"_s)));
        QTRY_COMPARE(verdict->text(), u"Revoked token"_s);
        input->setPlainText(QString::fromLatin1(m_forgedToken));
        QTRY_COMPARE(verdict->text(), u"Forged token"_s);
        input->setPlainText(u"not a token"_s);
        QTRY_COMPARE(verdict->text(), u"Malformed token"_s);
        // A refresh token is judged as what it is: the decoder has no route to expect a type.
        input->setPlainText(QString::fromLatin1(tokenFor(u"refresh at me"_s)));
        QTRY_COMPARE(verdict->text(), u"Valid token"_s);
        QCOMPARE(TokenDecoderDialog::tokenFrom(u"Authorization: bearer a.b\n.c "_s), "a.b.c"_ba);
    }

    void copyButtonsFillTheClipboard()
    {
        m_panel->showExchange(*m_valid);
        QSignalSpy copied(m_panel.get(), &InspectorPanel::copiedToClipboard);

        QTest::mouseClick(widget<QPushButton>("copyCurlButton"), Qt::LeftButton);
        const QString command = QGuiApplication::clipboard()->text();
        QCOMPARE(command, curlCommand(*m_valid, m_server.baseUrl()));
        QVERIFY2(command.startsWith(u"curl -i '"_s + m_server.baseUrl().toString() +
                                    u"/users?case=valid' "_s),
                 qPrintable(command));
        QVERIFY(command.contains(u"-H 'Authorization: Bearer "_s + QString::fromLatin1(m_token) +
                                 u'\''));
        QCOMPARE(copied.size(), 1);

        QTest::mouseClick(widget<QPushButton>("copyResponseBodyButton"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromUtf8(m_valid->response.body));
        QCOMPARE(copied.size(), 2);
    }

    // The copied command, run by a shell and the real curl, gets the same answer from the API.
    void copiedCurlCommandReproducesTheRequest()
    {
        if (QStandardPaths::findExecutable(u"curl"_s).isEmpty())
            QSKIP("curl is not installed");
        m_panel->showExchange(*m_valid);
        QTest::mouseClick(widget<QPushButton>("copyCurlButton"), Qt::LeftButton);

        QProcess shell;
        shell.start(u"/bin/sh"_s, {u"-c"_s, QGuiApplication::clipboard()->text()});
        QVERIFY(shell.waitForFinished(20000));
        QCOMPARE(shell.exitCode(), 0);
        const QByteArray output = shell.readAllStandardOutput();
        QVERIFY2(output.startsWith("HTTP/1.1 200 OK\r\n"), output.constData());
        QVERIFY(output.endsWith(m_valid->response.body));
    }

    void guardRejectionHasNoRequestToCopy()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(m_server.baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("\x01\x02 garbage\r\n\r\n");
        const std::optional<Exchange> rejected =
            recordedWhere([](const Exchange &exchange) { return exchange.rejectedByGuard; });
        QVERIFY(rejected);

        m_panel->showExchange(*rejected);
        QCOMPARE(label("summaryStatusLabel")->text(), u"400 Bad Request"_s);
        QCOMPARE(label("timingAnsweredByLabel")->text(),
                 u"The server's guard: the request never reached the API"_s);
        QCOMPARE(label("timingNoteLabel")->text(), rejected->note);
        QVERIFY(label("summaryDetailsLabel")->text().contains(u"refused by the server's guard"_s));
        QCOMPARE(widget<QPushButton>("copyCurlButton")->isEnabled(),
                 !rejected->request.method.isEmpty());
    }

    void faultedExchangeSaysWhichRuleAndWhat()
    {
        FaultRule teapot;
        teapot.method = "GET";
        teapot.path = u"/users/*"_s;
        teapot.action.status = 418;
        FaultPlan plan;
        plan.rules = {teapot};
        QSignalSpy planChanged(&m_server.host(), &ServerHost::faultPlanChanged);
        m_server.host().setFaultPlan(plan);
        QVERIFY(planChanged.wait(5000));
        QCOMPARE(m_client->get(u"/users/2?case=faulted"_s).status, 418);
        m_server.host().setFaultPlan(plan.allOff());
        const std::optional<Exchange> faulted = recorded(u"faulted"_s);
        QVERIFY(faulted);

        m_panel->showExchange(*faulted);
        QLabel *faults = label("summaryFaultsLabel");
        QVERIFY(faults->isVisible());
        QCOMPARE(faults->text(), u"\u26A1 Injected by the fault plan:\n"
                                 u"Rule 1 (GET /users/*): 418 I'm a teapot"_s);
        QCOMPARE(textColor(faults), GuiStyle::faultColor());

        m_panel->showExchange(*m_valid);
        QVERIFY(!faults->isVisible());
    }

    void aBodyTheLogCutShortSaysSo()
    {
        Exchange cut = *m_valid;
        cut.response.body = QByteArray(32 * 1024, 'a');
        cut.responseBodyBytesCut = 1024 * 1024 - 32 * 1024;
        m_panel->showExchange(cut);
        QVERIFY2(view("responseBodyView")
                     ->toPlainText()
                     .endsWith(u"[… the log kept the first 32.0 KB of this 1.0 MB body]"_s),
                 qPrintable(view("responseBodyView")->toPlainText().right(80)));
        QVERIFY(!widget<QPushButton>("copyResponseBodyButton")->isEnabled());
        QVERIFY(widget<QPushButton>("copyCurlButton")->isEnabled()); // the request is whole
    }

    void clearShowsTheEmptyStateAgain()
    {
        m_panel->showExchange(*m_valid);
        m_panel->clear();
        QCOMPARE(stack()->currentWidget(), widget<QWidget>("emptyPage"));
        QVERIFY(!m_panel->shownExchange());
    }

    // Zoom: the main window changes the application font; every text of the panel follows it.
    void textFollowsTheApplicationFont()
    {
        m_panel->showExchange(*m_valid);
        const QList<QWidget *> texts{view("requestBodyView"),
                                     view("responseHeadView"),
                                     label("summaryStatusLabel"),
                                     label("summaryDetailsLabel"),
                                     label("tokenVerdictLabel"),
                                     label("timingClientLabel"),
                                     widget<QPushButton>("copyCurlButton"),
                                     tabs()->tabBar()};
        const auto heights = [&texts] {
            QList<int> result;
            for (const QWidget *text : texts)
                result.append(text->fontMetrics().height());
            return result;
        };

        setApplicationFontSize(10);
        if (QTest::currentTestFailed())
            return;
        const QList<int> small = heights();
        setApplicationFontSize(20);
        if (QTest::currentTestFailed())
            return;
        const QList<int> large = heights();
        for (qsizetype i = 0; i < texts.size(); ++i)
            QVERIFY2(large[i] > small[i], qPrintable(texts[i]->objectName()));

        // Code keeps its fixed-pitch family; the verdict stays bigger than the text around it.
        QCOMPARE(view("requestBodyView")->font().families(), GuiStyle::monospaceFont().families());
        QCOMPARE(view("requestBodyView")->document()->defaultFont().pointSizeF(), 20.0);
        QVERIFY(label("tokenVerdictLabel")->fontMetrics().height() >
                label("tokenReasonLabel")->fontMetrics().height());
    }

    // Last: it changes the API's secret. A token from before the trainer regenerated the secret
    // still shows as the API judged it then.
    void regeneratedSecretKeepsEarlierVerdicts()
    {
        const QByteArray newSecret = "the secret after the trainer regenerated it"_ba;
        m_server.host().setJwtSecret(newSecret);
        QCOMPARE(m_client->sendJson("DELETE", u"/users/2?case=regenerated"_s, {}, m_token).status,
                 401);
        const std::optional<Exchange> afterwards = recorded(u"regenerated"_s);
        QVERIFY(afterwards);

        m_panel->showExchange(*m_valid);
        QCOMPARE(label("tokenVerdictLabel")->text(), u"Valid token"_s);
        m_panel->showExchange(*afterwards);
        QCOMPARE(widget<ElidedLabel>("summaryRequestLabel")->text(),
                 u"DELETE /users/2?case=regenerated"_s);
        QCOMPARE(label("summaryStatusLabel")->text(), u"401 Unauthorized"_s);
        QCOMPARE(textColor(label("summaryStatusLabel")), GuiStyle::statusColor(401));
        QVERIFY(view("responseBodyView")
                    ->toPlainText()
                    .contains(u"\"error_code\": \"INVALID_TOKEN\""_s));
        QCOMPARE(label("tokenVerdictLabel")->text(), u"Forged token"_s);
        QCOMPARE(textColor(label("tokenVerdictLabel")), GuiStyle::statusColor(500));
    }

private:
    // A token in the given state, made through the API.
    QByteArray tokenFor(const QString &situation)
    {
        const auto loginAs = [this](const QByteArray &email) {
            return m_client->sendJson("POST", u"/login"_s, R"({"email": ")" + email + R"("})")
                .json()[u"data"_s]
                .toObject();
        };
        if (situation == u"logged out") {
            const QByteArray token = loginAs("john@example.com")[u"token"_s].toString().toLatin1();
            if (m_client->sendJson("POST", u"/logout"_s, {}, token).status != 200)
                return {};
            return token;
        }
        if (situation == u"refresh at me")
            return loginAs("john@example.com")[u"refresh_token"_s].toString().toLatin1();
        if (situation == u"deleted") {
            static int created = 0;
            const QByteArray email = "gone" + QByteArray::number(++created) + "@example.com";
            const HttpResult user = m_client->sendJson(
                "POST", u"/users"_s, R"({"name":"Gone","age":30,"email":")" + email + R"("})",
                m_token);
            const QByteArray token = loginAs(email)[u"token"_s].toString().toLatin1();
            const QString id = QString::number(user.json()[u"data"_s][u"id"_s].toInteger());
            if (m_client->sendJson("DELETE", u"/users/"_s + id, {}, m_token).status != 200)
                return {};
            return token;
        }
        if (situation == u"not fresh") {
            const QByteArray refresh =
                loginAs("john@example.com")[u"refresh_token"_s].toString().toLatin1();
            return m_client->sendJson("POST", u"/refresh"_s, {}, refresh)
                .json()[u"data"_s][u"access_token"_s]
                .toString()
                .toLatin1();
        }
        if (situation == u"malformed")
            return "abc";
        if (situation == u"forged")
            return m_forgedToken;
        return {};
    }

    template<typename T>
    T *widget(const char *name) const
    {
        T *found = m_panel->findChild<T *>(QString::fromLatin1(name));
        if (!found)
            qFatal("no widget %s", name);
        return found;
    }
    QLabel *label(const char *name) const { return widget<QLabel>(name); }
    QPlainTextEdit *view(const char *name) const { return widget<QPlainTextEdit>(name); }
    QStackedWidget *stack() const { return widget<QStackedWidget>("inspectorStack"); }
    QTabWidget *tabs() const { return widget<QTabWidget>("inspectorTabs"); }

    void openTab(const char *name)
    {
        QTabBar *bar = tabs()->tabBar();
        const int index = tabs()->indexOf(widget<QWidget>(name));
        QVERIFY(tabs()->isTabEnabled(index));
        QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(index).center());
        QCOMPARE(tabs()->currentIndex(), index);
    }

    // Qt 6.4 delivers an application font change to the widgets through the event loop.
    void setApplicationFontSize(qreal points)
    {
        QFont font = m_originalFont;
        font.setPointSizeF(points);
        QApplication::setFont(font);
        QTRY_COMPARE(m_panel->font().pointSizeF(), points);
    }

    // The first recorded exchange that matches, waiting for further batches while none does.
    template<typename Predicate>
    std::optional<Exchange> recordedWhere(Predicate matches)
    {
        do {
            for (const QList<QVariant> &batch : std::as_const(*m_exchanges)) {
                for (const Exchange &exchange : batch[0].value<QList<Exchange>>()) {
                    if (matches(exchange))
                        return exchange;
                }
            }
        } while (m_exchanges->wait(5000));
        return std::nullopt;
    }

    std::optional<Exchange> recorded(const QString &testCase)
    {
        return recordedWhere([&](const Exchange &exchange) {
            return exchange.request.query.queryItemValue(u"case"_s) == testCase;
        });
    }

    QFont m_originalFont;
    ServerFixture m_server;
    std::unique_ptr<QSignalSpy> m_exchanges;
    std::unique_ptr<HttpClient> m_client;
    QByteArray m_token;
    QByteArray m_forgedToken;
    std::optional<Exchange> m_login;
    std::optional<Exchange> m_plain;
    std::optional<Exchange> m_valid;
    std::optional<Exchange> m_forged;
    std::unique_ptr<InspectorPanel> m_panel;
};

QTEST_MAIN(TestInspectorPanel)
#include "tst_inspectorpanel.moc"
