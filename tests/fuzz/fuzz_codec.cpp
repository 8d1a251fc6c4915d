// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// libFuzzer target for one decoder: fuzz_linecodec (FUZZ_FRAMES 0) or
// fuzz_framecodec (FUZZ_FRAMES 1).
//
// Input: byte 0 picks the maximum message size M (low 3 bits, see
// Fuzz::maxMessageSize), byte 1 the chunking (Fuzz::Chunker); the rest is
// the stream a peer sent (for frames, the magic is expected first, as on
// the wire).
//
// Invariants checked on every input:
// - the stream decodes to the same messages, the same outcome and the same
//   error whether fed whole or in chunks, in byte mode and in QString mode;
// - decode() returns false exactly when hasFailed(), and a failed codec
//   takes nothing more;
// - bufferedBytes() never exceeds M + 5 + the chunk just fed (codec.h:
//   "at most the maximum message size plus one chunk");
// - byte mode holds bodies as valid UTF-8 (utf8 set, text empty), QString
//   mode as text (utf8 null), and the two agree;
// - every decoded message encodes to bytes that decode back to it (names
//   and bodies compared after U+FFFD replacement; a line body ending in CR
//   is the one thing lines cannot carry: it loses trailing CRs) and whose checkedSize() is within
//   M when the message came in within M as valid UTF-8;
// - Utf8: decode(b) == fromUtf8(sanitized(b)), isValid(b) == nothing
//   replaced, sanitized() output is valid and unchanged when b was valid.
#include "codec.h"
#include "framecodec.h"
#include "linecodec.h"
#include "utf8.h"

#include "fuzzsupport.h"

#include <cstdint>

#ifndef FUZZ_FRAMES
#error "define FUZZ_FRAMES to 0 (lines) or 1 (frames)"
#endif

namespace {

constexpr Protocol::Framing kFraming = FUZZ_FRAMES ? Protocol::Framing::Frames : Protocol::Framing::Lines;

struct Outcome
{
    QList<Message> messages;
    bool ok = true;       // decode() never failed
    bool finished = true; // finishInput() succeeded
    CodecError::Code code = CodecError::Code::None;
};

Outcome decodeAll(QByteArrayView stream, qsizetype max, bool utf8, quint8 chunkSeed)
{
    Outcome o;
    std::unique_ptr<Codec> codec = Codec::create(kFraming, max);
    codec->setTextAsUtf8(utf8);
    FUZZ_CHECK(codec->framing() == kFraming, "wrong codec");
    for (QByteArrayView chunk : Fuzz::split(stream, chunkSeed)) {
        const bool ok = codec->decode(chunk, o.messages);
        FUZZ_CHECK(ok == !codec->hasFailed(), "decode() returned %d, hasFailed() %d", ok, codec->hasFailed());
        FUZZ_CHECK(codec->bufferedBytes() <= max + Protocol::kFrameHeaderSize + chunk.size(),
                   "buffered %lld bytes with M = %lld and a %lld-byte chunk",
                   (long long)codec->bufferedBytes(), (long long)max, (long long)chunk.size());
        if (!ok) {
            o.ok = false;
            FUZZ_CHECK(codec->bufferedBytes() == 0, "a failed codec still holds %lld bytes",
                       (long long)codec->bufferedBytes());
            // A failed codec stays failed and takes nothing more.
            const qsizetype before = o.messages.size();
            FUZZ_CHECK(!codec->decode(QByteArrayView("\n\n", 2), o.messages), "decode after failure succeeded");
            FUZZ_CHECK(o.messages.size() == before, "decode after failure produced messages");
            break;
        }
    }
    if (o.ok) {
        o.finished = codec->finishInput(o.messages);
        FUZZ_CHECK(o.finished == !codec->hasFailed(), "finishInput() disagrees with hasFailed()");
    } else {
        FUZZ_CHECK(!codec->finishInput(o.messages), "finishInput() after failure succeeded");
        o.finished = false;
    }
    o.code = codec->error().code;
    FUZZ_CHECK((o.code == CodecError::Code::None) == (o.ok && o.finished), "error code disagrees with the outcome");
    return o;
}

bool carriesBody(const Message &m)
{
    return m.type == Message::Type::Text || m.type == Message::Type::Notice;
}

void checkForms(const Outcome &o, bool utf8)
{
    for (const Message &m : o.messages) {
        if (!carriesBody(m)) {
            FUZZ_CHECK(m.utf8.isNull() && m.text.isEmpty(), "a message without a body has one");
            continue;
        }
        if (utf8) {
            FUZZ_CHECK(!m.utf8.isNull() && m.text.isEmpty(), "byte mode left the body in text");
            FUZZ_CHECK(Utf8::isValid(m.utf8), "byte mode produced invalid UTF-8");
        } else {
            FUZZ_CHECK(m.utf8.isNull(), "QString mode filled utf8");
        }
        if (kFraming == Protocol::Framing::Lines)
            FUZZ_CHECK(m.type == Message::Type::Text && !m.textUtf8().contains('\n'), "a line with LF");
    }
}

void checkSame(const Outcome &a, const Outcome &b, const char *what)
{
    FUZZ_CHECK(a.ok == b.ok && a.finished == b.finished && a.code == b.code,
               "%s: outcome differs (ok %d/%d, finished %d/%d, code %d/%d)", what, a.ok, b.ok, a.finished,
               b.finished, int(a.code), int(b.code));
    FUZZ_CHECK(a.messages.size() == b.messages.size(), "%s: %lld messages against %lld", what,
               (long long)a.messages.size(), (long long)b.messages.size());
    for (qsizetype i = 0; i < a.messages.size(); ++i)
        FUZZ_CHECK(a.messages.at(i) == b.messages.at(i), "%s: message %lld differs", what, (long long)i);
}

// What a decoded message must look like after encode + decode.
void checkRoundTrip(const Message &m, qsizetype max, bool utf8)
{
    std::unique_ptr<Codec> encoder = Codec::create(kFraming, max);
    QByteArray wire;
    const qsizetype checked = encoder->encodeTo(m, wire);
    FUZZ_CHECK(checked == encoder->checkedSize(wire), "encodeTo() returned %lld, checkedSize() %lld",
               (long long)checked, (long long)encoder->checkedSize(wire));
    if (!m.invalidUtf8)
        FUZZ_CHECK(checked <= max, "a message that came in within M = %lld encodes to %lld",
                   (long long)max, (long long)checked);

    std::unique_ptr<Codec> decoder = Codec::create(kFraming, qMax(max, checked));
    decoder->setTextAsUtf8(utf8);
    QList<Message> back;
    QByteArray stream = decoder->preamble() + wire;
    FUZZ_CHECK(decoder->decode(stream, back), "re-encoded message does not decode: %s",
               qPrintable(decoder->error().description));
    FUZZ_CHECK(decoder->finishInput(back), "re-encoded message leaves a partial message");

    if (kFraming == Protocol::Framing::Lines) {
        const QByteArray body = m.textUtf8();
        FUZZ_CHECK(back.size() == 1, "one line became %lld messages", (long long)back.size());
        const QByteArray got = back.at(0).textUtf8();
        // A body that does not end in CR comes back exactly. One that does
        // cannot be carried as is (its last CR would read as a CR LF
        // ending): it comes back with trailing CRs missing, nothing else.
        // (Today one CR is dropped by the encoder and one more by the
        // receiver; the report on issue 8 notes it.)
        if (!body.endsWith('\r'))
            FUZZ_CHECK(got == body, "line body changed in a round trip: [%s] became [%s]",
                       body.toHex(' ').constData(), got.toHex(' ').constData());
        else
            FUZZ_CHECK(body.startsWith(got) && body.sliced(got.size()).count('\r') == body.size() - got.size(),
                       "line body ending in CR changed beyond its trailing CRs: [%s] became [%s]",
                       body.toHex(' ').constData(), got.toHex(' ').constData());
        return;
    }

    FUZZ_CHECK(back.size() == 1, "one frame became %lld messages", (long long)back.size());
    const Message &r = back.at(0);
    FUZZ_CHECK(r.type == m.type && r.senderId == m.senderId && r.version == m.version
                   && r.noticeKind == m.noticeKind && r.data == m.data,
               "frame fields changed in a round trip");
    FUZZ_CHECK(r.textString() == m.textString(), "frame body changed in a round trip");
    FUZZ_CHECK(!r.invalidUtf8 || m.invalidUtf8, "a round trip made valid UTF-8 invalid");
    // A name within 255 bytes comes back whole; one that grew past it by
    // U+FFFD replacement is cut at a character boundary.
    if (m.name.toUtf8().size() <= Protocol::kMaxNameSize)
        FUZZ_CHECK(r.name == m.name, "frame name changed in a round trip");
    else
        FUZZ_CHECK(m.invalidUtf8 && m.name.startsWith(r.name), "a long name was not cut at its start");
    if (!m.invalidUtf8)
        FUZZ_CHECK(r == m, "frame changed in a round trip");
}

void checkUtf8(QByteArrayView bytes)
{
    bool invalidDecode = false;
    bool invalidSanitized = false;
    const QString decoded = Utf8::decode(bytes, &invalidDecode);
    const QByteArray sanitized = Utf8::sanitized(bytes, &invalidSanitized);
    const bool valid = Utf8::isValid(bytes);
    FUZZ_CHECK(invalidDecode == invalidSanitized && invalidDecode == !valid,
               "Utf8 disagrees: decode %d, sanitized %d, isValid %d", invalidDecode, invalidSanitized, valid);
    FUZZ_CHECK(decoded == QString::fromUtf8(sanitized), "decode(b) != fromUtf8(sanitized(b))");
    FUZZ_CHECK(Utf8::isValid(sanitized), "sanitized() produced invalid UTF-8");
    if (valid) {
        FUZZ_CHECK(sanitized == bytes, "sanitized() changed valid UTF-8");
        FUZZ_CHECK(decoded.toUtf8() == bytes, "decode() of valid UTF-8 does not round-trip");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool quiet = (Fuzz::quietLogging(), true);
    Q_UNUSED(quiet);

    const Fuzz::Options options(data, size, 2);
    const qsizetype max = Fuzz::maxMessageSize(options.at(0));
    const quint8 chunkSeed = options.at(1);
    const QByteArrayView stream = options.rest();

    const Outcome whole = decodeAll(stream, max, true, 0);
    const Outcome chunked = decodeAll(stream, max, true, chunkSeed);
    const Outcome wholeText = decodeAll(stream, max, false, 0);
    const Outcome chunkedText = decodeAll(stream, max, false, chunkSeed);
    checkForms(whole, true);
    checkForms(wholeText, false);
    checkSame(whole, chunked, "whole against chunked (byte mode)");
    checkSame(wholeText, chunkedText, "whole against chunked (QString mode)");
    checkSame(whole, wholeText, "byte mode against QString mode");

    for (const Message &m : whole.messages)
        checkRoundTrip(m, max, true);
    for (const Message &m : wholeText.messages)
        checkRoundTrip(m, max, false);

    if (stream.size() <= 4096)
        checkUtf8(stream);
    return 0;
}
