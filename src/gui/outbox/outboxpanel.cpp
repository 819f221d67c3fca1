#include "outboxpanel.h"

#include "emailtext.h"
#include "fontfittedtable.h"
#include "guistyle.h"
#include "outboxmodel.h"
#include "serverhost.h"
#include "ui_outboxpanel.h"

#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>

using namespace Qt::StringLiterals;

OutboxPanel::OutboxPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::OutboxPanel>())
    , m_model(new OutboxModel(this))
{
    m_ui->setupUi(this);

    QTableView *list = m_ui->emailList;
    list->setModel(m_model);
    m_fitting = new FontFittedTable(list);
    m_fitting->setColumnSamples(OutboxModel::ToColumn, {u"john@example.com"_s});
    // A digit more than the time needs: unread rows are bold, and bold is wider.
    m_fitting->setColumnSamples(OutboxModel::ReceivedColumn, {u"88:88:888"_s});
    m_fitting->setColumnSamples(OutboxModel::SubjectColumn, {u"Reset your ApiDojo password"_s});
    // Beside the email the list is narrow: who and when; the subject heads the email itself.
    list->setColumnHidden(OutboxModel::SubjectColumn, true);
    m_fitting->setStretchColumn(OutboxModel::ToColumn);
    m_fitting->fitRows();
    m_fitting->fitColumns();

    // Side by side, as mail clients do: the tab is wide and short above the log, and the email
    // is what the class reads.
    m_ui->outboxSplitter->setStretchFactor(0, 1);
    m_ui->outboxSplitter->setStretchFactor(1, 2);
    m_ui->fromLabel->setText(EmailText::sender());

    connect(m_model, &OutboxModel::unreadCountChanged, this, &OutboxPanel::unreadCountChanged);
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &OutboxPanel::noteWhetherFollowingNewest);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        updatePage();
        if (m_followNewest)
            selectRow(0);
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &OutboxPanel::updatePage);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updatePage();
        if (m_model->rowCount() > 0)
            selectRow(0);
    });
    // Rows that go take their selection with them, without a selectionChanged.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &OutboxPanel::showSelectedEmail);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OutboxPanel::showSelectedEmail);
    connect(list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &OutboxPanel::showSelectedEmail);

    connect(m_ui->copyTokenButton, &QPushButton::clicked, this, &OutboxPanel::copyToken);
    connect(m_ui->copyLinkButton, &QPushButton::clicked, this, &OutboxPanel::copyLink);

    updateFonts();
    updatePage();
    showSelectedEmail();
}

OutboxPanel::~OutboxPanel() = default;

QTableView *OutboxPanel::view() const
{
    return m_ui->emailList;
}

int OutboxPanel::unreadCount() const
{
    return m_model->unreadCount();
}

std::optional<OutboxEmail> OutboxPanel::shownEmail() const
{
    return m_shown;
}

void OutboxPanel::attach(ServerHost *host)
{
    if (m_host)
        disconnect(m_host, nullptr, m_model, nullptr);
    m_host = host;
    if (host) {
        connect(host, &ServerHost::outboxChanged, m_model, &OutboxModel::applyChanges);
        host->requestSnapshot(ServerHost::Table::Outbox);
    }
}

void OutboxPanel::copyToken()
{
    if (!m_shown || m_shown->token.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_shown->token);
    emit copiedToClipboard(u"reset token"_s);
}

void OutboxPanel::copyLink()
{
    if (m_shownLink.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_shownLink);
    emit copiedToClipboard(u"reset link"_s);
}

void OutboxPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The email in the reading pane has been waiting behind another tab: now it is seen.
    markShownEmailRead();
}

void OutboxPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateFonts();
}

int OutboxPanel::selectedRow() const
{
    const QModelIndexList rows = m_ui->emailList->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void OutboxPanel::selectRow(int row)
{
    QTableView *list = m_ui->emailList;
    list->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    list->scrollTo(m_model->index(row, 0));
}

// Arrivals go on top: the trainer who reads the newest email, or none, gets the next one.
void OutboxPanel::noteWhetherFollowingNewest()
{
    const int row = selectedRow();
    m_followNewest = row <= 0;
}

void OutboxPanel::showSelectedEmail()
{
    const int row = selectedRow();
    if (row < 0) {
        m_shown.reset();
        m_shownLink.clear();
        m_ui->readingStack->setCurrentWidget(m_ui->noSelectionPage);
        return;
    }
    const OutboxEmail &email = m_model->emailAt(row);
    if (m_shown && m_shown->id == email.id && m_shown->token == email.token) {
        markShownEmailRead();
        return;
    }
    m_shown = email;
    m_shownLink = EmailText::resetLink(email);
    m_ui->subjectLabel->setText(email.subject);
    m_ui->toLabel->setText(email.to);
    m_ui->receivedLabel->setText(EmailText::receivedTime(email.sentAt));
    m_ui->bodyView->setPlainText(email.body);
    m_ui->copyTokenButton->setEnabled(!email.token.isEmpty());
    m_ui->copyLinkButton->setEnabled(!m_shownLink.isEmpty());
    m_ui->readingStack->setCurrentWidget(m_ui->readingPage);
    markShownEmailRead();
}

void OutboxPanel::markShownEmailRead()
{
    if (!isVisible())
        return;
    m_model->markRead(selectedRow());
}

void OutboxPanel::updatePage()
{
    m_ui->outboxStack->setCurrentWidget(m_model->rowCount() > 0 ? m_ui->mailPage : m_ui->emptyPage);
}

void OutboxPanel::updateFonts()
{
    // Explicit fonts stop following the panel's, so they are derived again on every change.
    m_ui->subjectLabel->setFont(GuiStyle::emphasisedFont(font(), 1.3));
    m_ui->emptyStateLabel->setFont(GuiStyle::scaledFont(font(), 1.3));
    // Read from the back of the room: larger than the list, in the font of prose.
    m_ui->bodyView->setFont(GuiStyle::scaledFont(font(), 1.25));
}
