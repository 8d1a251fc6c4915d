// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// TLS 1.3's record protection (RFC 8446, section 5) for a connection whose
// handshake OpenSSL has finished: the two directions' AEAD keys, derived from
// the traffic secrets OpenSSL reported, and their sequence numbers. It seals
// and opens records with OpenSSL's ciphers (EVP); it does no handshake.
//
// Why: an idle TLS connection kept OpenSSL's whole SSL object (about 20 KiB
// after a TLS 1.3 handshake, docs/benchmarks.md), of which only the keys are
// still needed. This keeps the keys (two cipher contexts, about 2 KiB) and
// TlsTransport frees the SSL object; it is what kernel TLS keeps, in user
// space. Used for the three TLS 1.3 cipher suites with 16-byte tags (AES-GCM
// and ChaCha20-Poly1305); anything else stays with OpenSSL.
#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <sys/uio.h>

#include <array>
#include <cstdint>
#include <memory>

struct evp_cipher_ctx_st;
struct evp_cipher_st;
struct evp_md_st;

class TlsRecordLayer
{
public:
    enum class ContentType : quint8 { Alert = 21, Handshake = 22, ApplicationData = 23 };

    // The record's header, the type byte and the tag: what sealing adds.
    static constexpr qsizetype kHeader = 5;
    static constexpr qsizetype kTag = 16;
    // The most plaintext in a record (2^14), and the most a record's
    // encrypted part may hold (2^14 + 256, RFC 8446 section 5.2).
    static constexpr qsizetype kMaxPlaintext = 16 * 1024;
    static constexpr qsizetype kMaxCiphertext = kMaxPlaintext + 256;
    // What follows a record's header, as the header says (at least kHeader
    // bytes at header).
    static qsizetype bodyLength(const char *header)
    {
        const auto *h = reinterpret_cast<const unsigned char *>(header);
        return qsizetype(h[3]) << 8 | h[4];
    }
    // Alert descriptions this layer sends or reads (RFC 8446 section 6).
    static constexpr quint8 kCloseNotify = 0;
    static constexpr quint8 kUnexpectedMessage = 10;
    static constexpr quint8 kBadRecordMac = 20;
    static constexpr quint8 kRecordOverflow = 22;
    static constexpr quint8 kDecodeError = 50;
    static constexpr quint8 kUserCanceled = 90;

    // The suite the server prefers (TlsContext), whose cipher state the
    // constructor prepares.
    static constexpr char kPreferredSuite[] = "TLS_AES_128_GCM_SHA256";

    // Allocates both directions' cipher state for kPreferredSuite, keyed
    // by nothing yet. Made with the connection, before its handshake: what
    // stays for the connection's life is then allocated with the rest of
    // it, not in between the handshakes' transient buffers, where after a
    // burst of handshakes each small block kept a whole page of the heap
    // from going back to the system (docs/benchmarks.md, S5 TLS).
    TlsRecordLayer();
    ~TlsRecordLayer();
    TlsRecordLayer(const TlsRecordLayer &) = delete;
    TlsRecordLayer &operator=(const TlsRecordLayer &) = delete;

    // Keys the layer for a cipher suite (OpenSSL's name, such as
    // "TLS_AES_128_GCM_SHA256") with the two application traffic secrets:
    // false for a suite it does not do, or when OpenSSL fails.
    bool start(const char *suite, const QByteArray &readSecret, const QByteArray &writeSecret);

    // Appends one record of the given type holding the iovecs' bytes (at
    // most kMaxPlaintext in all) to out; false if OpenSSL failed (out then
    // holds a record that must not be sent).
    bool seal(ContentType type, const iovec *iov, int count, QByteArray &out);
    bool seal(ContentType type, const char *data, qsizetype length, QByteArray &out);

    // Opens one whole record (header included) into plaintext, which has
    // room for the record's length minus kTag: the content's length, with
    // *type, or -1 when the record is not one this peer may send (*alert
    // says which alert that is).
    qsizetype open(const char *record, qsizetype length, char *plaintext, ContentType *type, quint8 *alert);

    // A KeyUpdate (RFC 8446 section 4.6.3): the next keys of one direction.
    bool updateReadKey();
    bool updateWriteKey();

private:
    struct Direction
    {
        evp_cipher_ctx_st *cipher = nullptr;
        std::array<unsigned char, 48> secret {};
        std::array<unsigned char, 12> iv {};
        quint64 sequence = 0;
        // The nonce of the next record: iv XOR the sequence number.
        std::array<unsigned char, 12> nonce() const;
    };

    // Derives a direction's key and iv from its secret, sequence 0.
    bool install(Direction &d, bool encrypt);
    // The next secret of a direction, and its key and iv.
    bool update(Direction &d, bool encrypt);
    // HKDF-Expand-Label(secret, label, "", length) (RFC 8446 section 7.1).
    bool expandLabel(const unsigned char *secret, const char *label, unsigned char *out, size_t length) const;

    const evp_cipher_st *m_aead; // the suite's, and what both cipher states are made for
    const evp_md_st *m_hash = nullptr;
    qsizetype m_keyLength = 0;
    qsizetype m_hashLength = 0;
    Direction m_read;
    Direction m_write;
};
