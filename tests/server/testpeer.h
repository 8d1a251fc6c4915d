// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A test-side client on loopback: a QTcpSocket that speaks lines or frames
// and records everything it receives. Header-only, shared by the server tests.
#pragma once

#include "framecodec.h"
#include "linecodec.h"
#include "message.h"
#include "protocol.h"

#include <QHostAddress>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStringList>
#include <QTcpSocket>

#include <memory>

#include <sys/socket.h>

class TestPeer
{
public:
    explicit TestPeer(Protocol::Framing framing = Protocol::Framing::Lines, const QString &name = {})
        : m_framing(framing)
        , m_name(name)
    {
        // A QSslSocket is a plain QTcpSocket until it is asked for TLS.
        m_socket = std::make_unique<QSslSocket>();
        QObject::connect(m_socket.get(), &QTcpSocket::readyRead, m_socket.get(), [this] { read(); });
        QObject::connect(m_socket.get(), &QTcpSocket::connected, m_socket.get(), [this] {
            m_localPort = m_socket->localPort();
            if (m_framing == Protocol::Framing::Frames && m_sendHello) {
                m_socket->write(Protocol::magic().toByteArray());
                m_socket->write(FrameCodec().encode(Message::makeHello(m_name, Protocol::kVersion)));
            }
            m_socket->write(std::exchange(m_unsent, {}));
        });
    }

    // Lines peers stay silent until they send; frames peers open with the
    // magic and a hello unless told not to.
    void setSendHello(bool send) { m_sendHello = send; }
    // Checks what it receives against this maximum message size, as a real
    // client does: a longer line or frame payload sets codecError().
    void setMaxMessageSize(qsizetype max) { m_maxMessageSize = max; }
    void connectTo(quint16 port) { m_socket->connectToHost(QHostAddress::LocalHost, port); }
    // Connects with TLS, trusting only ca (the server's self-signed
    // certificate) and checking the name 127.0.0.1. What is sent before the
    // handshake ends waits in the socket.
    void connectToTls(quint16 port, const QList<QSslCertificate> &ca)
    {
        auto *ssl = static_cast<QSslSocket *>(m_socket.get());
        QSslConfiguration c = ssl->sslConfiguration();
        c.setCaCertificates(ca);
        ssl->setSslConfiguration(c);
        ssl->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    }
    QSslSocket *sslSocket() const { return static_cast<QSslSocket *>(m_socket.get()); }
    QTcpSocket *socket() const { return m_socket.get(); }
    // The local port of the connection, still known after it closed.
    quint16 localPort() const { return m_localPort; }
    bool isConnected() const { return m_socket->state() == QAbstractSocket::ConnectedState; }
    bool isClosed() const { return m_socket->state() == QAbstractSocket::UnconnectedState; }

    // Written at once when connected, else as soon as the connection opens.
    void sendRaw(const QByteArray &bytes)
    {
        if (isConnected())
            m_socket->write(bytes);
        else
            m_unsent += bytes;
    }
    void sendLine(const QString &text) { sendRaw(text.toUtf8() + '\n'); }
    void sendText(const QString &text) { sendRaw(FrameCodec().encode(Message::makeText(text))); }

    // Lines received so far (lines peers), without terminators.
    const QStringList &lines() const { return m_lines; }
    bool hasLine(const QString &line) const { return m_lines.contains(line); }
    // A line client's notice line, "* disconnect #3: text", whatever its
    // subject id (docs/protocol.md, "Lines").
    bool hasNoticeLine(const char *kind, const QString &text) const
    {
        const QString start = QLatin1String("* ") + QLatin1String(kind);
        const QString end = QLatin1String(": ") + text;
        for (const QString &l : m_lines) {
            if (l.startsWith(start) && l.endsWith(end))
                return true;
        }
        return false;
    }
    // Messages decoded so far (frames peers).
    const QList<Message> &messages() const { return m_messages; }
    const QByteArray &raw() const { return m_raw; }
    bool hasText(const QString &text, quint32 senderId = 0) const
    {
        for (const Message &m : m_messages) {
            if (m.type == Message::Type::Text && m.text == text && m.senderId == senderId)
                return true;
        }
        return false;
    }
    bool hasNotice(Message::NoticeKind kind, const QString &text) const
    {
        for (const Message &m : m_messages) {
            if (m.type == Message::Type::Notice && m.noticeKind == kind && m.text == text)
                return true;
        }
        return false;
    }
    QString codecError() const
    {
        if (!m_lineError.isEmpty())
            return m_lineError;
        return m_codec ? m_codec->error().description : QString();
    }

    // Stops taking bytes from the socket: nothing more is read, so the
    // kernel's buffers fill and TCP stops the server from sending. (A read
    // buffer of 1 byte alone only slows reading to a byte per readyRead.)
    void pauseReading()
    {
        m_readingPaused = true;
        m_socket->setReadBufferSize(1);
    }
    // Reads on, starting with what arrived while paused.
    void resumeReading()
    {
        m_readingPaused = false;
        m_socket->setReadBufferSize(0);
        read();
    }
    bool isReadingPaused() const { return m_readingPaused; }

    // A half-close: shuts down the sending side (the server reads end of
    // stream) and goes on reading. Call it once bytesToWrite() is 0; returns
    // false if something was still unwritten.
    bool shutdownWrite()
    {
        const int fd = int(m_socket->socketDescriptor());
        if (fd < 0 || m_socket->bytesToWrite() > 0 || !m_unsent.isEmpty())
            return false;
        return ::shutdown(fd, SHUT_WR) == 0;
    }

    // Closes with RST instead of FIN: linger on, timeout zero.
    void reset()
    {
        const int fd = int(m_socket->socketDescriptor());
        if (fd >= 0) {
            linger l { 1, 0 };
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        }
        m_socket->abort();
    }

private:
    void read()
    {
        if (m_readingPaused)
            return; // the byte Qt read stays in its buffer, so Qt reads no more
        const QByteArray data = m_socket->readAll();
        m_raw += data;
        if (m_framing == Protocol::Framing::Frames) {
            if (!m_codec)
                m_codec = std::make_unique<FrameCodec>(m_maxMessageSize);
            m_codec->decode(data, m_messages);
            return;
        }
        m_partial += data;
        qsizetype nl;
        while ((nl = m_partial.indexOf('\n')) >= 0) {
            QByteArray line = m_partial.left(nl);
            if (line.endsWith('\r'))
                line.chop(1);
            if (line.size() > m_maxMessageSize && m_lineError.isEmpty())
                m_lineError = QStringLiteral("line longer than %1 bytes").arg(m_maxMessageSize);
            m_lines.append(QString::fromUtf8(line));
            m_partial.remove(0, nl + 1);
        }
    }

    Protocol::Framing m_framing;
    QString m_name;
    bool m_sendHello = true;
    bool m_readingPaused = false;
    qsizetype m_maxMessageSize = Protocol::kDefaultMaxMessageSize;
    QString m_lineError;
    quint16 m_localPort = 0;
    std::unique_ptr<QTcpSocket> m_socket;
    std::unique_ptr<FrameCodec> m_codec;
    QByteArray m_raw;
    QByteArray m_unsent;
    QByteArray m_partial;
    QStringList m_lines;
    QList<Message> m_messages;
};
