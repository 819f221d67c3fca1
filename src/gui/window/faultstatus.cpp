#include "faultstatus.h"

#include "faultplan.h"
#include "guistyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

FaultStatus::FaultStatus(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_allOffButton(new QPushButton(tr("All faults off"), this))
{
    setObjectName(u"faultStatus"_s);
    m_label->setObjectName(u"faultStatusLabel"_s);
    m_allOffButton->setObjectName(u"faultStatusAllOffButton"_s);
    m_allOffButton->setToolTip(
        tr("Switch every injected fault off: the API behaves normally again"));

    QFont bold = m_label->font();
    bold.setBold(true);
    m_label->setFont(bold);
    m_label->setContentsMargins(8, 2, 8, 2);
    // A long list of faults must not widen the window past the screen (at a projector's zoom):
    // the banner gives way and the tooltip keeps the whole list.
    m_label->setMinimumWidth(1);
    m_label->setAutoFillBackground(true);
    GuiStyle::followTheme(this, [this] {
        QPalette palette = m_label->palette();
        palette.setColor(QPalette::Window, GuiStyle::faultBannerColor());
        palette.setColor(QPalette::WindowText, GuiStyle::faultBannerTextColor());
        m_label->setPalette(palette);
    });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_allOffButton);
    connect(m_allOffButton, &QPushButton::clicked, this, &FaultStatus::allOffRequested);
    setVisible(false);
}

void FaultStatus::showPlan(const FaultPlan &plan)
{
    const QStringList active = describeActiveFaults(plan);
    setVisible(!active.isEmpty());
    if (active.isEmpty()) {
        m_label->clear();
        return;
    }
    QString text = u"\u26A1 FAULTS ON: "_s + active.mid(0, NamedFaults).join(u" · "_s);
    if (active.size() > NamedFaults)
        text += u" · +%1 more"_s.arg(active.size() - NamedFaults);
    m_label->setText(text);
    m_label->setToolTip(active.join(u'\n'));
}

QString FaultStatus::text() const
{
    return m_label->text();
}
