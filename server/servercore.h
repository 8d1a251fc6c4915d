// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The engine: the listening socket, the client sessions, routing (show /
// echo / relay), flow control and the limits. A plain QObject with no widget
// includes: socket-server runs it on a network thread of its own (see
// ServerController); tests may drive it on theirs.
//
// It never does presentation work per message: it records structured events
// in its EventLog (formatted only where shown or written) and reports to
// windows with coalesced snapshots (snapshotReady(), about 30 Hz at most).
//
// Flow control (docs/protocol.md, "Flow control"): a client whose queue
// passes the high-water mark stops the reading of every connection that feeds
// it (in relay mode, every other client; itself always) until it drains below
// the low-water mark. One that stays above the mark for the slow-consumer
// timeout, or passes the hard cap, is disconnected. Past the global budget no
// connection is read at all.
#pragma once

#include "bufferbudget.h"
#include "servergroup.h"
#include "clientinfo.h"
#include "linecodec.h"
#include "message.h"
#include "outboundbatch.h"
#include "serveroptions.h"
#include "serversnapshot.h"
#include "sessionhost.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>

class ClientSession;
class EventLog;
class HubTcpServer;
class QTimer;

class ServerCore : public QObject, private SessionHost
{
    Q_OBJECT

public:
    // How often coalesced snapshots are reported (about 30 Hz).
    static constexpr int kSnapshotIntervalMs = 33;
    // How often congested clients are checked against the slow-consumer
    // timeout, and paused connections retried, while there are any.
    static constexpr int kHousekeepingIntervalMs = 100;
    // After an accept error (out of descriptors), how long until accepting
    // is tried again.
    static constexpr int kAcceptRetryMs = 100;
    // The timeouts are applied by one sweep over the clients, every quarter
    // of the shortest timeout, within these bounds.
    static constexpr int kMinTimeoutSweepMs = 10;
    static constexpr int kMaxTimeoutSweepMs = 1000;
    // Refused connections are logged one line for the first, then as a
    // count at most this often.
    static constexpr int kRefusalLogIntervalMs = 10000;

    // With a group, this core is one of several network threads' (see
    // ServerController); without, it makes a group of its own.
    explicit ServerCore(const ServerOptions &options = {}, QObject *parent = nullptr,
                        std::shared_ptr<ServerGroup> group = {});
    ~ServerCore() override;

    EventLog *log() const { return m_log; }
    const ServerOptions &options() const { return m_options; }

    // Listening.
    // Starts listening on options().bind / options().port. Returns false,
    // logs and emits listenFailed() with Qt's reason on failure.
    bool start();
    // Stops accepting and closes every client gracefully.
    void stop();
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    // "0.0.0.0:8000" for Any, "[::1]:8000" for IPv6.
    QString listenAddressText() const;
    // For people: "all interfaces (IPv4 and IPv6), port 8000" for a
    // dual-stack bind, else listenAddressText().
    QString listenDescription() const;
    QString errorString() const { return m_errorString; }

    // Settings: port and bind apply at the next start(), framing and the
    // limits to new connections, the mode at once.
    void setOptions(const ServerOptions &options);
    void setMaxMessageSize(qsizetype max) { m_options.maxMessageSize = max; }

    // Clients.
    int clientCount() const { return int(m_sessions.size()); }
    QList<quint32> clientIds() const { return m_sessions.keys(); }
    // Snapshots ordered by id.
    QList<ClientInfo> clients() const;
    // Connections still open, including those closing or refused (not clients
    // any more, but still flushing a goodbye).
    int connectionCount() const { return m_connections; }
    ServerSnapshot::Stats stats() const;

    // Sending a server text (sender id 0). Returns false (and logs why) when
    // the text is empty or its encoded form (a frame's payload, or its
    // longest line) is larger than the maximum message size.
    bool sendToAll(const QString &text);
    // log: whether to log what was sent (false when several cores each send
    // to their own clients and one logs for all).
    bool sendTo(const QList<quint32> &ids, const QString &text, bool log = true);
    // Kicks clients with a Disconnect notice; with banMinutes, also bans
    // their addresses for that long (refused at accept, with a notice).
    void disconnectClients(const QList<quint32> &ids, int banMinutes = 0);
    // Lifts the ban on an address; false when it was not banned.
    bool unban(const QString &address);
    AccessPolicy &access() { return m_group->access(); }
    // Why a server text cannot be sent with this maximum message size, or
    // an empty string when it can. A pure function: any thread may call it.
    static QString outgoingError(const QString &text, qsizetype maxMessageSize);

    // Takes a connection accepted by another core of the group.
    void adoptDescriptor(qintptr descriptor);
    // clientId: the client the line is about (the window can show one
    // client's lines only), 0 for none.
    void logInfo(const QString &text, quint32 clientId = 0);

public Q_SLOTS:
    // Emits snapshotReady() now with everything since the last one.
    void publishSnapshot();
    // Resumes paused connections on the next pass, if flow control allows.
    void scheduleResume();

Q_SIGNALS:
    // address: "0.0.0.0:37555"; port: the real port (0 when not listening).
    void listeningChanged(bool listening, const QString &address, quint16 port);
    // The full message, e.g. "Could not listen on 0.0.0.0:8000: The bound address is already in use".
    void listenFailed(const QString &message);
    // Emitted by start() before listeningChanged(): the certificate's SHA-256
    // fingerprint ("AB:CD:…"), empty without TLS.
    void tlsChanged(const QString &fingerprint);
    void clientLeft(quint32 id, const QString &reason);
    // Coalesced (about 30 Hz at most): what changed since the last one.
    void snapshotReady(const ServerSnapshot &snapshot);
    // The last connection has closed (after stop(), every one has).
    void allConnectionsClosed();

private:
    // SessionHost: the seam between connections and routing.
    ReadGate mayRead(ClientSession *session) override;
    void framingKnown(ClientSession *session) override;
    bool checkPassword(ClientSession *session, const QByteArray &password, QString *refusal) override;
    void admitted(ClientSession *session) override;
    // "#3 connected from 127.0.0.1:40212 (lines, TLS 1.3)", once.
    void logConnected(ClientSession *session);
    // "lines", "frames, TLS 1.3": how a connection speaks, for the log.
    static QString connectionKind(const ClientSession *session);
    void messagesReceived(ClientSession *session, const QList<Message> &messages) override;
    void congestionChanged(ClientSession *session, bool congested) override;
    void drained(ClientSession *session) override;
    void finished(ClientSession *session, const QString &reason) override;
    BufferBudget *budget() override { return &m_group->budget(); }

    void setMode(ServerOptions::Mode mode);
    void onDescriptor(qintptr descriptor);
    void onAcceptFailed(const QString &reason);
    ClientSession *makeSession(quint32 id, qintptr descriptor, const QHostAddress &peer, quint16 port);
    // Where a client's texts go: the routing decision. A bridge to other
    // servers plugs in here.
    void route(ClientSession *from, QList<Message> texts);
    // Queues a batch to every client of the group but except (may be null).
    void fanOutToAll(const BatchRef &batch, const ClientSession *except);
    // The same for this core's clients. Sessions that end meanwhile leave
    // m_sessions only after the loop.
    void fanOutLocal(const BatchRef &batch, const ClientSession *except);
    void onRefused(ClientSession *session, const QList<OutboundBatch::Refusal> &refusals,
                   Protocol::Framing framing);
    void markDirty(ClientSession *session);
    void scheduleSnapshot();
    void resumePaused();
    void housekeeping();
    void checkTimeouts();
    int timeoutSweepInterval() const;
    LineCodec::Output lineOutput() const;
    void applyAccessRules();
    // Loads the certificate and key of the options into the group; false
    // with *error (naming the file and why) when they cannot be used.
    bool loadTls(QString *fingerprint, QString *error);
    void forgetPending(ClientSession *session);
    // Relay mode: tells every other client that session joined (once its
    // framing, and for frames its name, is known) or left.
    void announceJoined(ClientSession *session);
    void announceLeft(ClientSession *session);
    void announce(ClientSession *session, Message::NoticeKind kind);
    void noteRefusal(const QString &address, const QString &why);
    void logRefusalCount();
    // A server text (sender id 0), held as UTF-8 like every relayed text.
    static Message serverText(const QString &text);
    void removeSession(ClientSession *session);
    void forgetCongested(ClientSession *session);

    ServerOptions m_options;
    EventLog *m_log;
    HubTcpServer *m_server;
    std::shared_ptr<ServerGroup> m_group;
    int m_nextCore = 0;
    QMap<quint32, ClientSession *> m_sessions;
    // Connections that must give the password first: not clients yet (not
    // routed to, not in the table).
    QHash<quint32, ClientSession *> m_pending;
    // Clients whose joining was announced: their leaving is, too.
    QSet<quint32> m_announced;
    int m_connections = 0;
    int m_fanOutDepth = 0;
    QList<ClientSession *> m_leftDuringFanOut;
    QString m_errorString;

    // Flow control.
    QSet<ClientSession *> m_congested;
    QList<QPointer<ClientSession>> m_paused;
    bool m_resumeScheduled = false;
    bool m_budgetPaused = false;
    QTimer *m_housekeepingTimer;
    QTimer *m_acceptRetryTimer;
    QTimer *m_timeoutTimer;
    QTimer *m_refusalLogTimer;
    // Bans as last reported in a snapshot; the timer reports the next end.
    quint64 m_bansReported = ~quint64(0);
    bool m_banEnded = false;
    QTimer *m_banExpiryTimer;
    int m_refusalsNotLogged = 0;
    bool m_acceptErrorLogged = false;

    // Snapshots.
    QTimer *m_snapshotTimer;
    QSet<quint32> m_dirty;
    bool m_allDirty = false;
    QList<quint32> m_removed;
    bool m_listeningReported = false;

    ServerSnapshot::Stats m_stats;
};
