// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// One client connection, owned by the engine on its network thread: its
// descriptor, its framing (detected or forced), its codec, its outbound
// queue of shared buffers, its flow-control state and its counters.
//
// Why a descriptor and two QSocketNotifiers rather than a QTcpSocket: a
// QTcpSocket closes its descriptor the moment it reads the peer's end of
// stream, dropping whatever it still had to write, so a client that
// half-closes (`printf 'hi\n' | nc -q 2 …`) would lose its replies; and it
// copies every write into a buffer of its own. Here the session reads
// straight into the codec (a read budget per pass, and only while flow
// control allows it), writes the queue's shared buffers with one sendmsg()
// per pass (no copy) through its Transport (transport.h), and treats end of stream as the end of the client's
// input, not of the connection: the rest of its bytes is handled, what it is
// owed is flushed, then the server closes. Every close is a lingering close:
// the server shuts down its sending side once its queue is flushed and reads
// (and discards) until the peer closes too, so a goodbye is not lost to a
// reset. Everything still runs on the event loop; nothing blocks.
//
// TLS: on a server with a certificate, a connection whose first byte is a TLS
// record gets a TlsTransport (OpenSSL on the same descriptor, driven by the
// same notifiers), and everything above (detection, codecs, flow control,
// timeouts) runs on its plaintext. A password: the session
// holds its client back (nothing routed, not in the table) until the host
// has checked the password (its first line, or its hello's field).
#pragma once

#include "clientinfo.h"
#include "codec.h"
#include "message.h"
#include "outboundbatch.h"
#include "outboundqueue.h"
#include "framingsniffer.h"
#include "linecodec.h"
#include "protocol.h"
#include "sessionconfig.h"
#include "sessionhost.h"
#include "sessionintake.h"
#include "sessionopening.h"
#include "sessiontimeouts.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QStringList>

#include <deque>
#include <memory>
#include <optional>

class BufferBudget;
class FramingCensus;
class HttpGate;
class QSocketNotifier;
class TlsContext;
class Transport;

class ClientSession : public QObject
{
    Q_OBJECT

public:
    // How long a closing connection may go without any progress (bytes
    // flushed, or the peer closing) before it is aborted.
    static constexpr int kCloseTimeoutMs = 5000;
    // The name this server gives in its hello.
    static constexpr char kServerName[] = "socket-server";

    // Where a connection is in its life. Forward only, each step at most
    // once: TlsPending -> PasswordPending -> Admitted -> Closing -> ShutDown
    // -> Released, skipping what does not apply (no TLS, no password); any
    // state may go to Closing (a close or the peer's end of input) or
    // straight to Released (a reset). The framing is a separate question
    // (hasFraming()): an admitted client may not have said it yet.
    enum class State : quint8 {
        TlsPending,      // a TLS server has not settled TLS (its handshake) or plain yet
        PasswordPending, // it must give the password before it is a client
        Admitted,        // a client: what it sends is routed
        Closing,         // finished: flushing what it is owed, and its goodbye if one is owed
        ShutDown,        // our side is shut down; waiting for the peer to close its side
        Released,        // closed; deleted on the next pass
    };

    using Config = SessionConfig;

    // A monotonic clock in milliseconds, cheap enough to read per read.
    static qint64 nowMs();

    // Takes ownership of descriptor (a connected, accepted TCP socket).
    // Call start() once the session is registered with its host.
    ClientSession(quint32 id, qintptr descriptor, const Config &config, SessionHost *host,
                  QObject *parent = nullptr);
    ~ClientSession() override;

    void start();

    quint32 id() const { return m_id; }
    QString name() const { return m_name; }
    void setName(const QString &name);
    // "127.0.0.1:40212" (IPv4-mapped addresses shown as IPv4), "[::1]:40212".
    QString address() const { return m_address; }
    // The peer's address (null for a socket that has none, such as a
    // socketpair in the fuzzer).
    const QHostAddress &peerAddress() const { return m_peerAddress; }
    // "#3 alice (127.0.0.1:40212)": how the log names this client.
    const QString &logLabel() const { return m_logLabel; }
    Protocol::Framing framing() const;
    QDateTime connectedSince() const { return m_connectedSince; }
    State state() const { return m_state; }
    // False once finished() was reported to the host.
    bool isOpen() const { return !hasFinished(); }
    // "TLS 1.3" once a TLS handshake completed; empty for plain TCP.
    QString security() const { return m_security; }
    bool isTls() const;
    // A client of the server: false while a TLS server has not seen its TLS
    // handshake end (or its plain bytes allowed), or while its password is
    // required and not yet checked.
    bool isAdmitted() const { return m_state == State::Admitted; }
    // Whether it had to give the password to be admitted.
    bool passwordRequired() const { return m_config.passwordRequired; }
    bool hasFraming() const { return m_codec != nullptr; }
    // Ended before it was served by the server's TLS policy: a plain
    // connection to a TLS-only server, or a TLS handshake that failed or
    // timed out. The host counts these as refusals (not one log line each).
    bool isTlsRefusal() const { return m_tlsRefusal; }
    ClientInfo info() const;
    quint64 bytesIn() const { return m_bytesIn; }
    quint64 bytesOut() const { return m_bytesOut; }

    // Bytes owed to the peer and not yet taken by the kernel.
    qsizetype pendingBytes() const;
    bool isCongested() const { return m_congested; }
    // Milliseconds the queue has been above the high-water mark (0 if not).
    qint64 congestedForMs() const;

    // Queues a batch in this connection's framing (or until it is known) and
    // writes what the kernel takes. Returns the number of messages queued
    // (0 while the framing is unknown).
    int send(const BatchRef &batch);
    // Reads again if the host had paused this session.
    void resumeReading();
    // Its TLS handshake waits for its turn (HandshakeGate), and it is not
    // closing.
    bool waitsForHandshake() const
    {
        return m_pausedBy == SessionHost::ReadGate::Handshakes && m_state < State::Closing;
    }
    // Applies the timeouts: closes the connection when its handshake, its
    // partial message or its silence has lasted too long, and pings a
    // silent frames client. The host calls it periodically (a sweep, not a
    // timer per connection). A session paused by flow control is not
    // blamed for what it could not send meanwhile.
    void checkTimeouts(qint64 now);
    // Flushes what is queued, sends a Disconnect notice (noticeText, or
    // reason when empty) once the framing is known, then closes. Reports
    // finished(reason) at once.
    void close(const QString &reason, const QString &noticeText = {});
    // Drops the connection at once (a reset). Reports finished(reason).
    void abort(const QString &reason);
    // Drops it as a slow consumer.
    void evict(const QString &reason);
    bool isSlowConsumer() const { return m_slowConsumer; }

    static QString formatAddress(const QHostAddress &address, quint16 port);
    // Why a session ended when the client closed, or reset, the connection.
    static QString closedByClientReason();
    static QString resetByClientReason();
    static QString tlsHandshakeClosedReason();
    // The notice a line client gets from a server that needs a password.
    static QString passwordPromptText();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    friend class SessionIntake;
    friend class SessionOpening;

    // What the peer is owed when it closes: nothing (it ended, or a reset), a
    // Disconnect notice still to send, or one sent.
    enum class Goodbye : quint8 { None, Owed, Sent };

    bool hasFinished() const { return m_state >= State::Closing; }
    bool isReleased() const { return m_state == State::Released; }
    bool isPausedByHost() const { return m_pausedBy != SessionHost::ReadGate::Open; }
    // Output to send: queued, or made by the transport (TLS records) and
    // not taken by the kernel yet.
    bool hasOutput() const;
    void readNow();
    // Acts on what the first bytes say (FramingSniffer) at this moment.
    // What the session wants to hear of (more input; room to write); the
    // notifiers also follow what the transport waits for.
    void setReadWatch(bool enabled);
    void setWriteWatch(bool enabled);
    void updateNotifiers();
    // Input the transport holds already: read again from the event loop.
    void postRead();
    void onWritable();
    // The connection's first byte is a TLS record: a TlsTransport takes
    // over the descriptor, and its handshake starts.
    // Drives the TLS handshake: false while it has not ended (or failed).
    // The TLS question is settled (encrypted, or plain and allowed).
    // The framing is decided (detected or forced): refuses a plain
    // connection to a TLS-only server, then sets it.
    // The password a client gave (its first line or its hello's field;
    // null: none): false when the host refused it (the session is closing).
    void queueWelcome();
    void endOfInput();
    // HTTP (docs/protocol.md, section 10): the first bytes were "GET ".
    // The request head is read until it is answered and closed, or upgraded
    // to WebSocket (then the framing is decided).
    // Sends an HTTP answer, then closes (no goodbye: there is no framing).
    // Frames and WebSocket: a hello first, pings, a hello timeout.
    bool hasHello() const;
    // Hands a run of decoded messages to the host; false once the session
    // has finished.
    // The frames handshake and what a client may send: the index of the
    // first message that breaks the rules (why in *reason), or -1.
    // chat: texts (and direct notices); protocol: everything else.
    void enqueue(QByteArray bytes, BatchRef owner, int chat, int protocol = 0);
    void queueBatch(const BatchRef &batch, int *queued);
    // What was sent to it while its framing was unknown, now in that framing.
    void queueHeldBatches();
    void pump();
    // The peer can take no more (it reset or closed): what is queued, and
    // what would be, is dropped.
    void dropOutput();
    void updateCongestion();
    void finish(const QString &reason);
    void sendGoodbye();
    void maybeShutdown();
    void release();
    void startCloseTimer();

    const quint32 m_id;
    int m_fd;
    QSocketNotifier *m_readNotifier;
    QSocketNotifier *m_writeNotifier;
    std::unique_ptr<Transport> m_transport;
    bool m_readWatch = false;
    bool m_writeWatch = false;
    bool m_readPosted = false;
    Config m_config;
    SessionHost *m_host;
    BufferBudget *m_budget;
    QString m_name;
    QString m_address;
    QHostAddress m_peerAddress;
    QString m_logLabel;
    QDateTime m_connectedSince;
    std::unique_ptr<Codec> m_codec;
    // What its bytes mean once the framing is known (after m_codec and
    // m_budget, which it uses until it is destroyed).
    SessionIntake m_intake { *this };
    // How its first bytes choose TLS, HTTP, lines or frames (after m_budget
    // and m_transport, which it uses until it is destroyed).
    SessionOpening m_opening { *this };

    OutboundQueue m_out;

    // Timeouts, in nowMs() time.
    SessionTimeouts m_timeouts;
    quint32 m_pingCounter = 0;
    bool m_tlsRefusal = false;
    bool m_outputDropped = false;
    QString m_security;
    State m_state = State::Admitted;
    Goodbye m_goodbye = Goodbye::None;
    // Why the host paused reading it (Open: it did not).
    SessionHost::ReadGate m_pausedBy = SessionHost::ReadGate::Open;
    int m_closeTimerId = 0;
    QElapsedTimer m_congestedSince;
    bool m_congested = false;
    bool m_inputEnded = false;  // the peer finished sending
    bool m_slowConsumer = false;
    QString m_goodbyeText;
    quint64 m_messagesOut = 0;
    quint64 m_protocolOut = 0;
    quint64 m_bytesIn = 0;
    quint64 m_bytesOut = 0;
};
