// The bare reference server for bench/run.sh: the same GET /users and POST /login answers as
// ApiDojo straight from QHttpServer, with no store, router, worker thread or logging.

#include <QByteArray>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <algorithm>
#include <cstdio>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

using namespace Qt::StringLiterals;

namespace {

// Same users, field order and timestamp format as ApiDojo's seed, serialised as QJsonDocument
// would (keys sorted, compact).
const QByteArray adminUserJson =
    R"({"age":30,"created_at":"2026-02-18T10:30:00.000000","email":"admin@example.com","id":1,)"
    R"("name":"Admin User","role":"admin","updated_at":"2026-02-18T10:30:00.000000"})"_ba;
const QByteArray johnUserJson =
    R"({"age":25,"created_at":"2026-02-18T10:30:00.000000","email":"john@example.com","id":2,)"
    R"("name":"John Doe","role":"user","updated_at":"2026-02-18T10:30:00.000000"})"_ba;

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), count) != 1)
        qFatal("RAND_bytes failed");
    return bytes;
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Signs fresh HS256 tokens, so /login costs what a real login costs: claims with the current time
// and a random jti, base64url, one HMAC-SHA256 over the signing input. Same claims, in the same
// order, as ApiDojo's access and refresh tokens of the seeded admin.
class TokenSigner
{
public:
    enum class Type { Access, Refresh };

    TokenSigner()
        : m_secret(randomBytes(32))
        , m_headerSegment(base64Url(R"({"alg":"HS256","typ":"JWT"})"_ba))
    {}

    QByteArray sign(Type type)
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const bool access = type == Type::Access;
        const qint64 lifetime = access ? 3600 : 7 * 24 * 3600;
        const QByteArray claims = R"({"email":"admin@example.com","exp":)"_ba +
                                  QByteArray::number(now + lifetime) + R"(,"fresh":)"_ba +
                                  (access ? "true"_ba : "false"_ba) + R"(,"iat":)"_ba +
                                  QByteArray::number(now) + R"(,"jti":")"_ba + nextJti() +
                                  R"(","role":"admin","sub":"1","type":")"_ba +
                                  (access ? "access"_ba : "refresh"_ba) + R"("})"_ba;
        const QByteArray signingInput = m_headerSegment + '.' + base64Url(claims);

        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned int macLength = 0;
        if (!HMAC(EVP_sha256(), m_secret.constData(), static_cast<int>(m_secret.size()),
                  reinterpret_cast<const unsigned char *>(signingInput.constData()),
                  static_cast<size_t>(signingInput.size()), mac, &macLength)) {
            qFatal("HMAC failed");
        }
        const QByteArray signature(reinterpret_cast<const char *>(mac),
                                   static_cast<qsizetype>(macLength));
        return signingInput + '.' + base64Url(signature);
    }

private:
    // ApiDojo's jti shape: a rising 16-hex-digit sequence, '-', 8 random bytes in hex.
    QByteArray nextJti()
    {
        m_sequence = std::max(m_sequence + 1, quint64(QDateTime::currentMSecsSinceEpoch()) * 1000);
        return QByteArray::number(m_sequence, 16).rightJustified(16, '0') + '-' +
               randomBytes(8).toHex();
    }

    QByteArray m_secret;
    QByteArray m_headerSegment;
    quint64 m_sequence = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"apidojo_bench_baseline"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Bare QHttpServer answering GET /users and POST /login like ApiDojo."_s);
    parser.addHelpOption();
    const QCommandLineOption portOption(u"port"_s, u"Port on 127.0.0.1 (0 = any free port)."_s,
                                        u"N"_s, u"0"_s);
    parser.addOption(portOption);
    parser.process(app);

    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        std::fprintf(stderr, "invalid --port: %s\n", qPrintable(parser.value(portOption)));
        return 2;
    }

    const QByteArray usersBody =
        R"({"data":{"count":2,"users":[)"_ba + adminUserJson + ',' + johnUserJson +
        R"(]},"message":"Retrieved 2 user(s) successfully",)"_ba + R"("status":"success"})"_ba;
    // ApiDojo's login answer, keys sorted as QJsonDocument writes them.
    const QByteArray loginAccess = R"({"data":{"access_token":")"_ba;
    const QByteArray loginRefresh = R"(","expires_in":3600,"refresh_token":")"_ba;
    const QByteArray loginToken = R"(","token":")"_ba;
    const QByteArray loginSuffix = R"(","token_type":"Bearer","user":)"_ba + adminUserJson +
                                   R"(},"message":"Login successful","status":"success"})"_ba;
    TokenSigner signer;

    // The missing handler with no routes is ApiDojo's own entry point and the cheapest path
    // through QHttpServer 6.4 (no rule matching, no QHttpServerResponse).
    QHttpServer server;
    server.setMissingHandler(
        [&](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            const QHttpServerRequest::Method method = request.method();
            const QString path = request.url().path();
            if (method == QHttpServerRequest::Method::Get && path == u"/users") {
                responder.write(usersBody, {{"Content-Type"_ba, "application/json"_ba},
                                            {"Access-Control-Allow-Origin"_ba, "*"_ba}});
            } else if (method == QHttpServerRequest::Method::Post && path == u"/login") {
                const QByteArray access = signer.sign(TokenSigner::Type::Access);
                const QByteArray refresh = signer.sign(TokenSigner::Type::Refresh);
                responder.write(loginAccess + access + loginRefresh + refresh + loginToken +
                                    access + loginSuffix,
                                {{"Content-Type"_ba, "application/json"_ba},
                                 {"Access-Control-Allow-Origin"_ba, "*"_ba},
                                 {"Cache-Control"_ba, "no-store"_ba},
                                 {"Pragma"_ba, "no-cache"_ba}});
            } else {
                responder.write(QHttpServerResponder::StatusCode::NotFound);
            }
        });

    const quint16 boundPort = server.listen(QHostAddress::LocalHost, static_cast<quint16>(port));
    if (boundPort == 0) {
        std::fprintf(stderr, "cannot listen on 127.0.0.1:%u\n", port);
        return 1;
    }
    std::printf("listening on http://127.0.0.1:%u\n", static_cast<unsigned>(boundPort));
    std::fflush(stdout);

    return QCoreApplication::exec();
}
