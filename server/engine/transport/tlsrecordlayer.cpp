// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "tlsrecordlayer.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <cstring>
#include <string_view>

namespace {

struct Suite
{
    const char *name;
    const EVP_CIPHER *(*aead)();
    const EVP_MD *(*hash)();
    qsizetype keyLength;
};

// TLS 1.3's suites with 16-byte tags and 12-byte nonces (RFC 8446 B.4);
// the CCM ones are left to OpenSSL.
const Suite kSuites[] = {
    { "TLS_AES_128_GCM_SHA256", EVP_aes_128_gcm, EVP_sha256, 16 },
    { "TLS_AES_256_GCM_SHA384", EVP_aes_256_gcm, EVP_sha384, 32 },
    { "TLS_CHACHA20_POLY1305_SHA256", EVP_chacha20_poly1305, EVP_sha256, 32 },
};

constexpr unsigned char kLegacyVersion[2] = { 0x03, 0x03 };

} // namespace

TlsRecordLayer::TlsRecordLayer()
    : m_aead(EVP_aes_128_gcm())
{
    // The cipher states are allocated here, keyed later (start()).
    m_read.cipher = EVP_CIPHER_CTX_new();
    m_write.cipher = EVP_CIPHER_CTX_new();
    if (m_read.cipher)
        EVP_CipherInit_ex(m_read.cipher, m_aead, nullptr, nullptr, nullptr, 0);
    if (m_write.cipher)
        EVP_CipherInit_ex(m_write.cipher, m_aead, nullptr, nullptr, nullptr, 1);
}

bool TlsRecordLayer::start(const char *suite, const QByteArray &readSecret, const QByteArray &writeSecret)
{
    static_assert(std::string_view(kPreferredSuite) == std::string_view("TLS_AES_128_GCM_SHA256"),
                  "the constructor prepares AES-128-GCM");
    for (const Suite &s : kSuites) {
        if (!suite || std::strcmp(suite, s.name) != 0)
            continue;
        const EVP_CIPHER *aead = s.aead();
        m_hash = s.hash();
        m_keyLength = s.keyLength;
        m_hashLength = EVP_MD_get_size(m_hash);
        if (!m_read.cipher || !m_write.cipher || readSecret.size() != m_hashLength
            || writeSecret.size() != m_hashLength)
            return false;
        if (aead != m_aead) {
            // Another suite than the one prepared: made again for it.
            m_aead = aead;
            if (EVP_CipherInit_ex(m_read.cipher, m_aead, nullptr, nullptr, nullptr, 0) != 1
                || EVP_CipherInit_ex(m_write.cipher, m_aead, nullptr, nullptr, nullptr, 1) != 1)
                return false;
        }
        std::memcpy(m_read.secret.data(), readSecret.constData(), size_t(readSecret.size()));
        std::memcpy(m_write.secret.data(), writeSecret.constData(), size_t(writeSecret.size()));
        return install(m_read, false) && install(m_write, true);
    }
    return false;
}

TlsRecordLayer::~TlsRecordLayer()
{
    EVP_CIPHER_CTX_free(m_read.cipher);
    EVP_CIPHER_CTX_free(m_write.cipher);
    OPENSSL_cleanse(m_read.secret.data(), m_read.secret.size());
    OPENSSL_cleanse(m_write.secret.data(), m_write.secret.size());
    OPENSSL_cleanse(m_read.iv.data(), m_read.iv.size());
    OPENSSL_cleanse(m_write.iv.data(), m_write.iv.size());
}

std::array<unsigned char, 12> TlsRecordLayer::Direction::nonce() const
{
    std::array<unsigned char, 12> n = iv;
    for (int i = 0; i < 8; ++i)
        n[size_t(11 - i)] ^= static_cast<unsigned char>(sequence >> (8 * i));
    return n;
}

bool TlsRecordLayer::expandLabel(const unsigned char *secret, const char *label, unsigned char *out,
                                 size_t length) const
{
    // struct { uint16 length; opaque label<7..255> = "tls13 " + Label;
    //          opaque context<0..255> = ""; } HkdfLabel;
    static constexpr char kPrefix[] = "tls13 ";
    const size_t labelLength = sizeof(kPrefix) - 1 + std::strlen(label);
    unsigned char info[2 + 1 + 255 + 1];
    if (labelLength > 255)
        return false;
    info[0] = static_cast<unsigned char>(length >> 8);
    info[1] = static_cast<unsigned char>(length);
    info[2] = static_cast<unsigned char>(labelLength);
    std::memcpy(info + 3, kPrefix, sizeof(kPrefix) - 1);
    std::memcpy(info + 3 + sizeof(kPrefix) - 1, label, std::strlen(label));
    info[3 + labelLength] = 0; // no context
    EVP_KDF *kdf = EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr);
    EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : nullptr;
    EVP_KDF_free(kdf);
    if (!ctx)
        return false;
    int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char *>(EVP_MD_get0_name(m_hash)), 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<unsigned char *>(secret),
                                          size_t(m_hashLength)),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info, 4 + labelLength),
        OSSL_PARAM_construct_end(),
    };
    const bool ok = EVP_KDF_derive(ctx, out, length, params) == 1;
    EVP_KDF_CTX_free(ctx);
    return ok;
}

bool TlsRecordLayer::install(Direction &d, bool encrypt)
{
    unsigned char key[32];
    bool ok = expandLabel(d.secret.data(), "key", key, size_t(m_keyLength))
              && expandLabel(d.secret.data(), "iv", d.iv.data(), d.iv.size());
    // The cipher state was made for m_aead: only the key is new.
    ok = ok && EVP_CipherInit_ex(d.cipher, nullptr, nullptr, key, nullptr, encrypt ? 1 : 0) == 1;
    OPENSSL_cleanse(key, sizeof(key));
    d.sequence = 0;
    return ok;
}

bool TlsRecordLayer::updateReadKey()
{
    return update(m_read, false);
}

bool TlsRecordLayer::updateWriteKey()
{
    return update(m_write, true);
}

bool TlsRecordLayer::update(Direction &d, bool encrypt)
{
    // application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length)
    unsigned char next[48];
    const bool ok = expandLabel(d.secret.data(), "traffic upd", next, size_t(m_hashLength));
    std::memcpy(d.secret.data(), next, size_t(m_hashLength));
    OPENSSL_cleanse(next, sizeof(next));
    return ok && install(d, encrypt);
}

bool TlsRecordLayer::seal(ContentType type, const char *data, qsizetype length, QByteArray &out)
{
    const iovec one { const_cast<char *>(data), size_t(length) };
    return seal(type, &one, 1, out);
}

bool TlsRecordLayer::seal(ContentType type, const iovec *iov, int count, QByteArray &out)
{
    size_t total = 0;
    for (int i = 0; i < count; ++i)
        total += iov[i].iov_len;
    Q_ASSERT(total <= size_t(kMaxPlaintext));
    // The outer type is always application_data; the real one is the last
    // byte inside (no padding).
    const size_t encrypted = total + 1 + size_t(kTag);
    const qsizetype at = out.size();
    out.resize(at + kHeader + qsizetype(encrypted)); // not zeroed: every byte is written below
    auto *header = reinterpret_cast<unsigned char *>(out.data() + at);
    header[0] = quint8(ContentType::ApplicationData);
    header[1] = kLegacyVersion[0];
    header[2] = kLegacyVersion[1];
    header[3] = static_cast<unsigned char>(encrypted >> 8);
    header[4] = static_cast<unsigned char>(encrypted);
    unsigned char *body = header + kHeader;
    const auto nonce = m_write.nonce();
    int n = 0;
    bool ok = EVP_EncryptInit_ex(m_write.cipher, nullptr, nullptr, nullptr, nonce.data()) == 1
              && EVP_EncryptUpdate(m_write.cipher, nullptr, &n, header, int(kHeader)) == 1; // the header is the AAD
    for (int i = 0; ok && i < count; ++i) {
        if (iov[i].iov_len == 0)
            continue;
        ok = EVP_EncryptUpdate(m_write.cipher, body, &n, static_cast<const unsigned char *>(iov[i].iov_base),
                               int(iov[i].iov_len))
             == 1;
        body += n;
    }
    const unsigned char inner = quint8(type);
    ok = ok && EVP_EncryptUpdate(m_write.cipher, body, &n, &inner, 1) == 1;
    body += n;
    ok = ok && EVP_EncryptFinal_ex(m_write.cipher, body, &n) == 1;
    body += n;
    ok = ok && EVP_CIPHER_CTX_ctrl(m_write.cipher, EVP_CTRL_AEAD_GET_TAG, int(kTag), body) == 1;
    // A nonce is never used twice, even for a record that failed.
    ++m_write.sequence;
    return ok;
}

qsizetype TlsRecordLayer::open(const char *record, qsizetype length, char *plaintext, ContentType *type,
                               quint8 *alert)
{
    const auto *header = reinterpret_cast<const unsigned char *>(record);
    // After the handshake every record is application_data outside (the
    // legacy version is ignored, as RFC 8446 section 5.1 says).
    if (header[0] != quint8(ContentType::ApplicationData)) {
        *alert = kUnexpectedMessage;
        return -1;
    }
    const qsizetype encrypted = length - kHeader;
    if (encrypted > kMaxCiphertext) {
        *alert = kRecordOverflow;
        return -1;
    }
    if (encrypted < kTag + 1) {
        *alert = kDecodeError;
        return -1;
    }
    const auto nonce = m_read.nonce();
    auto *out = reinterpret_cast<unsigned char *>(plaintext);
    int n = 0;
    int last = 0;
    const bool ok = EVP_DecryptInit_ex(m_read.cipher, nullptr, nullptr, nullptr, nonce.data()) == 1
                    && EVP_DecryptUpdate(m_read.cipher, nullptr, &n, header, int(kHeader)) == 1
                    && EVP_DecryptUpdate(m_read.cipher, out, &n, header + kHeader, int(encrypted - kTag)) == 1
                    && EVP_CIPHER_CTX_ctrl(m_read.cipher, EVP_CTRL_AEAD_SET_TAG, int(kTag),
                                           const_cast<unsigned char *>(header + length - kTag))
                               == 1
                    && EVP_DecryptFinal_ex(m_read.cipher, out + n, &last) == 1;
    if (!ok) {
        *alert = kBadRecordMac;
        return -1;
    }
    ++m_read.sequence;
    // TLSInnerPlaintext: content, the type, then zeros.
    qsizetype end = encrypted - kTag;
    while (end > 0 && out[end - 1] == 0)
        --end;
    if (end == 0) {
        *alert = kUnexpectedMessage;
        return -1;
    }
    const quint8 inner = out[end - 1];
    if (inner != quint8(ContentType::Alert) && inner != quint8(ContentType::Handshake)
        && inner != quint8(ContentType::ApplicationData)) {
        *alert = kUnexpectedMessage;
        return -1;
    }
    if (end - 1 > kMaxPlaintext) {
        *alert = kRecordOverflow;
        return -1;
    }
    *type = ContentType(inner);
    return end - 1;
}
