// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "tlstransport.h"

#include "clientsession.h"
#include "plaintransport.h"
#include "tlscontext.h"
#include "buffercursor.h"
#include "tlsrecordlayer.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>
#include <iterator>

#include <sys/socket.h>

namespace {

// Where a write gathers small buffers into one record (the OpenSSL path):
// one per network thread, used only inside a write.
char *recordBuffer()
{
    thread_local char buffer[TlsTransport::kMaxRecord];
    return buffer;
}

// Received records of one read (State::Records): one per network thread,
// empty between calls.
QByteArray &received()
{
    thread_local QByteArray buffer;
    return buffer;
}

// Where a peek opens a record, or a read one that its buffer has no room
// for: one per network thread.
char *peekBuffer()
{
    thread_local char buffer[TlsRecordLayer::kMaxCiphertext];
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

QByteArray fromHex(const char *begin, const char *end)
{
    return QByteArray::fromHex(QByteArray::fromRawData(begin, qsizetype(end - begin)));
}

QString alertName(quint8 alert)
{
    return QString::fromLatin1(SSL_alert_desc_string_long(alert));
}

// A KeyUpdate message (RFC 8446 section 4.6.3).
constexpr quint8 kKeyUpdate = 24;
constexpr quint8 kAlertWarning = 1;
constexpr quint8 kAlertFatal = 2;

} // namespace

TlsTransport::TlsTransport(int descriptor, std::shared_ptr<const TlsContext> context)
    : m_fd(descriptor)
    , m_context(std::move(context))
    , m_records(std::make_unique<TlsRecordLayer>())
    , m_ssl(SSL_new(m_context->handle()))
{
    // Records are read from the descriptor (a socket BIO) and written into
    // the sink. (kTLS would need SSL_OP_ENABLE_KTLS and the socket as the
    // write BIO: neither is used.)
    BIO *input = m_ssl ? BIO_new_socket(descriptor, BIO_NOCLOSE) : nullptr;
    BIO *output = input ? BIO_new(sinkMethod()) : nullptr;
    if (!output) {
        BIO_free(input);
        m_error = TlsContext::takeError();
        fail();
        return;
    }
    BIO_set_data(output, this);
    SSL_set_bio(m_ssl, input, output); // owned by m_ssl from now on
    SSL_set_app_data(m_ssl, this);     // for keyLog()
    // No read ahead while shaking hands: OpenSSL then reads a record's
    // header and then its body, never past the client's Finished, so the
    // records after it are still the descriptor's for TlsRecordLayer.
    SSL_set_read_ahead(m_ssl, 0);
    SSL_set_accept_state(m_ssl);
}

TlsTransport::~TlsTransport()
{
    SSL_free(m_ssl); // the descriptor is not closed (BIO_NOCLOSE)
    wipeSecrets();
}

void TlsTransport::wipeSecrets()
{
    OPENSSL_cleanse(m_clientSecret.data(), size_t(m_clientSecret.size()));
    OPENSSL_cleanse(m_serverSecret.data(), size_t(m_serverSecret.size()));
    m_clientSecret = QByteArray();
    m_serverSecret = QByteArray();
}

void TlsTransport::keyLog(const ssl_st *ssl, const char *line)
{
    // "LABEL <client random, hex> <secret, hex>" (NSS key log format).
    static constexpr char kClient[] = "CLIENT_TRAFFIC_SECRET_0 ";
    static constexpr char kServer[] = "SERVER_TRAFFIC_SECRET_0 ";
    auto *transport = static_cast<TlsTransport *>(SSL_get_app_data(ssl));
    if (!transport)
        return;
    QByteArray *secret = nullptr;
    if (std::strncmp(line, kClient, sizeof(kClient) - 1) == 0)
        secret = &transport->m_clientSecret;
    else if (std::strncmp(line, kServer, sizeof(kServer) - 1) == 0)
        secret = &transport->m_serverSecret;
    if (!secret)
        return;
    const char *value = std::strrchr(line, ' ');
    if (value)
        *secret = fromHex(value + 1, value + std::strlen(value));
}

Transport::Status TlsTransport::classify(int ret, bool *wantsWrite)
{
    *wantsWrite = false;
    const int error = SSL_get_error(m_ssl, ret);
    const bool done = isHandshakeDone();
    switch (error) {
    case SSL_ERROR_WANT_READ:
        return Status::WouldBlock;
    case SSL_ERROR_WANT_WRITE:
        *wantsWrite = true;
        return Status::WouldBlock;
    case SSL_ERROR_ZERO_RETURN:
        if (done)
            return Status::End;
        m_error = ClientSession::tlsHandshakeClosedReason();
        break;
    case SSL_ERROR_SYSCALL:
        if (errno != 0) {
            m_error = PlainTransport::errorText(errno);
            break;
        }
        // The peer closed the TCP connection without close_notify.
        if (done) {
            ERR_clear_error();
            return Status::End;
        }
        m_error = ClientSession::tlsHandshakeClosedReason();
        break;
    case SSL_ERROR_SSL:
        if (!done && ERR_GET_REASON(ERR_peek_last_error()) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
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
    return fail();
}

Transport::Status TlsTransport::fail()
{
    m_state = State::Failed;
    return Status::Failed;
}

// Output --------------------------------------------------------------------

Transport::Status TlsTransport::sendOutput()
{
    int error = 0;
    const Status status = m_outbox.send(m_fd, &error);
    if (status > Status::WouldBlock && m_state != State::Failed) // else m_error already says why
        m_error = PlainTransport::errorText(error);
    return status;
}

// Handshake -----------------------------------------------------------------

Transport::Status TlsTransport::handshake()
{
    if (m_state == State::Failed)
        return Status::Failed;
    if (isHandshakeDone())
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
    m_readWaitsForWritable = status != Status::Ok && (wantsWrite || m_outbox.pending() > 0);
    if (status == Status::Ok)
        takeOverRecords(); // a last flight still pending (TLS 1.2) goes with the session's writes
    return status;
}

void TlsTransport::takeOverRecords()
{
    switch (SSL_version(m_ssl)) {
    case TLS1_3_VERSION: m_security = QStringLiteral("TLS 1.3"); break;
    case TLS1_2_VERSION: m_security = QStringLiteral("TLS 1.2"); break;
    default: m_security = QStringLiteral("TLS"); break;
    }
    // Only when OpenSSL holds nothing of the connection's input (it read
    // no further than the client's Finished) and has sent no record with
    // the application keys.
    const bool taken = SSL_version(m_ssl) == TLS1_3_VERSION && SSL_has_pending(m_ssl) == 0
                       && m_records->start(SSL_CIPHER_get_name(SSL_get_current_cipher(m_ssl)), m_clientSecret,
                                           m_serverSecret);
    wipeSecrets();
    if (taken) {
        SSL_free(m_ssl);
        m_ssl = nullptr;
        m_state = State::Records;
        return;
    }
    m_records.reset();
    SSL_set_read_ahead(m_ssl, 1); // from now on, one recv() takes as many records as fit
    m_state = State::OpenSsl;
}

// Reading -------------------------------------------------------------------

qint64 TlsTransport::read(char *buffer, qint64 max, Status *status)
{
    switch (m_state) {
    case State::OpenSsl: return readOpenSsl(buffer, max, status);
    case State::Records: return readRecords(buffer, max, status);
    case State::Handshaking:
        *status = Status::WouldBlock;
        return 0;
    case State::Failed: break;
    }
    *status = Status::Failed;
    return 0;
}

qint64 TlsTransport::readOpenSsl(char *buffer, qint64 max, Status *status)
{
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

// One call of readRecords(): the caller's buffer and how much of it is
// filled, the received bytes being opened, and what stops the read.
struct TlsTransport::RecordRead
{
    char *buffer;
    qint64 max;
    QByteArray &raw;       // what an earlier read left, then what the kernel gave
    qint64 got = 0;        // plaintext in buffer
    qsizetype at = 0;      // the first byte of raw not opened yet
    bool ended = false;    // close_notify came
    bool full = false;     // the next record does not fit
    bool drained = false;  // the kernel had no more
    Status last = Status::Ok;
};

qint64 TlsTransport::readRecords(char *buffer, qint64 max, Status *status)
{
    RecordRead r { buffer, max, received() };
    r.got = takePeeked(buffer, max);
    r.raw.resize(0);
    r.raw.append(m_input);
    m_input = QByteArray();
    r.ended = m_closeNotifyReceived;
    while (!r.ended && !r.full && m_state == State::Records) {
        openRecords(r);
        if (r.ended || r.full || r.drained || r.got >= max || m_state != State::Records)
            break;
        if (!receive(r))
            break;
    }
    if (r.at < r.raw.size())
        m_input = QByteArray(r.raw.constData() + r.at, r.raw.size() - r.at);
    r.raw.resize(0);
    // What reading wrote (the answer to a key update, an alert) goes now.
    if (sendOutput() > Status::WouldBlock && m_state != State::Failed)
        fail();
    if (r.ended)
        r.last = Status::End;
    if (m_state == State::Failed)
        r.last = Status::Failed;
    if (r.got > 0) {
        // An end or a failure is said by the next call.
        *status = Status::Ok;
        return r.got;
    }
    *status = r.last == Status::Ok ? Status::WouldBlock : r.last;
    return 0;
}

qint64 TlsTransport::takePeeked(char *buffer, qint64 max)
{
    if (m_peeked.isEmpty())
        return 0;
    const qint64 got = qMin<qint64>(max, m_peeked.size());
    std::memcpy(buffer, m_peeked.constData(), size_t(got));
    if (got == m_peeked.size())
        m_peeked = QByteArray();
    else
        m_peeked.remove(0, got);
    return got;
}

void TlsTransport::openRecords(RecordRead &r)
{
    while (r.raw.size() - r.at >= TlsRecordLayer::kHeader) {
        const qsizetype body = TlsRecordLayer::bodyLength(r.raw.constData() + r.at);
        if (body > TlsRecordLayer::kMaxCiphertext) {
            refuse(TlsRecordLayer::kRecordOverflow,
                   QStringLiteral("a TLS record of %1 bytes, over the limit of %2")
                       .arg(body)
                       .arg(TlsRecordLayer::kMaxCiphertext));
            return;
        }
        const qsizetype length = TlsRecordLayer::kHeader + body;
        if (r.raw.size() - r.at < length)
            return; // the rest of it has not arrived
        // Opened into the buffer if its plaintext fits; a first record that
        // does not (a read budget under 16 KiB) is opened aside, and the
        // next read hands out what is left of it.
        char *target = r.buffer + r.got;
        const bool aside = r.max - r.got < body - TlsRecordLayer::kTag;
        if (aside) {
            if (r.got > 0) {
                r.full = true;
                return;
            }
            target = peekBuffer();
        }
        TlsRecordLayer::ContentType type;
        quint8 alert = 0;
        const qsizetype n = m_records->open(r.raw.constData() + r.at, length, target, &type, &alert);
        r.at += length;
        if (n < 0) {
            ERR_clear_error();
            refuse(alert, QStringLiteral("a TLS record that could not be read (%1)").arg(alertName(alert)));
            return;
        }
        if (type != TlsRecordLayer::ContentType::ApplicationData) {
            if (!onControlRecord(int(type), target, n, &r.ended))
                return;
            continue;
        }
        if (!aside) {
            r.got += n;
            continue;
        }
        r.got = qMin<qint64>(n, r.max);
        std::memcpy(r.buffer, target, size_t(r.got));
        if (n > r.got)
            m_peeked = QByteArray(target + r.got, n - r.got);
        r.full = true;
        return;
    }
}

bool TlsTransport::receive(RecordRead &r)
{
    // What the room left can hold, and a record.
    const qsizetype before = r.raw.size() - r.at;
    if (r.at > 0) {
        r.raw.remove(0, r.at);
        r.at = 0;
    }
    const qsizetype room = (r.max - r.got) + TlsRecordLayer::kHeader + TlsRecordLayer::kMaxCiphertext - before;
    if (room <= 0)
        return false;
    r.raw.resize(before + room);
    const ssize_t n = ::recv(m_fd, r.raw.data() + before, size_t(room), MSG_DONTWAIT);
    r.raw.resize(before + qMax<ssize_t>(n, 0));
    if (n > 0 || (n < 0 && errno == EINTR)) {
        r.drained = n > 0 && n < room; // the kernel had no more: not asked again
        return true;
    }
    if (n == 0) {
        r.last = Status::End; // without close_notify: an end all the same
        return false;
    }
    r.last = PlainTransport::statusOf(errno, false);
    if (r.last == Status::Failed) {
        m_error = PlainTransport::errorText(errno);
        fail();
    }
    return false;
}

bool TlsTransport::onControlRecord(int type, const char *content, qsizetype length, bool *ended)
{
    const auto *bytes = reinterpret_cast<const uchar *>(content);
    if (type == int(TlsRecordLayer::ContentType::Alert)) {
        if (length != 2) {
            refuse(TlsRecordLayer::kDecodeError, QStringLiteral("a TLS alert of %1 bytes").arg(length));
            return false;
        }
        const quint8 description = bytes[1];
        if (description == TlsRecordLayer::kCloseNotify) {
            m_closeNotifyReceived = true;
            *ended = true;
            return false;
        }
        if (description == TlsRecordLayer::kUserCanceled && bytes[0] == kAlertWarning)
            return true;
        m_error = QStringLiteral("the client sent the TLS alert %1").arg(alertName(description));
        fail();
        return false;
    }
    // Handshake messages after the handshake: only KeyUpdate (no tickets,
    // no post-handshake authentication), and last in its record.
    if (length != 5 || bytes[0] != kKeyUpdate || bytes[1] != 0 || bytes[2] != 0 || bytes[3] != 1) {
        refuse(TlsRecordLayer::kUnexpectedMessage, QStringLiteral("a TLS handshake message after the handshake"));
        return false;
    }
    const quint8 requested = bytes[4];
    if (requested > 1) {
        refuse(TlsRecordLayer::kDecodeError, QStringLiteral("a TLS key update that is not one"));
        return false;
    }
    bool ok = m_records->updateReadKey();
    if (ok && requested == 1) {
        // Ours, with the keys so far, then the next ones.
        const char update[5] = { char(kKeyUpdate), 0, 0, 1, 0 };
        ok = m_records->seal(TlsRecordLayer::ContentType::Handshake, update, sizeof(update), m_outbox.buffer())
             && m_records->updateWriteKey();
    }
    if (!ok) {
        m_error = TlsContext::takeError();
        fail();
    }
    return ok;
}

Transport::Status TlsTransport::refuse(quint8 alert, const QString &reason)
{
    if (sealAlert(kAlertFatal, alert))
        sendOutput();
    m_error = reason;
    return fail();
}

bool TlsTransport::sealAlert(quint8 level, quint8 description)
{
    const char alert[2] = { char(level), char(description) };
    if (m_records->seal(TlsRecordLayer::ContentType::Alert, alert, sizeof(alert), m_outbox.buffer()))
        return true;
    m_outbox.clear(); // nothing half made goes out
    return false;
}

qint64 TlsTransport::peek(char *buffer, qint64 max)
{
    if (m_state == State::OpenSsl) {
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
    if (m_state != State::Records)
        return 0;
    if (m_peeked.isEmpty()) {
        // Opened now, handed out by the next read. An end or a failure is
        // said by that read too.
        Status status;
        const qint64 n = readRecords(peekBuffer(), TlsRecordLayer::kMaxCiphertext, &status);
        if (n > 0)
            m_peeked = QByteArray(peekBuffer(), n);
    }
    const qint64 n = qMin<qint64>(max, m_peeked.size());
    std::memcpy(buffer, m_peeked.constData(), size_t(n));
    return n;
}

bool TlsTransport::hasBufferedInput() const
{
    switch (m_state) {
    case State::OpenSsl:
        return SSL_has_pending(m_ssl) == 1;
    case State::Records: {
        if (!m_peeked.isEmpty() || m_closeNotifyReceived)
            return true;
        return m_input.size() >= TlsRecordLayer::kHeader
               && m_input.size() >= TlsRecordLayer::kHeader + TlsRecordLayer::bodyLength(m_input.constData());
    }
    case State::Handshaking:
    case State::Failed:
        break;
    }
    return false;
}

// Writing -------------------------------------------------------------------

qint64 TlsTransport::write(const iovec *iov, int count, Status *status)
{
    if (!isHandshakeDone()) {
        *status = m_state == State::Failed ? Status::Failed : Status::WouldBlock;
        return 0;
    }
    // What the kernel did not take last time goes first.
    *status = sendOutput();
    if (*status != Status::Ok) {
        if (*status == Status::Failed)
            fail();
        return 0;
    }
    return m_state == State::Records ? writeRecords(iov, count, status) : writeOpenSsl(iov, count, status);
}

template <typename Encrypt>
qint64 TlsTransport::writeFlights(const iovec *iov, int count, Status *status, Encrypt encrypt)
{
    qint64 taken = 0;
    qsizetype flight = 0; // encrypted since the last send()
    BufferCursor from(iov, count);
    while (!from.atEnd()) {
        Status stop = Status::Ok;
        const qint64 n = encrypt(from, size_t(kMaxFlight - flight), &stop);
        if (n < 0) {
            // WouldBlock: what was taken so far stands.
            *status = stop == Status::WouldBlock && taken > 0 ? Status::Ok : stop;
            return stop == Status::WouldBlock ? taken : 0;
        }
        from.advance(size_t(n));
        taken += n;
        flight += qsizetype(n);
        if (flight < kMaxFlight && !from.atEnd())
            continue;
        // One send() for the flight; what the kernel leaves is pending.
        flight = 0;
        const Status sent = sendOutput();
        if (sent == Status::WouldBlock)
            break;
        if (sent != Status::Ok) {
            *status = sent == Status::Failed ? fail() : sent;
            return 0;
        }
    }
    *status = Status::Ok;
    return taken;
}

qint64 TlsTransport::writeRecords(const iovec *iov, int count, Status *status)
{
    return writeFlights(iov, count, status, [this](const BufferCursor &from, size_t room, Status *stop) -> qint64 {
        // The next record, straight from the buffers (no copy before the
        // cipher's): up to kMaxRecord bytes across as many as it takes.
        iovec pieces[64];
        int n = 0;
        const size_t length = from.pieces(pieces, int(std::size(pieces)), &n, qMin(size_t(kMaxRecord), room));
        if (!m_records->seal(TlsRecordLayer::ContentType::ApplicationData, pieces, n, m_outbox.buffer())) {
            m_outbox.clear();
            m_error = TlsContext::takeError();
            *stop = fail();
            return -1;
        }
        return qint64(length);
    });
}

qint64 TlsTransport::writeOpenSsl(const iovec *iov, int count, Status *status)
{
    return writeFlights(iov, count, status, [this](const BufferCursor &from, size_t room, Status *stop) -> qint64 {
        // The next piece: straight from a buffer that fills a record (then
        // OpenSSL cuts it into records), else small buffers gathered into
        // one record.
        const char *data = from.data();
        size_t length = qMin(from.size(), room);
        if (from.size() < size_t(kMaxRecord)) {
            data = recordBuffer();
            length = from.copy(recordBuffer(), qMin(size_t(kMaxRecord), room));
        }
        ERR_clear_error();
        errno = 0;
        // Into the sink, which takes everything: all of it is encrypted.
        const int n = SSL_write(m_ssl, data, int(length));
        if (n > 0) {
            m_writeWaitsForReadable = false;
            return n;
        }
        bool wantsWrite = false;
        const Status s = classify(n, &wantsWrite);
        const Status sent = sendOutput(); // what came before, or an alert
        if (s == Status::WouldBlock && sent <= Status::WouldBlock) {
            m_writeWaitsForReadable = !wantsWrite;
            *stop = Status::WouldBlock;
        } else if (s == Status::End || sent == Status::Reset) {
            // A write never ends by itself: the peer is gone, though
            // records it sent before may still wait to be read.
            m_error = ClientSession::resetByClientReason();
            *stop = Status::Reset;
        } else {
            *stop = fail();
        }
        return -1;
    });
}

Transport::Status TlsTransport::shutdownWrite()
{
    if (m_state == State::OpenSsl && (SSL_get_shutdown(m_ssl) & SSL_SENT_SHUTDOWN) == 0) {
        ERR_clear_error();
        SSL_shutdown(m_ssl); // close_notify, into the sink
        ERR_clear_error();
    } else if (m_state == State::Records && !m_closeNotifySent) {
        m_closeNotifySent = true;
        sealAlert(kAlertWarning, TlsRecordLayer::kCloseNotify);
    }
    // Everything sealed, close_notify last, before the FIN.
    if (isHandshakeDone() && sendOutput() == Status::WouldBlock)
        return Status::WouldBlock;
    ::shutdown(m_fd, SHUT_WR);
    return Status::Ok;
}
