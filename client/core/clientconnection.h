// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// One client connection to a Socket Hub server (or any line-based TCP
// service): the socket, the codec, the connect timeout, the heartbeat and the
// reconnect backoff, TLS and the server password. A plain QObject with no
// widget includes. In socket-client it lives on a network thread of its own
// (ClientController, ConnectionReporter); the window never calls it. Its
// parts, each a class of its own: ConnectAttempt (TCP, TLS and the
// certificate, TlsTrust), Heartbeat, ReconnectSchedule, PasswordExchange,
// GracefulClose.
//
// Nothing here blocks: connectToHost() returns at once and the outcome
// arrives as stateChanged()/connected()/errorOccurred().
//
// A hostile server cannot make it hang or grow without bound: a frames
// server must send its magic and hello within the hello timeout, and its
// first frame must be that hello (a second one is an error); what the client
// holds unsent for a server that does not read is capped (maxUnsent); input
// is decoded a bounded chunk at a time.
//
// TLS (docs/security.md): with tlsEnabled() the server is verified against
// the system CAs, or only the CAs of tlsCaFile(); with a pinned fingerprint
// the certificate whose SHA-256 it is is accepted instead, whether or not
// its chain verifies, and any other is refused. A certificate that fails is
// never accepted silently: the attempt fails with the reason named, and
// rejectedFingerprint() says which certificate it was.
//
// The password (never logged) goes only to a server that asks for it
// (docs/protocol.md, section 6.4). Frames: the magic goes out at once, the
// hello only after the server's hello, carrying the password only when the
// server's hello has the "password required" field (tag 2). Lines: the
// password is the first line, sent only when the server's first line is its
// prompt ("* info: password required: send it as the first line"). Until
// then texts are held.
#pragma once

#include "codec.h"
#include "connectattempt.h"
#include "gracefulclose.h"
#include "heartbeat.h"
#include "hostport.h"
#include "message.h"
#include "outgoingmessage.h"
#include "passwordexchange.h"
#include "protocol.h"
#include "reconnectschedule.h"
#include "tlstrust.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>

class QSslSocket;

class ClientConnection : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Disconnected,
        Connecting,
        Connected,
        // Dropped or failed; the next attempt starts when the countdown ends.
        WaitingToReconnect,
    };
    Q_ENUM(State)

    // What ends a line that sendBytes() writes in lines framing.
    using LineEnding = OutgoingMessage::LineEnding;

    explicit ClientConnection(QObject *parent = nullptr);
    ~ClientConnection() override;

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }

    // The host and port of the current (or last) connection.
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    // "host:port", with IPv6 literals in brackets.
    QString peerLabel() const { return hostPort(m_host, m_port); }

    // Settings; they apply from the next connectToHost().
    Protocol::Framing framing() const { return m_framing; }
    void setFraming(Protocol::Framing framing) { m_framing = framing; }
    QString name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    qsizetype maxMessageSize() const { return m_maxMessageSize; }
    void setMaxMessageSize(qsizetype bytes) { m_maxMessageSize = qMax<qsizetype>(1, bytes); }

    // Connect timeout (default Protocol::kDefaultConnectTimeoutMs).
    int connectTimeout() const { return m_attempt->timeout(); }
    void setConnectTimeout(int ms) { m_attempt->setTimeout(ms); }

    // Frames: the server's magic and hello must both have arrived this long
    // after the TCP connection opened, or the client closes (default
    // Protocol::kDefaultHelloTimeoutMs; --hello-timeout). Lines have no
    // hello and are not closed; with a password, this is also how long the
    // client waits for the server's password prompt before it sends the
    // held texts without the password.
    int helloTimeout() const { return m_helloTimeoutMs; }
    void setHelloTimeout(int ms) { m_helloTimeoutMs = qMax(1, ms); }

    // Bytes queued in the socket for the server (plain and, with TLS,
    // encrypted: queuedBytes()) past which the client closes: the server is not reading (default
    // Protocol::kDefaultClientMaxUnsent; --max-unsent). Checked after every
    // write (hello, pings, pongs, texts), so what is held stays within the
    // cap plus one message.
    qint64 maxUnsent() const { return m_maxUnsent; }
    void setMaxUnsent(qint64 bytes) { m_maxUnsent = qMax<qint64>(1, bytes); }

    // Input is taken from the socket and decoded this much at a time, so a
    // flood of tiny frames never becomes one huge list of messages, and one
    // chunk per pass of the event loop, so that a flood leaves the thread
    // time for its timers (the heartbeat, the batches to the window)
    // between chunks. 16 KiB (about 250 lines
    // of 64 bytes, a millisecond or two): 64 KiB passes took up to 24 ms on
    // a loaded machine, and the stall probe saw 89 to 132 ms instead of 38
    // to 62 ms, at the same lines per second (benchmarks.md, S14).
    static constexpr qint64 kReadChunkSize = 16 * 1024;
    // What the socket holds read from the kernel and not yet decoded
    // (QAbstractSocket::setReadBufferSize()): when it is full the socket is
    // not read, TCP's window closes, and the server's flow control holds
    // the rest of a flood.
    static constexpr qint64 kReadBufferSize = 256 * 1024;

    // Backpressure (issue 22): before each chunk the gate is asked whether
    // the receiver keeps up (ReceiveBacklog: the window and the --log
    // writer). While it says no, the client decodes nothing, its socket
    // buffer fills, and the server stops sending; retryRead() (when the
    // receiver caught up) reads on. No gate: always open.
    using ReadGate = std::function<bool()>;
    void setReadGate(ReadGate gate) { m_readGate = std::move(gate); }
    // Whether reading is held by the gate now, and how often it was since
    // the program started.
    bool isReadHeld() const { return m_readHeld; }
    quint64 readHolds() const { return m_readHolds; }

    // Frames only: a ping every interval; nothing received for the timeout
    // means the server is dead (defaults kDefaultHeartbeat*Ms).
    int heartbeatInterval() const { return m_heartbeat->interval(); }
    void setHeartbeatInterval(int ms) { m_heartbeat->setInterval(ms); }
    int heartbeatTimeout() const { return m_heartbeat->timeout(); }
    void setHeartbeatTimeout(int ms) { m_heartbeat->setTimeout(ms); }

    // Automatic reconnect after a failure or a drop the user did not ask
    // for, on the ReconnectSchedule.
    bool autoReconnect() const { return m_autoReconnect; }
    void setAutoReconnect(bool enabled);
    static constexpr int kReconnectJitterDivisor = ReconnectSchedule::kJitterDivisor;
    static constexpr int kRestartDelayDivisor = ReconnectSchedule::kRestartDivisor;
    int reconnectBaseDelay() const { return m_reconnect.baseDelay(); }
    void setReconnectBaseDelay(int ms) { m_reconnect.setBaseDelay(ms); }
    // Attempts scheduled since the last successful connection.
    int reconnectAttempt() const { return m_reconnect.attempt(); }
    // While waiting to reconnect: base-delay units left before the attempt.
    int reconnectRemaining() const { return m_reconnect.countdown(); }

    // The reason of the last failure or drop; empty after a clean connect or
    // a user disconnect.
    QString lastError() const { return m_lastError; }
    // Frames: what the server said in its hello and welcome notice.
    QString serverName() const { return m_serverName; }
    quint32 clientId() const { return m_clientId; }

    // How long shutdown() waits for queued bytes to be written before it
    // drops them (default kDefaultShutdownTimeoutMs, 2 s; --close-timeout).
    static constexpr int kDefaultShutdownTimeoutMs = GracefulClose::kDefaultTimeoutMs;
    int shutdownTimeout() const { return m_close->timeout(); }
    void setShutdownTimeout(int ms) { m_close->setTimeout(ms); }
    bool isShuttingDown() const { return m_close->isActive(); }

    // TLS, from the next connectToHost(). With tlsEnabled() the attempt
    // uses connectToHostEncrypted() and counts as connected once the
    // handshake is over and the server's certificate was accepted; the
    // connect timeout covers the handshake too.
    bool tlsEnabled() const { return m_attempt->tlsEnabled(); }
    void setTlsEnabled(bool enabled) { m_attempt->setTlsEnabled(enabled); }
    // A PEM file whose certificates replace the system CAs as the trust
    // anchors (empty: the system CAs). Read at each attempt; one that
    // cannot be read fails the attempt, naming the file and why. A relative
    // path is made absolute when it is set (against the current folder
    // then), so that it names the same file for as long as it is kept.
    QString tlsCaFile() const { return tlsTrust().caFile(); }
    void setTlsCaFile(const QString &path) { tlsTrust().setCaFile(path); }
    // The SHA-256 fingerprint the server's certificate must have (empty:
    // none). Any form CertificateFingerprint::normalized() reads; false
    // (and no pin) when it is not one.
    bool setTlsPinnedFingerprint(const QString &fingerprint) { return tlsTrust().setPinnedFingerprint(fingerprint); }

    // While connected with TLS: the server certificate's SHA-256, as
    // "AB:CD:…" (what `openssl x509 -fingerprint -sha256` prints), and the
    // protocol negotiated, "TLS 1.3" or "TLS 1.2". Empty otherwise.
    bool isEncrypted() const { return isConnected() && !m_attempt->peerFingerprint().isEmpty(); }
    QString peerFingerprint() const { return isEncrypted() ? m_attempt->peerFingerprint() : QString(); }
    QString tlsVersion() const { return isEncrypted() ? m_attempt->tlsVersion() : QString(); }
    // After an attempt failed because the server's certificate was not
    // accepted: its fingerprint (so that a user can choose to trust it) and
    // the reasons, without the fingerprint ("the certificate is
    // self-signed and not trusted"). Empty otherwise; cleared by the next
    // attempt.
    QString rejectedFingerprint() const { return tlsTrust().rejectedFingerprint(); }
    QString rejectedReason() const { return tlsTrust().rejectedReason(); }

    // The certificates of a PEM file; empty, with error set, when there are
    // none or the file cannot be read.
    static QList<QSslCertificate> readCaFile(const QString &path, QString *error)
    {
        return TlsTrust::readCaFile(path, error);
    }

    // The server password, from the next connectToHost() (empty: none). At
    // most Protocol::kMaxHelloFieldSize bytes of UTF-8: a longer one fails
    // connectToHost() before it connects. Never logged. With a password,
    // texts sent before the server has said whether it wants it (its hello
    // in frames, its first line in lines) are held, and sent (messageSent())
    // after the password, or without it when the server did not ask.
    void setPassword(const QString &password) { m_passwordExchange.setPassword(password); }

    // Bytes queued for the server, before and after encryption.
    qint64 queuedBytes() const;

    // What went each way since the current (or last) connection attempt
    // began: texts and notices received, texts sent, and every byte of
    // the stream (magic, hellos, pings and pongs too; before TLS).
    struct Counters
    {
        quint64 messagesIn = 0;
        quint64 messagesOut = 0;
        quint64 bytesIn = 0;
        quint64 bytesOut = 0;
    };
    Counters counters() const { return m_counters; }

    // For tests and diagnostics only.
    QSslSocket *socket() const { return m_socket; }

public Q_SLOTS:
    // Starts connecting (ends any current connection first). Asynchronous.
    void connectToHost(const QString &host, quint16 port);
    // The user's Disconnect: closes gracefully (queued bytes are still
    // written), cancels a connect attempt and stops reconnecting.
    void disconnectFromHost();
    // Cancels a connect attempt or a reconnect countdown.
    void cancel();
    // Drops the connection at once, without a graceful close, and does not
    // reconnect.
    void abort();
    // The end of the program (the window closed): disconnectFromHost(), then
    // waits until every queued byte is written and the socket is closed
    // (a clean FIN, not a reset), or at most shutdownTimeout(), after which
    // the socket is aborted and what was still queued is reported by
    // unsentBytes(). Either way shutdownFinished() follows.
    void shutdown();
    // Sends one text message. Returns false, and emits sendFailed(), when not
    // connected or when the encoded message is larger than the maximum.
    // Also returns false when queueing it took the unsent bytes past
    // maxUnsent(): the connection is then closed (errorOccurred()).
    bool sendText(const QString &text);
    // Sends bytes as one message, exactly as given. Frames: a text message
    // whose body is these bytes (not checked as UTF-8: a server replaces
    // what is not). Lines: the bytes, then ending, written as they are:
    // nothing is added or taken away (a CR stays, an LF inside ends a line
    // as it is), for devices that want CR LF or no line end at all. Checked
    // against the maximum (lines: the longest line), held for a password
    // prompt and reported like sendText().
    bool sendBytes(const QByteArray &bytes, LineEnding ending = LineEnding::Lf);
    // The read gate may have opened: reads on if it held reading.
    void retryRead();

Q_SIGNALS:
    void stateChanged(ClientConnection::State state);
    void connected();
    // An established connection ended, for the reason given.
    void disconnected(const QString &reason);
    // A connect attempt failed, or the connection was lost or closed because
    // of an error. The text carries Qt's errorString where there is one.
    void errorOccurred(const QString &message);
    // A text or notice (or the server's hello) arrived.
    void messageReceived(const Message &message);
    // A text was handed to the socket: as text (bytes that are not UTF-8
    // replaced), and the message's bytes (without framing or line end).
    void messageSent(const QString &text, const QByteArray &bytes);
    void sendFailed(const QString &reason);
    // Texts that were accepted (sendText() returned true) but held, and
    // never went out: the connection ended before the server's hello (frames)
    // or its password prompt. Not delivered.
    void textsNotSent(const QStringList &texts);
    // Bytes still queued for the socket when the connection dropped.
    void unsentBytes(qint64 bytes);
    // A reconnect attempt is scheduled after delayMs (attempt counts from 1).
    void reconnectScheduled(int attempt, int delayMs);
    // Base-delay units (seconds by default) left before the next attempt;
    // emitted when scheduled and at each tick.
    void reconnectCountdown(int remaining);
    // shutdown() is over; unsentBytes is what had to be dropped (0 = all
    // was written and the socket closed cleanly).
    void shutdownFinished(qint64 unsentBytes);
    // The server asked for the password and it was sent (the password
    // itself is in no signal).
    void passwordSent();
    // A password is set, but it was not sent, for the reason given (frames:
    // "the server's hello did not ask for it"; lines: "the server did not
    // ask for it first", or not in time).
    void passwordNotSent(const QString &reason);

private:
    void setState(State state);
    void startAttempt();
    TlsTrust &tlsTrust() { return m_attempt->trust(); }
    const TlsTrust &tlsTrust() const { return m_attempt->trust(); }
    // The connection is up (TCP, and TLS when enabled): hello, timers,
    // connected().
    void establish();
    // Frames: our hello, with the password field or without; starts the
    // pings, which may only follow it.
    void sendHello(bool withPassword);
    void onPromptTimeout();
    // The password phase is over: frames, our hello (with the password
    // when sendPassword); lines, the password line when sendPassword. Then
    // the held texts.
    void endPasswordPhase(bool sendPassword, const QString &reasonNotSent);
    // Texts are held: the password prompt is awaited, or (frames) the
    // server's hello, which shows that it is a frames server at all.
    bool holdsTexts() const;
    // Writes the held texts, in order.
    void flushHeld();
    using Outgoing = OutgoingMessage;
    // Checks the size, then holds (awaiting the password prompt) or writes.
    bool queueOutgoing(Outgoing outgoing);
    bool writeOutgoing(const Outgoing &outgoing);
    // Every write to the socket, counted.
    qint64 writeBytes(const QByteArray &bytes);
    // Emits sendFailed() when a message cannot be sent now.
    bool canSend();
    void onSocketError();
    void onSocketDisconnected();
    void onReadyRead();
    // One pass: a chunk of input decoded, if the gate is open; the next
    // pass is queued while there is more.
    void readInput();
    void scheduleRead();
    // Decodes one chunk and handles its messages; false when that ended
    // the connection.
    bool decodeChunk();
    void onHeartbeatTimeout();
    void onHelloTimeout();
    void onReconnectTick();
    void sendPing();
    void handleMessage(const Message &message);
    // Frames: the server's first frame must be its hello, and it sends only
    // one. Returns false after closing the connection.
    bool checkHelloOrder(const Message &message);
    // After a write: false, with the connection closed, when the bytes
    // queued for the server are past maxUnsent().
    bool checkUnsent();
    // Ends the connection or the attempt; with error set, reports reason and
    // reconnects when enabled.
    void finish(const QString &reason, bool error);
    void scheduleReconnect();
    void stopTimers();
    void abortSocket();
    bool writeMessage(const Message &message);

    QSslSocket *m_socket;
    std::unique_ptr<Codec> m_codec;
    State m_state = State::Disconnected;
    // Bumped whenever a connection ends, so a loop over decoded messages
    // notices that a slot it signalled ended the connection.
    quint64 m_generation = 0;
    bool m_finishing = false;

    QString m_host;
    quint16 m_port = 0;
    QString m_name;
    Protocol::Framing m_framing = Protocol::Framing::Frames;
    qsizetype m_maxMessageSize = Protocol::kDefaultMaxMessageSize;
    int m_helloTimeoutMs = Protocol::kDefaultHelloTimeoutMs;
    qint64 m_maxUnsent = Protocol::kDefaultClientMaxUnsent;
    bool m_autoReconnect = false;
    ReconnectSchedule m_reconnect;
    // The server welcomed this connection (frames: its welcome notice;
    // lines: a "* welcome" line).
    bool m_welcomed = false;

    QString m_lastError;
    QString m_serverName;
    QString m_serverCloseReason;
    quint32 m_clientId = 0;
    // Frames: the server's hello (and so its magic) has arrived.
    bool m_helloReceived = false;

    ConnectAttempt *m_attempt;
    Heartbeat *m_heartbeat;
    GracefulClose *m_close;

    PasswordExchange m_passwordExchange;

    Counters m_counters;

    ReadGate m_readGate;
    bool m_readHeld = false;
    bool m_readScheduled = false;
    quint64 m_readHolds = 0;

    QTimer m_helloTimer;
    QTimer m_reconnectTimer;
    QTimer m_shutdownTimer;
    QTimer m_promptTimer;
};
