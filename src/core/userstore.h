#pragma once

#include "clock.h"
#include "recordtable.h"
#include "user.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <optional>

// The in-memory users table. Every change is announced by a signal, so views follow the same
// events whether a change came from the API or from the trainer.
class UserStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserStore)

public:
    explicit UserStore(Clock clock = systemClock(), QObject *parent = nullptr);

    QList<User> users() const { return m_table.records(); }
    // Every user in id order, without copying the table.
    template<typename Visit>
    void forEachUser(Visit visit) const
    {
        m_table.forEach(visit);
    }
    std::optional<User> user(qint64 id) const { return m_table.find(id); }
    std::optional<User> userByEmail(const QString &email) const; // case-insensitive, O(1)
    // The contract's JSON object of a stored user (kept ready: it is in most responses).
    QJsonObject userJson(qint64 id) const { return m_table.json(id); }
    QByteArray userJsonBytes(qint64 id) const { return m_table.jsonBytes(id); }
    int count() const { return m_table.count(); }
    // At most this many records (a sandbox's limit); 0: no limit. Creating more is the caller's
    // SANDBOX_FULL; records already there stay.
    void setCapacity(int capacity) { m_capacity = capacity; }
    int capacity() const { return m_capacity; }
    bool isFull() const { return m_capacity > 0 && count() >= m_capacity; }
    // Grows with every change; lets readers cache what they derive from the users.
    quint64 revision() const { return m_table.revision(); }

    // The caller has validated the fields; name and email must be set. passwordHash: from
    // PasswordHasher, or empty for a user who cannot log in with a password (Part A's POST).
    User add(const UserFields &fields, const QByteArray &passwordHash = {});
    std::optional<User> update(qint64 id, const UserFields &fields);
    std::optional<User> remove(qint64 id);
    // Empty for a user without a password. Never part of the user's JSON or its signals.
    QByteArray passwordHash(qint64 id) const { return m_passwordHashes.value(id); }
    void setPasswordHash(qint64 id, const QByteArray &passwordHash);
    // Restores the seed of the contract; ids restart after it.
    void reset();

signals:
    void userAdded(const User &user);
    void userUpdated(const User &user);
    void userRemoved(qint64 id);
    void usersReset(const QList<User> &users);

private:
    User insertNew(const UserFields &fields, const QByteArray &passwordHash, const QDateTime &now);
    // The key of the email index: emails are unique regardless of case.
    static QString emailKey(const QString &email) { return email.toCaseFolded(); }

    Clock m_clock;
    RecordTable<User> m_table;
    QHash<qint64, QByteArray> m_passwordHashes;
    QHash<QString, qint64> m_idByEmail; // by emailKey()
    int m_capacity = 0;
};
