#include "faultplanfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FaultPlanFile", text);
}

FaultPlanJson::Parsed failure(const QString &error)
{
    FaultPlanJson::Parsed failed;
    failed.error = error;
    return failed;
}

} // namespace

namespace FaultPlanFile {

FaultPlanJson::Parsed importPlan(const QString &path)
{
    // A FIFO or a device could block the open or the read for ever (and the window with it).
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return failure(tr("The file cannot be read: it is not a regular file."));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(tr("The file cannot be read: %1.").arg(file.errorString()));
    // One byte past the limit tells a file that is too large, whatever size() says.
    const QByteArray bytes = file.read(MaxFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return failure(tr("The file cannot be read: %1.").arg(file.errorString()));
    if (bytes.size() > MaxFileBytes) {
        return failure(tr("The file is larger than %1 MiB, too large to be a fault plan.")
                           .arg(MaxFileBytes / (1024 * 1024)));
    }
    return FaultPlanJson::fromBytes(bytes);
}

QString exportPlan(const FaultPlan &plan, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("The file cannot be written: %1.").arg(file.errorString());
    const QByteArray bytes = FaultPlanJson::toBytes(plan);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return tr("The file cannot be written: %1.").arg(file.errorString());
    return {};
}

} // namespace FaultPlanFile
