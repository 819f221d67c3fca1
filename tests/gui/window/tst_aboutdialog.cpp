#include "aboutdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTest>
#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace {

const QString Homepage = u"https://github.com/apidojo/apidojo"_s;

// Receives what QDesktopServices would open in a browser.
class UrlCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public slots:
    void open(const QUrl &url) { urls.append(url); }
};

QString runtimeOpenSsl()
{
    return QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
}

} // namespace

class TestAboutDialog : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_baseFont = QApplication::font();
        m_dialog = std::make_unique<AboutDialog>();
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    void cleanup()
    {
        m_dialog.reset();
        QApplication::setFont(m_baseFont);
    }

    void showsNameVersionAndLibraries()
    {
        QCOMPARE(label("nameLabel")->text(), u"ApiDojo"_s);
        QCOMPARE(label("versionLabel")->text(), u"Version "_s + QStringLiteral(APIDOJO_VERSION));
        QVERIFY(label("licenceLabel")->text().startsWith(u"Licence: MIT"_s));
        QVERIFY(!label("descriptionLabel")->text().isEmpty());
        const QString qt = label("qtLabel")->text();
        QVERIFY2(qt.contains(QString::fromLatin1(qVersion())), qPrintable(qt));
        QVERIFY2(qt.contains(u"built with Qt "_s + QStringLiteral(QT_VERSION_STR)), qPrintable(qt));
        const QString openSsl = label("openSslLabel")->text();
        QVERIFY2(openSsl.startsWith(u"OpenSSL "_s), qPrintable(openSsl));
        QCOMPARE(openSsl, runtimeOpenSsl());
    }

    void everyTextIsSelectable()
    {
        for (const QLabel *text : m_dialog->findChildren<QLabel *>()) {
            if (text->objectName() == u"iconLabel"_s)
                continue;
            QVERIFY2(text->textInteractionFlags().testFlag(Qt::TextSelectableByMouse),
                     qPrintable(text->objectName()));
        }
    }

    void homepageIsAClickableLink()
    {
        QLabel *link = label("homepageLabel");
        QCOMPARE(link->textFormat(), Qt::RichText);
        QVERIFY(link->openExternalLinks());
        QVERIFY2(link->text().contains(u"<a href=\"%1\">"_s.arg(Homepage)),
                 qPrintable(link->text()));

        UrlCatcher catcher;
        QDesktopServices::setUrlHandler(u"https"_s, &catcher, "open");
        // The link is the label's whole text, which starts at its left edge.
        QTest::mouseClick(link, Qt::LeftButton, {}, QPoint(4, link->height() / 2));
        QDesktopServices::unsetUrlHandler(u"https"_s);
        QCOMPARE(catcher.urls, QList<QUrl>{QUrl(Homepage)});
    }

    void copyPutsTheVersionBlockOnTheClipboard()
    {
        QApplication::clipboard()->clear();
        auto *copy = m_dialog->findChild<QPushButton *>(u"copyButton"_s);
        QVERIFY(copy);
        const QString idleText = copy->text();
        QTest::mouseClick(copy, Qt::LeftButton);
        const QString expected = u"ApiDojo "_s + QStringLiteral(APIDOJO_VERSION) + u'\n' +
                                 u"Qt "_s + QString::fromLatin1(qVersion()) +
                                 u" (built with Qt "_s + QStringLiteral(QT_VERSION_STR) + u")\n"_s +
                                 runtimeOpenSsl() + u'\n' + u"OS: "_s +
                                 QSysInfo::prettyProductName();
        QCOMPARE(QApplication::clipboard()->text(), expected);
        QCOMPARE(copy->text(), u"Copied"_s);
        QTRY_COMPARE(copy->text(), idleText);
    }

    void closeButtonClosesTheDialog()
    {
        QSignalSpy finished(m_dialog.get(), &QDialog::finished);
        auto *buttons = m_dialog->findChild<QDialogButtonBox *>(u"buttonBox"_s);
        QPushButton *close = buttons->button(QDialogButtonBox::Close);
        QVERIFY(close);
        QVERIFY(close->isDefault());
        QTest::mouseClick(close, Qt::LeftButton);
        QVERIFY(!m_dialog->isVisible());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(m_dialog->result(), int(QDialog::Rejected));
    }

    void iconShowsWhenTheResourceIsThere()
    {
        // The icon's resource belongs to the executable; this test runs without it.
        QLabel *icon = label("iconLabel");
        if (QFile::exists(u":/icons/apidojo.svg"_s)) {
            QVERIFY(icon->isVisible());
            QCOMPARE(icon->pixmap().deviceIndependentSize().toSize(), QSize(96, 96));
        } else {
            QVERIFY(icon->isHidden());
            QVERIFY(label("nameLabel")->isVisible());
        }
    }

    void followsTheZoom()
    {
        QLabel *name = label("nameLabel");
        const QSize before = m_dialog->size();
        QVERIFY(name->font().pointSizeF() > m_dialog->font().pointSizeF());
        QFont zoomed = m_baseFont;
        zoomed.setPointSizeF(m_baseFont.pointSizeF() * 2);
        QApplication::setFont(zoomed);
        QTRY_COMPARE(m_dialog->font().pointSizeF(), zoomed.pointSizeF());
        QTRY_COMPARE(name->font().pointSizeF(), zoomed.pointSizeF() * 1.6);
        QVERIFY(name->font().bold());
        // The dialog grows to its text: nothing is cut off.
        QTRY_VERIFY(m_dialog->width() > before.width() && m_dialog->height() > before.height());
        for (const QLabel *text : m_dialog->findChildren<QLabel *>()) {
            if (text->isVisible())
                QVERIFY2(text->width() >= text->minimumSizeHint().width(),
                         qPrintable(text->objectName()));
        }
    }

private:
    QLabel *label(const char *name) const
    {
        auto *found = m_dialog->findChild<QLabel *>(QString::fromLatin1(name));
        if (!found)
            qFatal("no label %s", name);
        return found;
    }

    QFont m_baseFont;
    std::unique_ptr<AboutDialog> m_dialog;
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
