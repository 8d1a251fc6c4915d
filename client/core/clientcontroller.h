// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The window's side of socket-client's connection, which lives on a network
// thread of its own (as the server's ServerController does for its cores):
// this owns the thread, the ConnectionReporter and ClientConnection on it,
// the window's EventLog and the receive backlog. Commands go over as queued
// calls; what the connection does comes back as its signals, each after a
// ClientStatus taken with it (status()), and what it received as batches
// of LogEvents appended to log(). Nothing here calls into the connection
// synchronously, so a flood the connection decodes never holds up the
// window, nor the reverse.
//
// The settings apply from the next connectToHost(), as ClientConnection's
// do; this side keeps a copy to answer what they are.
#pragma once

#include "clientconnection.h"
#include "clientstatus.h"
#include "logevent.h"

#include <QList>
#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

class ConnectionReporter;
class EventLog;
class ReceiveBacklog;

class ClientController : public QObject
{
    Q_OBJECT

public:
    using State = ClientConnection::State;
    using LineEnding = ClientConnection::LineEnding;
    using Counters = ClientConnection::Counters;

    explicit ClientController(QObject *parent = nullptr);
    // Ends the network thread; the connection is deleted there.
    ~ClientController() override;

    // The window's log: what happened and what was received.
    EventLog *log() const { return m_log; }
    // Holds the connection's reading while the log or its writer is behind.
    ReceiveBacklog *receiveBacklog() const { return m_backlog; }

    // As of the last event reported.
    const ClientStatus &status() const { return m_status; }
    State state() const { return m_status.state; }
    bool isConnected() const { return m_status.state == State::Connected; }
    QString host() const { return m_status.host; }
    quint16 port() const { return m_status.port; }
    QString peerLabel() const;
    QString lastError() const { return m_status.lastError; }
    bool isEncrypted() const { return isConnected() && !m_status.peerFingerprint.isEmpty(); }
    QString peerFingerprint() const { return m_status.peerFingerprint; }
    QString tlsVersion() const { return m_status.tlsVersion; }
    QString rejectedFingerprint() const { return m_status.rejectedFingerprint; }
    QString rejectedReason() const { return m_status.rejectedReason; }
    int reconnectAttempt() const { return m_status.reconnectAttempt; }
    int reconnectRemaining() const { return m_status.reconnectRemaining; }
    quint32 clientId() const { return m_status.clientId; }
    QString serverName() const { return m_status.serverName; }
    Counters counters() const { return m_status.counters; }
    quint64 readHolds() const { return m_status.readHolds; }

    // Settings (ClientConnection's), from the next connectToHost().
    Protocol::Framing framing() const { return m_framing; }
    void setFraming(Protocol::Framing framing);
    QString name() const { return m_name; }
    void setName(const QString &name);
    qsizetype maxMessageSize() const { return m_maxMessageSize; }
    void setMaxMessageSize(qsizetype bytes);
    void setConnectTimeout(int ms);
    void setHelloTimeout(int ms);
    void setMaxUnsent(qint64 bytes);
    void setHeartbeatInterval(int ms);
    void setHeartbeatTimeout(int ms);
    bool autoReconnect() const { return m_autoReconnect; }
    void setAutoReconnect(bool enabled);
    int reconnectBaseDelay() const { return m_reconnectBaseMs; }
    void setReconnectBaseDelay(int ms);
    int shutdownTimeout() const { return m_shutdownTimeoutMs; }
    void setShutdownTimeout(int ms);
    bool tlsEnabled() const { return m_tlsEnabled; }
    void setTlsEnabled(bool enabled);
    QString tlsCaFile() const { return m_tlsCaFile; }
    void setTlsCaFile(const QString &path);
    void setTlsPinnedFingerprint(const QString &fingerprint);
    void setPassword(const QString &password);

public Q_SLOTS:
    void connectToHost(const QString &host, quint16 port);
    void disconnectFromHost();
    // Drops the connection at once (ClientConnection::abort()).
    void abort();
    // The end of the program: ClientConnection::shutdown(); shutdownFinished()
    // follows.
    void shutdown();
    // Taken (true) when connected and within the maximum message size;
    // else sendFailed() says why, at once. A text taken that never goes
    // out (the connection ended meanwhile) comes back in textsNotSent().
    bool sendText(const QString &text);
    bool sendBytes(const QByteArray &bytes, LineEnding ending = LineEnding::Lf);
    // Asks for a fresh status (the counters); statusUpdated() follows.
    void refreshStatus();

Q_SIGNALS:
    // ClientConnection's, on this side.
    void stateChanged(ClientConnection::State state);
    void connected();
    void disconnected(const QString &reason);
    void errorOccurred(const QString &message);
    void messageSent(const QString &text, const QByteArray &bytes);
    void sendFailed(const QString &reason);
    void textsNotSent(const QStringList &texts);
    void unsentBytes(qint64 bytes);
    void reconnectScheduled(int attempt, int delayMs);
    void reconnectCountdown(int remaining);
    void shutdownFinished(qint64 unsentBytes);
    void passwordSent();
    void passwordNotSent(const QString &reason);
    // A batch of received events was appended to log() (after it).
    void eventsReceived(const QList<LogEvent> &events);
    // status() changed: a command was given, or the connection reported.
    void statusUpdated();

private:
    // Runs f on the network thread.
    void post(std::function<void(ClientConnection *)> f);
    // A command that changes the state: run as post(), and status() says
    // expected at once; statuses taken before the connection ran it are
    // stale.
    void command(std::function<void(ClientConnection *)> f, State expected);
    void onEventsReceived(const QList<LogEvent> &events);
    // Whether a message can be taken now; sendFailed() when not.
    bool mayTake(const std::function<OutgoingMessage(const Codec &)> &make);

    EventLog *m_log;
    ReceiveBacklog *m_backlog;
    std::unique_ptr<QThread> m_thread;
    ConnectionReporter *m_reporter;
    ClientStatus m_status;
    // The last command() given.
    quint64 m_commandSeq = 0;

    Protocol::Framing m_framing = Protocol::Framing::Frames;
    QString m_name;
    qsizetype m_maxMessageSize = Protocol::kDefaultMaxMessageSize;
    bool m_autoReconnect = false;
    int m_reconnectBaseMs = Protocol::kReconnectInitialDelayMs;
    int m_shutdownTimeoutMs = ClientConnection::kDefaultShutdownTimeoutMs;
    bool m_tlsEnabled = false;
    QString m_tlsCaFile;
};
