// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// libFuzzer target for TlsRecordLayer, the server's TLS 1.3 record
// protection after the handshake (RFC 8446 section 5).
//
// Two layers share made-up traffic secrets, a "client" that seals and the
// server that opens. Input: byte 0 picks the cipher suite; then operations,
// each one byte of kind and one of length, with that many bytes after:
// - kind 0: those bytes as a record that was never sealed, its header's
//   length made to match (the transport only opens whole records);
// - kind 1: the client seals them with the next byte as the record's inner
//   type (any value, 0 too), and the server opens the record;
// - kind 2: both update their keys (a KeyUpdate), then go on;
// - kind 3: as kind 1, with one bit of the sealed record flipped on its way;
//   the input ends there (the two sides' sequence numbers part).
//
// Invariants:
// - a record that was never sealed, or one with a flipped bit, is refused
//   with one of the alerts the layer names, never opened;
// - a sealed record opens to what was sealed when its type is application
//   data, an alert or a handshake message: the content is the bytes before
//   the last non-zero byte of (bytes, type), and that byte is the type;
//   else it is refused as an unexpected message.
#include "tlsrecordlayer.h"

#include "fuzzsupport.h"

#include <cstdint>

namespace {

const char *const kSuites[] = { "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256" };

bool knownAlert(quint8 alert)
{
    return alert == TlsRecordLayer::kUnexpectedMessage || alert == TlsRecordLayer::kBadRecordMac
           || alert == TlsRecordLayer::kRecordOverflow || alert == TlsRecordLayer::kDecodeError;
}

// Opens record with the room the transport gives it; the content, or a
// null array with *alert.
QByteArray openRecord(TlsRecordLayer &server, const QByteArray &record, TlsRecordLayer::ContentType *type,
                      quint8 *alert)
{
    QByteArray plaintext(qMax<qsizetype>(0, record.size() - TlsRecordLayer::kHeader - TlsRecordLayer::kTag),
                         Qt::Uninitialized);
    const qsizetype n = server.open(record.constData(), record.size(), plaintext.data(), type, alert);
    if (n < 0) {
        FUZZ_CHECK(knownAlert(*alert), "refused with alert %d", int(*alert));
        return {};
    }
    FUZZ_CHECK(n <= plaintext.size(), "opened %lld bytes into %lld", qint64(n), qint64(plaintext.size()));
    plaintext.truncate(n);
    return plaintext.isNull() ? QByteArray("") : plaintext;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *suite = kSuites[data[0] % 3];
    const int hashLength = data[0] % 3 == 1 ? 48 : 32;
    const QByteArray clientSecret(hashLength, 'c');
    const QByteArray serverSecret(hashLength, 's');
    TlsRecordLayer client;
    TlsRecordLayer server;
    FUZZ_CHECK(client.start(suite, serverSecret, clientSecret), "client start");
    FUZZ_CHECK(server.start(suite, clientSecret, serverSecret), "server start");

    size_t at = 1;
    while (at + 2 <= size) {
        const quint8 kind = data[at] % 4;
        const size_t length = qMin<size_t>(data[at + 1], size - at - 2);
        const QByteArray bytes(reinterpret_cast<const char *>(data + at + 2), qsizetype(length));
        at += 2 + length;
        TlsRecordLayer::ContentType type;
        quint8 alert = 0;
        if (kind == 0) {
            if (bytes.size() < TlsRecordLayer::kHeader)
                continue;
            QByteArray record = bytes;
            const qsizetype body = record.size() - TlsRecordLayer::kHeader;
            record[3] = char(body >> 8);
            record[4] = char(body);
            FUZZ_CHECK(openRecord(server, record, &type, &alert).isNull(), "a record never sealed was opened");
            continue;
        }
        if (kind == 2) {
            FUZZ_CHECK(client.updateWriteKey() && server.updateReadKey(), "key update");
            continue;
        }
        // Kinds 1 and 3: the type is the last byte of the operation.
        if (bytes.isEmpty())
            continue;
        const QByteArray content = bytes.chopped(1);
        const quint8 innerType = quint8(bytes.back());
        QByteArray record;
        FUZZ_CHECK(client.seal(TlsRecordLayer::ContentType(innerType), content.constData(), content.size(), record),
                   "seal");
        FUZZ_CHECK(record.size() == TlsRecordLayer::kHeader + content.size() + 1 + TlsRecordLayer::kTag,
                   "sealed %lld bytes for %lld", qint64(record.size()), qint64(content.size()));
        if (kind == 3) {
            const size_t bit = size_t(innerType) * 7 % size_t(record.size() * 8);
            record[qsizetype(bit / 8)] = char(record.at(qsizetype(bit / 8)) ^ (1 << (bit % 8)));
            FUZZ_CHECK(openRecord(server, record, &type, &alert).isNull(), "an altered record was opened");
            return 0; // the sequence numbers have parted
        }
        const QByteArray opened = openRecord(server, record, &type, &alert);
        // What the reader sees: the last non-zero byte of (content, type).
        QByteArray inner = content;
        inner.append(char(innerType));
        qsizetype end = inner.size();
        while (end > 0 && inner.at(end - 1) == 0)
            --end;
        const quint8 expectedType = end > 0 ? quint8(inner.at(end - 1)) : 0;
        const bool valid = expectedType == quint8(TlsRecordLayer::ContentType::Alert)
                           || expectedType == quint8(TlsRecordLayer::ContentType::Handshake)
                           || expectedType == quint8(TlsRecordLayer::ContentType::ApplicationData);
        if (!valid) {
            FUZZ_CHECK(opened.isNull() && alert == TlsRecordLayer::kUnexpectedMessage,
                       "inner type %d was not refused as unexpected (alert %d)", int(expectedType), int(alert));
            return 0; // refused: the connection would end here
        }
        FUZZ_CHECK(!opened.isNull(), "a sealed record was refused (alert %d)", int(alert));
        FUZZ_CHECK(quint8(type) == expectedType, "type %d, sealed %d", int(type), int(expectedType));
        FUZZ_CHECK(opened == inner.left(end - 1), "content differs (%lld bytes, expected %lld)",
                   qint64(opened.size()), qint64(end - 1));
    }
    return 0;
}
