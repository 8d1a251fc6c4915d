// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "tlsstream.h"

#include "serverlogging.h"
#include "tlsprotocolname.h"

#include <QSslSocket>

#include <sys/socket.h>
#include <unistd.h>

TlsStream::TlsStream(qintptr descriptor, const QSslConfiguration &configuration, qint64 readBufferSize,
                     QObject *parent)
    : QObject(parent)
    , m_socket(new QSslSocket(this))
{
    m_socket->setSslConfiguration(configuration);
    m_socket->setReadBufferSize(readBufferSize);
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        m_handshakeDone = true;
        Q_EMIT encrypted();
    });
    connect(m_socket, &QSslSocket::readyRead, this, [this] {
        if (m_readEnabled)
            Q_EMIT readable();
    });
    const auto bytesSent = [this] {
        if (m_writeWatch)
            Q_EMIT writable();
    };
    connect(m_socket, &QSslSocket::bytesWritten, this, bytesSent);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, bytesSent);
    connect(m_socket, &QSslSocket::disconnected, this, [this] {
        // isEncrypted() is false again once the socket is closed: whether the
        // handshake had ended is m_handshakeDone.
        if (!m_handshakeDone) {
            fail(tr("the client closed the connection during the TLS handshake"));
            return;
        }
        m_ended = true;
        postReadable();
        Q_EMIT closed();
    });
    connect(m_socket, &QSslSocket::errorOccurred, this, &TlsStream::onError);
    if (!m_socket->setSocketDescriptor(descriptor)) {
        // Not taken: it is still ours to close.
        ::close(int(descriptor));
        fail(m_socket->errorString());
        return;
    }
    m_socket->startServerEncryption();
}

TlsStream::~TlsStream() = default;

bool TlsStream::isEncrypted() const
{
    return m_handshakeDone;
}

bool TlsStream::isClosed() const
{
    return m_socket->state() == QAbstractSocket::UnconnectedState;
}

void TlsStream::fail(const QString &reason)
{
    if (m_failed)
        return;
    m_failed = true;
    m_error = reason;
    qCDebug(lcServer) << "TLS stream failed:" << reason;
    // Reported from the event loop, not from inside the socket's own
    // signal: the session then aborts, which must not re-enter the socket.
    QMetaObject::invokeMethod(this, [this] { Q_EMIT failed(m_error); }, Qt::QueuedConnection);
}

QString TlsStream::protocolName() const
{
    return tlsProtocolName(m_socket->sessionProtocol());
}

void TlsStream::onError()
{
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError && m_handshakeDone) {
        // The peer closed: an end, not a failure. The end is disconnected():
        // only then has the socket decrypted the last bytes it had, which
        // are still read.
        return;
    }
    fail(error == QAbstractSocket::RemoteHostClosedError
             ? tr("the client closed the connection during the TLS handshake")
             : m_socket->errorString());
}

void TlsStream::postReadable()
{
    if (!m_readEnabled || m_readablePosted)
        return;
    m_readablePosted = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_readablePosted = false;
            if (m_readEnabled)
                Q_EMIT readable();
        },
        Qt::QueuedConnection);
}

qint64 TlsStream::read(char *buffer, qint64 max, Status *status)
{
    const qint64 n = m_socket->bytesAvailable() > 0 ? m_socket->read(buffer, max) : 0;
    if (n > 0) {
        *status = Status::Ok;
        // A descriptor would stay readable; the socket does not say again.
        if (m_socket->bytesAvailable() > 0)
            postReadable();
        return n;
    }
    if (m_failed)
        *status = Status::Failed;
    else if (m_ended)
        *status = Status::End;
    else
        *status = Status::WouldBlock;
    return 0;
}

qint64 TlsStream::peek(char *buffer, qint64 max)
{
    return qMax<qint64>(0, m_socket->peek(buffer, max));
}

qint64 TlsStream::write(const iovec *iov, int count, Status *status)
{
    if (m_failed || m_socket->state() != QAbstractSocket::ConnectedState) {
        *status = m_failed ? Status::Failed : Status::End;
        return 0;
    }
    qint64 taken = 0;
    for (int i = 0; i < count; ++i) {
        const qint64 room = kWriteWindow - pendingBytes();
        if (room <= 0)
            break;
        const qint64 n = qMin<qint64>(room, qint64(iov[i].iov_len));
        const qint64 written = m_socket->write(static_cast<const char *>(iov[i].iov_base), n);
        if (written <= 0)
            break;
        taken += written;
        if (written < qint64(iov[i].iov_len))
            break;
    }
    *status = taken > 0 ? Status::Ok : Status::WouldBlock;
    return taken;
}

qint64 TlsStream::pendingBytes() const
{
    return m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite();
}

void TlsStream::setReadEnabled(bool enabled)
{
    m_readEnabled = enabled;
    if (enabled && (m_socket->bytesAvailable() > 0 || m_ended))
        postReadable();
}

void TlsStream::shutdownWrite()
{
    // Nothing the peer sent may be left unread when the descriptor closes:
    // the kernel would answer with a reset instead of a FIN.
    m_socket->setReadBufferSize(0);
    m_socket->skip(m_socket->bytesAvailable());
    m_socket->disconnectFromHost();
}

void TlsStream::reset()
{
    const qintptr fd = m_socket->socketDescriptor();
    if (fd >= 0) {
        const linger hard { 1, 0 };
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
    }
    m_socket->abort();
}
