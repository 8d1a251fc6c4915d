// One client connection: its socket, its framing (detected or forced), its
// codec, what is queued for it until the framing is known, and its counters.
//
// A session never talks to the UI. It reports decoded messages in batches
// (one signal per read, however many messages it held) and its end once,
// with a reason, through finished(). After finished() the owner forgets the
// session; the session still flushes its goodbye notice and then deletes
// itself when the socket has closed (or after kCloseTimeoutMs).
#pragma once

#include "clientinfo.h"
#include "codec.h"
#include "encodedmessage.h"
#include "message.h"
#include "protocol.h"

#include <QAbstractSocket>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

class QTcpSocket;

class ClientSession : public QObject
{
    Q_OBJECT

public:
    // How long a closing connection may take to flush its goodbye before it
    // is aborted.
    static constexpr int kCloseTimeoutMs = 5000;
    // The name this server gives in its hello.
    static constexpr char kServerName[] = "socket-server";

    struct Config
    {
        // Unset: auto-detect from the first bytes.
        std::optional<Protocol::Framing> framing;
        int framingGraceMs = Protocol::kDefaultFramingGraceMs;
        qsizetype maxMessageSize = Protocol::kDefaultMaxMessageSize;
        qsizetype maxOutboundQueue = Protocol::kDefaultMaxOutboundQueue;
        // Empty: no welcome notice.
        QString welcomeText;
    };

    // Takes ownership of socket. Call start() once the signals are connected.
    ClientSession(quint32 id, QTcpSocket *socket, const Config &config, QObject *parent = nullptr);
    ~ClientSession() override;

    void start();

    quint32 id() const { return m_id; }
    QString name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    // "127.0.0.1:40212" (IPv4-mapped addresses shown as IPv4), "[::1]:40212".
    QString address() const { return m_address; }
    bool isFramingKnown() const { return m_codec != nullptr; }
    Protocol::Framing framing() const;
    QDateTime connectedSince() const { return m_connectedSince; }
    // False once finished() was emitted.
    bool isOpen() const { return !m_finished; }
    ClientInfo info() const;
    qsizetype bytesToWrite() const;

    // Sends in this connection's framing, or queues until it is known. A
    // message whose encoded form would exceed the maximum message size (see
    // EncodedMessage::checkedSize()) is not sent; notSent() reports it, once
    // per message and framing.
    void send(const Message &message);
    // The same, reusing bytes already encoded for another session.
    void send(const EncodedMessage &message);
    qsizetype maxMessageSize() const { return m_config.maxMessageSize; }
    // Sends a Disconnect notice (noticeText, or reason when empty) as soon
    // as the framing is known, then closes gracefully. Emits finished(reason).
    void close(const QString &reason, const QString &noticeText = {});
    // Drops the connection at once. Emits finished(reason).
    void abort(const QString &reason);

    static QString formatAddress(const QHostAddress &address, quint16 port);
    // Why a session ended when the client closed or reset the connection.
    // Qt 6.4 reports a reset as RemoteHostClosedError, so the two read alike.
    static QString closedByClientReason();

Q_SIGNALS:
    // The framing is now known (detected or forced) and the greeting is sent.
    void framingKnown(ClientSession *session);
    // Every message decoded from one read, in order.
    void messagesReceived(ClientSession *session, const QList<Message> &messages);
    // Counters changed on input (bytes or messages in). Sending does not
    // emit it: whoever sends marks the client list changed, once per fan-out.
    void activity(ClientSession *session);
    // A message was not sent in this framing because its encoded form
    // (checkedSize bytes) exceeds maxMessageSize. Emitted by the first
    // session that refuses it, once per message and framing.
    void notSent(ClientSession *session, const Message &message, Protocol::Framing framing,
                 qsizetype checkedSize, qsizetype maxMessageSize);
    // Emitted exactly once, when the session ends for any reason.
    void finished(ClientSession *session, const QString &reason);

private:
    void onReadyRead();
    void onDisconnected();
    void onErrorOccurred(QAbstractSocket::SocketError error);
    void onGraceTimeout();
    void setFraming(Protocol::Framing framing);
    void feed(QByteArrayView bytes);
    void sendEncoded(const EncodedMessage &message);
    void writeBytes(const QByteArray &bytes, int messages);
    void finish(const QString &reason);
    void sendGoodbyeAndClose();
    void releaseWhenClosed();

    const quint32 m_id;
    QTcpSocket *m_socket;
    Config m_config;
    QString m_name;
    QString m_address;
    QDateTime m_connectedSince;
    std::unique_ptr<Codec> m_codec;
    QByteArray m_detectBuffer;
    QList<EncodedMessage> m_queue;
    qsizetype m_queuedBytes = 0;
    QTimer m_graceTimer;
    QTimer m_closeTimer;
    bool m_finished = false;
    bool m_closing = false;        // graceful close requested
    bool m_goodbyeSent = false;
    QString m_goodbyeText;
    quint64 m_messagesIn = 0;
    quint64 m_messagesOut = 0;
    quint64 m_bytesIn = 0;
    quint64 m_bytesOut = 0;
};
