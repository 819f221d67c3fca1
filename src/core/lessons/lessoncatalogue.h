#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

// A lesson API as the window and the command line name it, without a service to ask.
struct LessonEntry
{
    QString name;  // "inventory"
    QString title; // "home24 inventory (reference 004)"

    QString prefix() const { return QStringLiteral("/lessons/") + name; }
};

// Every lesson API, in the order makeLessonApis() makes them; worked out once per process.
const QList<LessonEntry> &lessonCatalogue();
QStringList lessonNames();
bool isLessonName(const QString &name);

// The lesson whose prefix `path` lies under ("/lessons/inventory/auth/login", or the prefix
// itself): its name; empty when the path is no lesson's.
QString lessonOfPath(QStringView path);
