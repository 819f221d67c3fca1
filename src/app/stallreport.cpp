#include "stallreport.h"

#include "exchangelogmodel.h"
#include "mainwindow.h"
#include "requestlogpanel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimer>
#include <cstdio>

using namespace Qt::StringLiterals;

StallReport::StallReport(QString path, const MainWindow &window)
    : m_path(std::move(path))
    , m_window(window)
{
    QTimer::singleShot(StartUpGraceMs, &m_monitor, &StallMonitor::start);
}

void StallReport::write()
{
    m_monitor.stop();
    const ExchangeLogModel *log = m_window.requestLog()->model();
    const int rows = log->rowCount();
    const QJsonObject report{
        {u"samples"_s, m_monitor.samples()},
        {u"interval_ms"_s, StallMonitor::IntervalMs},
        {u"worst_stall_ms"_s, m_monitor.worstMs()},
        {u"worst_stall_at_ms"_s, m_monitor.worstAtMs() + StartUpGraceMs},
        {u"p99_stall_ms"_s, m_monitor.percentileMs(0.99)},
        {u"p50_stall_ms"_s, m_monitor.percentileMs(0.50)},
        {u"requests_seen"_s, m_window.requestsSeen()},
        {u"newest_exchange_id"_s, qint64(m_window.newestExchangeId())},
        {u"log_rows"_s, rows},
        {u"newest_logged_id"_s, rows > 0 ? qint64(log->exchangeAt(rows - 1).id) : 0},
    };
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(report).toJson()) < 0 ||
        !file.commit()) {
        std::fprintf(stderr, "apidojo: cannot write the stall report to %s: %s\n",
                     qPrintable(m_path), qPrintable(file.errorString()));
    }
}
