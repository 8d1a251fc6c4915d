// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "tlscontext.h"

#include "tlstransport.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

namespace {

struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

BioPtr memoryBio(const QByteArray &bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
}

// An encrypted key is refused, never prompted for on a terminal.
int noPassword(char *, int, int, void *)
{
    return -1;
}

} // namespace

QString TlsContext::takeError()
{
    const unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown TLS error");
    const char *reason = ERR_reason_error_string(code);
    return reason ? QString::fromLatin1(reason) : QStringLiteral("TLS error %1").arg(code, 0, 16);
}

std::shared_ptr<const TlsContext> TlsContext::create(const QByteArray &certificatePem, const QByteArray &keyPem,
                                                     QString *error)
{
    ERR_clear_error();
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (!ctx) {
        *error = takeError();
        return nullptr;
    }
    std::shared_ptr<const TlsContext> context(new TlsContext(ctx));
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_NO_RENEGOTIATION);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_num_tickets(ctx, 0);
    SSL_CTX_set_keylog_callback(ctx, TlsTransport::keyLog);
    // TLS 1.3's suites, AES-128-GCM first and chosen by the server: every
    // TLS 1.3 client has it (RFC 8446 section 9.1 makes it mandatory), and
    // TlsRecordLayer prepares its cipher state before the handshake.
    SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256");
    SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr); // clients have no certificates

    BioPtr certificates = memoryBio(certificatePem);
    X509 *leaf = certificates ? PEM_read_bio_X509_AUX(certificates.get(), nullptr, noPassword, nullptr) : nullptr;
    if (!leaf || SSL_CTX_use_certificate(ctx, leaf) != 1) {
        X509_free(leaf);
        *error = QStringLiteral("no usable PEM certificate: %1").arg(takeError());
        return nullptr;
    }
    X509_free(leaf);
    // The rest of the file is the chain, sent after the leaf.
    while (X509 *issuer = PEM_read_bio_X509(certificates.get(), nullptr, noPassword, nullptr)) {
        if (SSL_CTX_add0_chain_cert(ctx, issuer) != 1) {
            X509_free(issuer);
            *error = takeError();
            return nullptr;
        }
    }
    ERR_clear_error(); // the end of the file reads as an error

    BioPtr key = memoryBio(keyPem);
    EVP_PKEY *pkey = key ? PEM_read_bio_PrivateKey(key.get(), nullptr, noPassword, nullptr) : nullptr;
    if (!pkey || SSL_CTX_use_PrivateKey(ctx, pkey) != 1) {
        EVP_PKEY_free(pkey);
        *error = QStringLiteral("no usable unencrypted PEM private key: %1").arg(takeError());
        return nullptr;
    }
    EVP_PKEY_free(pkey);
    if (SSL_CTX_check_private_key(ctx) != 1) {
        *error = QStringLiteral("the private key does not match the certificate: %1").arg(takeError());
        return nullptr;
    }
    return context;
}

TlsContext::~TlsContext()
{
    SSL_CTX_free(m_ctx);
}
