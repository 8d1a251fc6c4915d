// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The server window's Federation field (docs/federation.md): the Redis
// address of the federation this server joins, redis://HOST:PORT[/NAME].
//
// A federation is chosen when socket-server starts: the Router and the
// client ids it gives are set before the network threads run, and a client
// connected under one numbering cannot move to another. So what the user
// types here is checked at once (the same parser as --federate), saved
// (ServerSettings, "federation/address") and used from the next start; the
// note under the field says which federation is in use now and which one
// the next start will join. An empty field saves "no federation".
//
// The password is never saved (as the server's own is not): an address
// with one is refused here, and the note says to give it in
// SOCKETHUB_REDIS_PASSWORD instead.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class ServerController;

class FederationField : public QWidget
{
    Q_OBJECT

public:
    explicit FederationField(ServerController *controller, QWidget *parent = nullptr);

    QLineEdit *edit() const { return m_edit; }

private:
    // Checks and saves what the field holds (on Enter or leaving it).
    void apply();
    void showNote(const QString &text, bool error);

    ServerController *m_controller;
    QLineEdit *m_edit;
    QLabel *m_note;
    // The text last in force: at first the address in use now (what the
    // command line or the settings gave), then what the field last saved.
    // The same text again saves nothing, as in the window's other fields.
    QString m_applied;
};
