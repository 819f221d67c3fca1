#pragma once

#include <QSortFilterProxyModel>

// The Tokens tab's rows: those of one API instance (the one the window watches), optionally only
// the active ones, sorted by TokenTableModel::SortRole.
class TokenFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenFilterProxy)

public:
    explicit TokenFilterProxy(QObject *parent = nullptr);

    QString sandbox() const { return m_sandbox; }
    void setSandbox(const QString &sandbox); // "" : the shared API
    bool activeOnly() const { return m_activeOnly; }
    void setActiveOnly(bool activeOnly);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_sandbox;
    bool m_activeOnly = false;
};
