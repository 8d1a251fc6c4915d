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
#include <string>

#include <sys/socket.h>

namespace {

// Where a write gathers small buffers into one record: one per network
// thread, used only inside write().
char *recordBuffer()
{
    thread_local char buffer[TlsTransport::kMaxRecord];
    return buffer;
}

// Where the records of one call go before its send(): one per network
// thread, empty between calls (its storage stays, for the next call).
std::string &scratch()
{
    thread_local std::string buffer;
    return buffer;
}

// The sink OpenSSL writes its records into: it never blocks and never
// fails; the transport sends what it holds.
int sinkWrite(BIO *bio, const char *data, int length)
{
    static_cast<TlsTransport *>(BIO_get_data(bio))->appendOutput(data, size_t(length));
    return length;
}

long sinkControl(BIO *, int command, long, void *)
{
    // A flush is the transport's own send after each call.
    return command == BIO_CTRL_FLUSH ? 1 : 0;
}

int sinkCreate(BIO *bio)
{
    BIO_set_init(bio, 1);
    return 1;
}

BIO_METHOD *sinkMethod()
{
    static BIO_METHOD *const method = [] {
        BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "TlsTransport output");
        BIO_meth_set_write(m, sinkWrite);
        BIO_meth_set_ctrl(m, sinkControl);
        BIO_meth_set_create(m, sinkCreate);
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
    // Records are read from the descriptor (a socket BIO) and written into
    // the sink. (kTLS would need SSL_OP_ENABLE_KTLS and the socket as the
    // write BIO: neither is used.)
    BIO *input = m_ssl ? BIO_new_socket(descriptor, BIO_NOCLOSE) : nullptr;
    BIO *output = input ? BIO_new(sinkMethod()) : nullptr;
    if (!output) {
        BIO_free(input);
        m_failed = true;
        m_error = TlsContext::takeError();
        return;
    }
    BIO_set_data(output, this);
    SSL_set_bio(m_ssl, input, output); // owned by m_ssl from now on
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

void TlsTransport::appendOutput(const char *data, size_t length)
{
    if (m_pending.isEmpty())
        scratch().append(data, length);
    else
        m_pending.append(data, qsizetype(length));
}

Transport::Status TlsTransport::sendOutput()
{
    std::string &fresh = scratch();
    const bool pendingFirst = !m_pending.isEmpty();
    const char *data = pendingFirst ? m_pending.constData() : fresh.data();
    const size_t size = pendingFirst ? size_t(m_pending.size()) : fresh.size();
    size_t sent = 0;
    Status status = Status::Ok;
    while (sent < size) {
        const ssize_t n = ::send(m_fd, data + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0) {
            sent += size_t(n);
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            status = Status::WouldBlock;
        } else {
            if (!m_failed) // else m_error already says why
                m_error = PlainTransport::errorText(errno);
            status = errno == EPIPE || errno == ECONNRESET ? Status::Reset : Status::Failed;
        }
        break;
    }
    if (status > Status::WouldBlock) {
        // Nothing more reaches the peer.
        m_pending = QByteArray();
        fresh.clear();
        return status;
    }
    if (pendingFirst) {
        if (sent == size)
            m_pending = QByteArray(); // its storage too: an idle connection holds none
        else
            m_pending.remove(0, qsizetype(sent));
    } else {
        if (sent < size)
            m_pending = QByteArray(data + sent, qsizetype(size - sent));
        fresh.clear();
    }
    return status;
}

Transport::Status TlsTransport::handshake()
{
    if (m_failed)
        return Status::Failed;
    if (m_handshakeDone)
        return Status::Ok;
    // A flight the kernel did not take goes first; the handshake reads on
    // meanwhile (the peer may only be closing).
    if (sendOutput() > Status::WouldBlock)
        return fail();
    ERR_clear_error();
    errno = 0;
    const int ret = SSL_do_handshake(m_ssl);
    bool wantsWrite = false;
    const Status status = ret == 1 ? Status::Ok : classify(ret, &wantsWrite);
    // What it wrote goes now: the next flight, or a failure's alert.
    const Status sent = sendOutput();
    if (status == Status::Failed)
        return status;
    if (sent > Status::WouldBlock)
        return fail();
    // Once it has ended, a last flight still pending (TLS 1.2) is sent by
    // the session's writes: pendingOutput() says so.
    m_handshakeDone = status == Status::Ok;
    m_readWaitsForWritable = !m_handshakeDone && (wantsWrite || !m_pending.isEmpty());
    return status;
}

Transport::Status TlsTransport::fail()
{
    m_failed = true;
    return Status::Failed;
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
    // What reading wrote (an alert, the answer to a key update) goes now.
    if (sendOutput() > Status::WouldBlock && last != Status::Failed)
        last = fail();
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
    if (sendOutput() > Status::WouldBlock)
        fail(); // said by the next read
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
    // What the kernel did not take last time goes first.
    *status = sendOutput();
    if (*status != Status::Ok) {
        if (*status == Status::Failed)
            fail();
        return 0;
    }
    qint64 taken = 0;
    qsizetype flight = 0; // encrypted since the last send()
    int index = 0;
    size_t offset = 0; // into iov[index]
    while (index < count) {
        // The next piece: straight from a buffer that fills a record (then
        // OpenSSL cuts it into records), else small buffers gathered into
        // one record.
        const char *data;
        size_t length;
        const auto *base = static_cast<const char *>(iov[index].iov_base);
        const size_t room = size_t(kMaxFlight - flight);
        if (iov[index].iov_len - offset >= size_t(kMaxRecord)) {
            data = base + offset;
            length = qMin(iov[index].iov_len - offset, room);
        } else {
            char *record = recordBuffer();
            length = 0;
            size_t o = offset;
            const size_t most = qMin(size_t(kMaxRecord), room);
            for (int i = index; i < count && length < most; ++i, o = 0) {
                const size_t n = qMin(iov[i].iov_len - o, most - length);
                std::memcpy(record + length, static_cast<const char *>(iov[i].iov_base) + o, n);
                length += n;
            }
            data = record;
        }
        ERR_clear_error();
        errno = 0;
        // Into the sink, which takes everything: all of it is encrypted.
        const int n = SSL_write(m_ssl, data, int(length));
        if (n <= 0) {
            bool wantsWrite = false;
            const Status s = classify(n, &wantsWrite);
            const Status sent = sendOutput(); // what came before, or an alert
            if (s == Status::WouldBlock && sent <= Status::WouldBlock) {
                m_writeWaitsForReadable = !wantsWrite;
                *status = taken > 0 ? Status::Ok : Status::WouldBlock;
                return taken;
            }
            if (s == Status::End || sent == Status::Reset) {
                // A write never ends by itself: the peer is gone, though
                // records it sent before may still wait to be read.
                m_error = ClientSession::resetByClientReason();
                *status = Status::Reset;
                return 0;
            }
            *status = fail();
            return 0;
        }
        m_writeWaitsForReadable = false;
        taken += n;
        flight += n;
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
        if (flight < kMaxFlight && index < count)
            continue;
        // One send() for the flight; what the kernel leaves is pending.
        const Status sent = sendOutput();
        flight = 0;
        if (sent == Status::WouldBlock)
            break;
        if (sent != Status::Ok) {
            if (sent == Status::Failed)
                fail();
            *status = sent;
            return 0;
        }
    }
    *status = Status::Ok;
    return taken;
}

Transport::Status TlsTransport::shutdownWrite()
{
    if (!m_failed && m_handshakeDone) {
        if ((SSL_get_shutdown(m_ssl) & SSL_SENT_SHUTDOWN) == 0) {
            ERR_clear_error();
            SSL_shutdown(m_ssl); // close_notify, into the sink
            ERR_clear_error();
        }
        // Everything encrypted, close_notify last, before the FIN.
        if (sendOutput() == Status::WouldBlock)
            return Status::WouldBlock;
    }
    ::shutdown(m_fd, SHUT_WR);
    return Status::Ok;
}
