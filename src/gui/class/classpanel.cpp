#include "classpanel.h"

#include "classtablemodel.h"
#include "fontfittedtable.h"
#include "serverhost.h"
#include "ui_classpanel.h"

#include <QAction>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>

using namespace Qt::StringLiterals;

ClassPanel::ClassPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ClassPanel>())
    , m_model(new ClassTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_removeAction(new QAction(tr("Remove…"), this))
{
    m_ui->setupUi(this);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ClassTableModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    QTableView *table = m_ui->classTable;
    table->setModel(m_proxy);
    table->sortByColumn(ClassTableModel::NameColumn, Qt::AscendingOrder);

    // Widths from samples, never from 200 rows that change 40 times a second.
    using Model = ClassTableModel;
    m_fitting = new FontFittedTable(table);
    m_fitting->setRowHeightInLines(1.5);
    m_fitting->setColumnSamples(Model::NameColumn, {u"a-student-name-20"_s});
    m_fitting->setColumnSamples(Model::ClientsColumn, {u"192.168.100.200"_s});
    m_fitting->setColumnSamples(Model::RequestsColumn, {QLocale().toString(99'999)});
    m_fitting->setColumnSamples(Model::ClientErrorsColumn, {QLocale().toString(9'999)});
    m_fitting->setColumnSamples(Model::ServerErrorsColumn, {QLocale().toString(9'999)});
    m_fitting->setColumnSamples(Model::LastRequestColumn, {Model::agoText(59 * 60)});
    m_fitting->setColumnSamples(Model::UsersColumn, {QLocale().toString(1'000)});
    // Several addresses are the exception (a student on two machines): that column gives way.
    m_fitting->setStretchColumn(Model::ClientsColumn);
    m_fitting->fitColumns();

    m_removeAction->setShortcut(QKeySequence::Delete);
    m_removeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_removeAction->setToolTip(m_ui->removeButton->toolTip());
    auto *resetAction = new QAction(tr("Reset"), this);
    auto *watchAction = new QAction(tr("Watch in the tables"), this);
    table->addActions({watchAction, resetAction, m_removeAction});

    for (const auto signal :
         {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_model, signal, this, &ClassPanel::updateCount);
        connect(m_model, signal, this, &ClassPanel::updateActions);
    }
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ClassPanel::updateActions);
    connect(table, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        emit watchRequested(index.data(ClassTableModel::NameRole).toString());
    });
    connect(watchAction, &QAction::triggered, this, [this] {
        const QStringList names = selectedNames();
        if (!names.isEmpty())
            emit watchRequested(names.constFirst());
    });
    connect(resetAction, &QAction::triggered, this, &ClassPanel::resetSelected);
    connect(m_removeAction, &QAction::triggered, this, &ClassPanel::removeSelected);
    connect(m_ui->resetButton, &QPushButton::clicked, this, &ClassPanel::resetSelected);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &ClassPanel::removeSelected);
    connect(m_ui->resetAllButton, &QPushButton::clicked, this, &ClassPanel::resetAll);

    updateEmptyText();
    updateCount();
    updateActions();
}

ClassPanel::~ClassPanel() = default;

QTableView *ClassPanel::view() const
{
    return m_ui->classTable;
}

void ClassPanel::attach(ServerHost *host)
{
    if (m_host)
        disconnect(m_host, nullptr, m_model, nullptr);
    m_host = host;
    if (host) {
        connect(host, &ServerHost::classChanged, m_model, &ClassTableModel::setSandboxes);
        connect(host, &QObject::destroyed, this, &ClassPanel::updateActions);
    }
    updateActions();
}

void ClassPanel::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
    updateEmptyText();
}

QStringList ClassPanel::selectedNames() const
{
    QModelIndexList rows = m_ui->classTable->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QStringList names;
    for (const QModelIndex &row : rows)
        names.append(row.data(ClassTableModel::NameRole).toString());
    return names;
}

void ClassPanel::resetSelected()
{
    if (!m_host)
        return;
    for (const QString &name : selectedNames())
        m_host->resetSandbox(name);
}

void ClassPanel::removeSelected()
{
    const QStringList names = selectedNames();
    if (!m_host || names.isEmpty())
        return;
    const QString which = names.size() == 1
                              ? tr("the sandbox %1").arg(names.constFirst())
                              : tr("%1 sandboxes").arg(QLocale().toString(names.size()));
    confirm(u"removeConfirmation"_s, tr("Remove %1?").arg(which),
            tr("Its users, products, tokens and emails are gone for good. The student's next "
               "request starts a fresh sandbox from the seed."),
            tr("Remove"), [this, names] {
                if (m_host) {
                    for (const QString &name : names)
                        m_host->removeSandbox(name);
                }
            });
}

void ClassPanel::resetAll()
{
    if (!m_host || m_model->rowCount() == 0)
        return;
    confirm(u"resetAllConfirmation"_s, tr("Reset every sandbox?"),
            tr("Every student's sandbox goes back to the seeded users and products. The class "
               "API is not touched."),
            tr("Reset all"), [this] {
                if (m_host)
                    m_host->resetAllSandboxes();
            });
}

void ClassPanel::confirm(const QString &objectName, const QString &title, const QString &text,
                         const QString &action, std::function<void()> onConfirmed)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Cancel, this);
    box->setObjectName(objectName);
    QPushButton *confirmButton = box->addButton(action, QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this,
            [confirmButton, onConfirmed = std::move(onConfirmed)](QAbstractButton *button) {
                if (button == confirmButton)
                    onConfirmed();
            });
    box->open();
}

void ClassPanel::updateActions()
{
    const bool selected = m_host && m_ui->classTable->selectionModel()->hasSelection();
    m_ui->resetButton->setEnabled(selected);
    m_ui->removeButton->setEnabled(selected);
    m_removeAction->setEnabled(selected);
    m_ui->resetAllButton->setEnabled(m_host && m_model->rowCount() > 0);
}

void ClassPanel::updateCount()
{
    const int count = m_model->rowCount();
    m_ui->countLabel->setText(count == 1 ? tr("1 sandbox")
                                         : tr("%1 sandboxes").arg(QLocale().toString(count)));
    m_ui->viewStack->setCurrentWidget(count == 0 ? m_ui->emptyPage : m_ui->tablePage);
    emit sandboxCountChanged(count);
}

void ClassPanel::updateEmptyText()
{
    const QString base = m_baseUrl.isValid() ? m_baseUrl.toString(QUrl::StripTrailingSlash)
                                             : u"http://<this computer>:<port>"_s;
    m_ui->emptyLabel->setText(
        tr("<p>No student has a sandbox yet.</p>"
           "<p>A student gets a private copy of the API by putting <b>/s/</b> and a name of "
           "their own in front of every path:<br><code>%1/s/your-name/users</code></p>"
           "<p>or by sending the header <code>X-Sandbox: your-name</code>.</p>"
           "<p>Requests without either go to the shared class API.</p>")
            .arg(base.toHtmlEscaped()));
}
