// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// libFuzzer target: one client connection through the server's real
// per-connection code (ServerCore + ClientSession: framing detection, hello,
// messages, pings, errors, the goodbye and the lingering close).
//
// Each input gets a fresh ServerCore that does not listen. One end of a
// socketpair(AF_UNIX, SOCK_STREAM) is handed to it with adoptDescriptor(), as
// an accepting core does; the fuzzer plays the client on the other end: it
// writes the stream in chunks, half-closes, and reads until the server has
// closed. Then every session must be gone, and what the server wrote must be
// a well-formed stream in the framing it chose.
//
// Input: byte 0 = mode (bits 0-1: show, echo, relay, relay), framing setting
// (bits 2-3: auto, lines, frames, auto), framing grace (bit 4: none, so the
// grace timer decides on bytes already there, or 50 ms, so bytes or the end
// of the stream decide) and M (bits 5-7, Fuzz::maxMessageSize).
// Byte 1 = the chunking of the stream. Byte 2 = read budget (bits 0-1:
// 1, 3, 100 or 64 KiB per pass), no welcome text (bit 2), a full server
// (bit 3: maxClients 0, the refusal path), a second, passive client that
// only listens (bit 4) and, when the server's framing is auto, speaks frames
// (bit 5) or lines. The rest: what
// the client sends.
#include "clientsession.h"
#include "codec.h"
#include "framecodec.h"
#include "servercore.h"

#include "fuzzsupport.h"

#include <cstdint>

namespace {

// The server's output must be a valid stream, read as a client would (with
// a generous limit: the server's notices are its own).
QList<Message> checkOutput(const QByteArray &out, const char *who, bool mustBeWhole)
{
    const bool frames = out.startsWith(Protocol::magic());
    std::unique_ptr<Codec> codec = Codec::create(frames ? Protocol::Framing::Frames : Protocol::Framing::Lines,
                                                 64 * 1024 * 1024);
    QList<Message> messages;
    FUZZ_CHECK(codec->decode(out, messages), "%s: the server wrote a malformed stream: %s", who,
               qPrintable(codec->error().description));
    if (mustBeWhole)
        FUZZ_CHECK(codec->finishInput(messages), "%s: the server's stream ends inside a frame", who);
    if (frames) {
        FUZZ_CHECK(!messages.isEmpty() && messages.first().type == Message::Type::Hello
                       && messages.first().version == Protocol::kVersion
                       && messages.first().name == QLatin1String(ClientSession::kServerName),
                   "%s: a frames stream that does not open with the server's hello", who);
        for (qsizetype i = 1; i < messages.size(); ++i)
            FUZZ_CHECK(messages.at(i).type != Message::Type::Hello, "%s: a second hello", who);
    }
    return messages;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::ensureApplication();

    const Fuzz::Options in(data, size, 3);
    const quint8 o0 = in.at(0);
    const quint8 o2 = in.at(2);

    ServerOptions options;
    static constexpr ServerOptions::Mode modes[] = { ServerOptions::Mode::Show, ServerOptions::Mode::Echo,
                                                     ServerOptions::Mode::Relay, ServerOptions::Mode::Relay };
    static constexpr ServerOptions::FramingSetting framings[] = {
        ServerOptions::FramingSetting::Auto, ServerOptions::FramingSetting::Lines,
        ServerOptions::FramingSetting::Frames, ServerOptions::FramingSetting::Auto
    };
    static constexpr qsizetype budgets[] = { 1, 3, 100, 64 * 1024 };
    options.mode = modes[o0 & 3];
    options.framing = framings[(o0 >> 2) & 3];
    // 50 ms: long enough for the first bytes to decide (the fuzzer writes
    // at once), short enough for a refused session, which discards what it
    // reads and so waits for the timer.
    options.framingGraceMs = (o0 & 0x10) ? 0 : 50;
    options.maxMessageSize = Fuzz::maxMessageSize(o0 >> 5);
    options.readBudget = budgets[o2 & 3];
    if (o2 & 0x04)
        options.welcomeText.clear();
    if (o2 & 0x08)
        options.maxClients = 0;
    const bool observer = o2 & 0x10;
    // The observer is a well-behaved client: it speaks what the server does.
    const bool observerFrames = options.framing == ServerOptions::FramingSetting::Frames
        || (options.framing == ServerOptions::FramingSetting::Auto && (o2 & 0x20));

    int fds[2];
    FUZZ_CHECK(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0, "socketpair failed");
    int observerFds[2] = { -1, -1 };
    if (observer)
        FUZZ_CHECK(::socketpair(AF_UNIX, SOCK_STREAM, 0, observerFds) == 0, "socketpair failed");

    QByteArray observerHello;
    if (observerFrames) {
        FrameCodec codec;
        observerHello = codec.preamble();
        // Its hello only when it fits in M: the observer must stay a client.
        const QByteArray hello = codec.encode(Message::makeHello(QStringLiteral("observer"), Protocol::kVersion));
        if (codec.checkedSize(hello) <= options.maxMessageSize)
            observerHello += hello;
    }

    {
        auto *core = new ServerCore(options);
        // The observer listens until the fuzzed client is done, then leaves.
        std::unique_ptr<Fuzz::Peer> watcher;
        if (observer) {
            core->adoptDescriptor(observerFds[0]);
            // Its hello goes first; its end of stream only after the client's.
            watcher = std::make_unique<Fuzz::Peer>(observerFds[1], QByteArrayView(observerHello), 0);
            watcher->setHold(true);
        }
        core->adoptDescriptor(fds[0]);
        Fuzz::Peer client(fds[1], in.rest(), in.at(1));

        // Done when the client has seen the server close and its session is
        // gone; a refused observer may be gone already, so "at most".
        Fuzz::runUntil([&] { return client.sawEof() && core->connectionCount() <= (observer ? 1 : 0); },
                       [&] {
                           client.step();
                           if (watcher)
                               watcher->step(); // reads what is relayed to it
                           if (watcher && core->connectionCount() > 1)
                               FUZZ_CHECK(!watcher->sawEof() || options.maxClients == 0,
                                          "the observer was closed while the client was served");
                       },
                       "the fuzzed client's session");
        const bool clientReset = client.wasReset();
        if (qEnvironmentVariableIsSet("FUZZ_DUMP")) // what the server wrote, to read a reproducer
            std::fprintf(stderr, "server wrote %lld bytes%s: %s\n", (long long)client.received().size(),
                         clientReset ? " (then reset)" : "", client.received().toHex(' ').constData());
        checkOutput(client.received(), "client", !clientReset);

        // The framing the server answered in is the one the client spoke.
        const QByteArray &out = client.received();
        // A refused session too (tests/fuzz/regressions/README.md, finding 1).
        if (!out.isEmpty() && !clientReset) {
            const bool answeredFrames = out.startsWith(Protocol::magic());
            if (options.framing == ServerOptions::FramingSetting::Lines)
                FUZZ_CHECK(!answeredFrames, "a lines server answered in frames");
            else if (options.framing == ServerOptions::FramingSetting::Frames)
                FUZZ_CHECK(answeredFrames, "a frames server answered in lines");
            else if (options.framingGraceMs > 0) {
                // Auto, and bytes (not the timer) decide.
                // The magic, or a proper prefix of it (never lines since
                // 697b86d: docs/protocol.md, section 2), means frames.
                // ("GET " is HTTP, answered in neither.)
                const qsizetype n = qMin<qsizetype>(in.rest().size(), Protocol::kMagicSize);
                const bool spokeFrames = n > 0 && in.rest().first(n) == Protocol::magic().first(n);
                FUZZ_CHECK(answeredFrames == spokeFrames, "the client spoke %s, the server answered in %s",
                           spokeFrames ? "frames" : "lines", answeredFrames ? "frames" : "lines");
            }
        }

        if (watcher) {
            // Now the observer ends its stream too; it must be let go cleanly.
            Fuzz::Peer &w = *watcher;
            w.setHold(false);
            Fuzz::runUntil([&] { return w.sawEof() && core->connectionCount() == 0; }, [&] { w.step(); },
                           "the observer's session");
            checkOutput(w.received(), "observer", !w.wasReset());
        }
        FUZZ_CHECK(core->clientCount() == 0, "%d clients left after every connection closed", core->clientCount());
        delete core;
        Fuzz::spinOnce();
    }
    return 0;
}
