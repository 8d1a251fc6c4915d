// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The server's TLS identity and settings: one OpenSSL SSL_CTX, built once per
// start from the PEM certificate chain and key, shared (read-only) by every
// TLS connection on every network thread. Its settings are the ones the
// transport relies on:
// - SSL_MODE_RELEASE_BUFFERS: an idle connection holds no record buffers;
// - no session cache and no session tickets: nothing grows per client, and a
//   handshake costs no ticket encryption (and no record is sent with the
//   application keys before TlsTransport hands them to TlsRecordLayer);
// - a key log callback (TlsTransport::keyLog) that gives each connection its
//   TLS 1.3 application traffic secrets, for TlsRecordLayer; nothing is
//   written anywhere;
// - TLS 1.3 suites chosen by the server, TLS_AES_128_GCM_SHA256 first
//   (TlsRecordLayer prepares its cipher state);
// - TLS 1.2 or later; an end of stream without close_notify is an end.
// (Read ahead is the transport's: off during the handshake, on after it.)
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

struct ssl_ctx_st;

class TlsContext
{
public:
    // Null, with *error saying why, when the PEM texts cannot be used.
    static std::shared_ptr<const TlsContext> create(const QByteArray &certificatePem, const QByteArray &keyPem,
                                                    QString *error);
    ~TlsContext();
    TlsContext(const TlsContext &) = delete;
    TlsContext &operator=(const TlsContext &) = delete;

    ssl_ctx_st *handle() const { return m_ctx; }

    // The newest OpenSSL error of this thread, for a person, and clears the
    // thread's error queue.
    static QString takeError();

private:
    explicit TlsContext(ssl_ctx_st *ctx) : m_ctx(ctx) { }
    ssl_ctx_st *m_ctx;
};
