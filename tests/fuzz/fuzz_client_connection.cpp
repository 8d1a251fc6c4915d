// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// libFuzzer target: the client's handling of whatever a server sends,
// through the real ClientConnection (its socket, codec, hello and welcome
// handling, pings, errors and close).
//
// A QTcpServer on 127.0.0.1 is made once. For each input a ClientConnection
// connects to it; the fuzzer plays the server on the accepted descriptor: it
// writes the stream in chunks, half-closes, and reads what the client sends
// until the client closes. The loop runs until the client reports the end
// (disconnected() or errorOccurred()) and is Disconnected, and the server
// side has seen the client close. What the client sent must be a valid
// stream in its framing.
//
// Input: byte 0 = framing (bit 0: lines, frames) and M (bits 1-3,
// Fuzz::maxMessageSize); byte 1 = the chunking. The rest: what the server
// sends.
#include "clientconnection.h"
#include "codec.h"

#include "fuzzsupport.h"

#include <QHostAddress>
#include <QTcpServer>

#include <cstdint>
#include <deque>

namespace {

// Hands out accepted descriptors raw: the fuzzer's server side is a Peer.
class RawServer : public QTcpServer
{
public:
    std::deque<qintptr> accepted;

protected:
    void incomingConnection(qintptr descriptor) override { accepted.push_back(descriptor); }
};

RawServer *server()
{
    static RawServer *s = [] {
        Fuzz::ensureApplication();
        auto *r = new RawServer; // lives as long as the process
        FUZZ_CHECK(r->listen(QHostAddress(QStringLiteral("127.0.0.1")), 0), "cannot listen on 127.0.0.1");
        return r;
    }();
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    RawServer *listener = server();
    const Fuzz::Options in(data, size, 2);
    const Protocol::Framing framing = (in.at(0) & 1) ? Protocol::Framing::Frames : Protocol::Framing::Lines;
    const qsizetype max = Fuzz::maxMessageSize(in.at(0) >> 1);

    {
        // Declared before the client, whose signals the lambdas below
        // serve: the client goes first.
        bool ended = false;
        bool wasConnected = false;
        int received = 0;
        ClientConnection client;
        client.setFraming(framing);
        client.setMaxMessageSize(max);
        client.setName(QStringLiteral("fuzz"));
        QObject::connect(&client, &ClientConnection::connected, [&] { wasConnected = true; });
        QObject::connect(&client, &ClientConnection::disconnected, [&](const QString &) { ended = true; });
        QObject::connect(&client, &ClientConnection::errorOccurred, [&](const QString &) { ended = true; });
        QObject::connect(&client, &ClientConnection::messageReceived, [&](const Message &) { ++received; });
        client.connectToHost(QStringLiteral("127.0.0.1"), listener->serverPort());

        std::unique_ptr<Fuzz::Peer> peer;
        Fuzz::runUntil(
            [&] {
                return ended && client.state() == ClientConnection::State::Disconnected && peer && peer->sawEof();
            },
            [&] {
                if (!peer && !listener->accepted.empty()) {
                    const int fd = int(listener->accepted.front());
                    listener->accepted.pop_front();
                    peer = std::make_unique<Fuzz::Peer>(fd, in.rest(), in.at(1));
                }
                if (peer)
                    peer->step();
            },
            "the client's connection");
        FUZZ_CHECK(wasConnected, "the client never connected");
        FUZZ_CHECK(listener->accepted.empty(), "an unexpected second connection");

        // What the client sent: the magic, its hello and pongs (frames), or
        // nothing (lines).
        std::unique_ptr<Codec> codec = Codec::create(framing, 64 * 1024 * 1024);
        QList<Message> sent;
        FUZZ_CHECK(codec->decode(peer->received(), sent), "the client wrote a malformed stream: %s",
                   qPrintable(codec->error().description));
        if (!peer->wasReset())
            FUZZ_CHECK(codec->finishInput(sent), "the client's stream ends inside a frame");
        if (framing == Protocol::Framing::Frames) {
            FUZZ_CHECK(!sent.isEmpty() && sent.first().type == Message::Type::Hello
                           && sent.first().name == QLatin1String("fuzz"),
                       "the client did not open with its hello");
            for (qsizetype i = 1; i < sent.size(); ++i)
                FUZZ_CHECK(sent.at(i).type == Message::Type::Pong, "the client sent a %d unasked",
                           int(sent.at(i).type));
        } else {
            FUZZ_CHECK(sent.isEmpty(), "a line client sent %lld lines unasked", (long long)sent.size());
        }
    }
    Fuzz::spinOnce();
    return 0;
}
