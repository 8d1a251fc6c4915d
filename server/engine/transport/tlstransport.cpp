// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "tlstransport.h"

#include "clientsession.h"
#include "plaintransport.h"
#include "tlscontext.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>

#include <malloc.h>

#include <sys/socket.h>

namespace {

// Where a write gathers small buffers into one record: one per network
// thread, used only inside write().
char *recordBuffer()
{
    thread_local char buffer[TlsTransport::kMaxRecord];
    return buffer;
}

// OpenSSL's socket BIO writes with write(), which raises SIGPIPE (and ends
// the process) when the peer has gone. This one is the socket BIO with
// send(MSG_NOSIGNAL) for its writes; everything else is OpenSSL's.
int sendNoSignal(BIO *bio, const char *data, int length)
{
    int fd = -1;
    BIO_get_fd(bio, &fd);
    errno = 0;
    const ssize_t n = ::send(fd, data, size_t(length), MSG_NOSIGNAL | MSG_DONTWAIT);
    BIO_clear_retry_flags(bio);
    if (n < 0 && BIO_sock_should_retry(int(n)))
        BIO_set_retry_write(bio);
    return int(n);
}

BIO_METHOD *socketMethod()
{
    static BIO_METHOD *const method = [] {
        const BIO_METHOD *socket = BIO_s_socket();
        BIO_METHOD *m = BIO_meth_new(BIO_TYPE_SOCKET, "socket, no SIGPIPE");
        BIO_meth_set_write(m, sendNoSignal);
        BIO_meth_set_read(m, BIO_meth_get_read(socket));
        BIO_meth_set_puts(m, BIO_meth_get_puts(socket));
        BIO_meth_set_ctrl(m, BIO_meth_get_ctrl(socket));
        BIO_meth_set_create(m, BIO_meth_get_create(socket));
        BIO_meth_set_destroy(m, BIO_meth_get_destroy(socket));
        return m;
    }();
    return method;
}


} // namespace

TlsTransport::TlsTransport(int descriptor, std::shared_ptr<const TlsContext> context)
    : m_fd(descriptor)
    , m_context(std::move(context))
    , m_ssl(SSL_new(m_context->handle()))
{
    BIO *bio = m_ssl ? BIO_new(socketMethod()) : nullptr;
    if (!bio) {
        m_failed = true;
        m_error = TlsContext::takeError();
        return;
    }
    BIO_set_fd(bio, descriptor, BIO_NOCLOSE);
    SSL_set_bio(m_ssl, bio, bio); // owned by m_ssl from now on
    SSL_set_accept_state(m_ssl);
}

TlsTransport::~TlsTransport()
{
    SSL_free(m_ssl); // the descriptor is not closed (BIO_NOCLOSE)
}

QString TlsTransport::security() const
{
    if (!m_handshakeDone)
        return {};
    switch (SSL_version(m_ssl)) {
    case TLS1_3_VERSION: return QStringLiteral("TLS 1.3");
    case TLS1_2_VERSION: return QStringLiteral("TLS 1.2");
    default: return QStringLiteral("TLS");
    }
}

Transport::Status TlsTransport::classify(int ret, bool *wantsWrite)
{
    *wantsWrite = false;
    const int error = SSL_get_error(m_ssl, ret);
    switch (error) {
    case SSL_ERROR_WANT_READ:
        return Status::WouldBlock;
    case SSL_ERROR_WANT_WRITE:
        *wantsWrite = true;
        return Status::WouldBlock;
    case SSL_ERROR_ZERO_RETURN:
        if (m_handshakeDone)
            return Status::End;
        m_error = ClientSession::tlsHandshakeClosedReason();
        break;
    case SSL_ERROR_SYSCALL:
        if (errno != 0) {
            m_error = PlainTransport::errorText(errno);
            break;
        }
        // The peer closed the TCP connection without close_notify.
        if (m_handshakeDone) {
            ERR_clear_error();
            return Status::End;
        }
        m_error = ClientSession::tlsHandshakeClosedReason();
        break;
    case SSL_ERROR_SSL:
        if (!m_handshakeDone && ERR_GET_REASON(ERR_peek_last_error()) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
            m_error = ClientSession::tlsHandshakeClosedReason();
            break;
        }
        m_error = TlsContext::takeError();
        break;
    default:
        m_error = TlsContext::takeError();
        break;
    }
    ERR_clear_error();
    m_failed = true;
    return Status::Failed;
}

Transport::Status TlsTransport::handshake()
{
    if (m_failed)
        return Status::Failed;
    if (m_handshakeDone)
        return Status::Ok;
    ERR_clear_error();
    errno = 0;
    const int ret = SSL_do_handshake(m_ssl);
    if (ret == 1) {
        m_handshakeDone = true;
        m_readWaitsForWritable = false;
        return Status::Ok;
    }
    return classify(ret, &m_readWaitsForWritable);
}

qint64 TlsTransport::read(char *buffer, qint64 max, Status *status)
{
    if (m_failed) {
        *status = Status::Failed;
        return 0;
    }
    qint64 got = 0;
    Status last = Status::Ok;
    // Records until the budget is full or the kernel has no more.
    while (got < max) {
        ERR_clear_error();
        errno = 0;
        const int n = SSL_read(m_ssl, buffer + got, int(qMin<qint64>(max - got, INT_MAX)));
        if (n > 0) {
            got += n;
            m_readWaitsForWritable = false;
            continue;
        }
        last = classify(n, &m_readWaitsForWritable);
        break;
    }
    // A read that found nothing has made OpenSSL allocate its read buffer
    // (about 17 KiB), which RELEASE_BUFFERS frees only after a record: an
    // idle connection would keep it. Freed now (a no-op while a record is
    // partly received).
    if (last == Status::WouldBlock && !m_readWaitsForWritable)
        SSL_free_buffers(m_ssl);
    if (got > 0) {
        // An end or a failure is said by the next call.
        *status = Status::Ok;
        return got;
    }
    *status = last;
    return 0;
}

qint64 TlsTransport::peek(char *buffer, qint64 max)
{
    if (m_failed || !m_handshakeDone)
        return 0;
    ERR_clear_error();
    const int n = SSL_peek(m_ssl, buffer, int(max));
    if (n <= 0) {
        ERR_clear_error(); // said again by the next read
        return 0;
    }
    return n;
}

bool TlsTransport::hasBufferedInput() const
{
    return !m_failed && m_handshakeDone && SSL_has_pending(m_ssl) == 1;
}

qint64 TlsTransport::write(const iovec *iov, int count, Status *status)
{
    if (m_failed) {
        *status = Status::Failed;
        return 0;
    }
    qint64 taken = 0;
    int index = 0;
    size_t offset = 0; // into iov[index]
    while (index < count) {
        // The next record: straight from the buffer when it fills one,
        // else gathered. A retry after WouldBlock gathers the same bytes
        // (nothing was consumed) and at least as many, as OpenSSL requires.
        const char *data;
        size_t length;
        const auto *base = static_cast<const char *>(iov[index].iov_base);
        if (iov[index].iov_len - offset >= size_t(kMaxRecord)) {
            data = base + offset;
            length = size_t(kMaxRecord);
        } else {
            char *record = recordBuffer();
            length = 0;
            size_t o = offset;
            for (int i = index; i < count && length < size_t(kMaxRecord); ++i, o = 0) {
                const size_t n = qMin(iov[i].iov_len - o, size_t(kMaxRecord) - length);
                std::memcpy(record + length, static_cast<const char *>(iov[i].iov_base) + o, n);
                length += n;
            }
            data = record;
        }
        ERR_clear_error();
        errno = 0;
        const int n = SSL_write(m_ssl, data, int(length));
        if (n <= 0) {
            bool wantsWrite = false;
            const Status s = classify(n, &wantsWrite);
            if (s == Status::WouldBlock) {
                m_writeWaitsForReadable = !wantsWrite;
                *status = taken > 0 ? Status::Ok : Status::WouldBlock;
                return taken;
            }
            if (s == Status::End) {
                // A write never ends by itself: the peer is gone, though
                // records it sent before may still wait to be read.
                m_error = ClientSession::resetByClientReason();
                *status = Status::Reset;
                return 0;
            }
            *status = Status::Failed;
            return 0;
        }
        m_writeWaitsForReadable = false;
        taken += n;
        // Past what was written, across buffers.
        size_t left = size_t(n);
        while (left > 0 && index < count) {
            const size_t rest = iov[index].iov_len - offset;
            if (left < rest) {
                offset += left;
                left = 0;
            } else {
                left -= rest;
                offset = 0;
                ++index;
            }
        }
    }
    *status = Status::Ok;
    return taken;
}

Transport::Status TlsTransport::shutdownWrite()
{
    if (!m_failed && m_handshakeDone) {
        ERR_clear_error();
        const int ret = SSL_shutdown(m_ssl); // close_notify
        if (ret < 0 && SSL_get_error(m_ssl, ret) == SSL_ERROR_WANT_WRITE) {
            ERR_clear_error();
            return Status::WouldBlock;
        }
        ERR_clear_error();
    }
    ::shutdown(m_fd, SHUT_WR);
    return Status::Ok;
}
