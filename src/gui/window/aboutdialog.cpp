#include "aboutdialog.h"

#include "guistyle.h"
#include "ui_aboutdialog.h"

#include <QClipboard>
#include <QEvent>
#include <QFile>
#include <QGuiApplication>
#include <QIcon>
#include <QPushButton>
#include <QSysInfo>
#include <QTimer>
#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int IconSize = 96;
constexpr int CopiedFeedbackMs = 2000;

QString qtVersions()
{
    return u"Qt %1 (built with Qt %2)"_s.arg(QString::fromLatin1(qVersion()),
                                             QStringLiteral(QT_VERSION_STR));
}

// The library loaded at run time, which may be newer than the headers built against.
QString openSslVersion()
{
    return QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
}

QString versionInfo()
{
    return QStringList{u"ApiDojo "_s + QStringLiteral(APIDOJO_VERSION), qtVersions(),
                       openSslVersion(), u"OS: "_s + QSysInfo::prettyProductName()}
        .join(u'\n');
}

} // namespace

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);
    showIcon();
    updateNameFont();
    m_ui->versionLabel->setText(u"Version "_s + QStringLiteral(APIDOJO_VERSION));
    m_ui->descriptionLabel->setText(QString::fromUtf8(APIDOJO_DESCRIPTION));
    m_ui->qtLabel->setText(qtVersions());
    m_ui->openSslLabel->setText(openSslVersion());
    const QString homepage = QString::fromUtf8(APIDOJO_HOMEPAGE).toHtmlEscaped();
    m_ui->homepageLabel->setText(u"<a href=\"%1\">%1</a>"_s.arg(homepage));
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setDefault(true);
    m_copyButtonText = m_ui->copyButton->text();
    connect(m_ui->copyButton, &QPushButton::clicked, this, &AboutDialog::copyVersionInfo);
}

AboutDialog::~AboutDialog() = default;

void AboutDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateNameFont();
}

void AboutDialog::showIcon()
{
    // The icon is compiled into the executable, not the library: without it the text stands alone.
    const QString path = u":/icons/apidojo.svg"_s;
    const QPixmap pixmap = QFile::exists(path)
                               ? QIcon(path).pixmap(QSize(IconSize, IconSize), devicePixelRatioF())
                               : QPixmap();
    m_ui->iconLabel->setPixmap(pixmap);
    m_ui->iconLabel->setVisible(!pixmap.isNull());
}

void AboutDialog::updateNameFont()
{
    // Derived again on every change of the dialog's font, so that it follows the window's zoom.
    m_ui->nameLabel->setFont(GuiStyle::emphasisedFont(font(), 1.6));
}

void AboutDialog::copyVersionInfo()
{
    QGuiApplication::clipboard()->setText(versionInfo());
    // Feedback that the click did something; the form's text comes back after a moment.
    m_ui->copyButton->setText(u"Copied"_s);
    QTimer::singleShot(CopiedFeedbackMs, this,
                       [this] { m_ui->copyButton->setText(m_copyButtonText); });
}
