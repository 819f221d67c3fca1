#include "tokenspanel.h"

#include "fontfittedtable.h"
#include "serverhost.h"
#include "tokenfilterproxy.h"
#include "tokentablemodel.h"
#include "ui_tokenspanel.h"

#include <QAction>
#include <QLocale>

using namespace Qt::StringLiterals;

TokensPanel::TokensPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::TokensPanel>())
    , m_model(new TokenTableModel(this))
    , m_proxy(new TokenFilterProxy(this))
    , m_revokeAction(new QAction(tr("Revoke"), this))
{
    m_ui->setupUi(this);

    m_proxy->setSourceModel(m_model);
    QTableView *table = m_ui->tokensTable;
    table->setModel(m_proxy);
    // The newest token is the one the class just got: at the top, where it shows without scrolling.
    table->sortByColumn(TokenTableModel::IssuedColumn, Qt::DescendingOrder);
    m_fitting = new FontFittedTable(table);
    // Who holds the token is what the class asks about: a usual address stays whole.
    m_fitting->setColumnSamples(TokenTableModel::UserColumn, {u"student@example.com (#12)"_s});
    m_fitting->setColumnSamples(TokenTableModel::TypeColumn, {u"refresh"_s});
    m_fitting->setColumnSamples(TokenTableModel::FreshColumn, {u"✓"_s});
    m_fitting->setColumnSamples(TokenTableModel::IssuedColumn, {u"2026-12-31 23:59:59"_s});
    m_fitting->setColumnSamples(TokenTableModel::ExpiresColumn,
                                {u"2026-12-31 23:59:59 (in 119 min)"_s});
    m_fitting->setColumnSamples(TokenTableModel::StateColumn, {u"Revoked (password reset)"_s});
    m_fitting->setStretchColumn(TokenTableModel::UserColumn);
    m_fitting->fitColumns();

    m_revokeAction->setShortcut(QKeySequence::Delete);
    m_revokeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_revokeAction->setToolTip(m_ui->revokeButton->toolTip());
    table->addAction(m_revokeAction);

    // The source's signals: the proxy announces a removal before the source has made it.
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &TokensPanel::updateTokenCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TokensPanel::updateTokenCount);
    // A token expires or is revoked: the active count and what can be revoked change.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TokensPanel::updateTokenCount);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TokensPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TokensPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TokensPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TokensPanel::updateActions);
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TokensPanel::updateActions);

    connect(m_revokeAction, &QAction::triggered, this, &TokensPanel::revokeSelectedTokens);
    connect(m_ui->revokeButton, &QPushButton::clicked, this, &TokensPanel::revokeSelectedTokens);
    connect(m_ui->clearListButton, &QPushButton::clicked, m_model, &TokenTableModel::clear);
    connect(m_ui->activeOnlyCheck, &QCheckBox::toggled, this, &TokensPanel::setActiveOnly);

    updateTokenCount();
    updateActions();
}

TokensPanel::~TokensPanel() = default;

QTableView *TokensPanel::view() const
{
    return m_ui->tokensTable;
}

void TokensPanel::attach(ServerHost *host)
{
    if (m_host)
        disconnect(m_host, nullptr, m_model, nullptr);
    m_host = host;
    if (host) {
        connect(host, &ServerHost::tokensChanged, m_model, &TokenTableModel::applyEvents);
        connect(host, &ServerHost::classChanged, m_model, &TokenTableModel::setSandboxes);
        connect(host, &QObject::destroyed, this, &TokensPanel::updateActions);
    }
    updateActions();
}

// The rows turn revoked when the API's Revoked event comes back, not before.
void TokensPanel::revokeSelectedTokens()
{
    if (!m_host)
        return;
    const QList<SandboxToken> tokens = selectedActiveTokens();
    for (const SandboxToken &token : tokens)
        m_host->revokeToken(token.sandbox, token.token);
}

void TokensPanel::setActiveOnly(bool activeOnly)
{
    if (m_ui->activeOnlyCheck->isChecked() != activeOnly)
        m_ui->activeOnlyCheck->setChecked(activeOnly); // comes back through toggled
    m_proxy->setActiveOnly(activeOnly);
    updateTokenCount();
}

void TokensPanel::setWatchedSandbox(const QString &sandbox)
{
    m_proxy->setSandbox(sandbox);
    updateTokenCount();
    updateActions();
}

QString TokensPanel::watchedSandbox() const
{
    return m_proxy->sandbox();
}

QList<TokensPanel::SandboxToken> TokensPanel::selectedActiveTokens() const
{
    QList<SandboxToken> tokens;
    const QModelIndexList rows = m_ui->tokensTable->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        const int sourceRow = m_proxy->mapToSource(row).row();
        if (m_model->stateAt(sourceRow) == TokenTableModel::State::Active)
            tokens.append({m_model->sandboxAt(sourceRow), m_model->tokenAt(sourceRow)});
    }
    return tokens;
}

void TokensPanel::updateActions()
{
    const bool canRevoke = m_host && !selectedActiveTokens().isEmpty();
    m_revokeAction->setEnabled(canRevoke);
    m_ui->revokeButton->setEnabled(canRevoke);
    m_ui->clearListButton->setEnabled(m_model->rowCount() > 0);
}

void TokensPanel::updateTokenCount()
{
    const int total = m_model->tokenCount(m_proxy->sandbox());
    const int active = m_model->activeCount(m_proxy->sandbox());
    const QString tokens =
        total == 1 ? tr("1 token") : tr("%1 tokens").arg(QLocale().toString(total));
    m_ui->tokenCountLabel->setText(tr("%1, %2 active").arg(tokens, QLocale().toString(active)));
}
