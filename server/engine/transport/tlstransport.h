// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// TLS as a Transport on the session's non-blocking descriptor, with the
// server's shared TlsContext. OpenSSL runs the handshake, reading from the
// descriptor; the session's own notifiers drive it as they drive reads and
// writes (OpenSSL says WANT_READ, and the session waits for that).
//
// After a TLS 1.3 handshake the records are TlsRecordLayer's and OpenSSL's
// connection is freed (State::Records): an idle client keeps two cipher
// states, not an SSL object (about 20 KiB). TLS 1.2, or a suite the layer
// does not do, stays with OpenSSL (State::OpenSsl), whose record buffers
// SSL_MODE_RELEASE_BUFFERS frees while nothing is in flight.
//
// Why not QSslSocket: it kept a read buffer, a write buffer and OpenSSL's
// record buffers for every connection, idle or not (75-79 KiB a client), and
// copied every write twice before encrypting it. Here reads decrypt straight
// into the thread's read buffer.
//
// Writes: records go into a TlsOutbox (OpenSSL's through a sink BIO), never
// straight to the socket. A write() encrypts up to
// kMaxFlight bytes of the session's queued buffers in records of up to
// 16 KiB, then sends all of it with one send(): as few system calls as plain
// TCP. What the kernel does not take is already encrypted, so the transport
// keeps it (pendingOutput()) and sends it before anything else; the session
// watches for writable until it has gone.
#pragma once

#include "tlsoutbox.h"
#include "transport.h"

#include <QByteArray>

#include <memory>

class TlsContext;
class TlsRecordLayer;
struct ssl_st;

class TlsTransport : public Transport
{
public:
    // What a TLS connection costs while its handshake runs (OpenSSL's record
    // buffers, the handshake's messages and key shares; measured with 1,000
    // stalled handshakes, docs/reliability.md): counted against the global
    // buffer budget until the handshake ends.
    static constexpr qsizetype kHandshakeMemory = 48 * 1024;
    // The most plaintext in one TLS record.
    static constexpr qsizetype kMaxRecord = 16 * 1024;
    // The most plaintext one write() encrypts before it sends: the bound on
    // the ciphertext a connection keeps when the kernel takes only part of
    // it (counted in the session's queued bytes).
    static constexpr qsizetype kMaxFlight = 8 * kMaxRecord;

    // Where a connection is.
    enum class State {
        Handshaking, // OpenSSL runs the handshake
        OpenSsl,     // done; OpenSSL protects the records (TLS 1.2, or a suite TlsRecordLayer does not do)
        Records,     // done; TLS 1.3 records by TlsRecordLayer, OpenSSL's connection freed
        Failed,      // errorString() says why
    };

    // Accepts on descriptor (which stays the session's); the handshake starts
    // with the first handshake() call.
    TlsTransport(int descriptor, std::shared_ptr<const TlsContext> context);
    ~TlsTransport() override;

    State state() const { return m_state; }

    bool isTls() const override { return true; }
    QString security() const override { return m_security; }
    Status handshake() override;
    bool isHandshakeDone() const override { return m_state == State::OpenSsl || m_state == State::Records; }
    qint64 read(char *buffer, qint64 max, Status *status) override;
    qint64 peek(char *buffer, qint64 max) override;
    qint64 write(const iovec *iov, int count, Status *status) override;
    bool hasBufferedInput() const override;
    bool readWaitsForWritable() const override { return m_readWaitsForWritable; }
    bool writeWaitsForReadable() const override { return m_writeWaitsForReadable; }
    qsizetype pendingOutput() const override { return m_outbox.pending(); }
    Status shutdownWrite() override;
    QString errorString() const override { return m_error; }

    // Where OpenSSL's records go (the sink's write): into m_outbox.
    void appendOutput(const char *data, size_t length) { m_outbox.append(data, length); }
    // The context's key log callback: keeps this connection's two
    // application traffic secrets (TLS 1.3) for TlsRecordLayer.
    static void keyLog(const ssl_st *ssl, const char *line);

private:
    // After the handshake: hands the records to TlsRecordLayer and frees
    // OpenSSL's connection when it can, else leaves them to OpenSSL.
    void takeOverRecords();
    // The OpenSSL path (State::OpenSsl) and TlsRecordLayer's (State::Records).
    qint64 readOpenSsl(char *buffer, qint64 max, Status *status);
    qint64 readRecords(char *buffer, qint64 max, Status *status);
    // readRecords() in steps: what a peek opened, the whole records
    // received, and more from the kernel (false: no more now, r.last says
    // why).
    struct RecordRead;
    qint64 takePeeked(char *buffer, qint64 max);
    void openRecords(RecordRead &r);
    bool receive(RecordRead &r);
    qint64 writeOpenSsl(const iovec *iov, int count, Status *status);
    qint64 writeRecords(const iovec *iov, int count, Status *status);
    // The loop both share: encrypt(from, room, &stop) encrypts up to room
    // bytes from the buffers into m_outbox and says how many, or
    // -1 with stop (WouldBlock keeps what was taken); every kMaxFlight
    // bytes, and at the end, one send().
    template <typename Encrypt>
    qint64 writeFlights(const iovec *iov, int count, Status *status, Encrypt encrypt);
    // A record TlsRecordLayer opened that is not application data: false
    // when it ends the connection (state Failed, or *ended for close_notify).
    bool onControlRecord(int type, const char *content, qsizetype length, bool *ended);
    // Ends the connection over a bad record: the fatal alert, then Failed.
    Status refuse(quint8 alert, const QString &reason);
    // State::Records: an alert record into m_outbox (false, and the outbox
    // emptied, when sealing failed).
    bool sealAlert(quint8 level, quint8 description);
    // Overwrites and drops the traffic secrets the key log gave.
    void wipeSecrets();
    // m_outbox.send(), with m_error set when it failed.
    Status sendOutput();
    // Marks the connection dead (m_error says why): Failed.
    Status fail();
    // Sorts a failed OpenSSL call (ret, what it returned) into WouldBlock,
    // End or Failed (with m_error set); *wantsWrite: it waits for writable.
    Status classify(int ret, bool *wantsWrite);

    int m_fd;
    std::shared_ptr<const TlsContext> m_context;
    // Made first, so that it lies beside the connection's other lasting
    // allocations (TlsRecordLayer says why); dropped if OpenSSL keeps the
    // records.
    std::unique_ptr<TlsRecordLayer> m_records;
    ssl_st *m_ssl; // null once TlsRecordLayer has the records
    State m_state = State::Handshaking;
    // The application traffic secrets, from the key log until the handshake
    // ends.
    QByteArray m_clientSecret;
    QByteArray m_serverSecret;
    // Records the kernel has not taken yet (none, and no storage, when idle).
    TlsOutbox m_outbox;
    // State::Records: received bytes not yet opened (part of a record, or
    // records past the last read's room), and plaintext a peek opened.
    QByteArray m_input;
    QByteArray m_peeked;
    QString m_security;
    QString m_error;
    bool m_closeNotifyReceived = false;
    bool m_closeNotifySent = false;
    bool m_readWaitsForWritable = false;
    bool m_writeWaitsForReadable = false;
};
