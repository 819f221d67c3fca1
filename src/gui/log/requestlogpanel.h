#pragma once

#include "exchange.h"

#include <QTimer>
#include <QWidget>
#include <memory>

class ExchangeFeed;
class ExchangeFilterProxy;
class ExchangeLogModel;
class QModelIndex;

namespace Ui {
class RequestLogPanel;
}

// The request log: one row per exchange, newest at the bottom, with a filter row, follow-latest,
// pause and clear. Selecting a row tells which exchange (for the inspector).
//
// Under load the table changes a few times a second (see ExchangeFeed); a batch after a quiet
// spell shows at once.
//
// Rows stay put under the reader: a selected exchange stays selected while rows come and go
// (until it is trimmed away or filtered out, which ends the selection), and with follow-latest
// off the rows on screen stay on screen while older ones are trimmed above them.
class RequestLogPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestLogPanel)

public:
    static constexpr int PathFilterDelayMs = 150;

    explicit RequestLogPanel(QWidget *parent = nullptr);
    ~RequestLogPanel() override;

    // Shows the batch now or at the next refresh, or holds it back while paused.
    void appendExchanges(const QList<Exchange> &exchanges);

    // The most exchanges kept (and held back while paused); the oldest beyond it go at once.
    void setCapacity(int capacity);
    int capacity() const;

    bool followsLatest() const;
    void setFollowLatest(bool follow);
    bool isPaused() const;
    // Un-pausing shows what was held back.
    void setPaused(bool paused);
    // Exchanges received but not in the table yet (held back by pause, or awaiting a refresh).
    int pendingCount() const;
    // Empties the log and whatever pause held back.
    void clear();
    // The class's sandboxes, sorted, for the sandbox filter. The Sandbox column and the filter
    // show while there is a sandbox or the log holds a request that named one.
    void setSandboxes(const QStringList &sortedNames);
    bool showsSandboxes() const;

    ExchangeLogModel *model() const { return m_model; }
    ExchangeFilterProxy *proxy() const { return m_proxy; }

signals:
    // The current row changed to this exchange (by click, keyboard or code).
    void exchangeSelected(const Exchange &exchange);
    // No row is current any more: cleared, trimmed away or filtered out.
    void selectionCleared();

private:
    void setUpFilterRow();
    void setUpTable();
    void applyFilter();
    void showPending();
    void revealNewest();

    void onCurrentRowChanged(const QModelIndex &current);
    void endSelectionIfRemoved(const QModelIndex &parent, int first, int last);
    void endSelectionIfGone();
    void stopFollowingIfScrolledUp();

    void updateSandboxColumn();
    void updatePauseButton();
    void updateCountAndPlaceholder();

    std::unique_ptr<Ui::RequestLogPanel> m_ui;
    QTimer m_pathFilterDelay;
    ExchangeLogModel *m_model = nullptr;
    ExchangeFilterProxy *m_proxy = nullptr;
    ExchangeFeed *m_feed = nullptr;
    bool m_hasCurrentRow = false;
    bool m_sandboxesExist = false;
    bool m_logNamesASandbox = false; // since the last clear()
};
