// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What one ClientSession is told when it is made: its limits, timeouts and
// framing rules (copied once from the server's options), its peer and
// its TLS context.
#pragma once

#include "linecodec.h"
#include "protocol.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class FramingCensus;
class HandshakeGate;
class TlsContext;
struct ServerOptions;

struct SessionConfig
{
    // What the server's options make of it; the accept path adds the peer,
    // the TLS context and the census.
    static SessionConfig from(const ServerOptions &options);

    // Unset: auto-detect from the first bytes.
    std::optional<Protocol::Framing> framing;
    int framingGraceMs = Protocol::kDefaultFramingGraceMs;
    qsizetype maxMessageSize = Protocol::kDefaultMaxMessageSize;
    qsizetype highWaterMark = Protocol::kDefaultHighWaterMark;
    qsizetype lowWaterMark = Protocol::kDefaultLowWaterMark;
    qsizetype maxOutboundQueue = Protocol::kDefaultMaxOutboundQueue;
    qsizetype readBudget = Protocol::kDefaultReadBudget;
    // Timeouts (docs/protocol.md, "Timeouts"); 0 turns one off.
    int handshakeTimeoutMs = Protocol::kDefaultHandshakeTimeoutMs;
    int messageTimeoutMs = Protocol::kDefaultMessageTimeoutMs;
    int pingIntervalMs = Protocol::kDefaultServerPingIntervalMs;
    int framesIdleTimeoutMs = Protocol::kDefaultFramesIdleTimeoutMs;
    int lineIdleTimeoutMs = Protocol::kDefaultLineIdleTimeoutMs;
    LineCodec::Output lineOutput = LineCodec::Output::Escaped;
    // Empty: no welcome notice.
    QString welcomeText;
    // The peer, as the accept path read it (null: none, as for a
    // socketpair): what the session shows and what its host counts.
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    // TLS (null: off). With it, plain connections are refused with a
    // notice unless allowPlaintext.
    std::shared_ptr<const TlsContext> tls;
    bool allowPlaintext = false;
    // The host must admit the client by its password before it is one.
    bool passwordRequired = false;
    // Where the session counts its framing (null: nowhere).
    FramingCensus *census = nullptr;
    // Where its TLS handshake waits for its turn (null: it never waits).
    HandshakeGate *handshakes = nullptr;
    // Origins a WebSocket may come from besides the page's own
    // (--ws-origin; docs/protocol.md, section 10.2).
    QStringList webSocketOrigins;
};
