#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

// One widget of the flask-jwt lesson (reference 002, parts 5-6): its name is its key.
struct Widget
{
    QString name;
    QString infoUrl;
    QDateTime createdAt; // UTC
    QDateTime deadline;  // UTC, the last second of the day the admin gave
    qint64 ownerId = 0;  // the admin who created it, a user of the shared store
};

// The flask-jwt lesson's own list of widgets, in the order they were created, back to its seed
// (none: the tutorial's tests count the widgets they create) with POST /reset. Names are looked
// up without regard to case, as the tutorial's routes lower-case the name they search for.
class WidgetStore
{
public:
    const QList<Widget> &widgets() const { return m_widgets; }
    std::optional<Widget> widget(const QString &name) const;
    bool contains(const QString &name) const { return indexOf(name) >= 0; }

    // The caller has checked that the name is free.
    void add(const Widget &widget);
    // Replaces the widget of the same name.
    void replace(const Widget &widget);
    bool remove(const QString &name);
    void reset() { m_widgets.clear(); }

    // At most this many widgets (a sandbox's limit); 0: no limit.
    void setCapacity(int capacity) { m_capacity = capacity; }
    int capacity() const { return m_capacity; }
    bool isFull() const { return m_capacity > 0 && m_widgets.size() >= m_capacity; }

private:
    qsizetype indexOf(const QString &name) const;

    QList<Widget> m_widgets;
    int m_capacity = 0;
};
