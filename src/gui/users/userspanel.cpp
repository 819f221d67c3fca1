#include "userspanel.h"

#include "agedelegate.h"
#include "apioutcome.h"
#include "fontfittedtable.h"
#include "messagebar.h"
#include "roledelegate.h"
#include "serverhost.h"
#include "ui_userspanel.h"
#include "userdialog.h"
#include "usertablemodel.h"

#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>

using namespace Qt::StringLiterals;

UsersPanel::UsersPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::UsersPanel>())
    , m_model(new UserTableModel(this))
    , m_sortModel(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_messageBar = new MessageBar(this);
    m_messageBar->setObjectName(u"messageBar"_s);
    m_messageBar->floatOver(m_ui->usersTable);

    m_sortModel->setSourceModel(m_model);
    m_sortModel->setSortRole(UserTableModel::SortRole);
    QTableView *table = m_ui->usersTable;
    table->setModel(m_sortModel);
    table->setItemDelegateForColumn(UserTableModel::AgeColumn, new AgeDelegate(table));
    table->setItemDelegateForColumn(UserTableModel::RoleColumn, new RoleDelegate(table));
    table->sortByColumn(UserTableModel::IdColumn, Qt::AscendingOrder);
    m_fitting = new FontFittedTable(table);
    m_fitting->setMinimumColumnWidth(UserTableModel::IdColumn,
                                     7); // ids reach six digits in a flood
    m_fitting->setMinimumColumnWidth(UserTableModel::NameColumn, 16);
    m_fitting->setMinimumColumnWidth(UserTableModel::EmailColumn, 22);
    // Emails are the longest values and what a class reads; the times can give way.
    m_fitting->setStretchColumn(UserTableModel::EmailColumn);

    connect(m_model, &UserTableModel::editRequested, this, &UsersPanel::requestEdit);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // Once, with the first table: later the trainer's own column widths stay.
        if (!m_columnsFitted && m_model->rowCount() > 0) {
            m_fitting->fitColumns();
            m_columnsFitted = true;
        }
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &UsersPanel::updateUserCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &UsersPanel::updateUserCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &UsersPanel::updateUserCount);
    // Rows that go take their selection with them, without a selectionChanged.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &UsersPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &UsersPanel::updateActions);
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &UsersPanel::updateActions);

    connect(m_ui->addUserButton, &QPushButton::clicked, this, &UsersPanel::openAddUserDialog);
    connect(m_ui->deleteUserButton, &QPushButton::clicked, this, &UsersPanel::deleteSelectedUsers);
    connect(m_ui->resetDataButton, &QPushButton::clicked, this, &UsersPanel::resetData);

    updateUserCount();
    updateActions();
}

UsersPanel::~UsersPanel() = default;

QTableView *UsersPanel::view() const
{
    return m_ui->usersTable;
}

void UsersPanel::attach(ServerHost *host)
{
    if (m_host)
        disconnect(m_host, nullptr, m_model, nullptr);
    m_host = host;
    if (host) {
        connect(host, &ServerHost::usersChanged, m_model, &UserTableModel::applyChanges);
        connect(host, &QObject::destroyed, this, &UsersPanel::updateActions);
        host->requestSnapshot(ServerHost::Table::Users);
    }
    updateActions();
}

UserDialog *UsersPanel::openAddUserDialog()
{
    auto *dialog = new UserDialog(m_host, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void UsersPanel::deleteSelectedUsers()
{
    const QList<qint64> ids = selectedUserIds();
    for (const qint64 id : ids)
        submit(TrainerRequest::deleteUser(id));
}

QMessageBox *UsersPanel::resetData()
{
    const ServerHost *host = m_host; // once: -Wnull-dereference cannot pair two reads of it
    const QString sandbox = host ? host->watched() : QString();
    const int users = m_model->rowCount();
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Reset data"),
                        sandbox.isEmpty() ? tr("Reset the class API to its seed data?")
                                          : tr("Reset %1's sandbox to its seed data?").arg(sandbox),
                        QMessageBox::Cancel, this);
    box->setObjectName(u"resetConfirmation"_s);
    // What ApiService::reset() undoes, in the words of the tabs that show it.
    const QString inTable =
        users == 1 ? tr("The 1 user") : tr("The %1 users").arg(QLocale().toString(users));
    box->setInformativeText(
        tr("%1 in the table now and every product give way to the seeded ones. Lost for good:\n"
           "• every user and product added, edited or deleted since\n"
           "• the sessions of removed users (the seeded users stay logged in)\n"
           "• every email in the Outbox, with its password-reset link")
            .arg(inTable));
    // Wide enough for each lost thing to stay on one line, at any zoom.
    if (auto *details = box->findChild<QLabel *>(u"qt_msgbox_informativelabel"_s))
        details->setMinimumWidth(details->fontMetrics().averageCharWidth() * 60);
    QPushButton *reset = box->addButton(tr("Reset data"), QMessageBox::DestructiveRole);
    reset->setObjectName(u"confirmResetButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(reset, &QPushButton::clicked, this, [this, sandbox] { resetInstance(sandbox); });
    box->open();
    return box;
}

void UsersPanel::resetInstance(const QString &sandbox)
{
    // The watched sandbox may have gone while the trainer read the question: never reset
    // another instance than the one it named.
    const ServerHost *host = m_host;
    if (!host || host->watched() != sandbox) {
        ApiOutcome outcome;
        outcome.message =
            tr("Nothing was reset: the tables no longer show %1's sandbox.").arg(sandbox);
        m_messageBar->showError(outcome);
        return;
    }
    submit(TrainerRequest::resetData(),
           [this](const ApiOutcome &outcome) { m_messageBar->showSuccess(outcome.message); });
}

void UsersPanel::requestEdit(qint64 userId, const QJsonObject &fields)
{
    submit(
        TrainerRequest::updateUser(userId, QJsonDocument(fields).toJson(QJsonDocument::Compact)));
}

// The store's change, if any, comes back through usersChanged like every other; here only the
// API's verdict matters.
void UsersPanel::submit(const TrainerRequest &request, SuccessHandler onSuccess)
{
    if (!m_host)
        return;
    m_host->submit(request, this, [this, onSuccess](const ApiResponse &response) {
        const ApiOutcome outcome = ApiOutcome::fromResponse(response);
        if (!outcome.succeeded) {
            m_messageBar->showError(outcome);
            return;
        }
        if (m_messageBar->isShowingError())
            m_messageBar->dismiss();
        if (onSuccess)
            onSuccess(outcome);
    });
}

QList<qint64> UsersPanel::selectedUserIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_ui->usersTable->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids.append(m_model->userAt(m_sortModel->mapToSource(row).row()).id);
    return ids;
}

void UsersPanel::updateActions()
{
    const bool attached = m_host != nullptr;
    m_ui->addUserButton->setEnabled(attached);
    m_ui->resetDataButton->setEnabled(attached);
    m_ui->deleteUserButton->setEnabled(attached &&
                                       m_ui->usersTable->selectionModel()->hasSelection());
}

void UsersPanel::updateUserCount()
{
    const int count = m_model->rowCount();
    m_ui->userCountLabel->setText(count == 1 ? tr("1 user")
                                             : tr("%1 users").arg(QLocale().toString(count)));
}
