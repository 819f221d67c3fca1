#include "faultplanfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FaultPlanFile", text);
}

// A fault plan is a few kilobytes; anything far larger is not one, and is not read into memory.
constexpr qint64 MaxFileBytes = 16 * 1024 * 1024;

} // namespace

namespace FaultPlanFile {

FaultPlanJson::Parsed importPlan(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        FaultPlanJson::Parsed failed;
        failed.error = tr("The file cannot be read: %1.").arg(file.errorString());
        return failed;
    }
    if (file.size() > MaxFileBytes) {
        FaultPlanJson::Parsed failed;
        failed.error = tr("The file is too large to be a fault plan.");
        return failed;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        FaultPlanJson::Parsed failed;
        failed.error = tr("The file cannot be read: %1.").arg(file.errorString());
        return failed;
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
