#include "exchangelogmodel.h"

#include "exchangeformat.h"
#include "guistyle.h"
#include "logtext.h"

using namespace Qt::StringLiterals;

ExchangeLogModel::ExchangeLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ExchangeLogModel::setCapacity(int capacity)
{
    m_capacity = qMax(1, capacity);
    trimToCapacity();
}

void ExchangeLogModel::append(const QList<Exchange> &batch)
{
    appendBatches({batch});
}

void ExchangeLogModel::appendBatches(const QList<QList<Exchange>> &batches)
{
    qsizetype total = 0;
    for (const QList<Exchange> &batch : batches)
        total += batch.size();
    // What would be trimmed straight away is never copied in.
    qsizetype skipped = qMax(qsizetype(0), total - m_capacity);
    if (total == skipped)
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + int(total - skipped) - 1);
    for (const QList<Exchange> &batch : batches) {
        const qsizetype skippedHere = qMin(skipped, batch.size());
        skipped -= skippedHere;
        m_exchanges.append(batch.cbegin() + skippedHere, batch.cend());
    }
    endInsertRows();
    trimToCapacity();
}

void ExchangeLogModel::clear()
{
    beginResetModel();
    m_exchanges.clear();
    endResetModel();
}

void ExchangeLogModel::trimToCapacity()
{
    const int excess = rowCount() - m_capacity;
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_exchanges.removeFirst(excess);
    endRemoveRows();
}

int ExchangeLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_exchanges.size());
}

int ExchangeLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExchangeLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Exchange &exchange = exchangeAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(exchange, index.column());
    case Qt::ToolTipRole:
        if (index.column() == PathColumn && !exchange.dataReset.isEmpty())
            return exchange.dataReset; // the cell may be too narrow for the whole sentence
        if (index.column() == FaultColumn && !exchange.faults.isEmpty())
            return ExchangeFormat::faultDetails(exchange.faults);
        if (index.column() == StatusColumn && exchange.note.isEmpty())
            return ExchangeFormat::statusText(exchange.response.status);
        // A lesson's path as sent, behind its tag.
        if (index.column() == PathColumn && exchange.note.isEmpty() &&
            !LogText::lessonTagged(exchange.request).isEmpty())
            return LogText::target(exchange.request);
        return exchange.note.isEmpty() ? QVariant() : exchange.note;
    case Qt::ForegroundRole:
        if (index.column() == FaultColumn)
            return GuiStyle::faultColor();
        if (index.column() != StatusColumn)
            return {};
        // Nothing reached a client that had gone, whatever the status said.
        return GuiStyle::statusColor(exchange.delivered ? exchange.response.status : 0);
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn || index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ExchangeIdRole:
        return QVariant::fromValue(exchange.id);
    case StatusCodeRole:
        return exchange.response.status;
    default:
        return {};
    }
}

QVariant ExchangeLogModel::displayText(const Exchange &exchange, int column) const
{
    switch (column) {
    case TimeColumn:
        return ExchangeFormat::timeOfDay(exchange.startedAt);
    case ClientColumn:
        return LogText::orMissing(ExchangeFormat::clientAddress(exchange.request.clientAddress));
    case SandboxColumn:
        return exchange.request.sandbox;
    case MethodColumn:
        return LogText::method(exchange.request.method);
    case PathColumn:
        // A reset says so instead of its path: it is what a class asks about afterwards.
        if (!exchange.dataReset.isEmpty())
            return QString(u"\u21BA "_s + exchange.dataReset);
        if (QString tagged = LogText::lessonTagged(exchange.request); !tagged.isEmpty())
            return tagged;
        return LogText::target(exchange.request);
    case StatusColumn:
        return LogText::status(exchange);
    case FaultColumn:
        return LogText::faultMarker(exchange);
    case DurationColumn:
        return ExchangeFormat::duration(exchange.durationUs);
    case SizeColumn:
        return ExchangeFormat::bodySize(exchange.responseBodySize());
    default:
        return {};
    }
}

QVariant ExchangeLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ClientColumn:
        return tr("Client");
    case SandboxColumn:
        return tr("Sandbox");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case StatusColumn:
        return tr("Status");
    case FaultColumn:
        return tr("Fault");
    case DurationColumn:
        return tr("Duration");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}
