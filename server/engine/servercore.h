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
#include "engineevent.h"
#include "hubtcpserver.h"
#include "flowcontrol.h"
#include "linecodec.h"
#include "message.h"
#include "outboundbatch.h"
#include "router.h"
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

class Admission;
class ClientSession;
class EventLog;
class FlowControl;
class HandshakeGate;
class MemoryTrimmer;
class Presence;
class QTimer;

class ServerCore : public QObject, private SessionHost
{
    Q_OBJECT

public:
    // How often coalesced snapshots are reported (about 30 Hz).
    static constexpr int kSnapshotIntervalMs = 33;
    // After an accept error (out of descriptors), how long until accepting
    // is tried again.
    static constexpr int kAcceptRetryMs = 100;

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
    bool isListening() const { return m_server->isListening(); }
    quint16 serverPort() const { return m_server->serverPort(); }
    QHostAddress serverAddress() const { return m_server->serverAddress(); }
    // "0.0.0.0:8000" for Any, "[::1]:8000" for IPv6.
    QString listenAddressText() const { return m_server->addressText(m_options.bind, m_options.port); }
    // For people: "all interfaces (IPv4 and IPv6), port 8000" for a
    // dual-stack bind, else listenAddressText().
    QString listenDescription() const { return m_server->description(m_options.bind, m_options.port); }
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
    // A direct notice to the clients ids, wherever the router finds them
    // (this core logs it). False, logged, when ids is empty.
    bool sendTo(const QList<quint32> &ids, const QString &text);
    // Kicks clients with a Disconnect notice; with banMinutes, also bans
    // their addresses for that long (refused at accept, with a notice).
    // The core that serves each client carries it out.
    void disconnectClients(const QList<quint32> &ids, int banMinutes = 0);
    // What the group's Router hands this core for its own clients; runs on
    // this core's thread.
    void deliver(const Router::Delivery &delivery);
    // Lifts the ban on an address; false when it was not banned.
    bool unban(const QString &address);
    AccessPolicy &access() { return m_group->access(); }
    // Why a server text cannot be sent with this maximum message size, or
    // an empty string when it can. A pure function: any thread may call it.
    static QString outgoingError(const QString &text, qsizetype maxMessageSize)
    {
        return OutboundBatch::sendError(text, maxMessageSize);
    }

    // Takes a connection accepted by another core of the group, from peer
    // (as accept() read it: null when it has no IP address).
    void adoptDescriptor(qintptr descriptor, const QHostAddress &peer = {}, quint16 port = 0);
    // Closes this core's connections from address that are still waiting
    // to be admitted (its lockout began): reason is their notice.
    void closePendingFrom(const QHostAddress &address, const QString &reason);
    // "lines", "frames, TLS 1.3": how a connection speaks, for the log.
    static QString connectionKind(const ClientSession *session);
    // clientId: the client the line is about (the window can show one
    // client's lines only), 0 for none.
    void logEvent(EngineEvent::Code code, const QStringList &args = {}, quint32 clientId = 0, int count = -1);
    // A batch in every framing in use; logs what it left out as too large.
    // The federation makes what other instances sent with it.
    BatchRef makeBatch(QList<Message> messages);

public Q_SLOTS:
    // Emits snapshotReady() now with everything since the last one.
    void publishSnapshot();
    // Resumes paused connections on the next pass, if flow control allows.
    void scheduleResume() { m_flow->scheduleResume(); }

Q_SIGNALS:
    // address: "0.0.0.0:37555"; port: the real port (0 when not listening).
    void listeningChanged(bool listening, const QString &address, quint16 port);
    // The full message, e.g. "Could not listen on 0.0.0.0:8000: The bound address is already in use".
    void listenFailed(const QString &address, const QString &why);
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
    ReadGate mayRead(ClientSession *session) override { return m_flow->mayRead(session); }
    void framingKnown(ClientSession *session) override;
    bool checkPassword(ClientSession *session, const QByteArray &password, QString *refusal) override;
    void admitted(ClientSession *session) override;
    // "#3 connected from 127.0.0.1:40212 (lines, TLS 1.3)", once.
    void logConnected(ClientSession *session);
    void messagesReceived(ClientSession *session, const QList<Message> &messages) override;
    void congestionChanged(ClientSession *session, bool congested) override;
    void drained(ClientSession *session) override;
    void finished(ClientSession *session, const QString &reason) override;
    BufferBudget *budget() override { return &m_group->budget(); }

    void setMode(ServerOptions::Mode mode);
    void onDescriptor(qintptr descriptor, const QHostAddress &peer, quint16 port);
    void onAcceptFailed(const QString &reason);
    ClientSession *makeSession(quint32 id, qintptr descriptor, const QHostAddress &peer, quint16 port);
    // What the mode makes of a client's texts, handed to the Router.
    void route(ClientSession *from, QList<Message> texts);
    // Every send leaves this core here, through the group's Router.
    void routeOut(const Router::Delivery &delivery);
    void logRefusals(const QList<OutboundBatch::Refusal> &refusals);
    // Queues a batch to this core's clients but the one with id except (0:
    // none). Sessions that end meanwhile leave m_sessions after the loop.
    void deliverToAll(const BatchRef &batch, quint32 except);
    void deliverTo(const QList<quint32> &ids, const BatchRef &batch);
    void kick(const QList<quint32> &ids, int banMinutes);
    void markDirty(ClientSession *session);
    void scheduleSnapshot();
    void checkTimeouts();
    // Held across every loop over m_sessions: a session that ends during the
    // loop (retire()) leaves m_sessions when the outermost scope ends, so the
    // loop's iterators stay valid.
    class FanOutScope
    {
    public:
        explicit FanOutScope(ServerCore *core) : m_core(core) { ++m_core->m_fanOutDepth; }
        ~FanOutScope();
        FanOutScope(const FanOutScope &) = delete;
        FanOutScope &operator=(const FanOutScope &) = delete;

    private:
        ServerCore *m_core;
    };
    // Removes an ended session now, or after the loop that is running.
    void retire(ClientSession *session);
    LineCodec::Output lineOutput() const;
    void forgetPending(ClientSession *session);
    // Logs why text cannot be sent, if it cannot (true: it can).
    bool checkOutgoing(const QString &text);
    // A server text (sender id 0), held as UTF-8 like every relayed text.
    static Message serverText(const QString &text);
    void removeSession(ClientSession *session);

    ServerOptions m_options;
    EventLog *m_log;
    HubTcpServer *m_server;
    std::shared_ptr<ServerGroup> m_group;
    int m_nextCore = 0;
    QMap<quint32, ClientSession *> m_sessions;
    // Connections that must give the password first: not clients yet (not
    // routed to, not in the table).
    QHash<quint32, ClientSession *> m_pending;
    // Who becomes a client (server/admission.h), join and leave notices
    // (server/presence.h), flow control (server/flowcontrol.h), and giving
    // memory back after large releases (server/memorytrimmer.h).
    Admission *m_admission;
    Presence *m_presence;
    FlowControl *m_flow;
    MemoryTrimmer *m_trimmer;
    HandshakeGate *m_handshakes;
    int m_connections = 0;
    int m_fanOutDepth = 0; // FanOutScopes alive
    QList<ClientSession *> m_leftDuringFanOut;
    QString m_errorString;

    QTimer *m_acceptRetryTimer;
    QTimer *m_timeoutTimer;
    bool m_acceptErrorLogged = false;

    // Snapshots.
    QTimer *m_snapshotTimer;
    QSet<quint32> m_dirty;
    bool m_allDirty = false;
    QList<quint32> m_removed;
    bool m_listeningReported = false;

    ServerSnapshot::Stats m_stats;
};
