// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The network thread's side of socket-client (ClientController owns the
// thread): it owns the ClientConnection and reports what it does to the
// window's thread. Before each of the connection's events crosses over, it
// sends a ClientStatus taken then, so that the window reads the state as
// of that event; what was received goes over as LogEvents, made here, in
// one batch per kBatchIntervalMs (and before any other event, so the order
// holds), never a signal per message. The receive backlog counts each
// batch until the window's log has handed it on.
#pragma once

#include "clientconnection.h"
#include "clientstatus.h"
#include "logevent.h"

#include <QList>
#include <QObject>

class EventLog;
class ReceiveBacklog;

class ConnectionReporter : public QObject
{
    Q_OBJECT

public:
    // How long received lines wait on the network thread, at most, before
    // they go to the window in one batch.
    static constexpr int kBatchIntervalMs = 16;

    // Reading is gated on backlog, which must outlive this reporter's
    // thread.
    explicit ConnectionReporter(ReceiveBacklog *backlog, QObject *parent = nullptr);
    ~ConnectionReporter() override;

    ClientConnection *connection() const { return m_connection; }

    // A text the window took while the connection was up: sent, or, when
    // the connection has ended since, reported by textsNotSent().
    void sendText(const QString &text);
    void sendBytes(const QByteArray &bytes, ClientConnection::LineEnding ending);
    // Sends the status now (for the window's counters).
    void reportStatus();
    // The window's command seq is being carried out: statuses from now on
    // say so.
    void setCommandSeq(quint64 seq) { m_commandSeq = seq; }

Q_SIGNALS:
    void statusChanged(const ClientStatus &status);
    // What was received since the last batch, oldest first.
    void eventsReceived(const QList<LogEvent> &events);
    // A text taken by the window that never went out.
    void textsNotSent(const QStringList &texts);

private:
    void onMessage(const Message &message);
    // Before any other event: the received batch, then the status.
    void beforeEvent();

    ReceiveBacklog *m_backlog;
    ClientConnection *m_connection;
    // Keeps nothing: passes the received events on in batches, as each
    // server core's log does.
    EventLog *m_received;
    quint64 m_commandSeq = 0;
};
