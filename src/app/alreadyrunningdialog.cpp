#include "alreadyrunningdialog.h"

#include "singleinstance.h"

#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

AlreadyRunningDialog::AlreadyRunningDialog(std::optional<quint16> port, QWidget *parent)
    : QMessageBox(parent)
{
    setObjectName(u"alreadyRunningDialog"_s);
    setIcon(QMessageBox::Information);
    setWindowTitle(tr("ApiDojo"));
    setText(port.value_or(0) != 0 ? tr("ApiDojo is already running (port %1).").arg(*port)
                                  : tr("ApiDojo is already running."));
    setInformativeText(
        tr("Its window has your class, its data and its settings. A second window would "
           "overwrite its settings, so this one does not open.\n\n"
           "To run a second one deliberately, one that saves no settings, start:\n"
           "apidojo --new-instance"));
    // Wide enough for short lines, at any zoom.
    if (auto *details = findChild<QLabel *>(u"qt_msgbox_informativelabel"_s))
        details->setMinimumWidth(details->fontMetrics().averageCharWidth() * 60);
    m_bringToFront = addButton(tr("Bring it to front"), QMessageBox::AcceptRole);
    m_bringToFront->setObjectName(u"bringToFrontButton"_s);
    QPushButton *quit = addButton(tr("Quit"), QMessageBox::RejectRole);
    quit->setObjectName(u"quitButton"_s);
    setEscapeButton(quit); // Escape and the title bar's close quit too
    setDefaultButton(m_bringToFront);
}

int AlreadyRunningDialog::askAbout(const SingleInstance &running)
{
    AlreadyRunningDialog dialog(running.runningPort());
    dialog.exec();
    if (dialog.clickedButton() == dialog.bringToFrontButton())
        running.bringRunningToFront();
    return 0;
}
