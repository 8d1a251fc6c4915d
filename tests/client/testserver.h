// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A tiny server for the client tests (named TestServer: tests/server has its
// own TestPeer, a test client): a QTcpServer on 127.0.0.1 (port 0)
// that accepts connections, greets them like socket-server would (frames:
// magic + hello, which says "password required" when asked to), decodes
// what they send with a real codec, answers pings, and lets the test write
// messages or raw bytes back.
#pragma once

#include "codec.h"
#include "protocol.h"

#include <QHostAddress>
#include <QList>
#include <QTcpServer>
#include <QSignalSpy>
#include <QTcpSocket>

#include <memory>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

// A port with nothing listening: bind one, then let it go.
inline quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

// True once something accepts connections on 127.0.0.1:port (a probe for
// third-party servers started with QProcess; test code only). Waits for the
// socket's signals, at most 1 s.
inline bool acceptsConnections(quint16 port)
{
    QTcpSocket probe;
    QSignalSpy changed(&probe, &QTcpSocket::stateChanged);
    probe.connectToHost(QHostAddress::LocalHost, port);
    const auto pending = [&probe] {
        return probe.state() == QAbstractSocket::HostLookupState
            || probe.state() == QAbstractSocket::ConnectingState;
    };
    while (pending() && changed.wait(1000)) {
    }
    const bool ok = probe.state() == QAbstractSocket::ConnectedState;
    probe.abort();
    return ok;
}

// Whether a reconnect delay is the schedule's full delay less the client's
// jitter: at most a fifth of it (ClientConnection::kReconnectJitterDivisor).
inline bool isJitteredDelay(int actualMs, int fullMs)
{
    const int spread = fullMs / 5;
    return actualMs <= fullMs && actualMs >= fullMs - qMax(0, spread - 1);
}

// What a plain QTcpSocket says when it cannot reach host:port: the client
// must show this same Qt reason.
inline QString qtConnectError(const QString &host, quint16 port)
{
    QTcpSocket socket;
    QSignalSpy spy(&socket, &QTcpSocket::errorOccurred);
    socket.connectToHost(host, port);
    if (!spy.wait(15000) && spy.isEmpty())
        return {};
    return socket.errorString();
}

class TestServer : public QObject
{
public:
    explicit TestServer(Protocol::Framing framing, QObject *parent = nullptr)
        : QObject(parent)
        , m_framing(framing)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                accept(s);
        });
    }

    // Behaviour, set before the client connects.
    bool greet = true;          // frames: send magic + hello on accept
    bool requirePassword = false; // frames: the hello says "password required" (tag 2)
    bool answerPings = true;    // frames: pong every ping
    QByteArray onAccept;        // raw bytes written on accept (after any greeting)
    qint64 readBufferSize = 0;  // 0 = unlimited; small = stop reading

    bool listen(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    quint16 port() const { return m_server.serverPort(); }
    void stopListening() { m_server.close(); }

    int connectionCount() const { return int(m_sockets.size()); }
    // The latest connection, and what arrived on it.
    QTcpSocket *socket() const { return m_sockets.isEmpty() ? nullptr : m_sockets.constLast(); }
    bool isConnected() const
    {
        return socket() && socket()->state() == QAbstractSocket::ConnectedState;
    }
    QList<Message> received;
    QByteArray raw;
    int pings = 0;
    QString codecError;
    // How the latest connection ended: closedByClient once the client's FIN
    // arrived after all its data (RemoteHostClosedError), closeError holds
    // the socket error (ConnectionRefused / reset etc. if it was not clean).
    bool closedByClient = false;
    QAbstractSocket::SocketError closeError = QAbstractSocket::UnknownSocketError;

    int count(Message::Type type) const
    {
        int n = 0;
        for (const Message &m : received)
            n += m.type == type ? 1 : 0;
        return n;
    }

    // After readBufferSize > 0 stalled the latest connection: read again.
    void resumeReading()
    {
        readBufferSize = 0;
        if (QTcpSocket *s = socket()) {
            s->setReadBufferSize(0);
            consume(s);
        }
    }

    QList<QString> texts() const
    {
        QList<QString> out;
        for (const Message &m : received)
            if (m.type == Message::Type::Text)
                out.append(m.text);
        return out;
    }

    void send(const Message &message)
    {
        if (QTcpSocket *s = socket())
            s->write(m_codec->encode(message));
    }
    // Drops the latest connection with a TCP reset (SO_LINGER 0), so
    // whatever the client still has queued cannot be delivered.
    void reset()
    {
        QTcpSocket *s = socket();
        if (!s)
            return;
#ifdef Q_OS_UNIX
        const linger l { 1, 0 };
        ::setsockopt(int(s->socketDescriptor()), SOL_SOCKET, SO_LINGER, &l, sizeof l);
#endif
        s->abort();
    }
    void write(const QByteArray &bytes)
    {
        if (QTcpSocket *s = socket())
            s->write(bytes);
    }
    // Frames: the magic and hello that greet sends on accept.
    QByteArray greeting() const
    {
        Message hello = Message::makeHello(QStringLiteral("test-peer"), Protocol::kVersion);
        hello.passwordRequired = requirePassword;
        const std::unique_ptr<Codec> codec = Codec::create(Protocol::Framing::Frames);
        return codec->preamble() + codec->encode(hello);
    }

private:
    void accept(QTcpSocket *s)
    {
        m_sockets.append(s);
        s->setParent(this);
        received.clear();
        raw.clear();
        pings = 0;
        codecError.clear();
        m_codec = Codec::create(m_framing, Protocol::kDefaultMaxMessageSize);
        if (readBufferSize > 0)
            s->setReadBufferSize(readBufferSize);
        if (m_framing == Protocol::Framing::Frames && greet)
            s->write(greeting());
        if (!onAccept.isEmpty())
            s->write(onAccept);
        closedByClient = false;
        closeError = QAbstractSocket::UnknownSocketError;
        connect(s, &QTcpSocket::readyRead, this, [this, s] {
            if (s != socket() || readBufferSize > 0)
                return;
            consume(s);
        });
        connect(s, &QTcpSocket::errorOccurred, this, [this, s](QAbstractSocket::SocketError error) {
            if (s != socket())
                return;
            consume(s); // what arrived before the close
            closeError = error;
            closedByClient = error == QAbstractSocket::RemoteHostClosedError;
        });
    }

    void consume(QTcpSocket *s)
    {
        const QByteArray data = s->readAll();
        if (data.isEmpty())
            return;
        raw += data;
        QList<Message> messages;
        if (!m_codec->decode(data, messages))
            codecError = m_codec->error().description;
        for (const Message &m : std::as_const(messages)) {
            if (m.type == Message::Type::Ping) {
                ++pings;
                if (answerPings)
                    s->write(m_codec->encode(Message::makePong(m.data)));
            }
            received.append(m);
        }
    }

    Protocol::Framing m_framing;
    QTcpServer m_server;
    QList<QTcpSocket *> m_sockets;
    std::unique_ptr<Codec> m_codec;
};
