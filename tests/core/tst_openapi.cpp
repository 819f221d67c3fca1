#include "apiservice.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

// The shipped OpenAPI document and the router must describe the same API.
class TestOpenApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QFile file(QStringLiteral(APIDOJO_OPENAPI_PATH));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        m_document = QJsonDocument::fromJson(file.readAll(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
    }

    void versionMatchesTheBuild()
    {
        QCOMPARE(m_document[u"openapi"_s].toString().left(2), u"3."_s);
        QCOMPARE(m_document[u"info"_s][u"version"_s].toString(), QStringLiteral(APIDOJO_VERSION));
    }

    void everyRouteIsDocumented()
    {
        const ApiService service(ServiceConfig{});
        const QJsonObject paths = m_document[u"paths"_s].toObject();
        QStringList documented;
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject operations = path.value().toObject();
            for (auto op = operations.begin(); op != operations.end(); ++op) {
                if (op.key() != u"parameters")
                    documented.append(op.key().toUpper() + u' ' + path.key());
            }
        }
        QStringList routes = service.router().routeNames();
        routes.sort();
        documented.sort();
        QCOMPARE(documented, routes);
    }

    void everyOperationDocumentsItsErrors()
    {
        const QJsonObject paths = m_document[u"paths"_s].toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject operations = path.value().toObject();
            for (auto op = operations.begin(); op != operations.end(); ++op) {
                if (op.key() == u"parameters")
                    continue;
                const QJsonObject responses = op.value()[u"responses"_s].toObject();
                QVERIFY2(!responses.isEmpty(), qPrintable(path.key()));
                const bool protectedRoute = op.value()[u"security"_s].toArray().size() > 0;
                if (protectedRoute)
                    QVERIFY2(responses.contains(u"401"_s), qPrintable(op.key() + path.key()));
            }
        }
    }

private:
    QJsonObject m_document;
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
