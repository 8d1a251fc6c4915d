// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The wire protocol's constants, in one place. docs/protocol.md is the
// specification; every number here appears there.
#pragma once

#include <QtGlobal>
#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Protocol {

// Version carried in the hello frame. A peer that receives a hello with
// another version closes the connection (see docs/protocol.md, "Versioning").
inline constexpr quint16 kVersion = 1;

// The four bytes that open every frames connection, in each direction.
// 0xFF never occurs in UTF-8 text, so no text line can start with them.
inline constexpr char kMagic[] = { '\xFF', 'S', 'M', 'H' };
inline constexpr int kMagicSize = 4;
inline QByteArrayView magic() { return QByteArrayView(kMagic, kMagicSize); }

// Frame header: 4-byte big-endian payload length, then 1 type byte.
inline constexpr int kFrameHeaderSize = 5;

// Default largest message: a frame payload or a line without its terminator.
inline constexpr qsizetype kDefaultMaxMessageSize = 1024 * 1024;   // 1 MiB
// Largest name in a hello or a text frame's sender field (UTF-8 bytes).
inline constexpr int kMaxNameSize = 255;
// Largest ping/pong payload the peer must echo.
inline constexpr int kMaxPingPayload = 64;
// Fields appended to a hello after the name: u8 tag, u8 length, bytes
// (docs/protocol.md, "hello"). Tag 1 carries the server password; tag 2
// (empty) is in the hello of a server that requires one.
inline constexpr quint8 kHelloFieldPassword = 1;
inline constexpr quint8 kHelloFieldPasswordRequired = 2;
// Largest hello field, so the largest password (UTF-8 bytes).
inline constexpr int kMaxHelloFieldSize = 255;

// Server-side defaults (overridable by options).
inline constexpr quint16 kDefaultPort = 8000;
// How long an auto-framing server waits for the first bytes before it
// decides a silent connection speaks lines.
inline constexpr int kDefaultFramingGraceMs = 300;
inline constexpr int kDefaultMaxClients = 10000;
// Flow control (docs/protocol.md, "Flow control").
// Bytes queued for one client past which the connections feeding it are
// no longer read ...
inline constexpr qsizetype kDefaultHighWaterMark = 1024 * 1024;        // 1 MiB
// ... until its queue drains below this.
inline constexpr qsizetype kDefaultLowWaterMark = 256 * 1024;          // 256 KiB
// A client whose queue stays above the high-water mark this long is
// disconnected as a slow consumer ...
inline constexpr int kDefaultSlowConsumerTimeoutMs = 10000;
// ... and so is one whose queue passes this hard cap.
inline constexpr qsizetype kDefaultMaxOutboundQueue = 8 * 1024 * 1024;  // 8 MiB
// The most read from one connection in one pass of the event loop.
inline constexpr qsizetype kDefaultReadBudget = 64 * 1024;             // 64 KiB
// All queued and partially received bytes together; past it, no
// connection is read until it drains.
inline constexpr qsizetype kDefaultMaxBuffered = 256 * 1024 * 1024;    // 256 MiB
// Network threads, each with its own event loop and its share of the
// clients (docs/benchmarks.md has the figures behind the default).
inline constexpr int kDefaultNetworkThreads = 1;
// Connections the kernel holds for the server before it accepts them.
inline constexpr int kDefaultListenBacklog = 4096;

// Hostile or dead peers (docs/protocol.md, "Timeouts").
// A frames connection must complete its handshake (the whole magic, then a
// hello) this long after it opens; a connection that has sent a proper
// prefix of the magic waits for the rest this long too, and is never taken
// for lines.
inline constexpr int kDefaultHandshakeTimeoutMs = 10000;
// Once the first byte of a message (a frame, or a line) has arrived, the
// whole message must arrive within this time.
inline constexpr int kDefaultMessageTimeoutMs = 30000;
// The server pings a frames client from which nothing arrived for this
// long ...
inline constexpr int kDefaultServerPingIntervalMs = 30000;
// ... and closes one from which nothing at all arrived for this long.
inline constexpr int kDefaultFramesIdleTimeoutMs = 90000;
// Line clients may stay silent for hours (devices): 0, no idle timeout,
// unless --idle-timeout sets one.
inline constexpr int kDefaultLineIdleTimeoutMs = 0;
// TCP keepalive on every connection: probes after this many idle seconds,
// this many seconds apart, this many unanswered before the kernel gives up.
inline constexpr int kKeepAliveIdleSeconds = 60;
inline constexpr int kKeepAliveIntervalSeconds = 10;
inline constexpr int kKeepAliveProbes = 6;

// Connections one address may hold at once: 0, no limit, by default (a
// NAT or a test machine may hold thousands; docs/security.md).
inline constexpr int kDefaultMaxPerAddress = 0;
// Passwords (docs/security.md): after this many wrong or missing passwords
// from one address within the lockout time, the address is refused for the
// lockout time (0 failures: no lockout).
inline constexpr int kDefaultMaxPasswordFailures = 5;
inline constexpr int kDefaultPasswordLockoutMs = 60 * 1000;
// Connections from one address that are not clients yet (a TLS handshake or
// a password pending) at once; past it a connection is refused at accept
// (0: no limit).
inline constexpr int kDefaultMaxPendingPerAddress = 32;
// TLS handshakes running at once on one network thread; past it a new TLS
// connection waits, unread, for one to end (0: no limit).
inline constexpr int kDefaultMaxHandshakes = 64;
// New connections to a TLS server from one address, a token bucket: this
// many per second, and this many at once (0: no limit). Each one costs a
// TLS handshake; past the bucket a connection is closed at accept.
inline constexpr int kDefaultConnectRate = 20;
inline constexpr int kDefaultConnectBurst = 60;
// Relay mode sends join and leave notices (kinds 3 and 4) while at most
// this many clients are connected: each one goes to every client, so above
// it a churn of connections would cost clients² notices (0: never).
inline constexpr int kDefaultPresenceLimit = 200;
// A join is announced only once the client has stayed this long; one that
// leaves sooner is announced neither joining nor leaving, so a client that
// reconnects in a loop makes no presence notices (docs/protocol.md, 4.1).
inline constexpr int kDefaultPresenceHoldMs = 1000;
// Joins announced per address, a token bucket: this many at once, then one
// per this many milliseconds; the others are not announced (nor their
// leaving).
inline constexpr int kDefaultPresenceBurst = 10;
inline constexpr int kDefaultPresenceRefillMs = 6000;
// The environment variable both programs read a password from.
inline constexpr char kPasswordEnvironmentVariable[] = "SOCKETHUB_PASSWORD";
// The text of the info notice with which a server that needs a password asks
// a line client for it (docs/protocol.md, section 6.4). Protocol, not
// presentation: clients look for it, so it is never translated.
inline constexpr char kPasswordPrompt[] = "password required: send it as the first line";

// Client-side defaults.
inline constexpr int kDefaultConnectTimeoutMs = 10000;
// A frames client closes when the server's magic and hello have not
// arrived this long after the connection opened.
inline constexpr int kDefaultHelloTimeoutMs = 10000;
// Bytes the client holds for a server that does not read (its pongs to a
// ping flood, say) before it closes the connection.
inline constexpr qsizetype kDefaultClientMaxUnsent = 8 * 1024 * 1024;   // 8 MiB
inline constexpr int kDefaultHeartbeatIntervalMs = 15000;
// No frame at all from the peer for this long means it is dead.
inline constexpr int kDefaultHeartbeatTimeoutMs = 45000;
// The client's reconnect backoff: 1, 2, 4, then 5 s, each shortened by a
// random up to a fifth (README, "Reconnecting").
inline constexpr int kReconnectInitialDelayMs = 1000;
inline constexpr int kReconnectMaxDelayMs = 5000;
// A server's disconnect notice when it stops listening (a restart, say).
inline constexpr char kServerStoppedReason[] = "server stopped listening";

// Windows keep this many log lines (the newest).
inline constexpr int kDefaultLogLines = 10000;

// What a connection speaks. WebSocket: RFC 6455 text frames carrying JSON
// objects (docs/protocol.md, section 10), after an HTTP upgrade.
enum class Framing : quint8 { Lines, Frames, WebSocket };

// HTTP on the same port (docs/protocol.md, section 10). A request head
// (request line and headers, up to the empty line) larger than this is
// answered 431 and closed ...
inline constexpr qsizetype kMaxHttpHeadSize = 8 * 1024;
// ... and so is one with more header lines than this.
inline constexpr int kMaxHttpHeaders = 64;
// The path of the WebSocket endpoint; "/" serves the page.
inline constexpr char kWebSocketPath[] = "/ws";
// Largest payload of a WebSocket control frame (ping, pong, close), fixed
// by RFC 6455.
inline constexpr int kMaxWebSocketControlPayload = 125;

// Result of looking at the first bytes of a connection.
enum class Detection : quint8 { NeedMore, Lines, Frames, Http };

// The first bytes of an HTTP request this server answers.
inline constexpr char kHttpGet[] = "GET ";
inline constexpr int kHttpGetSize = 4;

// Decide the framing from the first bytes received: the magic means frames,
// "GET " an HTTP request (the page, or a WebSocket upgrade), anything that
// cannot be the start of either means lines. NeedMore: a proper prefix of
// the magic or of "GET ".
Detection detectFraming(QByteArrayView firstBytes);
// Whether the bytes are a proper prefix of "GET " (the grace period takes
// those for lines: a line client may type "GE").
bool isHttpPrefix(QByteArrayView firstBytes);

// A duration in seconds as every text of ours writes it, on the wire and
// for people: "10", "0.25", "1000.5" (no trailing zeros, no unit).
QString secondsText(qint64 ms);

const char *framingName(Framing framing);

// Combining marks kept on one character of a name; more are dropped.
inline constexpr int kMaxCombiningMarks = 2;
// A hello's name made safe to show and to put in a line prefix
// (docs/protocol.md, "Names"): every control character, format character
// (bidi controls, zero-width characters), line or paragraph separator,
// other whitespace, invisible filler, ":" and every character that looks
// like one becomes a space; combining marks on no character (a name's
// start, a space) are dropped, and those past kMaxCombiningMarks on one;
// runs of spaces become one; the result is trimmed. Empty means no name.
QString sanitizeName(const QString &name);

} // namespace Protocol
