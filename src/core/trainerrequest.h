#pragma once

#include <QByteArray>
#include <QMetaType>

// Something the trainer does to the data from the window. It runs through the API's own
// handlers and validation, as an administrator who needs no token, so an invalid edit gets the
// error a client would get and every view learns of the change from the store's signals.
struct TrainerRequest
{
    enum class Action { CreateUser, UpdateUser, DeleteUser, ResetData };

    Action action = Action::ResetData;
    qint64 userId = 0; // UpdateUser and DeleteUser
    QByteArray body;   // CreateUser and UpdateUser: the JSON object of POST/PUT /users

    static TrainerRequest createUser(const QByteArray &json)
    {
        return {Action::CreateUser, 0, json};
    }
    static TrainerRequest updateUser(qint64 id, const QByteArray &json)
    {
        return {Action::UpdateUser, id, json};
    }
    static TrainerRequest deleteUser(qint64 id) { return {Action::DeleteUser, id, {}}; }
    static TrainerRequest resetData() { return {Action::ResetData, 0, {}}; }
};

Q_DECLARE_METATYPE(TrainerRequest)
