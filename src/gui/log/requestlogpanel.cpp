#include "requestlogpanel.h"

#include "exchangefeed.h"
#include "exchangefilterproxy.h"
#include "exchangeformat.h"
#include "exchangelogmodel.h"
#include "flowlayout.h"
#include "fontfittedtable.h"
#include "sandboxcombo.h"
#include "ui_requestlogpanel.h"

#include <QHeaderView>
#include <QLocale>
#include <QScrollBar>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Rows and columns that follow the application font (the window's zoom).
void keepFittedToFont(QTableView *table)
{
    using Log = ExchangeLogModel;
    auto *fitting = new FontFittedTable(table);
    // Read-only rows: no in-place editor to make room for.
    fitting->setRowHeightInLines(1.5);
    // Widths come from what a column shows, never from the rows: measuring 10,000 of them would
    // stall the window. Rarer, longer values (IPv6 clients, long reason phrases) are elided.
    fitting->setColumnSamples(Log::TimeColumn, {u"00:00:00.000"_s});
    fitting->setColumnSamples(Log::ClientColumn, {u"255.255.255.255"_s});
    fitting->setColumnSamples(Log::SandboxColumn, {u"student"_s});
    fitting->setColumnSamples(Log::MethodColumn, {u"OPTIONS"_s});
    // Error responses show their error_code: the longest common ones set the width.
    fitting->setColumnSamples(Log::StatusColumn,
                              {ExchangeFormat::statusText(500), ExchangeFormat::statusText(503),
                               u"500 INTERNAL_SERVER_ERROR"_s, u"401 FRESH_TOKEN_REQUIRED"_s});
    fitting->setColumnSamples(Log::FaultColumn, {u"\u26A1 +888 ms, Rule 8"_s});
    fitting->setColumnSamples(Log::DurationColumn, {ExchangeFormat::duration(99'900)});
    fitting->setColumnSamples(Log::SizeColumn, {ExchangeFormat::bodySize(999)});
    // The path is what people read the log for: it takes the rest, and in a narrow panel keeps
    // enough to read while the table scrolls sideways.
    fitting->setMinimumColumnWidth(Log::PathColumn, 14);
    fitting->setStretchColumn(Log::PathColumn);
    fitting->fitColumns();
    // Faults are rare: in a narrow panel their column gives way before the paths in view elide
    // (measuring the rows in view only, a screenful, whatever the log holds).
    fitting->setYieldingColumn(Log::FaultColumn, 6);
    fitting->followRowsInView();
}

} // namespace

RequestLogPanel::RequestLogPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RequestLogPanel>())
    , m_model(new ExchangeLogModel(this))
    , m_proxy(new ExchangeFilterProxy(this))
    , m_feed(new ExchangeFeed(m_model->capacity(), this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    setUpFilterRow();
    setUpTable();
    connect(m_feed, &ExchangeFeed::ready, this, &RequestLogPanel::showPending);
    connect(m_feed, &ExchangeFeed::pendingCountChanged, this, &RequestLogPanel::updatePauseButton);

    connect(m_ui->followLatestButton, &QAbstractButton::toggled, this, [this](bool follow) {
        if (follow)
            revealNewest();
    });
    connect(m_ui->pauseButton, &QAbstractButton::toggled, this, [this](bool paused) {
        m_feed->setPaused(paused);
        updatePauseButton();
    });
    connect(m_ui->clearButton, &QAbstractButton::clicked, this, &RequestLogPanel::clear);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &RequestLogPanel::updateCountAndPlaceholder);
    connect(m_proxy, &QAbstractItemModel::modelReset, this,
            &RequestLogPanel::updateCountAndPlaceholder);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this,
            &RequestLogPanel::updateCountAndPlaceholder);
    updatePauseButton();
    updateCountAndPlaceholder();
}

RequestLogPanel::~RequestLogPanel() = default;

void RequestLogPanel::setUpFilterRow()
{
    // One line when it fits; in a narrow panel or at a large zoom the filters and buttons wrap
    // onto more lines instead of cutting their texts.
    auto *row = new FlowLayout(m_ui->filterRow);
    row->setContentsMargins(QMargins());
    for (QWidget *part :
         {static_cast<QWidget *>(m_ui->sandboxFilterCombo),
          static_cast<QWidget *>(m_ui->methodFilterCombo),
          static_cast<QWidget *>(m_ui->statusFilterCombo),
          static_cast<QWidget *>(m_ui->pathFilterEdit),
          static_cast<QWidget *>(m_ui->followLatestButton),
          static_cast<QWidget *>(m_ui->pauseButton), static_cast<QWidget *>(m_ui->clearButton)})
        row->addWidget(part);

    // "All" has no name at all; the class API's is empty (see ExchangeFilter::sandbox).
    QComboBox *sandboxes = m_ui->sandboxFilterCombo;
    sandboxes->addItem(tr("All instances"), QVariant());
    sandboxes->addItem(tr("Class API"), QString());
    connect(sandboxes, &QComboBox::currentIndexChanged, this, &RequestLogPanel::applyFilter);

    QComboBox *methods = m_ui->methodFilterCombo;
    methods->addItem(tr("Any method"), QByteArray());
    for (const QByteArray &method : commonHttpMethods())
        methods->addItem(QString::fromLatin1(method), method);

    using StatusClass = ExchangeFilter::StatusClass;
    QComboBox *statuses = m_ui->statusFilterCombo;
    statuses->addItem(tr("Any status"), QVariant::fromValue(StatusClass::Any));
    statuses->addItem(u"2xx"_s, QVariant::fromValue(StatusClass::Success));
    statuses->addItem(u"3xx"_s, QVariant::fromValue(StatusClass::Redirection));
    statuses->addItem(u"4xx"_s, QVariant::fromValue(StatusClass::ClientError));
    statuses->addItem(u"5xx"_s, QVariant::fromValue(StatusClass::ServerError));
    statuses->addItem(tr("Errors (4xx, 5xx)"), QVariant::fromValue(StatusClass::Error));
    statuses->addItem(tr("Touched by a fault"), QVariant::fromValue(StatusClass::Faulted));

    connect(methods, &QComboBox::currentIndexChanged, this, &RequestLogPanel::applyFilter);
    connect(statuses, &QComboBox::currentIndexChanged, this, &RequestLogPanel::applyFilter);
    // Typing filters once the typist pauses, not on every key: each pass visits every row.
    m_pathFilterDelay.setSingleShot(true);
    m_pathFilterDelay.setInterval(PathFilterDelayMs);
    connect(&m_pathFilterDelay, &QTimer::timeout, this, &RequestLogPanel::applyFilter);
    connect(m_ui->pathFilterEdit, &QLineEdit::textChanged, &m_pathFilterDelay,
            qOverload<>(&QTimer::start));
}

void RequestLogPanel::setUpTable()
{
    QTableView *table = m_ui->requestTable;
    // Connected before the view gets the model, so that these run before the view's and its
    // selection model's own handlers, which would make a neighbouring row current (another
    // exchange) when the current one goes.
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            &RequestLogPanel::endSelectionIfRemoved);
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_ui->requestTable->selectionModel()->clear(); });
    // A filter change is a layout change: the current row may be gone after it.
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this,
            &RequestLogPanel::endSelectionIfGone);
    table->setModel(m_proxy);

    // The anchor in showPending() counts in rows.
    table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *columns = table->horizontalHeader();
    columns->setStretchLastSection(false);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    keepFittedToFont(table);
    updateSandboxColumn();

    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentRowChanged(current); });
    connect(table->verticalScrollBar(), &QAbstractSlider::actionTriggered, this,
            &RequestLogPanel::stopFollowingIfScrolledUp);
    // Taller rows after a zoom step, or a shorter view, push the newest rows down: following
    // keeps them in view whatever changed the range.
    connect(table->verticalScrollBar(), &QAbstractSlider::rangeChanged, this, [this] {
        if (followsLatest())
            revealNewest();
    });
}

void RequestLogPanel::appendExchanges(const QList<Exchange> &exchanges)
{
    if (!m_logNamesASandbox &&
        std::any_of(exchanges.cbegin(), exchanges.cend(),
                    [](const Exchange &exchange) { return !exchange.request.sandbox.isEmpty(); })) {
        m_logNamesASandbox = true;
        updateSandboxColumn();
    }
    m_feed->add(exchanges);
}

void RequestLogPanel::setSandboxes(const QStringList &sortedNames)
{
    SandboxCombo::setNames(m_ui->sandboxFilterCombo, 2, sortedNames);
    m_sandboxesExist = !sortedNames.isEmpty();
    updateSandboxColumn();
    applyFilter(); // the filtered sandbox may be gone
}

bool RequestLogPanel::showsSandboxes() const
{
    return m_sandboxesExist || m_logNamesASandbox;
}

void RequestLogPanel::updateSandboxColumn()
{
    const bool shown = showsSandboxes();
    if (!shown)
        m_ui->sandboxFilterCombo->setCurrentIndex(0);
    m_ui->sandboxFilterCombo->setVisible(shown);
    m_ui->requestTable->setColumnHidden(ExchangeLogModel::SandboxColumn, !shown);
}

int RequestLogPanel::pendingCount() const
{
    return m_feed->pendingCount();
}

void RequestLogPanel::showPending()
{
    const QList<QList<Exchange>> batches = m_feed->takePending();
    if (batches.isEmpty())
        return;
    QTableView *table = m_ui->requestTable;
    const bool follow = followsLatest();
    // Without following, the row at the top of the view stays there while older rows are
    // trimmed above it (the scroll position counts rows, and would otherwise stay the same).
    const QPersistentModelIndex topRow(follow ? QModelIndex() : table->indexAt(QPoint(0, 0)));
    m_model->appendBatches(batches);
    if (follow)
        revealNewest();
    else if (topRow.isValid())
        table->verticalScrollBar()->setValue(table->verticalHeader()->visualIndex(topRow.row()));
}

void RequestLogPanel::revealNewest()
{
    m_ui->requestTable->scrollToBottom();
}

void RequestLogPanel::setCapacity(int capacity)
{
    m_model->setCapacity(capacity);
    m_feed->setLimit(m_model->capacity());
    updatePauseButton();
    updateCountAndPlaceholder();
}

int RequestLogPanel::capacity() const
{
    return m_model->capacity();
}

bool RequestLogPanel::followsLatest() const
{
    return m_ui->followLatestButton->isChecked();
}

void RequestLogPanel::setFollowLatest(bool follow)
{
    m_ui->followLatestButton->setChecked(follow);
}

bool RequestLogPanel::isPaused() const
{
    return m_feed->isPaused();
}

void RequestLogPanel::setPaused(bool paused)
{
    m_ui->pauseButton->setChecked(paused);
}

void RequestLogPanel::clear()
{
    m_feed->clear();
    m_model->clear();
    m_logNamesASandbox = false;
    updateSandboxColumn();
    updatePauseButton();
}

void RequestLogPanel::applyFilter()
{
    ExchangeFilter filter;
    filter.method = m_ui->methodFilterCombo->currentData().toByteArray();
    filter.statusClass =
        m_ui->statusFilterCombo->currentData().value<ExchangeFilter::StatusClass>();
    filter.pathText = m_ui->pathFilterEdit->text().trimmed();
    const QComboBox *sandboxes = m_ui->sandboxFilterCombo;
    if (sandboxes->currentIndex() > 0)
        filter.sandbox = SandboxCombo::nameAt(sandboxes, sandboxes->currentIndex());
    if (filter == m_proxy->filter())
        return;
    m_proxy->setFilter(filter);

    QTableView *table = m_ui->requestTable;
    if (followsLatest())
        revealNewest();
    else if (table->currentIndex().isValid())
        table->scrollTo(table->currentIndex());
}

void RequestLogPanel::onCurrentRowChanged(const QModelIndex &current)
{
    m_hasCurrentRow = current.isValid();
    if (m_hasCurrentRow)
        emit exchangeSelected(m_proxy->exchangeAt(current.row()));
    else
        emit selectionCleared();
}

void RequestLogPanel::endSelectionIfRemoved(const QModelIndex &parent, int first, int last)
{
    const QModelIndex current = m_ui->requestTable->currentIndex();
    if (!parent.isValid() && current.isValid() && current.row() >= first && current.row() <= last)
        m_ui->requestTable->selectionModel()->clear(); // ends in onCurrentRowChanged()
}

void RequestLogPanel::endSelectionIfGone()
{
    // The current index became invalid without a signal.
    if (!m_hasCurrentRow || m_ui->requestTable->currentIndex().isValid())
        return;
    m_ui->requestTable->selectionModel()->clearSelection();
    m_hasCurrentRow = false;
    emit selectionCleared();
}

void RequestLogPanel::stopFollowingIfScrolledUp()
{
    // Only the user triggers scroll bar actions; the view's own scrolling sets the value.
    const QScrollBar *bar = m_ui->requestTable->verticalScrollBar();
    if (bar->sliderPosition() < bar->maximum())
        setFollowLatest(false);
}

void RequestLogPanel::updatePauseButton()
{
    QString text = tr("Pause");
    if (isPaused())
        text = pendingCount() == 0 ? tr("Paused")
                                   : tr("Paused · %1 new").arg(QLocale().toString(pendingCount()));
    m_ui->pauseButton->setText(text);
}

void RequestLogPanel::updateCountAndPlaceholder()
{
    const QLocale locale;
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    QString count = total == 1 ? tr("1 request") : tr("%1 requests").arg(locale.toString(total));
    if (!m_proxy->filter().isEmpty())
        count = tr("%1 of %2 requests").arg(locale.toString(shown), locale.toString(total));
    m_ui->countLabel->setText(count);
    m_ui->countLabel->setToolTip(
        tr("The log keeps the newest %1 requests").arg(locale.toString(capacity())));

    m_ui->placeholderLabel->setText(total == 0
                                        ? tr("Requests will appear here as clients call the API")
                                        : tr("No request matches the filter"));
    m_ui->viewStack->setCurrentWidget(shown == 0 ? m_ui->placeholderPage : m_ui->tablePage);
}
