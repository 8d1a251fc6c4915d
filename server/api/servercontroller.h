// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The window's side of the engine. It owns the network threads and the
// ServerCore living on each (options().networkThreads of them; the first
// listens and hands connections out in turn), sends them commands through
// queued calls, and receives what they report: listening changes, coalesced
// snapshots (client rows, counters) and log batches. Nothing here calls into
// the engine synchronously, so a busy engine never freezes a window, nor the
// reverse.
#pragma once

#include "federationstatus.h"
#include "serveroptions.h"
#include "serversnapshot.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QThread>

#include <functional>
#include <memory>
#include <vector>

class EventLog;
class FederationRouter;
class LogWriter;
class ServerCore;
class ServerGroup;

class ServerController : public QObject
{
    Q_OBJECT

public:
    // How long shutDown() waits for goodbyes to flush.
    static constexpr int kShutdownFlushMs = 2000;
    // Federated: how often the remote rows are brought up to date and this
    // instance's client list handed to its heartbeats.
    static constexpr int kFederationRowsMs = 500;

    explicit ServerController(const ServerOptions &options = {}, QObject *parent = nullptr);
    // Ends the engine: its connections are dropped if shutDown() did not
    // close them first.
    ~ServerController() override;

    // The window's copy of the engine's log (bounded, fed in batches).
    EventLog *log() const { return m_log; }
    // Writes the engine's every log batch (--log).
    void attachLogWriter(LogWriter *writer);

    // The settings as this side last set them.
    const ServerOptions &options() const { return m_options; }
    int networkThreads() const { return int(m_cores.size()); }
    // What the engine last reported.
    bool isListening() const { return m_listening; }
    quint16 serverPort() const { return m_port; }
    QString listenAddressText() const { return m_address; }
    int clientCount() const;
    int connectionCount() const;
    ServerSnapshot::Stats stats() const;
    // The federation's state now (State::Off when not federated).
    FederationStatus federationStatus() const;
    // The other instances' clients in the table.
    int remoteClientCount() const;

    // Commands, carried out on the network threads.
    void start();
    void stop();
    void setPort(quint16 port);
    void setBind(const QString &bind);
    void setMode(ServerOptions::Mode mode);
    void setFramingSetting(ServerOptions::FramingSetting framing);
    void setWelcomeText(const QString &text);
    void setMaxMessageSize(qsizetype max);
    // Server texts. False (and the reason logged) when the text cannot be
    // sent; that check needs nothing from the engine.
    bool sendToAll(const QString &text);
    bool sendTo(const QList<quint32> &ids, const QString &text);
    void disconnectClients(const QList<quint32> &ids, int banMinutes = 0);
    // Lifts the ban on an address (bans are shared by every core).
    void unban(const QString &address);
    // Access rules (addresses or CIDR ranges; check each with
    // AccessRule::parse first): they apply at once, to new
    // connections.
    void setAccessRules(const QStringList &allow, const QStringList &deny);
    // TLS: PEM certificate and key files (both empty: off), applied at the
    // next start(); a file that cannot be used fails that start with
    // listenFailed() naming the file and why.
    void setTls(const QString &certFile, const QString &keyFile, bool allowPlaintext);
    // The password new connections must give (empty: none). Kept only as its
    // digest; never stored or logged.
    void setPassword(const QString &password);
    bool hasPassword() const { return !m_options.passwordDigest.isEmpty(); }
    // While listening with TLS: the certificate's SHA-256 fingerprint,
    // "AB:CD:…" (empty without TLS). Changes are announced by
    // securityChanged().
    QString tlsFingerprint() const { return m_tlsFingerprint; }
    // Stops listening, says goodbye to every client and emits
    // shutDownFinished() once all connections have closed (or after
    // kShutdownFlushMs), with the final snapshots and log already delivered.
    void shutDown();

Q_SIGNALS:
    void listeningChanged(bool listening);
    void listenFailed(const QString &message);
    // tlsFingerprint() changed (a start with or without TLS).
    void securityChanged();
    // One core's snapshot (rows of different cores never overlap).
    void snapshotReady(const ServerSnapshot &snapshot);
    void shutDownFinished();

private:
    // Runs f(core) on every core's thread.
    void forEachCore(const std::function<void(ServerCore *)> &f);
    void pushOptions();
    void onListeningChanged(bool listening, const QString &address, quint16 port);
    void onSnapshot(int core, const ServerSnapshot &snapshot);
    void onCoreClosed();
    void finishShutDown();
    void onCoreFlushed();
    bool checkOutgoing(const QString &text);
    void startFederation();
    void syncFederationRows();

    ServerOptions m_options;
    std::shared_ptr<ServerGroup> m_group;
    std::vector<std::unique_ptr<QThread>> m_threads;
    QList<ServerCore *> m_cores;
    EventLog *m_log;
    bool m_listening = false;
    quint16 m_port = 0;
    QString m_address;
    QString m_tlsFingerprint;
    QList<ServerSnapshot> m_snapshots; // the last of each core (counts and stats)
    // Federated: the group's router (owned by the group), this instance's
    // clients for its heartbeats, and the remote rows shown.
    FederationRouter *m_federation = nullptr;
    QHash<quint32, ClientInfo> m_localClients;
    QHash<quint32, ClientInfo> m_remoteRows;
    quint64 m_remoteVersion = 0;
    bool m_shuttingDown = false;
    bool m_shutDownDone = false;
    int m_coresClosed = 0;
    int m_coresFlushed = 0;
};
