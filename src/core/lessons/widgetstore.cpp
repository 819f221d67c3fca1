#include "widgetstore.h"

std::optional<Widget> WidgetStore::widget(const QString &name) const
{
    const qsizetype index = indexOf(name);
    if (index < 0)
        return std::nullopt;
    return m_widgets.at(index);
}

void WidgetStore::add(const Widget &widget)
{
    m_widgets.append(widget);
}

void WidgetStore::replace(const Widget &widget)
{
    const qsizetype index = indexOf(widget.name);
    if (index >= 0)
        m_widgets[index] = widget;
}

bool WidgetStore::remove(const QString &name)
{
    const qsizetype index = indexOf(name);
    if (index < 0)
        return false;
    m_widgets.removeAt(index);
    return true;
}

qsizetype WidgetStore::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_widgets.size(); ++i) {
        if (m_widgets.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}
