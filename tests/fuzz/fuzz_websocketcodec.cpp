// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// libFuzzer target for WebSocketCodec, the server side of RFC 6455.
//
// Input: byte 0 picks the maximum message size M (Fuzz::maxMessageSize),
// byte 1 the chunking (Fuzz::Chunker), byte 2 the form of the rest: even,
// the rest is the raw stream a client sent; odd, the rest is a list of
// frames, each one byte of FIN, RSV and opcode, one byte of length (0..255)
// and that many payload bytes, which the target masks with a key taken
// from the input, as a browser would: so that most inputs reach the
// fragments, the control frames and the JSON.
//
// Invariants checked on every input:
// - the stream decodes to the same messages, outcome and error whether fed
//   whole or in chunks, in byte mode and in QString mode;
// - decode() returns false exactly when hasFailed();
// - bufferedBytes() never exceeds max(M, 125) + 14 + the chunk just fed (a
//   control frame may carry 125 bytes whatever M is);
// - every decoded text is valid UTF-8, and a server encoding of it decodes
//   (as JSON) back to the same text, with checkedSize() the JSON's size;
// - WebSocketCodec::plainText(), the parser-free reading of the usual text,
//   accepts only what QJsonDocument reads as {"type":"text","text":T} with
//   the same T (checked on the raw input and on every frame's payload).
#include "utf8.h"
#include "websocketcodec.h"

#include "fuzzsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <cstdint>

namespace {

// Header: 2 bytes, 8 of extended length, 4 of mask.
constexpr qsizetype kMaxHeader = 14;

struct Outcome
{
    QList<Message> messages;
    bool ok = true;
    CodecError::Code code = CodecError::Code::None;
};

Outcome decodeAll(QByteArrayView stream, qsizetype max, bool utf8, quint8 chunkSeed)
{
    Outcome o;
    WebSocketCodec codec(max);
    codec.setTextAsUtf8(utf8);
    for (QByteArrayView chunk : Fuzz::split(stream, chunkSeed)) {
        const bool ok = codec.decode(chunk, o.messages);
        FUZZ_CHECK(ok == !codec.hasFailed(), "decode() returned %d, hasFailed() %d", ok, codec.hasFailed());
        // A control frame may carry 125 bytes whatever M is.
        const qsizetype bound = qMax<qsizetype>(max, Protocol::kMaxWebSocketControlPayload) + kMaxHeader;
        FUZZ_CHECK(codec.bufferedBytes() <= bound + chunk.size(), "buffered %lld with M %lld",
                   qint64(codec.bufferedBytes()), qint64(max));
        if (!ok)
            break;
    }
    o.ok = !codec.hasFailed() && codec.finishInput(o.messages);
    o.code = codec.error().code;
    return o;
}

void checkPlainText(QByteArrayView json)
{
    const std::optional<QByteArrayView> body = WebSocketCodec::plainText(json);
    if (!body || !Utf8::isValid(json))
        return;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    FUZZ_CHECK(document.isObject(), "plainText() accepted what is not a JSON object: %s",
               qPrintable(error.errorString()));
    const QJsonObject o = document.object();
    FUZZ_CHECK(o.size() == 2 && o.value(QLatin1String("type")).toString() == QLatin1String("text"),
               "plainText() accepted another object");
    FUZZ_CHECK(o.value(QLatin1String("text")).toString() == QString::fromUtf8(*body),
               "plainText() read another text than the JSON parser");
}

// Frames described by the input, masked as a client masks them.
QByteArray maskedFrames(QByteArrayView spec)
{
    QByteArray out;
    quint32 key = 0x12345678;
    qsizetype pos = 0;
    while (pos + 2 <= spec.size()) {
        const auto b0 = quint8(spec[pos]);
        const qsizetype length = qMin<qsizetype>(quint8(spec[pos + 1]), spec.size() - pos - 2);
        const QByteArrayView payload = spec.sliced(pos + 2, length);
        pos += 2 + length;
        checkPlainText(payload);
        out.append(char(b0));
        if (length < 126) {
            out.append(char(0x80 | length));
        } else {
            out.append(char(0x80 | 126));
            char b[2];
            qToBigEndian(quint16(length), b);
            out.append(b, 2);
        }
        key = key * 1664525u + 1013904223u + b0;
        char mask[4];
        qToBigEndian(key, mask);
        out.append(mask, 4);
        for (qsizetype i = 0; i < length; ++i)
            out.append(char(payload[i] ^ mask[i & 3]));
    }
    return out;
}

void checkSame(const Outcome &a, const Outcome &b, const char *what)
{
    FUZZ_CHECK(a.ok == b.ok && a.code == b.code, "%s: outcome differs", what);
    FUZZ_CHECK(a.messages.size() == b.messages.size(), "%s: %lld against %lld messages", what,
               qint64(a.messages.size()), qint64(b.messages.size()));
    for (qsizetype i = 0; i < a.messages.size(); ++i)
        FUZZ_CHECK(a.messages.at(i) == b.messages.at(i), "%s: message %lld differs", what, qint64(i));
}

void checkRoundTrip(const Message &m, qsizetype max)
{
    if (m.type != Message::Type::Text)
        return;
    const QByteArray body = m.textUtf8();
    FUZZ_CHECK(QString::fromUtf8(body).toUtf8() == body, "a decoded text is not valid UTF-8");
    WebSocketCodec server(max);
    const QByteArray encoded = server.encode(Message::makeText(m.textString(), 7, QStringLiteral("n")));
    const qsizetype header = encoded.size() - server.checkedSize(encoded);
    FUZZ_CHECK(header >= 2 && header <= 10, "header of %lld bytes", qint64(header));
    const QJsonObject o = QJsonDocument::fromJson(encoded.sliced(header)).object();
    FUZZ_CHECK(o.value(QLatin1String("text")).toString() == m.textString(), "text does not round-trip");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool quiet = (Fuzz::quietLogging(), true);
    Q_UNUSED(quiet);

    const Fuzz::Options options(data, size, 3);
    const qsizetype max = Fuzz::maxMessageSize(options.at(0));
    const quint8 chunkSeed = options.at(1);
    checkPlainText(options.rest());
    const QByteArray stream = options.at(2) & 1 ? maskedFrames(options.rest()) : options.rest().toByteArray();

    const Outcome whole = decodeAll(stream, max, true, 0);
    const Outcome chunked = decodeAll(stream, max, true, chunkSeed);
    const Outcome wholeText = decodeAll(stream, max, false, 0);
    checkSame(whole, chunked, "whole against chunked");
    checkSame(whole, wholeText, "byte mode against QString mode");
    for (const Message &m : whole.messages)
        checkRoundTrip(m, max);
    return 0;
}
