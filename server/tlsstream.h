// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The TLS side of one accepted connection. A ClientSession starts on the
// bare descriptor and, when the first byte its client sends is a TLS record
// (a ClientHello starts with 0x16), hands the descriptor to a TlsStream: a
// QSslSocket in server mode. The session then reads and writes plaintext
// through it with the same calls it makes on a descriptor, so framing
// detection, the codecs, flow control and the timeouts work inside TLS as
// they do outside.
//
// A QSslSocket signals new data once, where a descriptor stays readable: so
// after a read that left bytes behind, or after reading is enabled again,
// readable() is posted once more. It buffers at most the read buffer size of
// plaintext (then stops reading the kernel, so TCP paces the sender) and is
// handed at most kWriteWindow bytes not yet sent; what is beyond stays in the
// session's queue, where flow control counts it.
#pragma once

#include <QObject>
#include <QSslConfiguration>
#include <QString>

#include <sys/uio.h>

class QSslSocket;

class TlsStream : public QObject
{
    Q_OBJECT

public:
    // Plaintext handed to the socket and not yet sent, at most.
    static constexpr qint64 kWriteWindow = 64 * 1024;

    enum class Status {
        Ok,
        WouldBlock,
        End,    // the peer closed (close_notify or the TCP connection)
        Failed, // see errorString()
    };

    // Takes ownership of descriptor and starts the server handshake.
    TlsStream(qintptr descriptor, const QSslConfiguration &configuration, qint64 readBufferSize,
              QObject *parent = nullptr);
    ~TlsStream() override;

    // The handshake ended (and stays so after the connection closes).
    bool isEncrypted() const;
    // The connection is closed (by either side); closed() said so.
    bool isClosed() const;
    // "TLS 1.3", "TLS 1.2": the negotiated protocol (empty before).
    QString protocolName() const;
    QString errorString() const { return m_error; }

    qint64 read(char *buffer, qint64 max, Status *status);
    qint64 peek(char *buffer, qint64 max);
    // Hands the socket what fits in the write window, in order.
    qint64 write(const iovec *iov, int count, Status *status);
    qint64 pendingBytes() const;

    // readable() is emitted only while reading is enabled.
    void setReadEnabled(bool enabled);
    // writable() is emitted, when bytes were sent, only while watched.
    void setWriteWatch(bool enabled) { m_writeWatch = enabled; }
    // Sends what is pending, then close_notify, then closes the connection;
    // what the peer sent meanwhile is read and dropped first, so that the
    // close is not a reset that could cost the peer the last bytes sent.
    void shutdownWrite();
    // Drops the connection at once, with a TCP reset.
    void reset();

Q_SIGNALS:
    void encrypted();
    // The handshake or the connection failed; reason is Qt's.
    void failed(const QString &reason);
    void readable();
    void writable();
    // The connection is closed, after shutdownWrite() or by the peer.
    void closed();

private:
    void postReadable();
    void onError();
    void fail(const QString &reason);

    QSslSocket *m_socket;
    QString m_error;
    bool m_readEnabled = false;
    bool m_writeWatch = false;
    bool m_readablePosted = false;
    bool m_ended = false;
    bool m_handshakeDone = false;
    bool m_failed = false;
};
