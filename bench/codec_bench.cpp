// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Decode and encode throughput of LineCodec, FrameCodec and WebSocketCodec,
// for 64-byte and 4 KiB messages, with a memcpy of the same bytes as the
// reference; and a batch as the server builds one (1,000 relayed texts of
// one sender encoded into one buffer, as OutboundBatch does).
//
//   build/bench/codec_bench --benchmark_counters_tabular=true
//
// bytes_per_second counts wire bytes; items_per_second counts messages.
#include "framecodec.h"
#include "linecodec.h"
#include "websocketcodec.h"

#include <QtEndian>

#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

namespace {

// Read size the decoder is fed with, like one QTcpSocket::readAll().
constexpr qsizetype kChunkSize = 64 * 1024;
// Bytes of wire data per benchmark iteration.
constexpr qsizetype kStreamSize = 4 * 1024 * 1024;

Message sampleMessage(qsizetype textSize)
{
    return Message::makeText(QString(textSize, u'x'), 0, QString());
}

struct Stream
{
    QByteArray bytes;
    qsizetype messages = 0;
};

Stream makeStream(const Codec &codec, qsizetype textSize)
{
    const QByteArray one = codec.encode(sampleMessage(textSize));
    Stream s;
    s.bytes = codec.preamble();
    while (s.bytes.size() + one.size() <= kStreamSize) {
        s.bytes += one;
        ++s.messages;
    }
    return s;
}

// Decodes stream in socket-sized chunks with a fresh CodecT each
// iteration, after setUp(codec).
template<typename CodecT, typename SetUp>
void decodeStream(benchmark::State &state, const Stream &stream, SetUp setUp)
{
    QList<Message> out;
    out.reserve(stream.messages);
    for (auto _ : state) {
        CodecT codec;
        setUp(codec);
        out.clear();
        for (qsizetype pos = 0; pos < stream.bytes.size(); pos += kChunkSize)
            codec.decode(QByteArrayView(stream.bytes).sliced(pos, qMin(kChunkSize, stream.bytes.size() - pos)), out);
        if (out.size() != stream.messages)
            state.SkipWithError("decoded the wrong number of messages");
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(state.iterations() * stream.bytes.size());
    state.SetItemsProcessed(state.iterations() * stream.messages);
}

template<typename CodecT>
void decode(benchmark::State &state)
{
    decodeStream<CodecT>(state, makeStream(CodecT(), state.range(0)), [](CodecT &) {});
}

template<typename CodecT>
void encode(benchmark::State &state)
{
    const qsizetype textSize = state.range(0);
    const CodecT codec;
    const Message message = sampleMessage(textSize);
    const qsizetype wireSize = codec.encode(message).size();
    for (auto _ : state) {
        QByteArray bytes = codec.encode(message);
        benchmark::DoNotOptimize(bytes.data());
    }
    state.SetBytesProcessed(state.iterations() * wireSize);
    state.SetItemsProcessed(state.iterations());
}

// What a browser sends: {"type":"text","text":"xx..."} in masked text
// frames (docs/protocol.md, section 10), after the HTTP upgrade.
Stream makeClientWebSocketStream(qsizetype textSize)
{
    const QByteArray json = "{\"type\":\"text\",\"text\":\"" + QByteArray(textSize, 'x') + "\"}";
    QByteArray frame;
    frame.append(char(0x81));
    if (json.size() < 126) {
        frame.append(char(0x80 | json.size()));
    } else {
        char b[3] = { char(0x80 | 126) };
        qToBigEndian(quint16(json.size()), b + 1);
        frame.append(b, 3);
    }
    const char mask[4] = { 0x12, 0x34, 0x56, 0x78 };
    frame.append(mask, 4);
    for (qsizetype i = 0; i < json.size(); ++i)
        frame.append(char(json[i] ^ mask[i & 3]));
    Stream s;
    while (s.bytes.size() + frame.size() <= kStreamSize) {
        s.bytes += frame;
        ++s.messages;
    }
    return s;
}

void decodeWebSocket(benchmark::State &state)
{
    decodeStream<WebSocketCodec>(state, makeClientWebSocketStream(state.range(0)),
                                 [](WebSocketCodec &codec) { codec.setTextAsUtf8(true); }); // as the server reads
}

// 1,000 texts of client 3 "alice" into one buffer, reserved as
// OutboundBatch reserves (the payloads and 16 bytes a message).
template<typename CodecT>
void encodeBatch(benchmark::State &state)
{
    constexpr int kBatch = 1000;
    const qsizetype textSize = state.range(0);
    const CodecT codec;
    Message message = Message::makeText(QString(textSize, u'x'), 3, QStringLiteral("alice"));
    message.utf8 = message.textUtf8(); // the server keeps texts as UTF-8
    message.text.clear();
    qsizetype wireSize = 0;
    for (auto _ : state) {
        QByteArray bytes;
        bytes.reserve(kBatch * (textSize + 16));
        for (int i = 0; i < kBatch; ++i)
            codec.encodeTo(message, bytes);
        wireSize = bytes.size();
        benchmark::DoNotOptimize(bytes.data());
    }
    state.SetBytesProcessed(state.iterations() * wireSize);
    state.SetItemsProcessed(state.iterations() * kBatch);
}

// The reference: copying the same stream in the same chunks.
void memcpyReference(benchmark::State &state)
{
    const Stream stream = makeStream(FrameCodec(), state.range(0));
    std::vector<char> target(size_t(stream.bytes.size()));
    for (auto _ : state) {
        for (qsizetype pos = 0; pos < stream.bytes.size(); pos += kChunkSize) {
            const qsizetype n = qMin(kChunkSize, stream.bytes.size() - pos);
            std::memcpy(target.data() + pos, stream.bytes.constData() + pos, size_t(n));
        }
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * stream.bytes.size());
    state.SetItemsProcessed(state.iterations() * stream.messages);
}

} // namespace

BENCHMARK(memcpyReference)->Name("memcpy/64")->Arg(64);
BENCHMARK(memcpyReference)->Name("memcpy/4096")->Arg(4096);
BENCHMARK_TEMPLATE(decode, FrameCodec)->Name("FrameCodec/decode/64")->Arg(64);
BENCHMARK_TEMPLATE(decode, FrameCodec)->Name("FrameCodec/decode/4096")->Arg(4096);
BENCHMARK_TEMPLATE(encode, FrameCodec)->Name("FrameCodec/encode/64")->Arg(64);
BENCHMARK_TEMPLATE(encode, FrameCodec)->Name("FrameCodec/encode/4096")->Arg(4096);
BENCHMARK_TEMPLATE(decode, LineCodec)->Name("LineCodec/decode/64")->Arg(64);
BENCHMARK_TEMPLATE(decode, LineCodec)->Name("LineCodec/decode/4096")->Arg(4096);
BENCHMARK_TEMPLATE(encode, LineCodec)->Name("LineCodec/encode/64")->Arg(64);
BENCHMARK_TEMPLATE(encode, LineCodec)->Name("LineCodec/encode/4096")->Arg(4096);

BENCHMARK(decodeWebSocket)->Name("WebSocketCodec/decode/64")->Arg(64);
BENCHMARK(decodeWebSocket)->Name("WebSocketCodec/decode/4096")->Arg(4096);
BENCHMARK_TEMPLATE(encode, WebSocketCodec)->Name("WebSocketCodec/encode/64")->Arg(64);
BENCHMARK_TEMPLATE(encode, WebSocketCodec)->Name("WebSocketCodec/encode/4096")->Arg(4096);
BENCHMARK_TEMPLATE(encodeBatch, FrameCodec)->Name("FrameCodec/batch1000/64")->Arg(64);
BENCHMARK_TEMPLATE(encodeBatch, LineCodec)->Name("LineCodec/batch1000/64")->Arg(64);
BENCHMARK_TEMPLATE(encodeBatch, WebSocketCodec)->Name("WebSocketCodec/batch1000/64")->Arg(64);

BENCHMARK_MAIN();
