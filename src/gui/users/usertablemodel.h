#pragma once

#include "liverecordmodel.h"
#include "userchange.h"

#include <QJsonObject>

// The users table as the store announces it, one row per user in ascending id order. It never
// changes itself: edits become editRequested() for the API to judge, and only the store's change
// events (applyChanges) move the rows. Cells a change touched are highlighted, fading out.
class UserTableModel : public LiveRecordModel<User>
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        NameColumn,
        EmailColumn,
        AgeColumn,
        RoleColumn,
        CreatedColumn,
        UpdatedColumn,
        ColumnCount
    };

    explicit UserTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Asks for the edit with editRequested() and leaves the stored value alone; true if the
    // value differs from it.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    const User &userAt(int row) const { return recordAt(row); }

    // The JSON field of PUT /users/{id} that a column edits; empty for read-only columns.
    static QString fieldName(int column);

signals:
    // One field of a user, as the trainer typed it, for PUT /users/{id}.
    void editRequested(qint64 userId, const QJsonObject &fields);

protected:
    Columns changedColumns(const User &before, const User &after) const override;
};
