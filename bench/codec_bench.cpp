// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Decode and encode throughput of LineCodec and FrameCodec, for 64-byte and
// 4 KiB messages, with a memcpy of the same bytes as the reference.
//
//   build/bench/codec_bench --benchmark_counters_tabular=true
//
// bytes_per_second counts wire bytes; items_per_second counts messages.
#include "framecodec.h"
#include "linecodec.h"

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

template<typename CodecT>
void decode(benchmark::State &state)
{
    const qsizetype textSize = state.range(0);
    const Stream stream = makeStream(CodecT(), textSize);
    QList<Message> out;
    out.reserve(stream.messages);
    for (auto _ : state) {
        CodecT codec;
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

BENCHMARK_MAIN();
